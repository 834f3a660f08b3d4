import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Pure text logic: tokenizing, sentences, decoding, reading plain-text articles.
@Suite(.checksXapianHandles) struct TokenizerTests {
    /// ASCII is judged from a bit table: digits, letters and the underscore, as Xapian's is_wordchar.
    @Test func asciiWordCharactersAreDigitsLettersAndUnderscore() {
        for v in UInt8(0)...UInt8(127) {
            let expected = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x5F
            #expect(Tokenizer.isWordCharacter(Unicode.Scalar(v)) == expected, "\(v)")
        }
        #expect(Tokenizer.isWordCharacter("é") && Tokenizer.isWordCharacter("٣") && !Tokenizer.isWordCharacter("—"))
    }

    @Test func wordsWithOffsetsInUnicodeScalars() {
        let tokens = Tokenizer.words(in: "Iran’s drones — over Haifa.")
        #expect(tokens.map(\.word) == ["iran's", "drones", "over", "haifa"])
        #expect(tokens.map(\.start) == [0, 7, 16, 21])
        #expect(tokens.map(\.end) == [6, 13, 20, 26])
    }

    @Test func hyphensSplitAndDigitGroupsStay() {
        #expect(Tokenizer.words(in: "Israeli-occupied 2,500 troops, 3.5%").map(\.word)
            == ["israeli", "occupied", "2,500", "troops", "3.5"])
    }

    @Test func dottedAcronymsLoseTheirDots() {
        #expect(Tokenizer.words(in: "the U.S. military and U.S.A").map(\.word) == ["the", "us", "military", "and", "usa"])
    }

    @Test func trailingPlusAndHashStayOnShortWords() {
        #expect(Tokenizer.words(in: "C++ and C# code").map(\.word) == ["c++", "and", "c#", "code"])
    }

    @Test func nonLatinLettersAreWords() {
        #expect(Tokenizer.words(in: "Ελλάδα und Straße").map(\.word) == ["ελλάδα", "und", "straße"])
    }
}

@Suite(.checksXapianHandles) struct SentenceSplitterTests {
    private func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return SentenceSplitter.sentences(in: scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func splitsAtFullStopsBeforeCapitals() {
        #expect(sentences("One drone hit. Two more fell! Was it three? Yes.")
            == ["One drone hit.", "Two more fell!", "Was it three?", "Yes."])
    }

    @Test func abbreviationsAndInitialismsDoNotEndSentences() {
        #expect(sentences("Dr. Samir Alavi spoke. The U.S. Central Command agreed. Gen. Smith left.")
            == ["Dr. Samir Alavi spoke.", "The U.S. Central Command agreed.", "Gen. Smith left."])
    }

    /// Every abbreviation, in any case, keeps its sentence going; a longer word, or one with other letters, ends it.
    @Test func abbreviationsAreKnownWhateverTheirCase() {
        for word in ["Mr", "mrs", "GEN", "Approx", "sept", "Co", "Ltd", "etc", "al", "Nos"] {
            #expect(sentences("Ask \(word). Then go.") == ["Ask \(word). Then go."], "\(word)")
        }
        for word in ["Approxi", "Mister", "Gens", "cat", "co-op"] {
            #expect(sentences("Ask \(word). Then go.") == ["Ask \(word).", "Then go."], "\(word)")
        }
    }

    /// The segmenter decodes a paragraph's UTF-8 itself: the scalars of one, two, three and four bytes are the
    /// String's own.
    @Test func paragraphScalarsAreTheStringsOwn() {
        var random = SeededRandom(state: 9)
        let samples: [Unicode.Scalar] = ["a", "\n", "\u{7F}", "\u{80}", "é", "\u{7FF}", "\u{800}", "—", "\u{FFFD}", "\u{FFFF}",
                                         "\u{10000}", "🚀", "\u{10FFFF}"]
        for _ in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &random) { text.append(samples.randomElement(using: &random)!) }
            #expect(PassageSegmenter.decode(String(text)).scalars == Array(text))
        }
    }

    /// The segmenter notes where sentences may end as it decodes a paragraph; the splitter, given those, finds
    /// the sentences it finds by looking at every scalar.
    @Test func sentencesFromDecodedStopsAreTheScannedOnes() {
        var random = SeededRandom(state: 10)
        let pieces = ["Mr.", "U.S.", "a.m.", "Gen", "word", "Word", "3.5", "2", ".", "!", "?", "…", "...", "?!", "\"", "'",
                      ")", "]", "”", "’", "»", "«", "“", "(", " ", "  ", "\n", "\t", "\u{A0}", "é", "É", "Ünï", "日本", "🚀"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let (scalars, stops) = PassageSegmenter.decode(text)
            #expect(stops == scalars.indices.filter { SentenceSplitter.isTerminator(scalars[$0]) }, "\(text)")
            #expect(SentenceSplitter.sentences(in: scalars, stops: stops) == SentenceSplitter.sentences(in: scalars), "\(text)")
        }
    }

    @Test func closingQuotesStayWithTheirSentence() {
        #expect(sentences("He said “a crushing response.” Then he left.") == ["He said “a crushing response.”", "Then he left."])
    }

    @Test func noSpaceNoBoundary() {
        #expect(sentences("Al Jazeera.CONTINUE READING") == ["Al Jazeera.CONTINUE READING"])
    }
}

