import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// A run killed at the worst moments of making or swapping an index: the next run finds it whole.
@Suite(.checksXapianHandles) struct RecoveryTests {
    private func index(_ dir: URL) throws -> IndexSummary {
        try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
            .run(roots: [dir.appendingPathComponent("Corpus").path])
    }

    private func paths(_ dir: URL) -> (index: String, work: String) {
        (dir.appendingPathComponent("Index").path, dir.appendingPathComponent(".Index.trawl-shards").path)
    }

    @Test func killedBetweenTheSwapsTheMergedIndexIsPutInPlace() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            #expect(try index(dir).added == 5)
            let (indexPath, work) = paths(dir)
            // As merge leaves it when killed after moving the old index aside: merged whole, marked, no index.
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: indexPath, toPath: work + "/merged")
            #expect(FileManager.default.createFile(atPath: work + "/merged.done", contents: Data()))
            try FileManager.default.moveItem(atPath: indexPath, toPath: work + "/old")
            let again = try index(dir)
            #expect(again.added == 0 && again.unchanged == 5 && again.articles == 5)
            #expect(!FileManager.default.fileExists(atPath: work))
        }
    }

    @Test func withoutTheMarkerTheOldIndexComesBack() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)
            let (indexPath, work) = paths(dir)
            try FileManager.default.createDirectory(atPath: work + "/merged", withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: indexPath, toPath: work + "/old")
            // Xapian or the user may have left an empty folder where the index was.
            try FileManager.default.createDirectory(atPath: indexPath, withIntermediateDirectories: true)
            try Fixtures.write("", to: "Index/.gitkeep", in: dir)
            let again = try index(dir)
            #expect(again.unchanged == 5 && again.added == 0)
            #expect(FileManager.default.fileExists(atPath: indexPath + "/.gitkeep"))
        }
    }

    @Test func aNewIndexIsMadeBesideAndMovedInWhole() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let (indexPath, _) = paths(dir)
            try Fixtures.write("", to: "Index/.gitkeep", in: dir)
            // A killed creation leaves its half-made database beside, never in, Index/.
            try FileManager.default.createDirectory(atPath: dir.appendingPathComponent(".Index.trawl-new").path,
                                                    withIntermediateDirectories: true)
            #expect(try index(dir).added == 5)
            #expect(FileManager.default.fileExists(atPath: indexPath + "/.gitkeep"))
            #expect(FileManager.default.fileExists(atPath: indexPath + "/iamglass"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".Index.trawl-new").path))
        }
    }
}
