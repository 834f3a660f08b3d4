/// Chooses the passages to show for a hit: cuts the article into passages, scores each against the query,
/// and returns the best few, in score order, with the matched words' spans.
public struct PassagePicker {
    public var segmenter = PassageSegmenter()
    public let matcher: QueryMatcher
    public let scorer: PassageScorer

    public init(matcher: QueryMatcher, scorer: PassageScorer) {
        self.matcher = matcher
        self.scorer = scorer
    }

    /// The best `count` passages of an article's paragraphs. Passages with no match are shown only when
    /// nothing matched at all (then the opening passage stands in, with score 0).
    public func pick(_ count: Int, from paragraphs: [Paragraph]) -> [Passage] {
        guard count > 0 else { return [] }
        let spans = segmenter.passagesWithWords(of: paragraphs)
        var scored: [(index: Int, passage: Passage)] = []
        for (index, (span, tokens)) in spans.enumerated() {
            let matches = matcher.matches(in: tokens, field: .body)
            guard !matches.isEmpty else { continue }
            let score = scorer.score(matches: matches, wordCount: tokens.count)
            scored.append((index, Passage(span: span, score: score, highlights: Highlighter.spans(of: matches))))
        }
        if scored.isEmpty, let first = spans.first {
            return [Passage(span: first.span, score: 0, highlights: [])]
        }
        // Best first; equal scores in article order, so the choice never depends on anything else.
        scored.sort { ($0.passage.score, -$0.index) > ($1.passage.score, -$1.index) }
        return scored.prefix(count).map(\.passage)
    }
}

/// Turns matches into highlight spans.
public enum Highlighter {
    /// Sorted, non-overlapping [start, end) spans covering every match (overlapping or touching ones merged).
    public static func spans(of matches: [QueryMatcher.Match]) -> [HighlightSpan] {
        var result: [HighlightSpan] = []
        for match in matches.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = result.last, match.start <= last.end {
                result[result.count - 1] = HighlightSpan(start: last.start, end: max(last.end, match.end))
            } else {
                result.append(HighlightSpan(start: match.start, end: match.end))
            }
        }
        return result
    }

    /// The spans of the query's matches in a title.
    public static func titleSpans(_ title: String, matcher: QueryMatcher) -> [HighlightSpan] {
        spans(of: matcher.matches(in: Tokenizer.words(in: title), field: .title))
    }
}
