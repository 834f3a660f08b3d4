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
    ///
    /// The work is in proportion to what can match: every paragraph is cut into sentences and its words
    /// placed and counted (except runs of paragraphs that hold no needle, see `PassageSegmenter.cut`), but
    /// only words that `MatchScreen` passes are read, stemmed and matched, only the passages holding one are
    /// scored, and only the passages shown have their text built. The result is that of scoring every passage.
    public func pick(_ count: Int, from paragraphs: [Paragraph]) -> [Passage] {
        guard count > 0 else { return [] }
        let screen = matcher.screen
        // Paragraphs that hold no needle at all are not even read, where the segmenter can tell they do not
        // change a passage that does.
        let holding = screen.needles.map { _ in paragraphs.map { screen.mayHold($0.text) } }
        let reading = segmenter.cut(paragraphs, keepingWordsStartingWith: screen.needles, holding: holding)
        func mayMatch(_ cut: PassageSegmenter.Cut) -> Bool {
            cut.parts.contains { part in reading.tokens[part.paragraph][part.tokens].contains { !$0.word.isEmpty } }
        }
        var scored: [(index: Int, score: Double, highlights: [HighlightSpan])] = []
        for (index, cut) in reading.cuts.enumerated() where mayMatch(cut) {
            let tokens = reading.words(of: cut)
            let matches = matcher.matches(in: tokens, field: .body)
            guard !matches.isEmpty else { continue }
            let score = scorer.score(matches: matches, wordCount: tokens.count)
            scored.append((index, score, Highlighter.spans(of: matches)))
        }
        if scored.isEmpty {
            // Nothing matched: the opening passage, from a reading of the whole article (without its words).
            let whole = holding == nil ? reading : segmenter.cut(paragraphs, keepingWordsStartingWith: [])
            guard let first = whole.cuts.first else { return [] }
            return [Passage(span: whole.span(of: first), score: 0, highlights: [])]
        }
        // Best first; equal scores in article order, so the choice never depends on anything else.
        scored.sort { ($0.score, -$0.index) > ($1.score, -$1.index) }
        return scored.prefix(count).map {
            Passage(span: reading.span(of: reading.cuts[$0.index]), score: $0.score, highlights: $0.highlights)
        }
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

    /// The spans of the query's matches in a title. As for passages, only the words that `MatchScreen` passes
    /// are read and matched, and a title that holds none of its needles is not read at all.
    public static func titleSpans(_ title: String, matcher: QueryMatcher) -> [HighlightSpan] {
        let screen = matcher.titleScreen
        guard screen.mayHold(title) else { return [] }
        let words = Tokenizer.words(in: Array(title.unicodeScalars), keepingWordsStartingWith: screen.needles)
        return spans(of: matcher.matches(in: words, field: .title))
    }
}
