import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// Incremental runs beyond add/change/delete: renames, unreadable files, sections, near-duplicate clusters.
@Suite(.checksXapianHandles) struct IncrementalTests {
    private func index(_ dir: URL) throws -> IndexSummary {
        try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
            .run(roots: [dir.appendingPathComponent("Corpus").path])
    }

    private func searcher(_ dir: URL) throws -> Searcher {
        try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
    }

    @Test func renamedFilesAreRelabelledNotReindexed() throws {
        try withTemporaryDirectory { dir in
            let corpus = try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)
            try FileManager.default.createDirectory(at: corpus.appendingPathComponent("world"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: corpus.appendingPathComponent("001_9335ef90959a21c9.txt"),
                                            to: corpus.appendingPathComponent("world/militia.txt"))
            let summary = try index(dir)
            #expect(summary.renamed == 1)
            #expect(summary.added == 0 && summary.removed == 0 && summary.updated == 0)
            #expect(summary.articles == 5)
            let hit = try #require(try searcher(dir).search("Stratofortress").hits.first)
            #expect(hit.id == "world/militia.txt")
            #expect(hit.path == "Corpus/world/militia.txt")
            #expect(hit.section == "world")
            let db = try Database(path: dir.appendingPathComponent("Index").path)
            #expect(try db.termFrequency("Q001_9335ef90959a21c9.txt") == 0)
            #expect(try db.termFrequency("Qworld/militia.txt") == 1)
            #expect(try db.termFrequency("XSECTIONworld") == 1)
            // Nothing changed since: nothing is read.
            let again = try index(dir)
            #expect(again.filesRead == 0)
            #expect(again.unchanged == 5)
        }
    }

    @Test func anUnreadableFileKeepsWhatTheIndexHad() throws {
        try withTemporaryDirectory { dir in
            let corpus = try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)
            // A link whose target is gone (an unmounted share, say) cannot be read, even by root.
            let file = corpus.appendingPathComponent("003_e3f78a58f49dd915.txt")
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/nonexistent/trawl/003.txt")
            let summary = try index(dir)
            #expect(summary.skipped.map(\.reason) == ["No such file or directory"])
            #expect(summary.skipped.first?.path.hasSuffix("Corpus/003_e3f78a58f49dd915.txt") == true)
            #expect(summary.removed == 0)
            #expect(summary.articles == 5)
            #expect(try searcher(dir).search("MERH").hits.count == 1)
        }
    }

    @Test func sectionIsTheFirstFolderUnderTheRoot() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.write("Markets rally\n\nShares rose sharply today.\n", to: "Corpus/business/2024/a.txt", in: dir)
            try Fixtures.write("Cup final\n\nThe final was played today.\n", to: "Corpus/top.txt", in: dir)
            _ = try index(dir)
            let results = try searcher(dir).search("today")
            #expect(Dictionary(uniqueKeysWithValues: results.hits.map { ($0.id, $0.section) })
                == ["business/2024/a.txt": "business", "top.txt": nil])
        }
    }

    @Test func copiesOfAStoryCollapseIntoOneHit() throws {
        try withTemporaryDirectory { dir in
            let story = try String(contentsOf: Fixtures.seedCorpus.appendingPathComponent("000_fff0fa8bcac6831c.txt"), encoding: .utf8)
            try Fixtures.copySeedCorpus(to: dir)
            // A syndicated copy under another name, and a light rewrite (one sentence dropped, a word changed).
            try Fixtures.write(story, to: "Corpus/copy/syndicated.txt", in: dir)
            var lines = story.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[6] = lines[6].replacing("solidarity", with: "support")
            lines.remove(at: 12)
            try Fixtures.write(lines.joined(separator: "\n"), to: "Corpus/copy/rewrite.txt", in: dir)
            let summary = try index(dir)
            #expect(summary.clusters == 1)

            let collapsed = try searcher(dir).search("Alon Tavor")
            #expect(collapsed.hits.count == 1)
            #expect(collapsed.hits[0].similar == 2)
            let all = try searcher(dir).search("Alon Tavor", options: SearchOptions(allCopies: true))
            #expect(all.hits.count == 3)
            #expect(all.hits.allSatisfy { $0.similar == 0 })
            // Different stories are never collapsed.
            #expect(try searcher(dir).search("drone").hits.count == 5)
        }
    }

    @Test func removingACopyDissolvesItsCluster() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let copy = try Fixtures.write(try String(contentsOf: Fixtures.seedCorpus.appendingPathComponent("004_d52ae03f719e3373.txt"), encoding: .utf8),
                                          to: "Corpus/copy.txt", in: dir)
            #expect(try index(dir).clusters == 1)
            try FileManager.default.removeItem(at: copy)
            #expect(try index(dir).clusters == 0)
            let db = try Database(path: dir.appendingPathComponent("Index").path)
            #expect(try db.values(inSlot: IndexSchema.Slot.cluster).isEmpty)
        }
    }
}

@Suite(.checksXapianHandles) struct SimHashTests {
    @Test func identicalTextsHaveIdenticalFingerprints() {
        let text = "The drone attack on the port of Haifa was claimed by the group on Thursday morning."
        #expect(SimHash.fingerprint(text) == SimHash.fingerprint(text))
        #expect(SimHash.fingerprint("") == 0)
    }

    @Test func unrelatedTextsAreFarApart() {
        let a = SimHash.fingerprint(String(repeating: "Oil prices rose as cold weather gripped the United States and stocks fell. ", count: 5))
        let b = SimHash.fingerprint(String(repeating: "The striker scored twice as the home side won the cup final in extra time. ", count: 5))
        #expect(SimHash.distance(a, b) > SimHash.threshold)
    }

    @Test func clustersLinkNearFingerprints() {
        let base: UInt64 = 0xF0F0_1234_5678_9ABC
        let near = base ^ 0b101          // 2 bits off
        let nearer = near ^ (1 << 40)    // 3 bits off the base, 1 off `near`
        let far = ~base
        #expect(SimHash.clusters([base, far, near, nearer]) == [0, 1, 0, 0])
        #expect(SimHash.clusters([far, base], threshold: 3) == [0, 1])
    }
}
