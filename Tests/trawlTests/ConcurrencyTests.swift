import Foundation
import Testing
import TrawlTestSupport
import Xapian

/// Real processes at once: searches while an index run writes, and a second writer.
@Suite struct ConcurrencyTests {
    private func startTrawl(_ arguments: [String], in dir: URL, stderr: URL, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = Fixtures.trawlBinary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func searchesWhileAnIndexRunCommitsSeeAWholeIndex() throws {
        try withTemporaryDirectory { dir in
            for n in 0..<800 {
                try Fixtures.write("Harbour report \(n)\n\nThe harbour office filed report number \(n) on the river traffic.\n",
                                   to: "Corpus/r\(n % 8)/\(n).txt", in: dir)
            }
            // Small batches: many commits for the searches to run into.
            let writer = try startTrawl(["index", "--quiet"], in: dir, stderr: dir.appendingPathComponent("err.txt"),
                                        environment: ["TRAWL_COMMIT_EVERY": "10"])
            var searches = 0
            var last = 0
            while writer.isRunning {
                let result = try trawl(["search", "harbour", "--format", "json", "--passages", "1", "--limit", "3"], in: dir)
                guard result.status != 2 || !result.stderr.hasPrefix("trawl: no index") else { continue }
                #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
                if result.status == 0 {
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                    let matches = try #require(object["estimatedMatches"] as? Int)
                    #expect(matches >= last)  // a later snapshot never has fewer articles
                    last = matches
                    #expect((object["hits"] as? [Any])?.count == min(3, matches))
                }
                searches += 1
            }
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
            #expect(searches > 0)
            #expect(try trawl(["search", "harbour", "--passages", "0"], in: dir).stderr == "articles 1-10 of about 800 matching\n")
        }
    }

    @Test(.checksXapianHandles) func aSecondWriterWaitsWhenAsked() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            #expect(try trawl(["index"], in: dir).status == 0)
            let holder = try WritableDatabase(path: dir.appendingPathComponent("Index").path)
            let locked = try trawl(["index"], in: dir)
            #expect(locked.status == 2)
            #expect(locked.stderr.hasPrefix("trawl: Index/ is locked by another writer (Unable to get write lock on "))
            #expect(locked.stderr.hasSuffix(": already locked) — wait for the other `trawl index` to finish, or give --wait\n"))

            let err = dir.appendingPathComponent("err.txt")
            let waiting = try startTrawl(["index", "--wait"], in: dir, stderr: err)
            Thread.sleep(forTimeInterval: 1.5)
            #expect(waiting.isRunning)
            #expect(String(decoding: try Data(contentsOf: err), as: UTF8.self) == "waiting for the other writer of Index/ to finish...\n")
            try holder.close()
            waiting.waitUntilExit()
            #expect(waiting.terminationStatus == 0)
        }
    }
}
