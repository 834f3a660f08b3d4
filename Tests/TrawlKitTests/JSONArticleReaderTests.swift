import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Articles stored as JSON Lines and JSON documents.
@Suite(.checksXapianHandles) struct JSONArticleReaderTests {
    private func read(_ text: String, id: String) throws -> ReadResult {
        try JSONArticleReader().articles(in: Array(text.utf8), id: id)
    }

    @Test func jsonLinesGiveOneArticlePerRecord() throws {
        let result = try read("""
            {"title": "Drones over Haifa", "date": "2024-02-01T10:00:00Z", "source": "Al Mayadeen", "text": "A drone hit.\\n\\nNobody was hurt."}
            {"title": "Second story", "body": "Just one paragraph."}
            """, id: "feeds/news.jsonl")
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["feeds/news.jsonl#1", "feeds/news.jsonl#2"])
        let first = result.articles[0]
        #expect(first.title == "Drones over Haifa")
        #expect(first.date == "2024-02-01")
        #expect(first.source == "Al Mayadeen")
        #expect(first.titleLine == 1)
        #expect(first.paragraphs == [Paragraph(text: "A drone hit.", line: 1), Paragraph(text: "Nobody was hurt.", line: 1)])
        #expect(result.articles[1].paragraphs == [Paragraph(text: "Just one paragraph.", line: 2)])
    }

    @Test func badLinesAreSkippedAndReported() throws {
        let result = try read("""
            {"title": "One", "text": "First."}
            not json at all

            [1, 2, 3]
            {"author": "Nobody"}
            {"content": "Fifth record, no title. It has text."}
            """, id: "a.jsonl")
        #expect(result.problems == [
            "line 2: not JSON",
            "line 4: not an object",
            "line 5: no text or title",
        ])
        // Records are numbered by their place in the file, blank lines aside, readable or not.
        #expect(result.articles.map(\.id) == ["a.jsonl#1", "a.jsonl#5"])
        #expect(result.articles[1].title == "Fifth record, no title.")
        #expect(result.articles[1].titleLine == nil)
        #expect(result.articles[1].paragraphs.first?.line == 6)
    }

    @Test func titleWithoutTextIsAnArticle() throws {
        let result = try read(#"{"title": "Headline only", "text": "  "}"#, id: "a.jsonl")
        #expect(result.articles.first?.title == "Headline only")
        #expect(result.articles.first?.paragraphs == [])
    }

    @Test func fieldsAliasesAndMetadata() throws {
        let result = try read("""
            {"headline": "H", "published": "x", "byline": ["Sam Alavi", "Jo Reed"], "link": "https://e.com/a", \
            "lang": "EN", "tags": "drones, Haifa", "keywords": ["ports"], "words": 512, "live": true, \
            "score": 2.5, "topics": ["war", "energy"], "extra": null, "nested": {"a": 1}, "date": 1706781600, \
            "text": "Body."}
            """, id: "a.jsonl")
        let a = try #require(result.articles.first)
        #expect(a.title == "H")
        #expect(a.author == "Sam Alavi, Jo Reed")
        #expect(a.url == "https://e.com/a")
        #expect(a.language == "en")
        #expect(a.tags == ["drones", "Haifa", "ports"])
        // A number is not a date: it is kept as it is, not converted.
        #expect(a.date == nil)
        #expect(a.metadata == [
            "published": .text("x"), "words": .text("512"), "live": .text("true"), "score": .text("2.5"),
            "topics": .list(["war", "energy"]), "date": .text("1706781600"),
        ])
    }

    @Test func titleWinsOverHeadline() throws {
        let result = try read(#"{"headline": "H", "title": "T", "text": "x"}"#, id: "a.jsonl")
        #expect(result.articles.first?.title == "T")
        #expect(result.articles.first?.metadata["headline"] == .text("H"))
    }

    @Test func sourceObjectWithAName() throws {
        let result = try read(#"{"source": {"id": "bbc", "name": "BBC News"}, "title": "T"}"#, id: "a.jsonl")
        #expect(result.articles.first?.source == "BBC News")
    }

    @Test func hardWrappedTextStaysOneParagraphAndLongLinesSplit() throws {
        let long = String(repeating: "word ", count: 30)
        let result = try read(#"{"title": "T", "text": "short line\nwrapped on\n\n\#(long)\nnext"}"#, id: "a.jsonl")
        #expect(result.articles.first?.paragraphs.map(\.text) == ["short line\nwrapped on", long.trimmingSuffix(while: \.isWhitespace), "next"])
    }

    @Test func textAsAListOfParagraphs() throws {
        let result = try read(#"{"title": "T", "content": ["One.", "Two."]}"#, id: "a.jsonl")
        #expect(result.articles.first?.paragraphs.map(\.text) == ["One.", "Two."])
    }

    @Test func jsonArrayRecordsWithTheirLines() throws {
        let result = try read("""
            [
              {"title": "One", "text": "First."},
              {
                "title": "Two",
                "text": "Second, with a \\"quote\\" and a ] bracket."
              },
              "not an object",
              {"title": "Four", "body": "Fourth."}
            ]
            """, id: "dump.json")
        #expect(result.articles.map(\.id) == ["dump.json#1", "dump.json#2", "dump.json#4"])
        #expect(result.articles.map { $0.paragraphs.first?.line } == [2, 3, 8])
        #expect(result.problems == ["record 3 (line 7): not an object"])
    }

    @Test func jsonSingleObjectKeepsTheFileID() throws {
        let result = try read(#"{"title": "Only", "text": "Body."}"#, id: "one.json")
        #expect(result.articles.map(\.id) == ["one.json"])
    }

    @Test func jsonFileHoldingJSONLinesIsReadAsLines() throws {
        let result = try read("{\"title\": \"A\"}\n{\"title\": \"B\"}\n", id: "export.json")
        #expect(result.articles.map(\.id) == ["export.json#1", "export.json#2"])
    }

    @Test func layoutCanBeForced() throws {
        let result = try JSONArticleReader(layout: .lines).articles(in: Array("{\"title\": \"A\"}".utf8), id: "x.txt")
        #expect(result.articles.map(\.id) == ["x.txt#1"])
    }

    @Test func wholeFileUnreadable() {
        #expect(throws: ArticleReadError.empty) { try read("", id: "a.jsonl") }
        #expect(throws: ArticleReadError.empty) { try read(" \n\n", id: "a.json") }
        #expect(throws: ArticleReadError.empty) { try read("[]", id: "a.json") }
        #expect(throws: ArticleReadError.unreadable("not JSON")) { try read("{not json", id: "a.json") }
        #expect(throws: ArticleReadError.unreadable("line 1: not JSON (and 1 more)")) {
            try read("nope\nnope again\n", id: "a.jsonl")
        }
        #expect(throws: ArticleReadError.unreadable("no text or title")) { try read(#"{"id": 7}"#, id: "a.json") }
        #expect(throws: ArticleReadError.binary) {
            try JSONArticleReader().articles(in: [0x7B, 0x00, 0x7D], id: "a.json")
        }
    }

    @Test func elementLinesOfAnArray() {
        #expect(JSONArticleReader.elementLines("[\n1,\n\"a,]\",\n{\"b\": [1,\n2]}, [3]\n]") == [2, 3, 4, 5])
        #expect(JSONArticleReader.elementLines("{\"a\": [1, 2]}") == [])
        #expect(JSONArticleReader.elementLines("[]") == [])
    }
}
