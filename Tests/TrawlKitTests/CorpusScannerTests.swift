import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// What the scanner finds: formats, hidden files, .trawlignore, links.
@Suite(.checksXapianHandles) struct CorpusScannerTests {
    private func scan(_ dir: URL) -> [String] {
        CorpusScanner(roots: [dir.path]).scan().files.map(\.id)
    }

    @Test func findsEveryFormatRecursivelyAndSkipsHiddenAndOthers() throws {
        try withTemporaryDirectory { dir in
            for file in ["a.txt", "B.TXT", "world/c.md", "world/deep/d.html", "e.htm", "f.jsonl", "g.json",
                         ".hidden.txt", ".git/h.txt", "notes.pdf", "image.png"] {
                try Fixtures.write("x\n", to: file, in: dir)
            }
            #expect(scan(dir) == ["B.TXT", "a.txt", "e.htm", "f.jsonl", "g.json", "world/c.md", "world/deep/d.html"])
        }
    }

    @Test func trawlignoreFollowsGitignoreRules() throws {
        try withTemporaryDirectory { dir in
            for file in ["keep.txt", "drafts/x.txt", "a/drafts/y.txt", "tmp.txt", "logs/2024/z.txt", "logs/keep.txt",
                         "sub/only-here.txt", "sub/inner/only-here.txt", "important.tmp.txt"] {
                try Fixtures.write("x\n", to: file, in: dir)
            }
            try Fixtures.write("""
                # comments and blank lines are ignored

                drafts/
                tmp.txt
                /logs/**/z.txt
                *.tmp.txt
                !important.tmp.txt
                """, to: ".trawlignore", in: dir)
            try Fixtures.write("/only-here.txt\n", to: "sub/.trawlignore", in: dir)
            #expect(scan(dir) == ["important.tmp.txt", "keep.txt", "logs/keep.txt", "sub/inner/only-here.txt"])
        }
    }

    @Test func ignoreRulesMatchLikeGit() {
        let rules = IgnoreRules("*.md\n!keep.md\nbuild/\n/top.txt\na/**/b.txt\n")
        #expect(rules.decision(for: ["x", "notes.md"], isDirectory: false) == true)
        #expect(rules.decision(for: ["keep.md"], isDirectory: false) == false)
        #expect(rules.decision(for: ["build"], isDirectory: true) == true)
        #expect(rules.decision(for: ["build"], isDirectory: false) == nil)
        #expect(rules.decision(for: ["top.txt"], isDirectory: false) == true)
        #expect(rules.decision(for: ["sub", "top.txt"], isDirectory: false) == nil)
        #expect(rules.decision(for: ["a", "b.txt"], isDirectory: false) == true)
        #expect(rules.decision(for: ["a", "x", "y", "b.txt"], isDirectory: false) == true)
    }

    @Test func linkLoopsDoNotTrapTheScanner() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.write("x\n", to: "a/one.txt", in: dir)
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path,
                                                       withDestinationPath: dir.appendingPathComponent("a").path)
            #expect(scan(dir) == ["a/one.txt"])
        }
    }

    @Test func mostlyControlCharactersIsBinary() {
        let noise = (0..<2000).map { UInt8(1 + $0 % 30) }
        #expect(TextDecoding.decode(noise) == nil)
        #expect(TextDecoding.decode(Array("Plain text\twith a tab.\n".utf8)) != nil)
    }
}
