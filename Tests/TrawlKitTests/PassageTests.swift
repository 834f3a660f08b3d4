import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// Matching, segmenting, scoring and highlighting, without an index.
@Suite(.checksXapianHandles) struct QueryMatcherTests {
    private func parse(_ text: String) throws -> QueryMatcher {
        let stem = try Stem(language: "english")
        let parser = try QueryParser()
        try parser.setStemmer(stem)
        try parser.setStemmingStrategy(.some)
        try parser.addPrefix("title", IndexSchema.Prefix.title)
        return try QueryMatcher(query: try parser.parse(text, flags: [.boolean, .phrase, .loveHate]), stemmer: stem)
    }

    private func highlighted(_ text: String, _ matcher: QueryMatcher, field: QueryMatcher.Field = .body) -> [String] {
        Highlighter.spans(of: matcher.matches(in: Tokenizer.words(in: text), field: field)).map { $0.slice(of: text) }
    }

    @Test func stemmedTermsHighlightEveryVariant() throws {
        let matcher = try parse("attack")
        #expect(highlighted("They attacked; attacks and an attack.", matcher) == ["attacked", "attacks", "attack"])
    }

    @Test func capitalisedQueryWordsMatchAnyCase() throws {
        #expect(highlighted("haifa, HAIFA and Haifa", try parse("Haifa")) == ["haifa", "HAIFA", "Haifa"])
    }

    @Test func phraseHighlightsOnlyWhereItIsAPhrase() throws {
        let matcher = try parse(#""Islamic Resistance in Iraq""#)
        let text = "Resistance in Iraq grew. The Islamic Resistance in Iraq claimed it, in Iraq."
        #expect(highlighted(text, matcher) == ["Islamic Resistance in Iraq"])
    }

    @Test func excludedWordsAreNeverHighlighted() throws {
        let matcher = try parse("drone -Gaza")
        #expect(highlighted("A drone over Gaza", matcher) == ["drone"])
        let not = try parse("drone NOT Gaza")
        #expect(highlighted("A drone over Gaza", not) == ["drone"])
    }

    @Test func titleTermsMatchOnlyTitles() throws {
        let matcher = try parse("title:haifa")
        #expect(highlighted("Haifa port", matcher, field: .body) == [])
        #expect(highlighted("Haifa port", matcher, field: .title) == ["Haifa"])
    }

    @Test func adjTermsHighlightOnlyInTheirOrder() throws {
        let matcher = try parse("drone ADJ/3 haifa")
        #expect(highlighted("Haifa was hit by a drone. Then a drone hit Haifa.", matcher) == ["drone", "Haifa"])
        #expect(highlighted("Haifa saw a drone.", matcher) == [])
    }

    @Test func wildcardsHighlightWordsTheyExpandTo() throws {
        let stem = try Stem(language: "english")
        let parser = try QueryParser()
        try parser.setStemmer(stem)
        let matcher = try QueryMatcher(query: try parser.parse("Strato*", flags: [.wildcard]), stemmer: stem)
        #expect(highlighted("The Stratofortress flew into the stratosphere over Astrato.", matcher)
            == ["Stratofortress", "stratosphere"])
    }

    @Test func nearTermsHighlightOnlyWhenNear() throws {
        let matcher = try parse("drone NEAR/2 haifa")
        #expect(highlighted("drone hit Haifa. Far away, many words later, another drone appeared somewhere", matcher)
            == ["drone", "Haifa"])
    }
}

@Suite(.checksXapianHandles) struct PassageSegmenterTests {
    private func sentence(_ n: Int, words: Int) -> String {
        (0..<words).map { $0 == 0 ? "Sentence\(n)" : "word" }.joined(separator: " ") + "."
    }

    @Test func passagesAreWholeSentencesOfFortyToEightyWords() {
        let paragraph = (1...12).map { sentence($0, words: 15) }.joined(separator: " ")
        let spans = PassageSegmenter().passages(of: [Paragraph(text: paragraph, line: 3)])
        #expect(spans.count == 4)
        for span in spans {
            let words = Tokenizer.words(in: span.text).count
            #expect(words >= 40 && words <= 80)
            #expect(span.text.hasSuffix("."))
        }
        #expect(spans.first?.cutStart == false)
        #expect(spans.first?.cutEnd == true)
        #expect(spans.last?.cutStart == true)
        #expect(spans.last?.cutEnd == false)
    }

