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
            let passages = hit.passages.map { Cursors.fingerprint($0.text) }
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
}
