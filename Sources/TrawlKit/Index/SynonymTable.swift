import FoundationEssentials
import Xapian

/// trawl.toml's `[synonyms]` as Xapian's synonym table holds them, so that its query parser expands them at
/// query time: every member of a group (the word and its alternatives) lists every other member. A member is
/// written lower-cased with single spaces, as the parser looks it up; one of several words is a phrase
/// (the searcher turns such a synonym into a phrase query), so `IDF` finds "Israel Defense Forces" and
/// `Israel Defense Forces` finds `IDF`.
public enum SynonymTable {
    /// (key, synonym) pairs, sorted and without repeats.
    static func entries(_ synonyms: [Synonym]) -> [(key: String, synonym: String)] {
        var pairs = Set<[String]>()
        for group in synonyms {
            let members = ([group.term] + group.alternatives).map(normalise).filter { !$0.isEmpty }
            for key in members {
                for synonym in members where synonym != key { pairs.insert([key, synonym]) }
            }
        }
        return pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { ($0[0], $0[1]) }
    }

    /// Lower-cased words, single spaces: how the query parser joins the words it looks up.
    static func normalise(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A fingerprint of the table, kept in the index's metadata to tell whether trawl.toml changed since.
    static func fingerprint(_ synonyms: [Synonym]) -> String {
        let text = entries(synonyms).map { "\($0.key)\u{1F}\($0.synonym)" }.joined(separator: "\u{1E}")
        return text.isEmpty ? "" : String(contentHash(Array(text.utf8)), radix: 16)
    }

    /// Makes the index's synonym table hold `synonyms`, when it does not already.
    static func sync(_ synonyms: [Synonym], into db: WritableDatabase) throws {
        let fingerprint = fingerprint(synonyms)
        guard try db.metadata(IndexSchema.Key.synonyms) != fingerprint else { return }
        try db.clearSynonyms()
        for (key, synonym) in entries(synonyms) { try db.addSynonym(key, synonym) }
        try db.setMetadata(IndexSchema.Key.synonyms, fingerprint)
    }
}
