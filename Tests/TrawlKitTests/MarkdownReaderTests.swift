import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Markdown articles with YAML front matter, as the Reuters corpus is stored.
@Suite(.checksXapianHandles) struct MarkdownReaderTests {
    private func read(_ text: String, id: String = "a.md") throws -> ReadResult {
        try MarkdownReader().articles(in: Array(text.utf8), id: id)
    }

    private func article(_ text: String, id: String = "a.md") throws -> Article {
        let result = try read(text, id: id)
        #expect(result.articles.count == 1)
        return try #require(result.articles.first)
    }

    private let reuters = """
        ---
        title: "BAHIA COCOA REVIEW"
        date: 1987-02-26T15:01:01
        source: Reuters
        places: ["el-salvador", "usa", "uruguay"]
        topics: ["cocoa"]
        dateline: "SALVADOR, Feb 26"
        ---

        Showers continued throughout the week in
        the Bahia cocoa zone, alleviating the drought.
            The dry period means the temporao will be late this year.
            Arrivals for the week ended February 22 were 155,221 bags
        of 60 kilos.

        """

    @Test func reutersFrontMatterFields() throws {
        let a = try article(reuters, id: "1987-02/1.md")
        #expect(a.id == "1987-02/1.md")
        #expect(a.title == "BAHIA COCOA REVIEW")
        #expect(a.titleLine == 2)
        #expect(a.date == "1987-02-26")
        #expect(a.source == "Reuters")
        #expect(a.tags == [])
        #expect(a.metadata["places"] == .list(["el-salvador", "usa", "uruguay"]))
        #expect(a.metadata["topics"] == .list(["cocoa"]))
        #expect(a.metadata["dateline"] == .text("SALVADOR, Feb 26"))
        #expect(a.metadata["title"] == nil)
        #expect(a.metadata["date"] == nil)
    }