@Suite(.checksXapianHandles) struct TextDecodingTests {
    @Test func utf8WithByteOrderMark() throws {
        let decoded = try #require(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Haifa".utf8)))
        #expect(decoded.text == "Haifa")
        #expect(decoded.encoding == .utf8)
    }

    @Test func invalidUTF8FallsBackToWindows1252() throws {
        // BBC sport/199.txt has a raw 0xA3 for "£"; 0x93/0x94 are curly quotes in Windows-1252.
        let decoded = try #require(TextDecoding.decode(Array("cost ".utf8) + [0xA3] + Array("5 ".utf8) + [0x93, 0x78, 0x94]))
        #expect(decoded.text == "cost £5 “x”")
        #expect(decoded.encoding == .windows1252)
    }

    @Test func utf16WithByteOrderMark() throws {
        let decoded = try #require(TextDecoding.decode([0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00]))
        #expect(decoded.text == "Hi")
    }

    @Test func lineEndsAreNormalised() throws {
        #expect(try #require(TextDecoding.decode(Array("a\r\nb\rc\n".utf8))).text == "a\nb\nc\n")
    }

    @Test func nulBytesMeanBinary() {
        #expect(TextDecoding.decode([0x41, 0x00, 0x42]) == nil)
    }

    /// Only the first 4,096 characters are looked at, whether they are all printable ASCII (told from the bytes)
    /// or not (counted by character).
    @Test func controlCharactersInTheFirst4096CharactersMeanBinary() {
        let controls = [UInt8](repeating: 0x01, count: 500)
        #expect(TextDecoding.looksBinary(String(decoding: Array("ab\n\t\r\u{0C}".utf8) + controls, as: UTF8.self)))
        #expect(!TextDecoding.looksBinary(String(repeating: "word ", count: 1000) + String(decoding: controls, as: UTF8.self)))
        #expect(!TextDecoding.looksBinary(""))
        #expect(!TextDecoding.looksBinary("Haifa\n\tport\r\u{0C}"))
        // Non-ASCII text goes the long way: accents are fine, C1 controls and DEL are not.
        #expect(!TextDecoding.looksBinary(String(repeating: "café ", count: 1000)))
        #expect(TextDecoding.looksBinary(String(repeating: "\u{85}\u{7F}a", count: 100)))
        // 4,095 printable characters then odd ones: a tenth of the first 4,096 is not reached.
        #expect(!TextDecoding.looksBinary(String(repeating: "a", count: 4095) + String(decoding: controls, as: UTF8.self)))
        #expect(TextDecoding.looksBinary(String(repeating: "a", count: 3000) + String(decoding: controls, as: UTF8.self)))
    }

