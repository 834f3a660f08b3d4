import FoundationEssentials

/// Runs a saved query, all its matches or only what is new since earlier `--new` runs.
public struct SavedRun {
    /// Why a hit is reported by a `--new` run.
    public enum Status: String, Sendable, Codable {
        /// Never shown before.
        case new
        /// Shown before, but its text changed and it now matches through a passage not shown then.
        case changed
    }

    /// The outcome: the hits to show, each with its status (nil outside `--new`), and the cursor to keep.
    public struct Outcome {
        public let results: SearchResults
        public let statuses: [Status?]
        /// How many articles match in all.
        public let total: Int
        /// The cursor after showing these hits.
        public let cursor: Cursors.Cursor
    }

    /// Runs `saved` as `trawl search` would, with its options.
    public static func all(_ saved: SavedQuery, searcher: Searcher) throws -> Outcome {
        let results = try searcher.search(saved.query, options: saved.options)
        return Outcome(results: results, statuses: results.hits.map { _ in nil }, total: results.estimatedMatches,
                       cursor: Cursors.Cursor())
    }

    /// The matches of `saved` that `cursor` has not shown, up to its limit, in its order; an article shown
    /// before counts again when its file changed and one of its best passages now is one not shown then.
    public static func new(_ saved: SavedQuery, searcher: Searcher, cursor: Cursors.Cursor, now: Date = Date()) throws -> Outcome {
        var cursor = cursor
        var hits: [Hit] = []
        var statuses: [Status?] = []
        let limit = saved.options.limit
        let total = try searcher.forEachMatch(saved.query, options: saved.options) { match in
            let seen = cursor.seen[match.id]
            if let seen, seen.version == match.version { return true }
            let hit = try match.hit()
            let passages = hit.passages.flatMap(Self.matchingSentences).map(Cursors.fingerprint)
            if let seen {
                // The file changed: new only if it now matches through a passage not shown before.
                let shown = Set(seen.passages)
                guard passages.contains(where: { !shown.contains($0) }) else {
                    cursor.seen[match.id] = Cursors.Seen(version: match.version, passages: seen.passages)
                    return true
                }
                statuses.append(.changed)
            } else {
                statuses.append(.new)
            }
            hits.append(hit)
            cursor.seen[match.id] = Cursors.Seen(version: match.version, passages: Array(Set((seen?.passages ?? []) + passages)).sorted())
            return hits.count < limit
        }
        if !hits.isEmpty { cursor.updated = now.formatted(.iso8601) }
        let results = SearchResults(query: saved.query, parsedQuery: "", estimatedMatches: total, offset: 0,
                                    limit: limit, hits: hits)
        return Outcome(results: results, statuses: statuses, total: total, cursor: cursor)
    }

    /// The sentences of a passage that hold a matched word: what "matches through a passage" means, so that
    /// text added beside a match (which may join the passage) does not make an article new again.
    static func matchingSentences(_ passage: Passage) -> [String] {
        let scalars = Array(passage.text.unicodeScalars)
        // Paragraphs joined into one passage are set off by " — ": split there first.
        var pieces: [Range<Int>] = []
        var start = 0, i = 0
        while i + 2 < scalars.count {
            if scalars[i] == " ", scalars[i + 1] == "\u{2014}", scalars[i + 2] == " " {
                pieces.append(start..<i)
                start = i + 3
                i += 3
            } else {
                i += 1
            }
        }
        pieces.append(start..<scalars.count)
        var out: [String] = []
        for piece in pieces where !piece.isEmpty {
            for sentence in SentenceSplitter.sentences(in: Array(scalars[piece])) {
                let range = (sentence.lowerBound + piece.lowerBound)..<(sentence.upperBound + piece.lowerBound)
                guard passage.highlights.contains(where: { $0.start < range.upperBound && $0.end > range.lowerBound }) else { continue }
                out.append(String(String.UnicodeScalarView(scalars[range])))
            }
        }
        return out
    }
}
