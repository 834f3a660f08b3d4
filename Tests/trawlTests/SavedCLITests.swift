import Foundation
import Testing
import TrawlTestSupport

/// `trawl saved`: trawl.toml edited in place, `run --new` and its cursor, the scripting contract.
@Suite struct SavedCLITests {
    /// The seed corpus as Corpus/, indexed, with a hand-written trawl.toml holding one query.
    private func withWorkspace(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            try Fixtures.write(Self.handWritten, to: "trawl.toml", in: dir)
            let result = try trawl(["index"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            try body(dir)
        }
    }

    static let handWritten = """
        # Queries the desk runs every morning.
        [index]
        corpus = "Corpus"   # the seed articles

        # Anything about the port
        [queries.haifa]
        query = 'Haifa port'   # both words
        description = "The port of Haifa"

        """

    private func config(_ dir: URL) throws -> String {
        try String(contentsOf: dir.appendingPathComponent("trawl.toml"), encoding: .utf8)
    }

    private func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// `saved add --expand` and `--no-expand` write the setting either way; neither leaves it to the default
    /// (feedback with --any only).
    @Test func addWritesFeedbackEitherWayOrLeavesItOut() throws {
        try withWorkspace { dir throws in
            for (name, flags, line) in [("on", ["--expand"], "expand = true\n"), ("off", ["--no-expand"], "expand = false\n"),
                                        ("unset", [], nil)] {
                let before = try config(dir)
                let add = try trawl(["saved", "add", name, "oil"] + flags, in: dir)
                #expect(add.status == 0, "\(add.stderr)")
                #expect(try config(dir) == before + "\n[queries.\(name)]\nquery = 'oil'\n" + (line ?? ""))
            }
        }
    }

    @Test func addTrimsFacetNames() throws {
        try withWorkspace { dir throws in
            let add = try trawl(["saved", "add", "oil", "oil", "--facets", " year ,\tsection "], in: dir)
            #expect(add.status == 0, "\(add.stderr)")
            let written = try config(dir)
            #expect(written.contains("year") && written.contains("section"))
            #expect(!written.contains(" year ") && !written.contains("\t") && !written.contains("section "))
        }
    }

    @Test func addListShowRemoveRoundTripKeepsTheHandWrittenFile() throws {
        try withWorkspace { dir throws in
            let add = try trawl(["saved", "add", "iri", #""Islamic Resistance in Iraq""#, "--description", "IRI claims",
                                 "--since", "2020", "--sort", "date", "--limit", "3"], in: dir)
            #expect(add.status == 0, "\(add.stderr)")
            #expect(add.stdout == "")
            #expect(add.stderr == "saved iri in trawl.toml\n")
            #expect(try config(dir) == Self.handWritten + """

                [queries.iri]
                query = '"Islamic Resistance in Iraq"'
                description = 'IRI claims'
                since = '2020'
                sort = 'date'
                limit = 3

                """)

            let list = try trawl(["saved", "list"], in: dir)
            #expect(list.status == 0)
            #expect(list.stdout == "haifa  3  The port of Haifa\niri    1  IRI claims\n")

            let show = try trawl(["saved", "show", "haifa"], in: dir)
            #expect(show.stdout == """
                [queries.haifa]
                query = 'Haifa port'   # both words
                description = "The port of Haifa"
                # --new has shown nothing yet

                """)

            let remove = try trawl(["saved", "remove", "iri"], in: dir)
            #expect(remove.status == 0)
            #expect(remove.stderr == "removed iri from trawl.toml\n")
            #expect(try config(dir) == Self.handWritten)

            let again = try trawl(["saved", "remove", "iri"], in: dir)
            #expect(again.status == 2)
            #expect(again.stderr == "trawl: no saved query named iri in trawl.toml — it has haifa\n")
            let taken = try trawl(["saved", "add", "haifa", "x"], in: dir)
            #expect(taken.status == 2)
            #expect(taken.stderr == "trawl: trawl.toml already has a query named haifa — remove it first with `trawl saved remove haifa`, or choose another name\n")
            let badName = try trawl(["saved", "add", "no spaces", "x"], in: dir)
            #expect(badName.status == 2)
            #expect(badName.stderr.hasPrefix("trawl: the name no spaces is not allowed: use letters, digits, - and _"))
            #expect(try config(dir) == Self.handWritten)
        }
    }

    @Test func runNewReportsOnceThenNothing() throws {
        try withWorkspace { dir throws in
            let first = try trawl(["saved", "run", "haifa", "--new"], in: dir)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasPrefix("# haifa: The port of Haifa — 3 new, 3 matching 'Haifa port'\n\n1. "))
            #expect(first.stdout.components(separatedBy: " · new · ").count == 4)
            let second = try trawl(["saved", "run", "haifa", "--new"], in: dir)
            #expect(second.status == 1)
            #expect(second.stdout == "# haifa: The port of Haifa — nothing new, 3 matching 'Haifa port'\n\n")
            #expect(second.stderr == "")
            // Without --new every match is shown, cursor or not.
            let plain = try trawl(["saved", "run", "haifa"], in: dir)
            #expect(plain.status == 0)
            #expect(plain.stdout.hasPrefix("# haifa: The port of Haifa — 3 shown, 3 matching 'Haifa port'\n"))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("trawl.cursors.json").path))
        }
    }

    @Test func aNewArticleIsReportedAloneAndARebuildReportsNothing() throws {
        try withWorkspace { dir throws in
            _ = try trawl(["saved", "run", "haifa", "--new"], in: dir)
            try Fixtures.write("Drones over the port\n\nA drone flew over the port of Haifa on Monday.\n", to: "Corpus/later.txt", in: dir)
            #expect(try trawl(["index"], in: dir).status == 0)
            let new = try trawl(["saved", "run", "haifa", "--new", "--format", "jsonl"], in: dir)
            #expect(new.status == 0, "\(new.stderr)")
            let hits = try jsonLines(new.stdout).filter { $0["event"] as? String == "hit" }
            #expect(hits.map { ($0["hit"] as? [String: Any])?["id"] as? String } == ["later.txt"])
            #expect(hits.map { $0["status"] as? String } == ["new"])

            #expect(try trawl(["index", "--rebuild"], in: dir).status == 0)
            let afterRebuild = try trawl(["saved", "run", "haifa", "--new"], in: dir)
            #expect(afterRebuild.status == 1, "\(afterRebuild.stdout)")
        }
    }

    @Test func aChangedArticleMatchingThroughANewPassageCountsAgain() throws {
        try withWorkspace { dir throws in
            try Fixtures.write("Port news\n\nThe port of Haifa reopened.\n", to: "Corpus/port.txt", in: dir)
            _ = try trawl(["index"], in: dir)
            _ = try trawl(["saved", "run", "haifa", "--new"], in: dir)
            // A change away from the matching passages: not new.
            try Fixtures.write("Port news\n\nThe port of Haifa reopened.\n\nWeather: sunny.\n", to: "Corpus/port.txt", in: dir)
            _ = try trawl(["index"], in: dir)
            #expect(try trawl(["saved", "run", "haifa", "--new"], in: dir).status == 1)
            // A new passage that matches: reported again, and said why.
            try Fixtures.write("Port news\n\nThe port of Haifa reopened.\n\nWeather: sunny.\n\nHaifa port workers went on strike.\n", to: "Corpus/port.txt", in: dir)
            _ = try trawl(["index"], in: dir)
            let changed = try trawl(["saved", "run", "haifa", "--new"], in: dir)
            #expect(changed.status == 0)
            #expect(changed.stdout.contains("# haifa: The port of Haifa — 0 new, 1 changed, 4 matching 'Haifa port'"))
            #expect(changed.stdout.contains("Corpus/port.txt:3 · changed: matches through a new passage"))
            #expect(changed.stdout.contains("Haifa port workers went on strike."))
        }
    }

    @Test func dryRunDoesNotMoveTheCursorAndResetClearsIt() throws {
        try withWorkspace { dir throws in
            let dry = try trawl(["saved", "run", "haifa", "--new", "--dry-run"], in: dir)
            #expect(dry.status == 0)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("trawl.cursors.json").path))
            #expect(try trawl(["saved", "run", "haifa", "--new"], in: dir).status == 0)
            #expect(try trawl(["saved", "run", "haifa", "--new", "--dry-run"], in: dir).status == 1)

            let reset = try trawl(["saved", "run", "haifa", "--reset"], in: dir)
            #expect(reset.status == 0)
            #expect(reset.stdout == "")
            #expect(reset.stderr == "forgot what --new has shown for haifa\n")
            #expect(try trawl(["saved", "run", "haifa", "--new"], in: dir).status == 0)
            // --reset with --new: forget, then report everything again.
            let both = try trawl(["saved", "run", "haifa", "--new", "--reset"], in: dir)
            #expect(both.status == 0)
            #expect(both.stdout.hasPrefix("# haifa: The port of Haifa — 3 new"))

            let lone = try trawl(["saved", "run", "haifa", "--dry-run"], in: dir)
            #expect(lone.status == 2)
            #expect(lone.stderr.hasPrefix("trawl: --dry-run goes with --new"))
        }
    }

    @Test func runAllExitsZeroWhenAnyQueryReportedSomething() throws {
        try withWorkspace { dir throws in
            #expect(try trawl(["saved", "add", "nothing", "Zanzibar"], in: dir).status == 0)
            let all = try trawl(["saved", "run", "--all", "--new"], in: dir)
            #expect(all.status == 0)
            #expect(all.stdout.contains("# nothing — nothing new, 0 matching 'Zanzibar'"))
            let again = try trawl(["saved", "run", "--all", "--new"], in: dir)
            #expect(again.status == 1)
            let unknown = try trawl(["saved", "run", "nope"], in: dir)
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "trawl: no saved query named nope in trawl.toml — it has haifa, nothing\n")
            let neither = try trawl(["saved", "run"], in: dir)
            #expect(neither.status == 2)
            #expect(neither.stderr.hasPrefix("trawl: give the names of saved queries to run, or --all"))
        }
    }

    @Test func aBadConfigGivesItsLineAndExitTwo() throws {
        try withWorkspace { dir throws in
            try Fixtures.write(Self.handWritten + "limit = 'ten'\n", to: "trawl.toml", in: dir)
            let bad = try trawl(["saved", "list"], in: dir)
            #expect(bad.status == 2)
            #expect(bad.stderr == "trawl: trawl.toml line 9: [queries.haifa] limit must be a whole number from 1 to 100000, not \"ten\"\n")
            try Fixtures.write("[queries.x\nquery = 'y'\n", to: "trawl.toml", in: dir)
            for command in [["search", "port"], ["saved", "run", "--all"], ["index"]] {
                let syntax = try trawl(command, in: dir)
                #expect(syntax.status == 2)
                #expect(syntax.stderr.hasPrefix("trawl: trawl.toml line 1, column "), "\(syntax.stderr)")
                #expect(syntax.stderr.hasSuffix("— fix the TOML syntax\n"))
            }
        }
    }

    /// The documented shape of the JSON Lines events (README, "Scripting"): every key known, every type right.
    @Test func jsonlEventsFollowTheDocumentedShape() throws {
        try withWorkspace { dir throws in
            #expect(try trawl(["saved", "add", "iri", #""Islamic Resistance in Iraq""#], in: dir).status == 0)
            try Fixtures.write("1\tHaifa port\n2\tZanzibar\n", to: "q.tsv", in: dir)
            let runs = [try trawl(["saved", "run", "--all", "--new", "--format", "jsonl"], in: dir),
                        try trawl(["saved", "run", "--all", "--format", "jsonl"], in: dir),
                        try trawl(["search", "--batch", "q.tsv", "--format", "jsonl"], in: dir)]
            for run in runs {
                let events = try jsonLines(run.stdout)
                #expect(!events.isEmpty)
                var open: String? = nil
                var hitsSeen = 0
                for event in events {
                    let kind = try #require(event["event"] as? String)
                    let id = try #require(event["id"] as? String)
                    switch kind {
                    case "begin":
                        #expect(open == nil)
                        open = id
                        hitsSeen = 0
                        #expect(Set(event.keys).isSubset(of: ["event", "id", "query", "total", "name", "description", "new"]))
                        #expect(event["query"] is String && event["total"] is Int)
                        if let name = event["name"] { #expect(name as? String == id) }
                    case "hit":
                        #expect(open == id)
                        hitsSeen += 1
                        #expect(Set(event.keys).isSubset(of: ["event", "id", "hit", "status"]))
                        let hit = try #require(event["hit"] as? [String: Any])
                        #expect(hit["id"] is String && hit["path"] is String && hit["rank"] is Int && hit["score"] is Double)
                        #expect(hit["title"] is String && hit["passages"] is [[String: Any]])
                        if let status = event["status"] { #expect(["new", "changed"].contains(status as? String)) }
                    case "end":
                        #expect(open == id)
                        open = nil
                        #expect(Set(event.keys).isSubset(of: ["event", "id", "hits", "total", "new", "changed"]))
                        #expect(event["hits"] as? Int == hitsSeen && event["total"] is Int)
                    default:
                        Issue.record("unknown event \(kind)")
                    }
                }
                #expect(open == nil)
            }
        }
    }

    @Test func completionScriptsKnowTheCommandsAndTheSavedNames() throws {
        try withWorkspace { dir throws in
            for shell in ["bash", "zsh", "fish"] {
                let script = try trawl(["--generate-completion-script", shell], in: dir)
                #expect(script.status == 0)
                for word in ["saved", "search", "dry-run", "since", "all-copies"] {
                    #expect(script.stdout.contains(word), "\(shell) lacks \(word)")
                }
            }
            #expect(try trawl(["saved", "add", "harbour", "harbour"], in: dir).status == 0)
            let names = try trawl(["---completion", "saved", "run", "--", "positional@0", "3", "0"], in: dir)
            #expect(names.stdout == "haifa\nharbour\n")
        }
    }

    @Test func synonymsFromTrawlTomlApplyOnceIndexed() throws {
        try withWorkspace { dir throws in
            try Fixtures.write(Self.handWritten + "\n[synonyms]\nIRI = [\"Islamic Resistance in Iraq\"]\n", to: "trawl.toml", in: dir)
            let stale = try trawl(["search", "IRI", "--passages", "0"], in: dir)
            #expect(stale.status == 0)
            #expect(stale.stderr.hasPrefix("trawl: trawl.toml's [synonyms] changed since the index was built — run `trawl index` to apply them\n"))
            #expect(stale.stdout.components(separatedBy: "\n\n").count - 1 == 1)
            #expect(try trawl(["index"], in: dir).status == 0)
            let fresh = try trawl(["search", "IRI", "--passages", "0", "--all-copies"], in: dir)
            #expect(fresh.status == 0)
            #expect(fresh.stderr == "articles 1-5 of about 5 matching\n")
        }
    }
}
