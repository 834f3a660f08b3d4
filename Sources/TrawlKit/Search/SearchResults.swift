/// A highlighted stretch of text: [start, end) in Unicode scalars of the text it belongs to.
/// Encoded in JSON as a two-element array, `[start, end]`.
public struct HighlightSpan: Sendable, Equatable, Codable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        start = try container.decode(Int.self)
        end = try container.decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }

    /// The highlighted part of `text`.
    public func slice(of text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let lower = min(max(start, 0), scalars.count), upper = min(max(end, lower), scalars.count)
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }
}

/// A passage shown for a hit.
public struct Passage: Sendable, Equatable, Codable {
    /// The passage's text on one line.
    public let text: String
    /// Its score against the query (BM25 over the collection plus proximity).
    public let score: Double
    /// The 1-based line of the original file where it starts.
    public let line: Int
    /// The matched words, in order, not overlapping.
    public let highlights: [HighlightSpan]
    /// True when the passage starts inside a paragraph (text output shows "…").
    public let cutStart: Bool
    /// True when the passage stops inside a paragraph.
    public let cutEnd: Bool

    public init(text: String, score: Double, line: Int, highlights: [HighlightSpan], cutStart: Bool, cutEnd: Bool) {
        self.text = text
        self.score = score
        self.line = line
        self.highlights = highlights
        self.cutStart = cutStart
        self.cutEnd = cutEnd
    }

    init(span: PassageSpan, score: Double, highlights: [HighlightSpan]) {
        self.init(text: span.text, score: score, line: span.line, highlights: highlights, cutStart: span.cutStart,
                  cutEnd: span.cutEnd)
    }
}

/// One ranked article.
public struct Hit: Sendable, Equatable, Codable {
    /// 1-based rank in the whole result list.
    public let rank: Int
    /// Score from Xapian (under `SearchOptions.weighting`).
    public let score: Double
    /// The article's id: its path relative to its corpus root.
    public let id: String
    /// A path to the file that opens from the current directory (relative when under it).
    public let path: String
    /// The line of the best passage (1 when none).
    public let line: Int
    public let title: String
    /// The matched words in the title.
    public let titleHighlights: [HighlightSpan]
    public let date: String?
    public let source: String?
    public let author: String?
    public let url: String?
    /// The first folder under the corpus root, if any.
    public let section: String?
    /// How many near-duplicates of this article (copies, light rewrites) were folded into it; at least this many.
    public let similar: Int
    /// The best passages, best first.
    public let passages: [Passage]
    /// With `--explain`: what each query term adds to `score` (they add up to it), query terms first, then
    /// feedback terms by weight.
    public var explain: [ScoreContribution]? = nil
}

/// The answer to a search.
public struct SearchResults: Sendable, Equatable, Codable {
    /// The query as given.
    public let query: String
    /// How Xapian parsed it, e.g. "Query((Zdrone@1 AND Zattack@2 AND haifa@3))".
    public let parsedQuery: String
    /// Xapian's estimate of how many articles match in all.
    public let estimatedMatches: Int
    public let offset: Int
    public let limit: Int
    public let hits: [Hit]
    /// A correction of misspelt words ("Did you mean"), from the index's spelling data, when there is one.
    public var suggestion: String? = nil
    /// True when the query as given matched nothing and these are the results of `suggestion` instead.
    public var ranSuggestion = false
    /// With `--facets`: each facet's values counted among all matching articles.
    public var facets: Facets? = nil
}
