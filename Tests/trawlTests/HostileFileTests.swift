import Foundation
import Testing
import TrawlTestSupport
import Xapian

#if canImport(Glibc)
import Glibc
#endif

/// A corpus of files nobody meant to be articles: everything readable is indexed, the rest is named on
/// stderr with its reason, and the run ends normally.
@Suite struct HostileFileTests {
    private func write(_ bytes: [UInt8], to relative: String, in dir: URL) throws {
        let url = dir.appendingPathComponent("Corpus").appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    private func write(_ text: String, to relative: String, in dir: URL) throws {
        try write(Array(text.utf8), to: relative, in: dir)
    }

    /// The ids in the index.
    private func ids(_ dir: URL) throws -> Set<String> {
        Set(try Database(path: dir.appendingPathComponent("Index").path).terms(withPrefix: "Q").map { String($0.term.dropFirst()) })
    }

    @Test(.checksXapianHandles, .enabled(if: canRunUnprivileged, "setpriv (util-linux) is needed to run as a user permissions apply to"))
    func everythingReadableIsIndexedAndTheRestNamed() throws {
        try withTemporaryDirectory { dir in
            try write("Harbour reopens\n\nThe harbour at Haifa reopened on Monday after the drone attack.\n", to: "ok.txt", in: dir)
            try write(Array("Café owners protest\n\nThe café owners protested the new harbour tax.\n".unicodeScalars.map { UInt8($0.value) }),
                      to: "latin1.txt", in: dir)
            try write(Array("Broken bytes\n\nSome text ".utf8) + [0xC3, 0x28, 0xA0, 0xA1, 0xF0, 0x28, 0x8C] + Array(" about harbours.\n".utf8),
                      to: "garbage-utf8.txt", in: dir)
            try write((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }, to: "binary.txt", in: dir)
            try write("", to: "empty.txt", in: dir)
            try write("  \n\t\n   \r\n", to: "spaces.txt", in: dir)
            let deep = Array(repeating: "d", count: 200).joined(separator: "/") + "/deep.txt"
            try write("Deep story\n\nA story at the bottom of two hundred folders.\n", to: deep, in: dir)
            let corpus = dir.appendingPathComponent("Corpus").path
            symlink(".", corpus + "/loop")            // a folder loop: not followed
            symlink("self.txt", corpus + "/self.txt")  // a file loop
            symlink("nowhere.txt", corpus + "/dangling.txt")
            try write("Locked away\n\nNobody may read this.\n", to: "noperm.txt", in: dir)
            chmod(corpus + "/noperm.txt", 0)
            try write("Spaced name\n\nA file whose name has spaces.\n", to: "with space.txt", in: dir)
            try write("Newline name\n\nA file whose name has a newline.\n", to: "new\nline.txt", in: dir)
            try write("Unicode name\n\nA file whose name is not ASCII, about harbours.\n", to: "ünïcödé 記事.txt", in: dir)
            try write("---\ntitle: [unclosed\ndate: : :\n---\n\nA note with broken front matter about harbours.\n", to: "badfront.md", in: dir)
            try write("---\ntitle: Never closed\n\nBody text after front matter that never ends.\n", to: "nofrontend.md", in: dir)
            try write("<html><head><title>Broken page</title><body><p>Unclosed paragraph about the harbour <div><b>bold <i>both</b></i><script>var x = '<p>';",
                      to: "broken.html", in: dir)
            try write(String(repeating: "<", count: 100_000) + String(repeating: ">", count: 100_000), to: "tags.html", in: dir)
            try write("{\"title\":\"Good one\",\"text\":\"A good record about the harbour.\"}\n{bad json\n\n{\"title\":\"No text\"}\n[1,2,3]\n"
                      + "{\"title\":\"Good two\",\"text\":\"Another good record.\"}\n{\"text\":\"" + String(repeating: "x", count: 1000) + "\"\n",
                      to: "feed.jsonl", in: dir)
            try write("[{\"title\":\"A\",\"text\":\"alpha text\"}, 5, null, {\"title\":\"B\",\"text\":\"beta text\"}]", to: "array.json", in: dir)
            try write(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), to: "deep.json", in: dir)
            // As a user the unreadable file is unreadable to (root reads everything); the index is theirs to write.
            if getuid() == 0 { chown(dir.path, 65534, 65534) }

            let result = try trawlUnprivileged(["index"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("indexed Corpus/ into Index/: 15 added, 0 updated, 0 removed, 0 unchanged, 13 skipped, 2 read with warnings; 15 articles in the index"))
            #expect(result.stderr.split(separator: "\n").sorted() == [
                "trawl: skipped Corpus/array.json: record 2 (line 1): not an object",
                "trawl: skipped Corpus/array.json: record 3 (line 1): not an object",
                "trawl: skipped Corpus/binary.txt: binary file",
                "trawl: skipped Corpus/dangling.txt: No such file or directory",
                "trawl: skipped Corpus/deep.json: unreadable: not JSON",
                "trawl: skipped Corpus/empty.txt: empty",
                "trawl: skipped Corpus/feed.jsonl: line 2: not JSON",
                "trawl: skipped Corpus/feed.jsonl: line 5: not an object",
                "trawl: skipped Corpus/feed.jsonl: line 7: not JSON",
                "trawl: skipped Corpus/new\u{FFFD}line.txt: the name holds a control character — rename it",
                "trawl: skipped Corpus/noperm.txt: unreadable: Permission denied",
                "trawl: skipped Corpus/self.txt: Too many levels of symbolic links",
                "trawl: skipped Corpus/spaces.txt: empty",
                // Indexed whole, as plain Markdown: a warning, not a skip.
                "trawl: warning Corpus/badfront.md: front matter: did not find expected ',' or ']' (line 3); read as plain Markdown",
                "trawl: warning Corpus/nofrontend.md: front matter: no closing ---; read as plain Markdown",
            ])
            let indexed = try ids(dir)
            #expect(indexed.count == 15)
            #expect(indexed.isSuperset(of: ["ok.txt", "latin1.txt", "garbage-utf8.txt", "with space.txt", "ünïcödé 記事.txt",
                                            "badfront.md", "nofrontend.md", "broken.html", "tags.html", "feed.jsonl#1",
                                            "feed.jsonl#3", "feed.jsonl#5", "array.json#1", "array.json#4"]))
            #expect(try trawl(["search", "bottom of two hundred folders", "--passages", "0"], in: dir).stdout.contains("/d/deep.txt:1"))
            let search = try trawl(["search", "harbour", "--passages", "1"], in: dir)
            #expect(search.status == 0)
            #expect(search.stderr == "articles 1-7 of about 7 matching\n")
            // Nothing changed: what could not be read is named again; files already indexed are not read again,
            // so the bad parts of them are not repeated. Nothing is lost.
            let again = try trawlUnprivileged(["index"], in: dir)
            #expect(again.stdout.contains(" 0 removed, 15 unchanged, 8 skipped; 15 articles in the index"))
        }
    }

    /// Slow (minutes in a debug build): `make test-all` runs it. Time and memory are measured in the README.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TRAWL_SLOW_TESTS"] != nil, "slow: run with `make test-all`"))
    func aFiftyMegabyteArticleAndAFiveMegabyteLineAreIndexed() throws {
        try withTemporaryDirectory { dir in
            let paragraph = String(repeating: "The committee met again on Tuesday to discuss the budget, and the minister "
                + "said the harbour would stay open. ", count: 5) + "\n\n"
            try write("Enormous report\n\n" + String(repeating: paragraph, count: 50_000_000 / paragraph.utf8.count)
                + "A closing zygomorphic remark.\n", to: "big.txt", in: dir)
            try write("Single line " + String(repeating: "word ", count: 1_000_000) + "quixotic end", to: "line.txt", in: dir)
            let result = try trawl(["index"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("indexed Corpus/ into Index/: 2 added, 0 updated, 0 removed, 0 unchanged, 0 skipped"))
            #expect(try trawl(["search", "zygomorphic", "--passages", "1"], in: dir).stdout.contains("Corpus/big.txt:"))
            #expect(try trawl(["search", "quixotic", "--passages", "1"], in: dir).stdout.contains("Corpus/line.txt:1"))
        }
    }
}
