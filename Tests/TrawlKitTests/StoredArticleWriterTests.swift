import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// `StoredArticleWriter` (what `StoredArticle.encoded()` writes into every document) against `JSONEncoder` with
/// the settings the index was written with before: the same bytes for many articles made at random, with every
/// escape, Unicode, absent and present fields, and metadata keys whose byte order differs from other orders.
@Suite struct StoredArticleWriterTests {
    /// Strings with what an encoder must escape or keep: every control character, quotes, backslashes,
    /// slashes, DEL, accents, CJK, emoji, a combining mark.
    private static let pieces: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
        "\"", "\\", "/", "\u{7F}", "é", "Ω", "日本", "😀", "e\u{301}", "\u{2028}", "\u{FEFF}", "<b>", "&amp;",
        "oil", " ", "prices", "Haifa's", "1.5", "\\u0041", "", "\n", "\r\n",
    ]

    /// Metadata keys: upper before lower case in bytes, accented and astral letters (UTF-8 and UTF-16 orders
    /// differ for "\u{FFFD}" against "😀"), a key that prefixes another, escapes in a key.
    private static let keys = ["places", "topics", "dateline", "Zeta", "alpha", "alphabet", "é", "f", "\u{FFFD}",
                               "😀", "a\"b", "tab\tkey", "", "A", "_", "title", "paragraphs"]

    private static func string(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    private static func optionalString(_ random: inout SeededRandom) -> String? {
        Bool.random(using: &random) ? string(&random) : nil
    }

    private static func int(_ random: inout SeededRandom) -> Int {
        [0, 1, -1, 7, 1000, Int.max, Int.min, Int.random(in: -100_000...100_000, using: &random)].randomElement(using: &random)!
    }

    private static func strings(_ random: inout SeededRandom) -> [String] {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in string(&random) }
    }

    private static func stored(_ random: inout SeededRandom) -> StoredArticle {
        var metadata: [String: MetadataValue] = [:]
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let key = Bool.random(using: &random) ? keys.randomElement(using: &random)! : string(&random)
            metadata[key] = Bool.random(using: &random) ? .text(string(&random)) : .list(strings(&random))
        }
        let article = Article(
            id: string(&random), title: string(&random), titleLine: Bool.random(using: &random) ? int(&random) : nil,
            titleIsDerived: Bool.random(using: &random), date: optionalString(&random), source: optionalString(&random),
            author: optionalString(&random), url: optionalString(&random), section: optionalString(&random),
            language: optionalString(&random), tags: strings(&random), metadata: metadata,
            paragraphs: (0..<Int.random(in: 0...5, using: &random)).map { _ in
                Paragraph(text: string(&random), line: int(&random))
            })
        return StoredArticle(article: article, root: int(&random), path: string(&random))
    }

    private static func encoderBytes(_ stored: StoredArticle) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(stored))
    }

    @Test func writesWhatTheEncoderWrites() throws {
        var random = SeededRandom(state: 6)
        for _ in 0..<1000 {
            let stored = Self.stored(&random)
            let written = try stored.encoded()
            let expected = try Self.encoderBytes(stored)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
            // And the search reads it back as it was.
            #expect(try StoredArticleReader.decode(written) == stored)
        }
    }

    @Test func writesEveryFieldAndNone() throws {
        let full = Article(
            id: "world/2024/drones.txt", title: "Drones / \"hit\" Haifa", titleLine: 3, titleIsDerived: true,
            date: "2024-02-01", source: "Reuters", author: "J. Doe", url: "https://example.com/a?b=c",
            section: "world", language: "en", tags: ["a", "b"],
            metadata: ["places": .list(["Haifa"]), "Dateline": .text("HAIFA"), "empty": .list([])],
            paragraphs: [Paragraph(text: "One\ntwo", line: 5)])
        for stored in [StoredArticle(article: full, root: 1, path: "2024/drones.txt"),
                       StoredArticle(article: Article(id: "a", title: "", paragraphs: []), root: 0, path: "a")] {
            #expect(try stored.encoded() == Self.encoderBytes(stored))
        }
        let minimal = StoredArticle(article: Article(id: "a", title: "", paragraphs: []), root: 0, path: "a")
        #expect(String(decoding: try minimal.encoded(), as: UTF8.self)
            == #"{"id":"a","paragraphs":[],"path":"a","root":0,"title":""}"#)
    }
}
