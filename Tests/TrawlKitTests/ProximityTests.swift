import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// NEAR/n, ADJ/n and path: globs on a small corpus where the answers are known, through the searcher, with
/// the highlights each hit shows.
@Suite(.checksXapianHandles) struct ProximityTests {
    private static let filler = (1...40).map { "filler\($0)" }.joined(separator: " ")

    /// Five plain-text articles: where "drone" and "Haifa" stand decides which NEAR/ADJ query finds them.
    private func withCorpus(_ body: (Searcher) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let articles = [
                ("israel/close.txt", "Close call\n\nA drone hit Haifa today."),
                ("israel/apart.txt", "Apart\n\nThe drone struck the port of Haifa at dawn."),
                ("israel/reversed.txt", "Reversed\n\nHaifa was hit by a drone."),
                ("world/far.txt", "Far\n\nA drone flew. \(Self.filler). Later, news came from Haifa."),
                ("world/port.txt", "Port news\n\nThe port reopened after repairs."),
            ]
            for (path, text) in articles { try Fixtures.write(text + "\n", to: "Corpus/\(path)", in: dir) }
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            try body(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path)))
        }
    }

    private func ids(_ searcher: Searcher, _ query: String) throws -> [String] {
        try searcher.search(query).hits.map(\.id).sorted()
    }

    /// The highlighted words of each hit's passages, by article id.
    private func highlighted(_ searcher: Searcher, _ query: String, any: Bool = false) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for hit in try searcher.search(query, options: SearchOptions(matchAny: any)).hits {
            result[hit.id] = hit.passages.flatMap { p in p.highlights.map { $0.slice(of: p.text) } }
        }
        return result
    }

    @Test func nearMatchesWordsWithinTheDistanceInEitherOrder() throws {
        try withCorpus { searcher throws in
            #expect(try ids(searcher, "drone NEAR/2 Haifa") == ["israel/close.txt"])
            #expect(try ids(searcher, "drone NEAR/5 Haifa") == ["israel/apart.txt", "israel/close.txt", "israel/reversed.txt"])
            #expect(try ids(searcher, "drone NEAR Haifa").count == 3)  // NEAR alone: within 10 words
            #expect(try ids(searcher, "drone Haifa").count == 4)
        }
    }

    @Test func adjMatchesWordsInTheirOrderOnly() throws {
        try withCorpus { searcher throws in
            #expect(try ids(searcher, "drone ADJ/5 Haifa") == ["israel/apart.txt", "israel/close.txt"])
            #expect(try ids(searcher, "Haifa ADJ/5 drone") == ["israel/reversed.txt"])
            #expect(try ids(searcher, "drone ADJ/2 Haifa") == ["israel/close.txt"])
        }
    }

    @Test(arguments: WeightingScheme.allCases)
    func proximityMatchesRankByTheWeightingScheme(weighting: WeightingScheme) throws {
        try withCorpus { searcher throws in
            // Each article has each word once, so the shortest ranks first, under IneB2 as under BM25; close and
            // apart are as long as each other (Xapian's lengths, words and stems, title thrice: 20, 26 and 26),
            // so they tie. Without feedback, whose terms (hit, port, ...) would break the tie one way or the other.
            var options = SearchOptions(expand: false)
            options.weighting = weighting
            let hits = try searcher.search("drone NEAR/5 Haifa", options: options).hits
            #expect(hits.count == 3)
            #expect(hits.first?.id == "israel/reversed.txt")
            #expect(Set(hits.dropFirst().map(\.id)) == ["israel/close.txt", "israel/apart.txt"])
            #expect(hits[0].score > hits[1].score)
            #expect(abs(hits[1].score - hits[2].score) < 1e-12)
        }
    }

    @Test func nearAndAdjHighlightOnlyWhereTheWordsAreNear() throws {
        try withCorpus { searcher throws in
            let near = try highlighted(searcher, "drone NEAR/5 Haifa")
            #expect(near["israel/reversed.txt"] == ["Haifa", "drone"])
            #expect(near["israel/apart.txt"] == ["drone", "Haifa"])
            // Both words, far apart: plain words highlight, a NEAR of them does not reach the far Haifa.
            #expect(try highlighted(searcher, "drone Haifa")["world/far.txt"]?.sorted() == ["Haifa", "drone"])
            #expect(try highlighted(searcher, "(drone NEAR/3 Haifa) OR filler7", any: true)["world/far.txt"] == ["filler7"])
        }
    }

    @Test func excludedAndTitleOnlyWordsFollowTheQuery() throws {
        try withCorpus { searcher throws in
            let excluded = try highlighted(searcher, "drone -port")
            #expect(Set(excluded.keys) == ["israel/close.txt", "israel/reversed.txt", "world/far.txt"])
            #expect(excluded.values.allSatisfy { $0 == ["drone"] })
            let notPort = try highlighted(searcher, "Haifa NOT port")
            #expect(notPort.values.allSatisfy { $0 == ["Haifa"] })
            let title = try searcher.search("title:port")
            #expect(title.hits.map(\.id) == ["world/port.txt"])
            #expect(title.hits[0].titleHighlights.map { $0.slice(of: title.hits[0].title) } == ["Port"])
            #expect(title.hits[0].passages.allSatisfy { $0.highlights.isEmpty })
        }
    }

    @Test func wildcardsHighlightTheirExpansions() throws {
        try withCorpus { searcher throws in
            let words = try highlighted(searcher, "fill* Haifa")["world/far.txt"] ?? []
            #expect(words.contains("filler1"))
            #expect(words.contains("Haifa"))
            #expect(words.allSatisfy { $0.hasPrefix("filler") || $0 == "Haifa" })
        }
    }

    @Test func pathGlobsMatchTheCorpusRelativePath() throws {
        try withCorpus { searcher throws in
            #expect(try ids(searcher, "path:israel/*") == ["israel/apart.txt", "israel/close.txt", "israel/reversed.txt"])
            #expect(try ids(searcher, "drone path:*/*a*.txt") == ["israel/apart.txt", "world/far.txt"])
            #expect(try ids(searcher, "path:world/p?rt.txt") == ["world/port.txt"])
            #expect(try ids(searcher, #"path:"israel/close.txt""#) == ["israel/close.txt"])
            #expect(try ids(searcher, "drone -path:israel/*") == ["world/far.txt"])
            #expect(try ids(searcher, "path:sport/*").isEmpty)
            // No highlight comes from a path.
            #expect(try highlighted(searcher, "drone path:israel/c*")["israel/close.txt"] == ["drone"])
        }
    }
}

