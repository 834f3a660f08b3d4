import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// The picker reads, stems and matches only the words that `MatchScreen` passes, and scores only the passages
/// holding one: it must choose exactly what scoring every passage chooses.
@Suite(.checksXapianHandles) struct PassageScreenTests {
    private func parse(_ text: String, stemmer: Stem? = nil) throws -> QueryMatcher {
        let stemmer = try stemmer ?? Stem(language: "english")
        let parser = try QueryParser()
        try parser.setStemmer(stemmer)
        try parser.setStemmingStrategy(.some)
        try parser.addPrefix("title", IndexSchema.Prefix.title)
        return try QueryMatcher(query: try parser.parse(text, flags: [.boolean, .phrase, .loveHate]), stemmer: stemmer)
    }

    /// What the picker chose before it screened paragraphs: every passage built, matched and scored.
    private func scoringEveryPassage(_ count: Int, _ paragraphs: [Paragraph], _ picker: PassagePicker) -> [Passage] {
        let spans = picker.segmenter.passagesWithWords(of: paragraphs)
        var scored: [(index: Int, passage: Passage)] = []
        for (index, (span, tokens)) in spans.enumerated() {
            let matches = picker.matcher.matches(in: tokens, field: .body)
            guard !matches.isEmpty else { continue }
            let score = picker.scorer.score(matches: matches, wordCount: tokens.count)
            scored.append((index, Passage(span: span, score: score, highlights: Highlighter.spans(of: matches))))
        }
        if scored.isEmpty, let first = spans.first { return [Passage(span: first.span, score: 0, highlights: [])] }
        scored.sort { ($0.passage.score, -$0.index) > ($1.passage.score, -$1.index) }
        return Array(scored.prefix(count).map(\.passage))
    }

    /// Paragraphs that pull the segmenter every way: fragments joining the next paragraph (with and without a
    /// match), run-on text, acronyms, typographic apostrophes, words whose stem is not their beginning.
    private static let tricky = [
        "Oil", "By Staff", "Prices of crude oil rose on Monday as OPEC met.",
        "The U.S. said Iran’s drones hit AT&T shops. Happily, nobody was hurt.",
        "Short line.",
        Array(repeating: "run-on words about prices and the dying industry with abilities", count: 12).joined(separator: " "),
        "Mr. Smith met Gen. Jones at 3 p.m. \"It's over,\" he said! The skies cleared.",
        "",
        "A \u{212A}ELVIN scale reading. Nothing else here at all, said the officials in a statement on Tuesday.",
        String(repeating: "A long sentence with many words that goes on and on without any match. ", count: 8),
        "Headline", "Interest rates", "The Bank of England kept interest rates on hold, the bank said.",
        // Runs of paragraphs without the query's words, ending in fragments that join the next paragraph.
        "Byline", "Photo: AP", "A long sentence of more than twelve words, without any query word in it at all.",
        "Short.", "Then the oil.", "Another long sentence of more than twelve words and nothing in it for a query.",
        "A second one of those, with many words and nothing to find in it whatever.", "End.",
    ]

    private static let queries = [
        "oil prices", "\"interest rates\"", "drone NEAR attack", "oil NEAR/3 prices", "title:oil prices", "U.S. trade",
        "us", "happy", "dying industry", "ability", "skies", "kelvin", "bank -england", "iran's drones",
        "\"bank of england\" rates", "the", "nothing matches this xyzzy", "title:headline",
    ]

