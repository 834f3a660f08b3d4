#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scores a passage against a query with BM25 over the collection's statistics, plus a bonus where
/// different query words stand close together.
///
/// Each clause (a term, a phrase, a near-group) counts as one BM25 term: its weight is the inverse document
/// frequency of its terms in the whole index, so a passage's score does not depend on which other articles
/// the search returned.
public struct PassageScorer: Sendable {
    /// The inverse document frequency of each clause (index = clause index).
    public let clauseWeights: [Double]
    public var k1 = 1.2
    public var b = 0.75
    /// The passage length BM25 normalises against, in words.
    public var averageLength = 60.0
    /// Shorter passages are scored as if this long, so a two-word heading does not outrank a real passage.
    public var minimumLength = 30.0
    /// How many positions apart two different clauses may be for the proximity bonus.
    public var proximityWindow = 10

    public init(clauseWeights: [Double]) {
        self.clauseWeights = clauseWeights
    }

    /// BM25's inverse document frequency for a term in `frequency` of `documents` documents (never negative).
    public static func idf(frequency: Int, documents: Int) -> Double {
        let n = Double(max(frequency, 0)), total = Double(max(documents, 1))
        return log1p((total - n + 0.5) / (n + 0.5))
    }

    /// The score of a passage of `wordCount` words with these matches (from `QueryMatcher.matches`).
    public func score(matches: [QueryMatcher.Match], wordCount: Int) -> Double {
        guard !matches.isEmpty else { return 0 }
        // Matches counted by clause (clause indices are small: an array, not a dictionary).
        var frequencies = [Int](repeating: 0, count: matches.reduce(0) { max($0, $1.clause) } + 1)
        for match in matches { frequencies[match.clause] += 1 }
        let length = max(Double(wordCount), minimumLength)
        let norm = k1 * (1 - b + b * length / averageLength)
        var score = 0.0
        // In clause order, always the same, so that the sum's last bits are too.
        for (clause, tf) in frequencies.enumerated() where tf > 0 {
            let f = Double(tf)
            score += weight(clause) * f * (k1 + 1) / (f + norm)
        }
        // Proximity: neighbouring matches of different clauses, closer is better.
        let ordered = matches.sorted { $0.token < $1.token }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.clause != b.clause {
            let distance = b.token - a.token
            guard distance <= proximityWindow else { continue }
            let closeness = 1 - Double(distance - 1) / Double(proximityWindow)
            score += 0.25 * min(weight(a.clause), weight(b.clause)) * closeness
        }
        return score
    }

    private func weight(_ clause: Int) -> Double {
        clause < clauseWeights.count ? clauseWeights[clause] : 1
    }
}
