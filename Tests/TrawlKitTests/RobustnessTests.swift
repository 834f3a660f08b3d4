import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// What a careless corpus or a mistyped option must not do to an index.
@Suite(.checksXapianHandles) struct RobustnessTests {
    private func index(_ dir: URL, rebuild: Bool = false, language: String? = nil) throws -> IndexSummary {
        try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
            .run(roots: [dir.appendingPathComponent("Corpus").path], rebuild: rebuild, language: language)
    }

    private func count(_ dir: URL) throws -> Int {
        try Database(path: dir.appendingPathComponent("Index").path).documentCount
    }

    @Test func veryLongIdsStayOneDocumentAcrossRuns() throws {
        try withTemporaryDirectory { dir in
            // Deep folders of long names: the id is well over Xapian's 245-byte limit for a term.
            let folder = String(repeating: "très-long-dossier-", count: 4)
            let name = [folder, folder, folder, folder, "article.txt"].joined(separator: "/")
            try Fixtures.write("A story\n\nFirst version of the text.\n", to: "Corpus/\(name)", in: dir)
            _ = try index(dir)
            try Fixtures.write("A story\n\nSecond version, changed and longer.\n", to: "Corpus/\(name)", in: dir)
            let summary = try index(dir)
            #expect(summary.updated == 1)
            #expect(try count(dir) == 1)
            #expect(IndexSchema.idTerm(name).utf8.count <= 240)
            #expect(IndexSchema.idTerm(name) != IndexSchema.idTerm(name + "x"))
        }
    }

    @Test func aMistypedLanguageWithRebuildLeavesTheIndexAlone() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)
            #expect(throws: TrawlError.self) { _ = try index(dir, rebuild: true, language: "englsh") }
            #expect(try count(dir) == 5)
        }
    }

    @Test func namesThatAreNotUTF8AreSkippedWithTheReason() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            // A Latin-1 "café.txt": the byte 0xE9 alone is not UTF-8.
            let path = Array(dir.appendingPathComponent("Corpus").path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
            let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
            #expect(fd >= 0)
            _ = "Café\n\nText.\n".withCString { write(fd, $0, 12) }
            close(fd)
            let summary = try index(dir)
            #expect(summary.added == 5)
            #expect(summary.skipped.map(\.reason) == ["the name is not valid UTF-8 — rename it"])
        }
    }

    @Test func aRenameToAnotherFormatIsReadAgain() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.write("# Harbour reopens\n\nThe *harbour* reopened today.\n", to: "Corpus/note.txt", in: dir)
            _ = try index(dir)
            try FileManager.default.moveItem(at: dir.appendingPathComponent("Corpus/note.txt"),
                                            to: dir.appendingPathComponent("Corpus/note.md"))
            let summary = try index(dir)
            #expect(summary.renamed == 0)
            #expect(summary.added == 1 && summary.removed == 1)
            let hit = try #require(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
                .search("harbour").hits.first)
            #expect(hit.title == "Harbour reopens")  // read as Markdown now
        }
    }

    @Test func nothingChangedKeepsTheClusterCount() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            try FileManager.default.copyItem(at: dir.appendingPathComponent("Corpus/004_d52ae03f719e3373.txt"),
                                             to: dir.appendingPathComponent("Corpus/copy.txt"))
            #expect(try index(dir).clusters == 1)
            let again = try index(dir)
            #expect(again.filesRead == 0)
            #expect(again.clusters == 1)
        }
    }

    @Test func tooLargeFilesAreSkippedWithTheReason() throws {
        // Not written in full: a sparse file reports its size without taking the space.
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let big = dir.appendingPathComponent("Corpus/huge.txt")
            #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
            let handle = try FileHandle(forWritingTo: big)
            try handle.truncate(atOffset: UInt64(FileSystem.maximumFileSize + 1))
            try handle.close()
            let summary = try index(dir)
            #expect(summary.added == 5)
            #expect(summary.skipped.first?.reason.hasPrefix("unreadable: too large (256 MB") == true)
        }
    }
}