    private func articles() throws -> [[Paragraph]] {
        var result = [Self.tricky.enumerated().map { Paragraph(text: $0.element, line: $0.offset * 2 + 1) }]
        var files = try FileManager.default.contentsOfDirectory(at: Fixtures.seedCorpus, includingPropertiesForKeys: nil)
        // A sample of the shared corpora where they are (every 100th file: about 230 articles).
        for name in ["bbc", "reuters"] where Fixtures.hasSharedCorpus(name) {
            let root = Fixtures.sharedCorpora.appendingPathComponent(name)
            let all = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path } ?? []
            files += all.enumerated().filter { $0.offset % 100 == 0 }.map(\.element)
        }
        for file in files where file.pathExtension == "txt" || file.pathExtension == "md" {
            guard let reader = ArticleFormats.reader(for: file.lastPathComponent) else { continue }
            let bytes = Array(try Data(contentsOf: file))
            for article in try reader.articles(in: bytes, id: file.lastPathComponent).articles {
                result.append(article.paragraphs)
            }
        }
        return result
    }

    @Test func picksWhatScoringEveryPassagePicks() throws {
        let articles = try articles()
        #expect(articles.count > 5)
        var compared = 0, screenedOut = 0
        for query in Self.queries {
            let matcher = try parse(query)
            let picker = PassagePicker(matcher: matcher, scorer: PassageScorer(clauseWeights: matcher.clauses.map { _ in 1.5 }))
            for paragraphs in articles {
                for count in [1, 3] where count == 3 || paragraphs.count < 30 {
                    let expected = scoringEveryPassage(count, paragraphs, picker)
                    #expect(picker.pick(count, from: paragraphs) == expected, "\(query): \(paragraphs.first?.text ?? "")")
                    compared += 1
                }
                screenedOut += paragraphs.count { read($0.text, matcher).isEmpty }
            }
        }
        // The screen must actually leave whole paragraphs out, or this compares little.
        #expect(compared > 100 && screenedOut > 100)
    }

    /// A title's highlights, from the words the title screen passes, are those of matching every word of it.
    @Test func titleSpansAreThoseOfMatchingEveryWord() throws {
        // Paragraphs stand in for titles (with the shared corpora's sample, thousands).
        let titles = try articles().joined().map(\.text)
        #expect(titles.count > 50)
        for query in Self.queries + ["title:oil", "title:\"interest rates\" bank", "title:drone NEAR attack"] {
            let matcher = try parse(query)
            for title in titles {
                let expected = Highlighter.spans(of: matcher.matches(in: Tokenizer.words(in: title), field: .title))
                #expect(Highlighter.titleSpans(title, matcher: matcher) == expected, "\(query): \(title)")
            }
        }
    }

    /// Porter2 may end a stem with letters its words do not have there; `stemPrefix` leaves them out.
    @Test func everyWordBeginsWithItsStemPrefix() throws {
        var words = ["dying", "lying", "tying", "skies", "ability", "bistability", "sensibility", "possibly", "happy",
                     "happily", "fluency", "hesitancy", "generalization", "relational", "hoping", "hopping", "agreed",
                     "ugly", "early", "only", "singly", "gently", "idly", "ties", "cries", "news", "attacks", "prices"]
        for paragraphs in try articles() {
            for paragraph in paragraphs { words += Tokenizer.words(in: paragraph.text).map(\.word) }
        }
        let stemmer = try Stem(language: "english")
        for word in Set(words) {
            let stem = stemmer(word)
            #expect(word.hasPrefix(MatchScreen.stemPrefix(stem)), "\(word) → \(stem)")
        }
    }

    /// The words of `text` that the tokenizer reads for `matcher` (the others are left empty).
    private func read(_ text: String, _ matcher: QueryMatcher) -> [String] {
        Tokenizer.words(in: Array(text.unicodeScalars), keepingWordsStartingWith: matcher.screen.needles)
            .map(\.word).filter { !$0.isEmpty }
    }

    @Test func screenPassesWordsThatCouldMatch() throws {
        let matcher = try parse("happy drones")
        #expect(read("They were HAPPY, happily, with drones and dronesque happiness.", matcher)
                == ["happy", "happily", "drones", "dronesque", "happiness"])
        #expect(read("Nothing about either here.", matcher).isEmpty)
        // Dotted acronyms lose their dots; the Kelvin sign lower-cases to k; a Porter2 stem is not always
        // its word's beginning (dying → die).
        #expect(read("the U.S. army, US and us", try parse("us")) == ["us", "us", "us"])
        #expect(read("\u{212A}ELVIN and kelvins", try parse("kelvin")) == ["kelvin", "kelvins"])
        #expect(read("A dying trade, the dead and the diet.", try parse("die")) == ["dying", "dead", "diet"])
        // Typographic apostrophes: the needle stops before the apostrophe.
        #expect(read("Iran’s drones", try parse("\"iran's drones\"")) == ["iran's", "drones"])
        // title: terms never match a body; another language's stems are not known, so every word is read.
        #expect(read("oil", try parse("title:oil")).isEmpty)
        #expect(read("rien du tout", try parse("pétrole", stemmer: try Stem(language: "french"))) == ["rien", "du", "tout"])
    }

    /// The screen passes every paragraph where the tokenizer reads a word (the picker relies on it), and leaves
    /// out one whose needles stand only inside words.
    @Test func screenPassesEveryParagraphWhereAWordIsRead() throws {
        let articles = try articles()
        // Random lines of letters, digits, punctuation, apostrophes and scalars outside ASCII, around the needles.
        var random = SeededRandom(state: 6)
        let pieces = ["oil", "Oil", "OIL", "toil", "rat", "corporate", "U.S.", "us", "die", "dy", "prices", "'", "’",
                      "&", "-", ".", ",", " ", "  ", "\n", "é", "ü", "\u{212A}", "\u{130}", "2", "_", "x", "(", "C++"]
        let lines = (0..<1000).map { _ in (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        for query in ["oil prices", "\"interest rates\"", "U.S. trade", "happy", "dying industry", "kelvin", "iran's drones", "oil rates"] {
            let matcher = try parse(query)
            // (With no needle no word can match, whatever the tokenizer reads: the screen passes nothing.)
            #expect(matcher.screen.needles?.isEmpty == false)
            for text in articles.joined().map(\.text) + lines where !read(text, matcher).isEmpty {
                #expect(matcher.screen.mayHold(text), "\(query): \(text)")
            }
        }
        let screen = try parse("oil rates").screen
        #expect(!screen.mayHold("Turmoil at the corporate office, said the spoil-sport."))
        #expect(screen.mayHold("turmoil, then oil."))
        #expect(screen.mayHold("(Oil) and"))
        #expect(screen.mayHold("OIL"))
        #expect(screen.mayHold("Rating"))
        // After a scalar outside ASCII a word may begin (the screen does not decode it to tell).
        #expect(screen.mayHold("éoil"))
    }

    /// A word left unread is placed where reading every word puts it, and a word read is the same word.
    @Test func unreadWordsArePlacedAsReadOnesAre() throws {
        var random = SeededRandom(state: 7)
        let pieces = ["oil", "C++", "C#", "ab+", "abcd++", "x++y", "++", "U.S.", "U.S.A", "A.B", "don't", "Iran’s", "AT&T",
                      "2,500", "3.5", "a.b", "x·y", "‛", "’", "'", "&", "-", ".", ",", " ", "\n", "é", "ü", "\u{212A}",
                      "\u{130}", "日本", "_", "+", "#", "(", "1", "٣", "toil"]
        let lines = (0..<1000).map { _ in (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        let texts = try articles().joined().map(\.text) + lines
        for needles in [[], ["oil"], ["c", "u"], ["a", "x", "d", "2"]].map({ $0.map { Array($0.utf8) } }) {
            for text in texts {
                let scalars = Array(text.unicodeScalars)
                let every = Tokenizer.words(in: scalars)
                let screened = Tokenizer.words(in: scalars, keepingWordsStartingWith: needles)
                #expect(screened.map { [$0.start, $0.end] } == every.map { [$0.start, $0.end] }, "\(needles): \(text)")
                #expect(zip(screened, every).allSatisfy { $0.word.isEmpty || $0.word == $1.word }, "\(needles): \(text)")
            }
        }
    }

    /// Words left unread (empty) are tried by no clause, but still count as positions: a phrase does not run
    /// across one, NEAR and ADJ windows count them; only a pattern with empty text (built by hand) matches them.
    @Test func unreadWordsMatchNothingButTakeTheirPlace() throws {
        let words = ["drone", "", "attack", "", "", "haifa", "drone", "attack"]
        let tokens = words.enumerated().map { Token(start: $0.offset * 10, end: $0.offset * 10 + 5, word: $0.element) }
        func exact(_ text: String) -> QueryMatcher.TermPattern { .init(kind: .exact, text: text) }
        let matcher = QueryMatcher(clauses: [.term(exact("drone")), .phrase([exact("drone"), exact("attack")]),
                                             .near([exact("drone"), exact("haifa")], window: 3),
                                             .ordered([exact("drone"), exact("attack")], window: 3)],
                                   clauseTerms: [], stemmer: try Stem(language: "english"))
        let found = matcher.matches(in: tokens, field: .body).map { [$0.clause, $0.token] }
        #expect(found == [[0, 0], [3, 0], [3, 2], [2, 5], [0, 6], [1, 6], [2, 6], [3, 6], [3, 7]])
        let empty = QueryMatcher(clauses: [.term(exact(""))], clauseTerms: [], stemmer: try Stem(language: "english"))
        #expect(empty.matches(in: tokens, field: .body).map(\.token) == [1, 3, 4])
    }
}

/// Search leaves furniture lines out of passages by their fingerprints: the quick ASCII path must give the
/// fingerprints the index holds (FNV-1a of the line lower-cased and single-spaced).
@Suite(.checksXapianHandles) struct FurnitureFingerprintTests {
    @Test func asciiLinesHashTheirWordsLowerCasedAndSingleSpaced() {
        let lines = ["Follow the Daily Planet", "  Share\tthis \r\n story  ", "", "   ", "A", "AT&T_2,500 [Ads] @Home",
                     "Related\u{0B}Posts\u{0C}here\r", "café Ünïcode LINE", "non\u{A0}breaking space", "Kelvin \u{212A}"]
        for line in lines {
            let reference = contentHash(Array(line.lowercased().split(whereSeparator: \.isWhitespace)
                .joined(separator: " ").utf8))
            #expect(Furniture.fingerprint(line) == reference, "\(line)")
        }
        #expect(Furniture.fingerprint("Share  THIS") == Furniture.fingerprint(" share this "))
    }
}
