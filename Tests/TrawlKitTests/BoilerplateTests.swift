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
