import Foundation
import Testing
import TrawlTestSupport

/// `trawl index --jobs` and the progress line, through the built binary.
@Suite struct ShardsCLITests {
    @Test func jobsMustBeAPositiveNumber() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let zero = try trawl(["index", "--jobs", "0"], in: dir)
            #expect(zero.status == 2)
            #expect(zero.stderr == "trawl: --jobs must be at least 1, not 0 — see `trawl index --help`\n")
            #expect(zero.stdout == "")
            let word = try trawl(["index", "--jobs", "many"], in: dir)
            #expect(word.status == 2)
            #expect(word.stderr == "trawl: The value 'many' is invalid for '--jobs <n>' — see `trawl index --help`\n")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Index/iamglass").path))
        }
    }

    @Test func anyNumberOfJobsReportsTheSameRun() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            for jobs in ["1", "2", "8"] {
                let result = try trawl(["index", "--rebuild", "--jobs", jobs], in: dir)
                #expect(result.status == 0)
                #expect(result.stderr == "")
                #expect(result.stdout.hasPrefix("indexed Corpus/ into Index/: 5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped; 5 articles in the index ("))
            }
        }
    }

    @Test(.enabled(if: which("script") != nil, "script(1) from bsdutils is needed to give trawl a terminal"))
    func progressOnlyOnATerminalAndNotWithQuiet() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let command = "\(Fixtures.trawlBinary.path) index --rebuild"
            let tty = try run(which("script")!, ["-qec", command, "/dev/null"], in: dir)
            #expect(tty.stdout.contains("\rindexing 0/5 files\u{1B}[K"))
            // The line is taken away before the summary.
            #expect(tty.stdout.contains("\r\u{1B}[Kindexed Corpus/ into Index/: 5 added"))
            let quiet = try run(which("script")!, ["-qec", command + " --quiet", "/dev/null"], in: dir)
            #expect(!quiet.stdout.contains("indexing"))
            #expect(quiet.stdout.hasPrefix("indexed Corpus/ into Index/: 5 added"))
            let piped = try trawl(["index", "--rebuild"], in: dir)
            #expect(piped.stderr == "")
        }
    }
}

