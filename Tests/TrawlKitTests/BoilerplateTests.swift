import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Clutter kept out of what is indexed and shown: known patterns, and lines a site repeats.
@Suite(.checksXapianHandles) struct BoilerplateTests {
    @Test(arguments: [
        "Related Posts",
        "You may also like",
        "Leave a Comment",
        "What are your thoughts on this escalation? We invite you to share your opinions in the comments below!",
        "US SOLDIER WOUNDED DURING GAZA PIER MISSION DIES MONTHS AFTER BEING INJURED",
        "Photo: Reuters",
        "(Getty Images)",
        "https://example.com/story/123",
        "Share this article",
        "Read more:",
    ])
    func wholeLinesOfClutterGo(line: String) {
        #expect(Boilerplate.clean(line) == nil)
    }

    @Test func inlineClutterIsCutAndTheTextKept() {
        #expect(Boilerplate.clean("calls for de-escalation and diplomacy.CONTINUE FULL READING>>>>>")
            == "calls for de-escalation and diplomacy.")
        #expect(Boilerplate.clean("It attacked the port of Haifa using a drone. pic.twitter.com/RL5jEM9FFx — Joe Truzman (@JoeTruzman) February 1, 2024")
            == "It attacked the port of Haifa using a drone.")
    }

    @Test(arguments: [
        "Israel Defense Forces stated that it shot down one drone.",
        "The IRI said it attacked the port of Haifa.",
        "Israel Hamas war",
        "NATO AND THE EU",  // too short to be a "related story" line
        "He was asked to share his thoughts and said nothing.",
    ])
    func articleTextStays(line: String) {
        #expect(Boilerplate.clean(line) == line)
    }
}

@Suite(.checksXapianHandles) struct FurnitureTests {
    @Test func candidatesAreShortOneLineParagraphs() {
        let article = Article(id: "a", title: "t", paragraphs: [
            Paragraph(text: "Follow the Daily Planet", line: 1),
            Paragraph(text: "Follow  the daily planet", line: 2),  // same line: counted once
            Paragraph(text: "a hard-wrapped\nparagraph", line: 3),
            Paragraph(text: String(repeating: "long sentence ", count: 20), line: 5),
            Paragraph(text: "12345", line: 6),
        ])
        #expect(Furniture.candidates(article) == [Furniture.fingerprint("follow the daily planet")])
    }

    @Test func aLineRepeatedAcrossASitesArticlesIsLeftOutOfPassages() throws {
        try withTemporaryDirectory { dir in
            for n in 1...6 {
                try Fixtures.write("Story number \(n)\n\nThe council met on day \(n) to discuss the harbour budget and voted.\n\n"
                    + "Daily Planet: news you can trust\n", to: "Corpus/planet/\(n).txt", in: dir)
            }
            let summary = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            #expect(summary.furnitureLines == 1)
            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            let results = try searcher.search("harbour", options: SearchOptions(limit: 10, passages: 3, allCopies: true))
            #expect(results.hits.count == 6)
            #expect(results.hits.allSatisfy { hit in hit.passages.allSatisfy { !$0.text.contains("news you can trust") } })
            // Re-indexing writes documents without it at all.
            try Fixtures.write("Story number 1\n\nThe council met again about the harbour.\n\nDaily Planet: news you can trust\n",
                               to: "Corpus/planet/1.txt", in: dir)
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            let reread = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            #expect(try reread.search("trust title:story", options: SearchOptions(allCopies: true)).hits.count == 5)
        }
    }
}

