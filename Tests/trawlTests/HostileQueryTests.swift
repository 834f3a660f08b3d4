import Foundation
import Testing
import TrawlTestSupport

/// Queries a careless or hostile user might type: each gives results or one line on stderr with exit 2.
/// (How long they take is measured in the README's reliability section, not asserted here.)
@Suite struct HostileQueryTests {
    private func withIndexedSeed(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let result = try trawl(["index"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            try body(dir)
        }
    }

    private func lineCount(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }

    @Test(arguments: [
        ("\"drone attack", 2),     // unbalanced quote: a syntax error that says where
        ("drone \"", 2),
        ("(drone attack", 2),      // unbalanced parentheses
        ("drone)) attack", 2),
        ("d*", 0),                 // a wildcard matching many words
        ("*", 1),                  // a bare star is no word at all
        ("NOT drone", 1),
        ("drone NEAR NEAR", 2),
        ("🚀 ﷽ \u{202E}", 1),
        (String(repeating: "x", count: 100_000), 1),  // one 100 KB word
    ] as [(String, Int32)])
    func oddQueriesGiveResults(query: String, status: Int32) throws {
        try withIndexedSeed { dir in
            let result = try trawl(["search", query, "--passages", "1"], in: dir)
            #expect(result.status == status, "\(result.stderr)")
            #expect(lineCount(result.stderr) == 1)
            if status == 2 {
                #expect(result.stderr.hasPrefix("trawl: query syntax error at character "))
            } else {
                #expect(!result.stderr.hasPrefix("trawl:"))
            }
        }
    }

    @Test func tooManyWordsIsOneLineExitTwo() throws {
        try withIndexedSeed { dir in
            let tenThousand = (0..<10_000).map { "w\($0)" }
            for query in [tenThousand.joined(separator: " "), tenThousand.joined(separator: " OR "),
                          String(repeating: "drone ", count: 17_000)] {  // 100 KB
                for any in [[], ["--any"]] {
                    let result = try trawl(["search", query] + any, in: dir)
                    #expect(result.status == 2)
                    #expect(result.stdout == "")
                    #expect(result.stderr.hasPrefix("trawl: the query has "))
                    #expect(result.stderr.hasSuffix(" words; at most 1000 are searched — shorten it\n"))
                }
            }
            // A long query within the limit runs.
            let long = (0..<1000).map { "w\($0)" }.joined(separator: " OR ") + " OR drone"
            #expect(try trawl(["search", long, "--no-expand", "--passages", "0"], in: dir).status == 2)
            let within = (0..<999).map { "w\($0)" }.joined(separator: " OR ") + " OR drone"
            #expect(try trawl(["search", within, "--no-expand", "--passages", "0"], in: dir).status == 0)
        }
    }

    @Test func emptyQueriesAreUsageErrors() throws {
        try withIndexedSeed { dir in
            for query in ["", "   ", "\t\n"] {
                let result = try trawl(["search", query], in: dir)
                #expect(result.status == 2)
                #expect(result.stderr.hasPrefix("trawl: empty query"))
                #expect(lineCount(result.stderr) == 1)
            }
        }
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        try withIndexedSeed { dir in
            let escape = try trawl(["search", "drone\u{1}\u{1B}[31m\u{7F}attack"], in: dir)
            #expect(escape.status == 1)
            let syntax = try trawl(["search", "AND \u{1B}[2J\u{7}drone"], in: dir)
            #expect(syntax.status == 2)
            #expect(syntax.stderr == "trawl: query syntax error at character 1: AND with nothing before it — AND \u{FFFD}[2J\u{FFFD}drone\n")
            #expect(lineCount(syntax.stderr) == 1)
            // A long bad query is quoted in part.
            let long = try trawl(["search", "AND " + String(repeating: "drone ", count: 500)], in: dir)
            #expect(long.status == 2)
            #expect(long.stderr.hasSuffix(" dro…\n"))
            #expect(long.stderr.count < 300)
        }
    }

    @Test func invalidUTF8InTheArgumentsIsRead() throws {
        try withIndexedSeed { dir in
            // Process takes Swift strings: let the shell pass the raw bytes 0xFF 0xFE.
            let result = try run(URL(fileURLWithPath: "/bin/sh"),
                                 ["-c", "exec \"$0\" search \"$(printf 'drone \\377\\376 attack')\" --passages 0",
                                  Fixtures.trawlBinary.path], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "articles 1-5 of about 5 matching\n")
        }
    }
}