/// Several indexes searched as one: `--index` more than once, and a Xapian stub file of local and remote shards.
@Suite struct SeveralIndexesTests {
    /// Two shards: the seed corpus, and three more articles in another folder.
    private func withShards(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            try Fixtures.write("Drone strike on the harbour\n\nA drone hit the harbour of Haifa at dawn, officials said.\n",
                               to: "More/harbour.txt", in: dir)
            try Fixtures.write("Port reopens\n\nThe port of Haifa reopened after the attack; shipping resumed.\n",
                               to: "More/port.txt", in: dir)
            try Fixtures.write("Grain exports\n\nGrain exports rose in February as prices fell.\n", to: "More/grain.txt", in: dir)
            for (corpus, shard) in [("Corpus", "shardA"), ("More", "shardB")] {
                let result = try trawl(["index", corpus, "--index", shard], in: dir)
                #expect(result.status == 0, "\(result.stderr)")
            }
            try body(dir)
        }
    }

    /// (id, path, score) of each hit, from --format json.
    private func hits(_ result: CommandResult) throws -> [(id: String, path: String, score: Double)] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (json["hits"] as? [[String: Any]] ?? []).map {
            ($0["id"] as? String ?? "", $0["path"] as? String ?? "", $0["score"] as? Double ?? -1)
        }
    }

    private let search = ["search", "drone attack Haifa", "--any", "--format", "json", "--limit", "20"]

    @Test func indexGivenTwiceSearchesBothAsOneMergedIndex() throws {
        try withShards { dir in
            let both = try trawl(search + ["--index", "shardA", "--index", "shardB"], in: dir)
            #expect(both.status == 0, "\(both.stderr)")
            let found = try hits(both)
            #expect(found.count == 7)
            // Each hit's path is under its own index's corpus folder.
            #expect(found.first { $0.id == "harbour.txt" }?.path == "More/harbour.txt")
            #expect(found.first { $0.id == "004_d52ae03f719e3373.txt" }?.path == "Corpus/004_d52ae03f719e3373.txt")

            // One index of everything ranks the same articles with the same scores.
            let merged = try trawl(["index", "Corpus", "More", "--index", "merged"], in: dir)
            #expect(merged.status == 0)
            let reference = try hits(try trawl(search + ["--index", "merged"], in: dir))
            #expect(found.map { Paths.last($0.id) } == reference.map { Paths.last($0.id) })
            for (hit, expected) in zip(found, reference) {
                #expect(abs(hit.score - expected.score) < 1e-9, "\(hit.id)")
            }
        }
    }

    @Test func severalIndexesOnlyForReading() throws {
        try withShards { dir in
            let index = try trawl(["index", "--index", "shardA", "--index", "shardB"], in: dir)
            #expect(index.status == 2)
            #expect(index.stderr == "trawl: --index is given 2 times; trawl index works on one index (only search and similar read several) — see `trawl index --help`\n")
            let stats = try trawl(["stats", "--index", "shardA", "--index", "shardB"], in: dir)
            #expect(stats.status == 2)
            try "glass \(dir.path)/shardA\n".write(to: dir.appendingPathComponent("shards.stub"), atomically: true, encoding: .utf8)
            let stub = try trawl(["index", "Corpus", "--index", "shards.stub"], in: dir)
            #expect(stub.status == 2)
            #expect(stub.stderr == "trawl: shards.stub is a file (a stub database listing shards?), not an index folder — trawl index writes one folder: index each shard with its own --index DIR\n")
            let missing = try trawl(search + ["--index", "shardA", "--index", "nowhere"], in: dir)
            #expect(missing.status == 2)
            #expect(missing.stderr == "trawl: no index at nowhere/ — run `trawl index` first\n")
            _ = try trawl(["index", "More", "--index", "french", "--language", "french"], in: dir)
            let mixed = try trawl(search + ["--index", "shardA", "--index", "french"], in: dir)
            #expect(mixed.status == 2)
            #expect(mixed.stderr == "trawl: shardA/ is stemmed for english but french/ for french — indexes searched together must share a language\n")
        }
    }

    @Test func stubFileOfLocalShards() throws {
        try withShards { dir in
            try "glass \(dir.path)/shardA\nauto shardB\n".write(to: dir.appendingPathComponent("shards.stub"),
                                                                atomically: true, encoding: .utf8)
            let stub = try trawl(search + ["--index", "shards.stub"], in: dir)
            #expect(stub.status == 0, "\(stub.stderr)")
            let reference = try trawl(search + ["--index", "shardA", "--index", "shardB"], in: dir)
            #expect(try hits(stub).map(\.id) == hits(reference).map(\.id))
            #expect(try hits(stub).count == 7)
        }
    }

    @Test(.enabled(if: which("xapian-tcpsrv") != nil, "xapian-tcpsrv (xapian-tools) is needed to serve remote shards"))
    func remoteShardsServedByXapianTcpsrvGiveTheLocalHits() throws {
        try withShards { dir in
            var servers: [Process] = []
            defer {
                // SIGKILL: the server inherits this process's blocked signals, so SIGTERM may never reach it.
                for server in servers where server.isRunning {
                    kill(server.processIdentifier, SIGKILL)
                    server.waitUntilExit()
                }
            }
            var ports: [Int] = []
            for shard in ["shardA", "shardB"] {
                // A free port: try a few at random; a server that exits at once found its port taken.
                for _ in 0..<10 {
                    let port = Int.random(in: 20_000..<60_000)
                    let server = Process()
                    server.executableURL = which("xapian-tcpsrv")!
                    server.arguments = ["--interface", "127.0.0.1", "--port", "\(port)", "--quiet",
                                        dir.appendingPathComponent(shard).path]
                    server.standardOutput = FileHandle.nullDevice
                    server.standardError = FileHandle.nullDevice
                    try server.run()
                    Thread.sleep(forTimeInterval: 0.3)
                    if server.isRunning {
                        servers.append(server)
                        ports.append(port)
                        break
                    }
                }
            }
            try #require(ports.count == 2, "could not start xapian-tcpsrv on 127.0.0.1")
            try ports.map { "remote 127.0.0.1:\($0)" }.joined(separator: "\n")
                .write(to: dir.appendingPathComponent("remote.stub"), atomically: true, encoding: .utf8)

            var remote = try trawl(search + ["--index", "remote.stub"], in: dir)
            for _ in 0..<20 where remote.status != 0 {
                Thread.sleep(forTimeInterval: 0.25)
                remote = try trawl(search + ["--index", "remote.stub"], in: dir)
            }
            #expect(remote.status == 0, "\(remote.stderr)")
            let local = try trawl(search + ["--index", "shardA", "--index", "shardB"], in: dir)
            let found = try hits(remote)
            let expected = try hits(local)
            #expect(found.count == 7)
            #expect(found.map(\.id) == expected.map(\.id))
            for (hit, reference) in zip(found, expected) {
                #expect(abs(hit.score - reference.score) < 1e-9, "\(hit.id)")
            }
        }
    }
}

private enum Paths {
    static func last(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
}
