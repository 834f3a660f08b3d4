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