    @Test func indentedLinesStartParagraphsAndLinesCountTheFrontMatter() throws {
        let a = try article(reuters)
        #expect(a.paragraphs == [
            Paragraph(text: "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.", line: 10),
            Paragraph(text: "The dry period means the temporao will be late this year.", line: 12),
            Paragraph(text: "Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos.", line: 13),
        ])
    }

    @Test func titleWithoutBodyIsStillAnArticle() throws {
        let a = try article("""
            ---
            title: "GENERAL PARTNERS WILLING TO PAY 110 DLRS/SHARE FOR GENCORP"
            date: 1987-04-03T09:01:38
            source: Reuters
            places: []
            topics: ["acq"]
            ---


            """)
        #expect(a.title == "GENERAL PARTNERS WILLING TO PAY 110 DLRS/SHARE FOR GENCORP")
        #expect(a.paragraphs.isEmpty)
        // An empty list says nothing and is not kept.
        #expect(a.metadata["places"] == nil)
        #expect(a.metadata["topics"] == .list(["acq"]))
    }

    @Test func escapedQuotesInTitles() throws {
        let a = try article("---\ntitle: \"YEUTTER CALLS TEXTILE BILL \\\"PURE PROTECTIONISM\\\"\"\n---\n")
        #expect(a.title == "YEUTTER CALLS TEXTILE BILL \"PURE PROTECTIONISM\"")
    }

    @Test func otherFieldsAndAliases() throws {
        let a = try article("""
            ---
            title: Drones over Haifa
            date: "Thu, 01 Feb 2024 10:00:00 GMT"
            byline: [Sam Alavi, Jo Reed]
            link: https://example.com/drones
            lang: en-GB
            tags: drones, Haifa,  Iraq
            keywords: [Iraq, ports]
            priority: 3
            draft: false
            nested: {a: 1}
            empty:
            ---
            Body text.
            """)
        #expect(a.date == "2024-02-01")
        #expect(a.author == "Sam Alavi, Jo Reed")
        #expect(a.url == "https://example.com/drones")
        #expect(a.language == "en")
        #expect(a.tags == ["drones", "Haifa", "Iraq", "ports"])
        #expect(a.metadata == ["priority": .text("3"), "draft": .text("false")])
    }

    @Test func unreadableDateIsKeptAsMetadataNotGuessed() throws {
        let a = try article("---\ntitle: T\ndate: 02/03/2024\n---\nBody.\n")
        #expect(a.date == nil)
        #expect(a.metadata["date"] == .text("02/03/2024"))
    }

    @Test func noFrontMatterTitleFromFirstHeading() throws {
        let a = try article("""
            Intro line before the heading.

            # Drones **over** Haifa

            Body paragraph.
            """)
        #expect(a.title == "Drones over Haifa")
        #expect(a.titleLine == 3)
        #expect(a.paragraphs.map(\.text) == ["Intro line before the heading.", "Body paragraph."])
    }

    @Test func headingThatRepeatsTheFrontMatterTitleIsDropped() throws {
        let a = try article("---\ntitle: Drones over Haifa\n---\n\n# Drones over Haifa\n\nBody.\n")
        #expect(a.paragraphs == [Paragraph(text: "Body.", line: 7)])
    }

    @Test func otherHeadingsStayAsParagraphs() throws {
        let a = try article("---\ntitle: T\n---\n## Background ##\nBody.\n")
        #expect(a.paragraphs.map(\.text) == ["Background", "Body."])
    }

    @Test func noHeadingTitleFromFirstSentence() throws {
        let a = try article("The group said on Thursday it had hit a power station. Nobody was hurt.\n")
        #expect(a.title == "The group said on Thursday it had hit a power station.")
        #expect(a.titleLine == nil)
        #expect(a.paragraphs.count == 1)
    }

    @Test func setextHeadingIsATitle() throws {
        let a = try article("Drones over Haifa\n=================\n\nBody.\n")
        #expect(a.title == "Drones over Haifa")
        #expect(a.titleLine == 1)
        #expect(a.paragraphs == [Paragraph(text: "Body.", line: 4)])
    }

    @Test func dashesUnderAParagraphAreARuleNotAHeading() throws {
        // As in Reuters 1987-04/13855.md: " ----" between two parts of a story.
        let a = try article("---\ntitle: T\n---\nfirst line\nsecond line.\n ----\n Next part.\n")
        #expect(a.paragraphs.map(\.text) == ["first line\nsecond line.", "Next part."])
    }

    @Test func inlineMarkupIsRemoved() throws {
        let a = try article("""
            ---
            title: T
            ---
            Some **bold** and *italic* and __strong__ and _em_ text,
            a [link](https://example.com/x "t") and ![a chart](chart.png)an image,
            `code`, snake_case, 5 * 3 and <CPML> stay \\*as\\* written.
            """)
        #expect(a.paragraphs == [Paragraph(text: """
            Some bold and italic and strong and em text,
            a link and an image,
            code, snake_case, 5 * 3 and <CPML> stay *as* written.
            """, line: 4)])
    }

    @Test func emphasisAcrossAHardWrapKeepsTheLineBreak() throws {
        let a = try article("---\ntitle: T\n---\nsome **bold\nwords** here\n")
        #expect(a.paragraphs.first?.text == "some bold\nwords here")
    }

    @Test func listsAndQuotes() throws {
        let a = try article("""
            ---
            title: T
            ---
            Points:
            - first point
            * second point
              continues
            1. numbered

            > quoted line
            > more quote
            after.
            """)
        #expect(a.paragraphs == [
            Paragraph(text: "Points:", line: 4),
            Paragraph(text: "first point", line: 5),
            Paragraph(text: "second point\ncontinues", line: 6),
            Paragraph(text: "numbered", line: 8),
            Paragraph(text: "quoted line\nmore quote\nafter.", line: 10),
        ])
    }

    @Test func hardWrappedNumberIsNotAList() throws {
        let a = try article("---\ntitle: T\n---\nthe earlier estimate (due April\n30) now seems unlikely.\n")
        #expect(a.paragraphs.map(\.text) == ["the earlier estimate (due April\n30) now seems unlikely."])
    }

    @Test func hardWrappedDashIsNotAList() throws {
        // As in Reuters 1987-03/5474.md.
        let a = try article("---\ntitle: T\n---\nfrom four factors\n- higher prices, and\nimproved demand.\n")
        #expect(a.paragraphs.map(\.text) == ["from four factors\n- higher prices, and\nimproved demand."])
    }

    @Test func bulletsAfterAColonOrAFullStopAreAList() throws {
        let a = try article("---\ntitle: T\n---\nHe said solutions should:\n- provide assurances\n- maintain confidence.\n")
        #expect(a.paragraphs.map(\.text) == ["He said solutions should:", "provide assurances", "maintain confidence."])
        let b = try article("---\ntitle: T\n---\nThree things happened.\n* one\n* two\n")
        #expect(b.paragraphs.map(\.text) == ["Three things happened.", "one", "two"])
    }

    @Test func fencedCodeIsKeptAsWritten() throws {
        let a = try article("---\ntitle: T\n---\n```\nlet *x* = 1\n```\nAfter.\n")
        #expect(a.paragraphs == [Paragraph(text: "let *x* = 1", line: 5), Paragraph(text: "After.", line: 7)])
    }

    @Test func tableRuleAndLinkDefinitionsAreDropped() throws {
        let a = try article("---\ntitle: T\n---\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n[1]: https://example.com\n")
        #expect(a.paragraphs == [Paragraph(text: "| a | b |\n| 1 | 2 |", line: 4)])
    }

    @Test func dateOpeningTheBodyWhenTheFrontMatterHasNone() throws {
        let a = try article("# Title\n\ndate 2024-02-01 The group said it struck.\n")
        #expect(a.date == "2024-02-01")
        #expect(a.paragraphs == [Paragraph(text: "The group said it struck.", line: 3)])
        let b = try article("# Title\n\nFebruary 1, 2024\n\nBody.\n")
        #expect(b.date == "2024-02-01")
        #expect(b.paragraphs == [Paragraph(text: "Body.", line: 5)])
    }

    @Test func frontMatterDateWinsOverTheBody() throws {
        let a = try article("---\ntitle: T\ndate: 2023-05-06\n---\ndate 2024-02-01 Body.\n")
        #expect(a.date == "2023-05-06")
        #expect(a.paragraphs.first?.text == "date 2024-02-01 Body.")
    }

    @Test func invalidYAMLIsReportedAndTheFileReadAsMarkdown() throws {
        let result = try read("---\ntitle: \"unclosed\nplaces: [a, b\n---\n\nThe story itself.\n")
        #expect(result.problems.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.hasPrefix("front matter: ") == true)
        #expect(result.warnings.first?.hasSuffix("; read as plain Markdown") == true)
        let a = try #require(result.articles.first)
        #expect(a.date == nil)
        #expect(a.metadata.isEmpty)
        #expect(a.paragraphs.contains { $0.text == "The story itself." && $0.line == 6 })
    }

    @Test func brokenFrontMatterLinesAreTextNotAHeading() throws {
        let result = try read("---\ntitle: [a\n---\nThe story.\n")
        #expect(result.warnings == ["front matter: did not find expected ',' or ']' (line 3); read as plain Markdown"])
        #expect(result.articles.first?.paragraphs.map(\.text) == ["title: [a", "The story."])
        #expect(result.articles.first?.titleLine == nil)
    }

    @Test func duplicateFieldsAreReported() throws {
        let result = try read("---\ntitle: a\ntitle: b\n---\nThe story.\n")
        #expect(result.warnings == ["front matter: duplicate field 'title'; read as plain Markdown"])
    }

    @Test func unterminatedFrontMatterIsReported() throws {
        let result = try read("---\ntitle: T\n\nThe story itself.\n")
        #expect(result.warnings == ["front matter: no closing ---; read as plain Markdown"])
        let a = try #require(result.articles.first)
        #expect(a.paragraphs.map(\.text) == ["title: T", "The story itself."])
    }

    @Test func frontMatterAliasesAndQuotedNulls() throws {
        let a = try article("---\ntitle: &t Drones over Haifa\nkeywords: *t\nsource: 'null'\nauthor: ~\n---\nBody.\n")
        #expect(a.title == "Drones over Haifa")
        #expect(a.tags == ["Drones over Haifa"])
        #expect(a.source == "null")
        #expect(a.author == nil)
    }

    @Test func fuzzSeedFrontMatterReadsWhole() throws {
        // Fuzz/Seeds/readers/md-front-yaml without its format byte: styles, tags, anchors, flow and block forms.
        let bytes = try Data(contentsOf: Fixtures.repository.appendingPathComponent("Fuzz/Seeds/readers/md-front-yaml"))
        let result = try MarkdownReader().articles(in: Array(bytes.dropFirst()), id: "a.md")
        #expect(result.warnings.isEmpty)
        let a = try #require(result.articles.first)
        #expect(a.title == "Drones \u{e9} over Haifa")
        #expect(a.titleLine == 2)
        #expect(a.tags == ["Drones \u{e9} over Haifa", "oil", "gas", "energy", "2024"])
        #expect(a.source == "Reuters")
        #expect(a.author == nil)
        #expect(a.metadata["summary"] == .text("folded text"))
        #expect(a.metadata["body"] == .text("literal"))
        #expect(a.metadata["nested"] == nil)
        // The heading is not the title, so it stays; lines count the front matter.
        #expect(a.paragraphs == [Paragraph(text: "Drones", line: 16),
                                 Paragraph(text: "The group said it struck the port.", line: 18)])
    }

    @Test func libyamlProblemsNameTheFileLine() throws {
        #expect(try read("---\ntitle: T\n\u{1}x: 1\n---\nBody.\n").warnings
                == ["front matter: control characters are not allowed (line 3); read as plain Markdown"])
        #expect(try read("---\ntitle: T\nplaces: *nowhere\n---\nBody.\n").warnings
                == ["front matter: found undefined alias (line 3); read as plain Markdown"])
        let deep = try read("---\ntitle: T\nx: " + String(repeating: "[", count: 10_000) + "\n---\nBody.\n")
        #expect(deep.warnings == ["front matter: nested more than 100 levels deep (line 3); read as plain Markdown"])
        #expect(deep.articles.first?.paragraphs.last?.text == "Body.")
    }

    @Test func frontMatterThatIsNotAMappingIsReported() throws {
        let result = try read("---\n- a\n- b\n---\nBody.\n")
        #expect(result.warnings == ["front matter: not a list of fields (line 2); read as plain Markdown"])
        #expect(result.articles.first?.paragraphs.last?.text == "Body.")
    }

    @Test func emptyFrontMatterIsFine() throws {
        let result = try read("---\n---\nBody.\n")
        #expect(result.warnings.isEmpty)
        #expect(result.articles.first?.paragraphs == [Paragraph(text: "Body.", line: 3)])
    }

    @Test func nothingReadableIsEmpty() {
        #expect(throws: ArticleReadError.empty) { try read("") }
        #expect(throws: ArticleReadError.empty) { try read("  \n\n") }
        #expect(throws: ArticleReadError.empty) { try read("---\nsource: Reuters\n---\n\n") }
        #expect(throws: ArticleReadError.empty) { try read("![only an image](x.png)\n") }
    }

    @Test func binaryIsRefused() {
        #expect(throws: ArticleReadError.binary) {
            try MarkdownReader().articles(in: [0x23, 0x20, 0x00, 0x41], id: "a.md")
        }
    }

    @Test func windowsLineEndsAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: T\r\n---\r\nBody.\r\n".utf8)
        let a = try #require(try MarkdownReader().articles(in: bytes, id: "a.md").articles.first)
        #expect(a.title == "T")
        #expect(a.paragraphs == [Paragraph(text: "Body.", line: 4)])
    }

    @Test(.enabled(if: Fixtures.hasSharedCorpus("reuters"), "needs ../shared/corpora/reuters"))
    func realReutersStories() throws {
        let folder = Fixtures.sharedCorpora.appendingPathComponent("reuters/1987-02")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count > 100)
        var withBody = 0
        for name in names.prefix(200) {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let result = try MarkdownReader().articles(in: bytes, id: "1987-02/" + name)
            #expect(result.warnings.isEmpty, "\(name): \(result.warnings)")
            let a = try #require(result.articles.first)
            #expect(!a.title.isEmpty)
            #expect(a.date?.hasPrefix("1987-0") == true, "\(name)")
            #expect(a.source == "Reuters")
            // Body lines start after the front matter's closing ---.
            #expect(a.paragraphs.allSatisfy { $0.line > 3 })
            if !a.paragraphs.isEmpty { withBody += 1 }
        }
        #expect(withBody > 150)
        // 1987-02/1.md is the Bahia cocoa review.
        let first = try MarkdownReader().articles(in: Array(try Data(contentsOf: folder.appendingPathComponent("1.md"))),
                                                  id: "1987-02/1.md").articles[0]
        #expect(first.title == "BAHIA COCOA REVIEW")
        #expect(first.paragraphs.first?.line == 10)
        #expect(first.paragraphs.first?.text.hasPrefix("Showers continued throughout the week in\nthe Bahia") == true)
    }

    /// Titles and values made at random: collapsing their spaces from the bytes, when they are already
    /// collapsed, gives what splitting at whitespace characters and joining with one space gives.
    @Test func spacesAreCollapsedAsSplittingAndJoiningDoes() {
        let pieces = ["Oil", "prices", "a", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1F}", "\u{85}",
                      "\u{A0}", "\u{2009}", "\u{3000}", "é", "\u{301}", "-", "\u{1F600}"]
        var random = SeededRandom(state: 8)
        var unchanged = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                pieces[Int.random(in: 0..<(Bool.random(using: &random) ? 6 : pieces.count), using: &random)]
            }.joined()
            let expected = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if expected == text { unchanged += 1 }
            #expect(collapsingSpaces(text) == expected, "\(Array(text.unicodeScalars))")
            let slice = text.dropFirst()
            #expect(collapsingSpaces(slice) == slice.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
        }
        #expect(unchanged > 1_000)
    }
}