    @Test func lineNumbersFollowHardWrappedLines() {
        let paragraph = sentence(1, words: 45) + "\n" + sentence(2, words: 45) + "\n" + sentence(3, words: 45)
        let spans = PassageSegmenter().passages(of: [Paragraph(text: paragraph, line: 10)])
        #expect(spans.map(\.line) == [10, 11, 12])
        #expect(!spans[0].text.contains("\n"))
    }

    @Test func shortFragmentsJoinTheNextParagraph() {
        let spans = PassageSegmenter().passages(of: [
            Paragraph(text: "Drone Attacks", line: 3),
            Paragraph(text: sentence(1, words: 30), line: 5),
        ])
        #expect(spans.count == 1)
        #expect(spans[0].text.hasPrefix("Drone Attacks — Sentence1"))
        #expect(spans[0].line == 3)
    }

    @Test func runOnTextIsCutAtWordBoundaries() {
        let runOn = Array(repeating: "word", count: 200).joined(separator: " ")
        let spans = PassageSegmenter().passages(of: [Paragraph(text: runOn, line: 1)])
        #expect(spans.count == 3)
        #expect(spans.allSatisfy { Tokenizer.words(in: $0.text).count <= 80 })
        #expect(spans[1].cutStart && spans[1].cutEnd)
    }

    /// The picker scores each passage by the words the segmenter already found in its paragraphs: they must be
    /// the words a fresh tokenization of the passage's text finds, at the same offsets.
    @Test func passageWordsAreThoseOfItsText() {
        let tricky = [
            "Drone Attacks",
            "The U.S. said Iran’s drones hit AT&T and C++ shops.\nPrices rose 2,500 points;\tthe café's naïve résumé — São Paulo.",
            "Mr. Smith met Gen. Jones at 3 p.m. \"It's over,\" he said! Then: (Another one.) [Yes.] U.S.A",
            "J. Doe, C#, F# and x++ wrote... Müller’s ZÜRICH bureau: 10.5% of ÉCOLE students.",
            Array(repeating: "run-on words with U.S. and co-op and 1,000.5 figures", count: 30).joined(separator: " "),
            "Short.",
            "",
            "   Spaces   around.   Sentences   here.   ",
            String(repeating: "A long sentence with many words that goes on and on. ", count: 12),
        ]
        let paragraphs = tricky.enumerated().map { Paragraph(text: $0.element, line: $0.offset * 3 + 1) }
        let spans = PassageSegmenter().passagesWithWords(of: paragraphs)
        #expect(spans.map(\.span) == PassageSegmenter().passages(of: paragraphs))
        #expect(spans.count > 5)
        for (span, words) in spans {
            #expect(words == Tokenizer.words(in: span.text), "\(span.text)")
        }
    }
}

@Suite(.checksXapianHandles) struct PassageScorerTests {
    private let scorer = PassageScorer(clauseWeights: [2.0, 1.0])

    private func match(_ clause: Int, at token: Int) -> QueryMatcher.Match {
        QueryMatcher.Match(clause: clause, start: token * 5, end: token * 5 + 4, token: token)
    }

    @Test func moreClausesScoreHigher() {
        #expect(scorer.score(matches: [match(0, at: 1), match(1, at: 30)], wordCount: 60)
            > scorer.score(matches: [match(0, at: 1)], wordCount: 60))
    }

    @Test func closerWordsScoreHigher() {
        #expect(scorer.score(matches: [match(0, at: 1), match(1, at: 2)], wordCount: 60)
            > scorer.score(matches: [match(0, at: 1), match(1, at: 40)], wordCount: 60))
    }

    @Test func rarerTermsWeighMore() {
        #expect(PassageScorer.idf(frequency: 1, documents: 1000) > PassageScorer.idf(frequency: 500, documents: 1000))
        #expect(PassageScorer.idf(frequency: 1000, documents: 1000) > 0)
    }

    @Test func shortPassagesAreNotOverRewarded() {
        #expect(scorer.score(matches: [match(0, at: 0)], wordCount: 2) == scorer.score(matches: [match(0, at: 0)], wordCount: 30))
    }

    @Test func noMatchesScoreZero() {
        #expect(scorer.score(matches: [], wordCount: 50) == 0)
    }
}