/// Each pattern of `LinePattern`, pinned by what it cuts and what it leaves (near misses), and held beside
/// the regular expression it replaces (`RegexBoilerplate`, the implementation before it).
@Suite struct LinePatternTests {
    static let inline: [(pattern: LinePattern, regex: Int, line: String, cleaned: String)] = [
        (.readMore, 0, "diplomacy.CONTINUE FULL READING>>>>>", "diplomacy."),
        (.readMore, 0, "Read more >>", ""),
        (.readMore, 0, "text  read\tstory> and  Continue reading>> again", "text and again"),
        (.readMore, 0, "xread article>", "x"),
        (.readMore, 0, "read more", "read more"),                          // no ">"
        (.readMore, 0, "readmore>", "readmore>"),                          // no space between the words
        (.readMore, 0, "read full>", "read full>"),                        // "full" but no last word
        (.readMore, 0, "read \u{17F}tory>", "read \u{17F}tory>"),          // long s: ASCII letters fold only
        (.readMore, 0, "read more\u{301}>", "read more\u{301}>"),          // "e" + accent is not "e"
        (.readMore, 0, "READ\u{A0}MORE >", ""),                            // any Unicode space
        (.tweetLink, 1, "A drone. pic.twitter.com/RL5jEM9FFx and", "A drone. and"),
        (.tweetLink, 1, "pic.twitter.com/ab_c\u{E9}1", ""),
        (.tweetLink, 1, "pic.twitter.com/", "pic.twitter.com/"),          // no name
        (.tweetLink, 1, "pic.twitterXcom/abc", "pic.twitterXcom/abc"),
        (.tweetByline, 2, "Haifa. — Joe Truzman (@JoeTruzman) February 1, 2024", "Haifa."),
        (.tweetByline, 2, "Haifa. - Joe (@joe_1) May 12, 2024  ", "Haifa."),
        (.tweetByline, 2, "x – (@a) June 1, 1999", "x"),                  // the space before "(" is the name
        (.tweetByline, 2, "x — Joe (@Joe) february 1, 2024", "x — Joe (@Joe) february 1, 2024"),  // capital
        (.tweetByline, 2, "x — Joe (@Joe) February 1, 2024 more", "x — Joe (@Joe) February 1, 2024 more"),
        (.tweetByline, 2, "x — Joe (@Joe) February 123, 2024", "x — Joe (@Joe) February 123, 2024"),
        (.tweetByline, 2, "x — " + String(repeating: "n", count: 61) + "(@Joe) May 1, 2024",
         "x — " + String(repeating: "n", count: 61) + "(@Joe) May 1, 2024"),  // a name past 60 characters
        (.tweetByline, 2, "x — Joe (@" + String(repeating: "j", count: 31) + ") May 1, 2024",
         "x — Joe (@" + String(repeating: "j", count: 31) + ") May 1, 2024"),  // a handle past 30
        (.tweetByline, 2, "x — Joe (@Joe) May 1, 2024\r", "x"),             // "\r" is a space, not an end
        (.url, 3, "see https://example.com/a?b=c then", "see then"),
        (.url, 3, "http://a.b and http://c.d", " and"),
        (.url, 3, "xhttps://example.com", "xhttps://example.com"),         // no word boundary before it
        (.url, 3, "(https://example.com)", "("),
        (.url, 3, "https:/example.com", "https:/example.com"),
        (.url, 3, "ftp://example.com", "ftp://example.com"),
    ]

    @Test(arguments: inline.indices)
    func inlinePatternCutsWhatItsRegexCut(_ n: Int) {
        let (pattern, regex, line, cleaned) = Self.inline[n]
        #expect(pattern.removingMatches(in: line) == cleaned)
        #expect(line.replacing(RegexBoilerplate.inlinePatterns[regex].pattern, with: "") == cleaned)
    }

    @Test(arguments: [
        ("photo: reuters", true), ("photos by ap", true), ("picture by john smith", true),
        ("image credit: nasa", true), ("(video courtesy: x)", true), ("pic :", true), ("photo by", true),
        ("photo by.", true), ("(getty images)", true), ("getty images", true), ("afp via getty images)", true),
        ("(ap photo", true),
        ("photo by:john", false),       // no word boundary between "by" and a letter across ":"
        ("photo by's", false), ("photo by.com", false), ("photo by_", false), ("photo by2", false),
        ("photographer john", false), ("getty images said", false), ("photo credit nasa", false),
        ("ap photos", false), ("(\u{301}photo: x", false), ("photo by\u{4E00}", true), ("photo by\u{5D0}", false),
    ])
    func creditLinePatternMatchesAsItsRegex(line: String, matches: Bool) {
        #expect(LinePattern.creditLine.matches(atStartOf: line) == matches)
        #expect(((try? RegexBoilerplate.creditLine.firstMatch(in: line)) != nil) == matches)
    }

