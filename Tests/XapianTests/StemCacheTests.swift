import Testing
import TrawlTestSupport
import Xapian

/// The term generator's stemmer remembers its last stems (the shim's cache): the stems must be exactly what the
/// stemmer gives, for repeated words, for far more words than the cache holds (words take each other's places),
/// for long words, and "none" must still add no stems.
@Suite(.checksXapianHandles) struct StemCacheTests {
    /// Distinct lower-case words: a letter code for `index` and a common English ending.
    private static func word(_ index: Int) -> String {
        let endings = ["", "s", "ing", "ed", "ation", "ly", "ness", "ies", "er", "ment"]
        var code = "", n = index / endings.count
        repeat {
            code.append(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(n % 26))))
            n /= 26
        } while n > 0
        return "w" + code + endings[index % endings.count]
    }

    private func stems(of words: [String], language: String) throws -> Set<String> {
        let generator = try TermGenerator()
        try generator.setStemmer(try Stem(language: language))
        try generator.setStemmingStrategy(.some)
        let doc = try Document()
        try generator.setDocument(doc)
        // In pieces, as the indexer gives paragraphs.
        var start = 0
        while start < words.count {
            let end = min(start + 5000, words.count)
            try generator.indexText(words[start..<end].joined(separator: " "))
            start = end
        }
        return Set(try doc.terms().map(\.term).filter { $0.hasPrefix("Z") })
    }

    @Test func stemsAreTheStemmersForManyMoreWordsThanTheCacheHolds() throws {
        // 130,000 distinct words (many more than the cache holds), the first ones again after they were pushed
        // out, common words many times, and long words.
        var words = (0..<130_000).map(Self.word)
        words += (0..<2000).map(Self.word)
        words += Array(repeating: ["attacks", "attacked", "running", "nationalities", "the"], count: 200).flatMap { $0 }
        words += ["internationalisationalisations", String(repeating: "abc", count: 15) + "ing", "antidisestablishmentarianism"]
        let stem = try Stem(language: "english")
        let expected = Set(words.map { "Z" + stem($0) })
        #expect(try stems(of: words, language: "english") == expected)
        #expect(expected.contains("Zattack"))
    }

    @Test func noStemmerAddsNoStems() throws {
        #expect(try stems(of: ["attacks", "attacked", "running"], language: "none").isEmpty)
    }
}
