import Foundation
import Testing
import TrawlTestSupport
import Xapian

#if canImport(Glibc)
import Glibc
#endif

/// The real binary killed mid-run: the index always opens and searches, and the next run finishes the job.
@Suite(.serialized, .checksXapianHandles) struct CrashSafetyTests {
    static let articles = 1200

    /// `count` small articles in 12 folders, so that a run is long enough to be killed mid-way.
    private func writeCorpus(in dir: URL, count: Int = articles) throws -> Set<String> {
        let words = ["harbour", "drone", "minister", "budget", "river", "market", "storm", "bridge", "court", "energy"]
        var ids = Set<String>()
        for n in 0..<count {
            let body = (0..<120).map { words[($0 * 7 + n) % words.count] }.joined(separator: " ")
            let id = "s\(n % 12)/a\(n).txt"
            try Fixtures.write("Story \(n) about the \(words[n % words.count])\n\nItem\(n) \(body).\n", to: "Corpus/\(id)", in: dir)
            ids.insert(id)
        }
        return ids
    }

    /// Starts `trawl index` in `dir`, committing every 50 files; stderr goes to `stderr`.
    private func startIndexing(in dir: URL, stderr: URL, jobs: Int? = nil) throws -> Process {
        let process = Process()
        process.executableURL = Fixtures.trawlBinary
        process.arguments = ["index", "--quiet"] + (jobs.map { ["--jobs", String($0)] } ?? [])
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(["TRAWL_COMMIT_EVERY": "50"]) { $1 }
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The ids in the index, each with how many documents hold it.
    private func idTerms(_ dir: URL) throws -> [String: Int] {
        let db = try Database(path: dir.appendingPathComponent("Index").path)
        var ids: [String: Int] = [:]
        for (term, frequency) in try db.terms(withPrefix: "Q") { ids[String(term.dropFirst())] = frequency }
        #expect(try db.documentCount == ids.values.reduce(0, +))
        return ids
    }

    @Test func killedAtAnyPointTheIndexOpensAndTheNextRunFinishes() throws {
        try withTemporaryDirectory { dir in
            let expected = try writeCorpus(in: dir)
            var killsMidRun = 0
            var seen = 0
            // Kills at different points: before the first commit, between commits, late in the run.
            for delay in [0.2, 0.6, 1.0, 1.5, 2.5, 4.0] {
                let process = try startIndexing(in: dir, stderr: dir.appendingPathComponent("err.txt"))
                Thread.sleep(forTimeInterval: delay)
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    killsMidRun += 1
                }
                process.waitUntilExit()
                guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("Index/iamglass").path) else { continue }
                // Whatever was committed is whole: every document is an article of the corpus, once.
                let ids = try idTerms(dir)
                #expect(ids.values.allSatisfy { $0 == 1 })
                #expect(Set(ids.keys).isSubset(of: expected))
                #expect(ids.count >= seen)  // nothing committed is lost
                seen = ids.count
                let search = try trawl(["search", "harbour", "--passages", "1"], in: dir)
                #expect(search.status == (ids.isEmpty ? 1 : 0), "\(search.stderr)")
            }
            #expect(killsMidRun > 0)
            let finish = try trawl(["index"], in: dir)
            #expect(finish.status == 0, "\(finish.stderr)")
            #expect(finish.stdout.contains("\(Self.articles) articles in the index"))
            #expect(finish.stdout.contains(" 0 updated, 0 removed, \(seen) unchanged, 0 skipped"))
            let ids = try idTerms(dir)
            #expect(Set(ids.keys) == expected)
            #expect(ids.values.allSatisfy { $0 == 1 })
        }
    }

    /// With one writer the signal falls once a batch is committed; with two, once the shard writers have
    /// started (what they finished is merged before the run ends).
    @Test(arguments: [(SIGINT, 1), (SIGTERM, 1), (SIGINT, 2)])
    func aSignalCommitsWhatIsDoneAndSaysSo(signal: Int32, jobs: Int) throws {
        try withTemporaryDirectory { dir in
            let expected = try writeCorpus(in: dir)
            let err = dir.appendingPathComponent("err.txt")
            let process = try startIndexing(in: dir, stderr: err, jobs: jobs)
            // Wait until the run is well under way, so that the signal falls mid-run, whatever the machine's speed.
            let index = dir.appendingPathComponent("Index").path
            let shards = dir.appendingPathComponent(".Index.trawl-shards").path
            if jobs == 1 {
                while process.isRunning, (try? Database(path: index).documentCount) ?? 0 == 0 {
                    Thread.sleep(forTimeInterval: 0.05)
                }
            } else {
                while process.isRunning, FileSystem.names(shards).count < 2 { Thread.sleep(forTimeInterval: 0.05) }
                Thread.sleep(forTimeInterval: 0.3)
            }
            try #require(process.isRunning, "the run ended before it could be interrupted")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            // It ends by the signal, as a shell expects, after saying what it kept.
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == signal)
            let stderr = String(decoding: try Data(contentsOf: err), as: UTF8.self)
            let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
            let ids = try idTerms(dir)
            #expect(ids.count > 0 && ids.count < Self.articles)
            #expect(stderr == "trawl: interrupted by \(name): \(ids.count) added, 0 updated, 0 removed, 0 unchanged, "
                + "0 skipped were committed; \(ids.count) articles in the index — run `trawl index` again to finish\n")
            let finish = try trawl(["index"], in: dir)
            #expect(finish.stdout.contains("\(Self.articles - ids.count) added, 0 updated, 0 removed, \(ids.count) unchanged"))
            #expect(Set(try idTerms(dir).keys) == expected)
        }
    }
}

private enum FileSystem {
    /// The entries of a folder (none when it is missing).
    static func names(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }
}
