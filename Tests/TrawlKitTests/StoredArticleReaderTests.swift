import FoundationEssentials
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// The search's own reader of stored articles gives what JSONDecoder gives, or hands over to it.
@Suite(.checksXapianHandles) struct StoredArticleReaderTests {
    private func roundTrip(_ stored: StoredArticle) throws {
        let bytes = try stored.encoded()
        #expect(try StoredArticleReader.decode(bytes) == stored)
        #expect(try StoredArticleReader.decode(bytes) == StoredArticle.decode(bytes))
    }

    @Test func readsWhatTheIndexWrites() throws {
        let article = Article(
            id: "world/2024/drones \"a\".txt", title: "Iran’s “drones” \\ hit\tHaifa\u{0001} — 🚀 café",
            titleLine: 3, titleIsDerived: true, date: "2024-02-01", source: "Reuters/AP", author: "J. Doe",
            url: "https://example.com/a?b=c&d=e", section: "world", language: "en", tags: ["a", "b\nc", ""],
            metadata: ["places": .list(["Haifa", "Eilat"]), "note": .text("x\u{7F}y"), "empty": .list([])],
            paragraphs: [Paragraph(text: "First line\nsecond line", line: 5), Paragraph(text: "", line: 9),
                         Paragraph(text: "\u{10FFFF} \u{FEFF} \u{0000}", line: 123_456_789)])
        try roundTrip(StoredArticle(article: article, root: 2, path: "2024/drones.txt"))
        try roundTrip(StoredArticle(article: Article(id: "a", title: "", paragraphs: []), root: 0, path: "a"))
    }

    /// Strings read eight bytes at a time between escapes and non-ASCII scalars: runs of every length, so each
    /// kind of byte falls at every place in an eight-byte word, as JSONDecoder reads them.
    @Test func readsEveryMixOfPlainRunsEscapesAndOtherScalars() throws {
        var random = SeededRandom(state: 42)
        let pieces = ["\"", "\\", "\n", "\t", "\u{0001}", "\u{001F}", "/", "é", "—", "🚀", "\u{7F}", "’", " "]
        func text() -> String {
            var result = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                result += String(repeating: "a", count: Int.random(in: 0...19, using: &random))
                result += pieces.randomElement(using: &random)!
            }
            return result
        }
        for _ in 0..<300 {
            let article = Article(id: text(), title: text(), source: text(),
                                  paragraphs: (0..<Int.random(in: 0...3, using: &random)).map { Paragraph(text: text(), line: $0 + 1) })
            try roundTrip(StoredArticle(article: article, root: 0, path: text()))
        }
    }

    @Test func handsOtherJSONToJSONDecoder() throws {
        // Unknown keys (ignored by JSONDecoder), escaped slashes, spaces and a float where an integer stands.
        let json = #"{ "id" : "a\/b", "title":"T", "extra": {"x": [1, 2.5]}, "paragraphs":[{"l":1.0,"t":"p"}], "root":0, "path":"a" }"#
        let bytes = Array(json.utf8)
        #expect(try StoredArticleReader.decode(bytes) == StoredArticle.decode(bytes))
        #expect(try StoredArticleReader.decode(bytes).article.id == "a/b")
        // Keys written with escapes, a repeated key, and a key that only begins like a known one.
        for json in [#"{"\u0069d":"a","title":"T","paragraphs":[{"\u0074":"p","l":1}],"root":0,"path":"a"}"#,
                     #"{"id":"a","id":"b","title":"T","paragraphs":[],"root":0,"path":"a"}"#,
                     #"{"id":"a","title":"T","paragraphs":[{"t":"p","t":"q","l":1}],"root":0,"path":"a"}"#,
                     #"{"id":"a","titles":"T","title":"T","paragraphs":[{"tt":"p","t":"q","l":1}],"root":0,"path":"a"}"#] {
            let bytes = Array(json.utf8)
            #expect((try? StoredArticleReader.decode(bytes)) == (try? StoredArticle.decode(bytes)), "\(json)")
        }
        #expect(try StoredArticleReader.decode(Array(#"{"\u0069d":"a","title":"T","paragraphs":[],"root":0,"path":"a"}"#.utf8)).article.id == "a")
        // Broken JSON fails as JSONDecoder fails.
        #expect(throws: DecodingError.self) { try StoredArticleReader.decode(Array(#"{"id":"a","#.utf8)) }
        // A lone surrogate, and invalid UTF-8: whatever JSONDecoder makes of them.
        for bytes in [Array(#"{"id":"\ud800","title":"t","paragraphs":[],"root":0,"path":"a"}"#.utf8),
                      Array(#"{"id":"a","title":"t"#.utf8) + [0xFF, 0xC3] + Array(#"","paragraphs":[],"root":0,"path":"a"}"#.utf8)] {
            #expect((try? StoredArticleReader.decode(bytes)) == (try? StoredArticle.decode(bytes)))
        }
    }

    /// The corpus roots an index records: read by hand as JSONDecoder reads them, whatever they hold.
    @Test func readsRecordedRootsAsJSONDecoderDoes() throws {
        var random = SeededRandom(state: 7)
        let pieces = ["\"", "\\", "/", "\n", "\u{0001}", "é", "🚀", " ", "[", "]", ","]
        for _ in 0..<200 {
            let roots = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                (0..<Int.random(in: 0...6, using: &random)).map { _ in
                    String(repeating: "r", count: Int.random(in: 0...9, using: &random)) + pieces.randomElement(using: &random)!
                }.joined()
            }
            let json = IndexStore.encodeRoots(roots)
            #expect(StoredArticleReader.strings(Array(json.utf8)) == roots, "\(json)")
            #expect(IndexStore.decodeRoots(json) == roots)
        }
        let decoder = JSONDecoder()
        for json in [#" [ "/a" , "b\/c", "\u00e9\ud83d\ude80" ] "#, "[]", " [ ] ", "", "[", #"["a",]"#, #"["a" "b"]"#,
                     #"{"a":1}"#, #"["a"] x"#, "[1]", #"["\ud800"]"#, "null"] {
            let expected = (try? decoder.decode([String].self, from: Data(json.utf8))) ?? []
            #expect(IndexStore.decodeRoots(json) == expected, "\(json)")
            if let fast = StoredArticleReader.strings(Array(json.utf8)) { #expect(fast == expected, "\(json)") }
        }
        #expect(IndexStore.decodeRoots(#" [ "/a" , "b\/c" ] "#) == ["/a", "b/c"])
    }
}
