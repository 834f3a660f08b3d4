import Foundation
import Testing
import TrawlTestSupport
@testable import trawl

/// A command named first is parsed on its own, skipping argument-parser's root parse (start-up is most of a
/// search). These tests pin when that happens, and that a user sees exactly what the root parse gives:
/// the same output, the same one-line errors, the same exit codes.
@Suite struct DirectParseTests {
    private func leaf(_ arguments: [String]) -> (name: String, rest: [String])? {
        DirectParse.leafCommand(arguments).map { ($0.0.configuration.commandName ?? "", $0.1) }
    }

    @Test func aCommandWithoutSubcommandsIsParsedOnItsOwn() {
        #expect(leaf(["search", "oil", "prices", "--index", "bench"])! == ("search", ["oil", "prices", "--index", "bench"]))
        #expect(leaf(["stats"])! == ("stats", []))
        #expect(leaf(["index", "--jobs=2", "Corpus"])! == ("index", ["--jobs=2", "Corpus"]))
        #expect(leaf(["similar", "a.txt"])! == ("similar", ["a.txt"]))
        #expect(leaf(["saved", "run", "--all", "--new"])! == ("run", ["--all", "--new"]))
        // A lone dash is a value (--batch - reads standard input); `--` ends the options.
        #expect(leaf(["search", "--batch", "-"])! == ("search", ["--batch", "-"]))
        #expect(leaf(["search", "--", "oil"])! == ("search", ["--", "oil"]))
    }

    @Test func builtInFlagsAndAnythingUnclearGoThroughTheRoot() {
        // No command, a command with subcommands, help as a command, an unknown command.
        #expect(leaf([]) == nil)
        #expect(leaf(["--version"]) == nil)
        #expect(leaf(["saved"]) == nil)
        #expect(leaf(["saved", "help"]) == nil)
        #expect(leaf(["help", "search"]) == nil)
        #expect(leaf(["serach", "oil"]) == nil)
        #expect(leaf(["oil", "search"]) == nil)
        // The parser's own flags, wherever they sit, with or without a value.
        for flag in ["--help", "--help-hidden", "--version", "--generate-completion-script", "--generate-completion-script=bash",
                     "--experimental-dump-help", "---completion"] {
            #expect(leaf(["search", "oil", flag]) == nil, "\(flag)")
            #expect(leaf(["saved", "run", flag, "x"]) == nil, "\(flag)")
        }
        // Any single-dash option: -h, or a group of short flags that may hold one, or a negative number.
        for option in ["-h", "-xh", "-help", "-5"] {
            #expect(leaf(["search", option]) == nil, "\(option)")
        }
        #expect(leaf(["search", "--", "--help"]) == nil)
    }

    /// Each of these, run both ways, prints the same and exits the same.
    private static let cases: [[String]] = [
        ["search", "drone", "attack"],
        ["search", "drone", "--limit", "1", "--passages", "0", "--format", "jsonl"],
        ["search", "--no-expand", "--sort=date", "attack", "--color", "never"],
        ["search", "--", "drone"],
        ["search", "nothingmatchesthis"],
        ["search"],
        ["search", "  "],
        ["search", "drone", "--limit", "0"],
        ["search", "drone", "--limit", "many"],
        ["search", "drone", "--limit"],
        ["search", "drone", "--sort", "sideways"],
        ["search", "drone", "--format", "xml"],
        ["search", "drone", "--frobnicate"],
        ["search", "drone", "--frobnicate=3"],
        ["search", "drone", "--batch", "q.txt"],
        ["search", "drone", "--facets", "section", "--format", "csv"],
        ["search", "drone", "--since", "yesterday"],
        ["search", "drone", "--passage-weight", "2"],
        ["search", "AND", "drone"],
        ["search", "drone", "--index", "nowhere"],
        ["search", "--batch", "-"],
        ["search", "drone", "--index", "Index", "--weighting", "bm25", "--all-copies", "--explain", "--offset", "1",
         "--fields", "title,url,score", "--format=json", "--color=always", "--until", "2030", "--since", "2000"],
        ["search", "drone", "--any", "--limit=3", "--format", "csv", "attack", "--passage-weight", "0.5"],
        ["stats"],
        ["stats", "--format", "json"],
        ["stats", "--format", "yaml"],
        ["stats", "extra"],
        ["stats", "--index", "Index", "--index", "Index"],
        ["index", "--jobs", "0"],
        ["index", "--jobs", "many"],
        ["similar"],
        ["similar", "nope.txt"],
        ["saved", "list"],
        ["saved", "run"],
        ["saved", "run", "nosuchquery"],
        ["saved", "run", "daily", "--bogus"],
        ["saved", "show", "--bogus"],
        ["saved", "add"],
    ]

    @Test func everyCommandPrintsAndExitsAsTheRootParseDoes() throws {
        try withTemporaryDirectory { dir throws in
            try Fixtures.copySeedCorpus(to: dir)
            let indexed = try trawl(["index"], in: dir)
            #expect(indexed.status == 0, "\(indexed.stderr)")
            for arguments in Self.cases {
                #expect(DirectParse.leafCommand(arguments) != nil, "\(arguments) is not parsed directly")
                let direct = try trawl(arguments, in: dir)
                let root = try trawl(arguments, in: dir, environment: ["TRAWL_PARSE_FROM_ROOT": "1"])
                #expect(direct.status == root.status, "\(arguments)")
                #expect(direct.stdout == root.stdout, "\(arguments)")
                #expect(direct.stderr == root.stderr, "\(arguments)")
            }
        }
    }

    @Test func errorsNameTheCommand() throws {
        try withTemporaryDirectory { dir throws in
            let unknown = try trawl(["search", "drone", "--frobnicate"], in: dir)
            #expect(unknown.status == 2)
            #expect(unknown.stdout == "")
            #expect(unknown.stderr == "trawl: Unknown option '--frobnicate' — see `trawl search --help`\n")
            let value = try trawl(["search", "drone", "--limit", "many"], in: dir)
            #expect(value.stderr == "trawl: The value 'many' is invalid for '--limit <limit>' — see `trawl search --help`\n")
            let run = try trawl(["saved", "run", "daily", "--bogus"], in: dir)
            #expect(run.status == 2)
            #expect(run.stderr == "trawl: Unknown option '--bogus' — see `trawl saved --help`\n")
        }
    }
}