    /// Lines made at random from pieces the patterns look for, odd characters among them.
    @Test func randomLinesAreCleanedAsBefore() {
        let pieces = [
            "read", "Read", "more", "MORE", "continue", "full", "story", "article", "reading", ">", ">>", " ", "  ",
            "\t", "\u{A0}", "\r", "\r\n", "pic.twitter.com/", "abc", "_", "1", "12", "2024", ", ", "(@", "(", ")",
            "—", "–", "-", "@", "February", "may", "Joe Smith", "https://", "http://", "://", "x.y/z", "Photo", "photo",
            "Photos", "image", "Picture", "pic", "Video", " credit", " courtesy", ":", " by", "by", ".", "'", "’",
            "Getty Images", "AFP via Getty Images", "AP Photo", "\u{301}", "\u{212A}", "\u{130}", "\u{17F}", "é",
            "\u{4E00}", "\u{5D0}", "\u{AD}", "Related Posts", "Share", "…", "»", "in the comments below",
            "CLICK HERE TO", "ALL RIGHTS RESERVED", "US SOLDIER WOUNDED", "NEWS", "x", "\u{1F600}", "\u{663}",
        ]
        var random = SeededRandom(state: 6)
        for _ in 0..<20_000 {
            let line = (0..<Int.random(in: 1...9, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Boilerplate.clean(line) == RegexBoilerplate.clean(line), "\(Array(line.unicodeScalars))")
            #expect(Boilerplate.removeInlineClutter(line) == RegexBoilerplate.removeInlineClutter(line),
                    "\(Array(line.unicodeScalars))")
        }
    }

    /// Hard-wrapped paragraphs made at random, most without anything to cut (these skip the line-by-line
    /// work), some with a trigger or without a letter or number, and odd characters next to the line breaks.
    @Test func randomHardWrappedParagraphsAreCleanedAsBefore() {
        let pieces = [
            "Oil", "prices", "rose", "1.5", " ", "  ", "\t", "\r", "\r\n", "\n", "\n", "\n", "-", "—", ",", ".", "(", ")",
            "é", "\u{301}", "\u{600}", "\u{663}", "\u{4E00}", "\u{1F600}", "\u{AD}", "\u{A0}", "»", "…", "_", "'",
            ">", "Read more >>", "(@", "://", "https://example.com/a", "pic.twitter.com/x", "x", "7",
        ]
        var random = SeededRandom(state: 11)
        for n in 0..<20_000 {
            let text = (0..<Int.random(in: 2...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined() + "\n" + pieces.randomElement(using: &random)!
            let paragraph = Paragraph(text: text, line: n)
            #expect(Boilerplate.clean([paragraph]) == RegexBoilerplate.clean([paragraph]), "\(Array(text.unicodeScalars))")
        }
    }

    /// Every paragraph of the shared corpora (23,066 files, 122,568 paragraphs) comes out as it did with `Regex`.
    @Test(.enabled(if: Fixtures.hasSharedCorpus("reuters"), "needs ../shared/corpora"))
    func sharedCorporaAreCleanedAsBefore() throws {
        let files = FileManager.default.enumerator(at: Fixtures.sharedCorpora, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.sorted { $0.path < $1.path } ?? []
        var paragraphs = 0, differing = 0
        for file in files {
            guard let reader = ArticleFormats.reader(for: file.lastPathComponent),
                  let read = try? reader.articles(in: Array(try Data(contentsOf: file)), id: file.lastPathComponent)
            else { continue }
            for article in read.articles {
                paragraphs += article.paragraphs.count
                if Boilerplate.clean(article.paragraphs) != RegexBoilerplate.clean(article.paragraphs) {
                    differing += 1
                    Issue.record("\(file.path) is cleaned differently")
                }
            }
        }
        #expect(paragraphs > 100_000)
        #expect(differing == 0)
    }
}