/// Passage evidence in ranking: an article's best passage added to its score.
@Suite(.checksXapianHandles) struct PassageRankingTests {
    /// Two articles with the same words as often and the same length: in one the query words share a
    /// sentence, in the other they stand a hundred words apart.
    private func withCorpus(_ body: (Searcher) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let filler = (1...50).map { "filler\($0)" }.joined(separator: " ")
            let apart = "Report one\n\nA drone was seen. \(filler). \(filler). Later the news came from Haifa.\n"
            let together = "Report two\n\nA drone hit Haifa. \(filler). \(filler). Later the news came from there.\n"
            try Fixtures.write(apart, to: "Corpus/a.txt", in: dir)
            try Fixtures.write(together, to: "Corpus/b.txt", in: dir)
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            try body(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path)))
        }
    }

    @Test func theArticleWhoseBestPassageAnswersRanksFirst() throws {
        try withCorpus { searcher throws in
            var options = SearchOptions()
            options.allCopies = true  // the two are near-duplicates
            options.passageWeight = 0
            let plain = try searcher.search("drone Haifa", options: options).hits
            #expect(plain.count == 2)
            #expect(plain[0].score == plain[1].score)  // a tie: the whole texts cannot tell them apart
            options.passageWeight = 0.3
            let ranked = try searcher.search("drone Haifa", options: options).hits
            #expect(ranked.map(\.id) == ["b.txt", "a.txt"])
            #expect(ranked[0].score > ranked[1].score)
            #expect(ranked.map(\.rank) == [1, 2])
            // Paging sees the same order.
            options.offset = 1
            options.limit = 1
            let second = try searcher.search("drone Haifa", options: options).hits
            #expect(second.map(\.id) == ["a.txt"])
            #expect(second.map(\.rank) == [2])
        }
    }
}