    /// Texts made at random from ASCII, accents, C1 controls, U+FFFD, emoji and line ends: `looksBinary` and
    /// `normaliseLineEnds` read bytes, and answer as counting and rewriting scalar by scalar does.
    @Test func bytesAreJudgedAsScalarsAre() {
        let pieces = ["a", "word ", "\n", "\r", "\r\n", "\t", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
                      "\u{9F}", "\u{A0}", "é", "\u{FFFD}", "\u{FFFC}", "\u{1F600}", "\u{4E00}", "\u{301}"]
        func scalarsLookBinary(_ text: String) -> Bool {
            var total = 0, odd = 0
            for scalar in text.unicodeScalars.prefix(4096) {
                total += 1
                let v = scalar.value
                if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D && v != 0x0C) || v == 0x7F || v == 0xFFFD
                    || (v >= 0x80 && v < 0xA0) {
                    odd += 1
                }
            }
            return total > 0 && odd * 10 > total
        }
        func scalarsNormalised(_ text: String) -> String {
            var result = String.UnicodeScalarView(), previousWasCR = false
            for scalar in text.unicodeScalars {
                if scalar == "\r" { result.append("\n") } else if !(scalar == "\n" && previousWasCR) { result.append(scalar) }
                previousWasCR = scalar == "\r"
            }
            return String(result)
        }
        var random = SeededRandom(state: 3)
        var binary = 0
        for n in 0..<3_000 {
            // Mostly short texts; some past 4,096 characters, where only the first ones count.
            let length = n % 10 == 0 ? Int.random(in: 4_000...5_000, using: &random) : Int.random(in: 0...60, using: &random)
            let odds = Int.random(in: 0...3, using: &random)
            let text = (0..<length).map { _ in
                pieces[Int.random(in: 0..<(Int.random(in: 0...3, using: &random) < odds ? pieces.count : 3), using: &random)]
            }.joined()
            let expected = scalarsLookBinary(text)
            if expected { binary += 1 }
            #expect(TextDecoding.looksBinary(text) == expected, "\(Array(text.unicodeScalars.prefix(80)))")
            #expect(TextDecoding.normaliseLineEnds(text) == scalarsNormalised(text), "\(Array(text.unicodeScalars.prefix(80)))")
        }
        #expect(binary > 100 && binary < 2_900)
    }

    /// Lines found with memchr are the slices splitting the UTF-8 at each "\n" gives, empty ones and the
    /// last one included, also in text that is not ASCII.
    @Test func linesAreTheSlicesBetweenLineFeeds() {
        let pieces = ["a", "word ", "\n", "\n\n", "\t", "é", "\u{301}", "\u{1F600}", "東京", " "]
        var random = SeededRandom(state: 4)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let expected = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
            let lines = TextDecoding.lines(of: text)
            #expect(lines == expected, "\(Array(text.unicodeScalars))")
            #expect(lines.map { $0.startIndex } == expected.map { $0.startIndex })
        }
        #expect(TextDecoding.lines(of: "") == [""])
        #expect(TextDecoding.lines(of: "a\n\nb\n") == ["a", "", "b", ""])
    }
}

@Suite(.checksXapianHandles) struct PlainTextReaderTests {
    private func read(_ text: String) throws -> Article {
        try PlainTextReader().read(Array(text.utf8), id: "a.txt")
    }

    @Test func headlineOnTheFirstLine() throws {
        let article = try read("Drone strikes Haifa port\n\nA drone struck the port.\nIt was early.\n\nSecond paragraph here.\n")
        #expect(article.title == "Drone strikes Haifa port")
        #expect(article.titleLine == 1)
        #expect(article.paragraphs == [
            Paragraph(text: "A drone struck the port.\nIt was early.", line: 3),
            Paragraph(text: "Second paragraph here.", line: 6),
        ])
    }

    @Test func noHeadlineGivesTitleFromFirstSentence() throws {
        let article = try read("against Friday, the group carried out drone attacks. Four strikes hit.\nMore text.\n")
        #expect(article.title == "Against Friday, the group carried out drone attacks.")
        #expect(article.titleLine == nil)
        #expect(article.paragraphs.first?.line == 1)
    }

    @Test func longFirstSentenceIsShortenedAtAWord() throws {
        let sentence = Array(repeating: "word", count: 40).joined(separator: " ") + "."
        let article = try read(sentence + "\n")
        #expect(article.title.hasSuffix("…"))
        #expect(article.title.count <= 101)
    }

    @Test func leadingDateLineIsTheDate() throws {
        let article = try read(" date 2024-02-01 The group attacked the port. It said so.\n\nMore.\n")
        #expect(article.date == "2024-02-01")
        #expect(article.title == "The group attacked the port.")
        #expect(article.paragraphs.first?.text.hasPrefix("The group") == true)
    }

    @Test func longLinesAreParagraphsOfTheirOwn() throws {
        let long1 = String(repeating: "First paragraph words. ", count: 6)
        let long2 = String(repeating: "Second paragraph words. ", count: 6)
        let article = try read(long1 + "\n" + long2 + "\n")
        #expect(article.paragraphs.count == 2)
        #expect(article.paragraphs.map(\.line) == [1, 2])
    }

    @Test func emptyAndBinaryFilesAreNotArticles() {
        #expect(throws: ArticleReadError.empty) { try read(" \n\n\t\n") }
        #expect(throws: ArticleReadError.binary) { try PlainTextReader().read([0x41, 0x00], id: "b.txt") }
    }

    @Test func seedArticlesReadWithSensibleTitles() throws {
        let reader = PlainTextReader()
        let titles = try ["000_fff0fa8bcac6831c.txt", "001_9335ef90959a21c9.txt", "003_e3f78a58f49dd915.txt"].map { name in
            let bytes = try SeedCorpus.bytes(name)
            return try reader.read(bytes, id: name).title
        }
        #expect(titles[0] == "Iran Claims Drone Attacks by Iraqi Groups on Israeli-Occupied Port City of Haifa")
        #expect(titles[1] == "Iran-backed Iraqi militia targets Haifa, Israel with drones: state media")
        #expect(titles[2].hasPrefix("Against Friday, the Islamic Resistance in Iraq carried out a string of drone attacks"))
    }
}
