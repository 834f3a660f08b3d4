import Foundation
import Testing
import TrawlTestSupport
import Xapian

/// The built `trawl` binary, run as a user runs it: output, errors and exit codes pinned.
@Suite struct CLITests {
    /// A folder holding a copy of the seed corpus as Corpus/, indexed into Index/ when `indexed`.
    private func withWorkspace(indexed: Bool = true, _ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            if indexed {
                let result = try trawl(["index"], in: dir)
                #expect(result.status == 0, "\(result.stderr)")
            }
            try body(dir)
        }
    }

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func indexReportsWhatItDid() throws {
        try withWorkspace(indexed: false) { dir throws in
            let first = try trawl(["index"], in: dir)
            #expect(first.status == 0)
            #expect(first.stderr == "")
            #expect(first.stdout.hasPrefix("indexed Corpus/ into Index/: 5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped; 5 articles in the index ("))
            let again = try trawl(["index"], in: dir)
            #expect(again.stdout.hasPrefix("indexed Corpus/ into Index/: 0 added, 0 updated, 0 removed, 5 unchanged, 0 skipped; 5 articles in the index ("))
        }
    }

    @Test func textResultsHaveRankTitlePathLineScoreAndPassages() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "drone", "attack", "Haifa"], in: dir)
            #expect(result.status == 0)
            #expect(result.stderr == "articles 1-4 of about 4 matching\n")
            #expect(!result.stdout.contains("\u{1B}"))
            let out = lines(result.stdout)
            #expect(out[0].hasPrefix("1. "))
            #expect(out[1].wholeMatch(of: /\   Corpus\/00[0-4]_[0-9a-f]{16}\.txt:\d+ · (.+ · )?score \d+\.\d\d/) != nil)
            #expect(out[2].wholeMatch(of: /\   \d+: .+/) != nil)
            #expect(out[3].wholeMatch(of: /\   \d+: .+/) != nil)
            #expect(out[4] == "")
            #expect(out.filter { $0.wholeMatch(of: /\d+\. .+/) != nil }.count == 4)
            #expect(!result.stdout.contains("003_e3f78a58f49dd915.txt"))
        }
    }

    @Test func colourMarksMatchedWordsOnlyWhenAsked() throws {
        try withWorkspace { dir throws in
            let coloured = try trawl(["search", "attack", "--color", "always", "--limit", "1"], in: dir)
            #expect(coloured.stdout.contains("\u{1B}[1;31mattack\u{1B}[0m") || coloured.stdout.contains("\u{1B}[1;31mattacked\u{1B}[0m"))
            let never = try trawl(["search", "attack", "--color", "never"], in: dir)
            #expect(!never.stdout.contains("\u{1B}"))
        }
    }

    @Test(.enabled(if: which("script") != nil, "script(1) from bsdutils is needed to give trawl a terminal"))
    func colourOnATerminalUnlessNoColor() throws {
        try withWorkspace { dir throws in
            let command = "\(Fixtures.trawlBinary.path) search attack --limit 1"
            let tty = try run(which("script")!, ["-qec", command, "/dev/null"], in: dir)
            #expect(tty.stdout.contains("\u{1B}[1;31m"))
            let noColor = try run(which("script")!, ["-qec", command, "/dev/null"], in: dir, environment: ["NO_COLOR": "1"])
            #expect(noColor.stdout.contains("attack"))
            #expect(!noColor.stdout.contains("\u{1B}[1;31m"))
        }
    }

    @Test func jsonHasQueryEstimateHitsAndPhraseSpans() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", #""Islamic Resistance in Iraq""#, "--format", "json"], in: dir)
            #expect(result.status == 0)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(json["query"] as? String == #""Islamic Resistance in Iraq""#)
            #expect((json["estimatedMatches"] as? Int ?? 0) >= 4)
            let hits = try #require(json["hits"] as? [[String: Any]])
            #expect(!hits.isEmpty)
            for (index, hit) in hits.enumerated() {
                #expect(hit["rank"] as? Int == index + 1)
                #expect(hit["score"] is Double)
                #expect((hit["path"] as? String)?.hasPrefix("Corpus/") == true)
                #expect(hit["title"] is String)
                // Up to --passages (2), and only passages that hold a match.
                let passages = try #require(hit["passages"] as? [[String: Any]])
                #expect((1...2).contains(passages.count))
                for passage in passages {
                    #expect(passage["line"] is Int)
                    #expect(passage["score"] is Double)
                    let text = try #require(passage["text"] as? String)
                    let scalars = Array(text.unicodeScalars)
                    for span in try #require(passage["highlights"] as? [[Int]]) {
                        let phrase = String(String.UnicodeScalarView(scalars[span[0]..<span[1]]))
                        #expect(phrase.lowercased() == "islamic resistance in iraq")
                    }
                }
            }
        }
    }

    @Test func seedArticlesShowTheirTitlesDatesAndNoClutter() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "Iraq", "--all-copies", "--passages", "20", "--format", "json"], in: dir)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let hits = try #require(json["hits"] as? [[String: Any]])
            var titles: [String: String] = [:]
            var dates: [String: String] = [:]
            for hit in hits {
                let id = try #require(hit["id"] as? String)
                titles[id] = hit["title"] as? String
                dates[id] = hit["date"] as? String
                for passage in hit["passages"] as? [[String: Any]] ?? [] {
                    let text = passage["text"] as? String ?? ""
                    for clutter in ["CONTINUE FULL READING", "pic.twitter.com", "share your opinions", "Related Posts",
                                    "US SOLDIER WOUNDED", "Leave a Comment", "by time news usa"] {
                        #expect(!text.contains(clutter), "\(id): \(clutter)")
                    }
                }
            }
            #expect(titles == [
                "000_fff0fa8bcac6831c.txt": "Iran Claims Drone Attacks by Iraqi Groups on Israeli-Occupied Port City of Haifa",
                "001_9335ef90959a21c9.txt": "Iran-backed Iraqi militia targets Haifa, Israel with drones: state media",
                "002_4993c8e2996a26dc.txt": "An unsettling wave of attacks has recently swept through the Middle East, stemming from the turmoil…",
                "003_e3f78a58f49dd915.txt": "Against Friday, the Islamic Resistance in Iraq carried out a string of drone attacks against…",
                "004_d52ae03f719e3373.txt": "The Islamic Resistance in Iraq (IRI) group has come out with a statement that they attacked the…",
            ])
            // Only one article states its date; none is invented for the others.
            #expect(dates == ["004_d52ae03f719e3373.txt": "2024-02-01"])
            #expect(hits.first { $0["id"] as? String == "001_9335ef90959a21c9.txt" }?["source"] as? String == "time news usa")
        }
    }

    @Test func copiesCollapseWithACountUnlessAllCopies() throws {
        try withWorkspace(indexed: false) { dir throws in
            try FileManager.default.copyItem(at: dir.appendingPathComponent("Corpus/004_d52ae03f719e3373.txt"),
                                             to: dir.appendingPathComponent("Corpus/syndicated.txt"))
            let index = try trawl(["index"], in: dir)
            #expect(index.stdout.contains("6 articles in the index, 1 group of near-duplicates ("))
            let collapsed = try trawl(["search", "usurping", "--passages", "0"], in: dir)
            #expect(lines(collapsed.stdout).filter { $0.hasSuffix("+1 similar") }.count == 1)
            #expect(collapsed.stderr == "articles 1-1 of about 1 matching\n")  // Xapian counts a collapsed group once
            let all = try trawl(["search", "usurping", "--passages", "0", "--all-copies"], in: dir)
            #expect(all.stdout.contains("2. "))
            #expect(!all.stdout.contains("similar"))
        }
    }

    @Test func batchRunsEveryQueryInEveryFormat() throws {
        try withWorkspace { dir throws in
            try Fixtures.write("a\tStratofortress\nb\tZanzibar\nc\t\"Islamic Resistance in Iraq\"\n", to: "queries.tsv", in: dir)
            let trec = try trawl(["search", "--batch", "queries.tsv", "--format", "trec", "--limit", "3"], in: dir)
            #expect(trec.status == 0)
            let rows = lines(trec.stdout).filter { !$0.isEmpty }
            #expect(rows.allSatisfy { $0.wholeMatch(of: /[ac] Q0 00[0-4]_[0-9a-f]{16} [1-3] \d+\.\d{6} trawl/) != nil })
            #expect(rows.filter { $0.hasPrefix("a ") }.count == 1)
            #expect(rows.filter { $0.hasPrefix("c ") }.count == 3)

            let jsonl = try trawl(["search", "--batch", "queries.tsv", "--format", "jsonl", "--passages", "1"], in: dir)
            let events = try lines(jsonl.stdout).filter { !$0.isEmpty }.map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            try #require(events.count >= 2, "\(jsonl.status) \(jsonl.stderr) \(jsonl.stdout)")
            #expect(events.map { $0["event"] as? String ?? "?" }.filter { $0 != "hit" } == ["begin", "end", "begin", "end", "begin", "end"])
            #expect(events.first?["query"] as? String == "Stratofortress")
            #expect(events[1]["event"] as? String == "hit")
            #expect((events[1]["hit"] as? [String: Any])?["id"] as? String == "001_9335ef90959a21c9.txt")

            let csv = try trawl(["search", "--batch", "queries.tsv", "--format", "csv", "--limit", "1"], in: dir)
            let csvLines = csv.stdout.split(separator: "\r\n").map(String.init)
            #expect(csvLines.first == "query,rank,score,path,line,title,date,source,section,similar,passage")
            #expect(csvLines.count == 3)  // the header, and one row for each query that matched

            let stdin = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf 'Stratofortress\\n' | '\(Fixtures.trawlBinary.path)' search --batch - --format trec"], in: dir)
            #expect(stdin.stdout.hasPrefix("1 Q0 001_9335ef90959a21c9 1 "))
        }
    }

    @Test func batchReportsABadQueryAndRunsTheRest() throws {
        try withWorkspace { dir throws in
            try Fixtures.write("AND drone\nStratofortress\n", to: "queries.txt", in: dir)
            let result = try trawl(["search", "--batch", "queries.txt", "--format", "trec"], in: dir)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("trawl: queries.txt line 1 (query 1): query syntax error at character 1: AND with nothing before it — AND drone"))
            #expect(result.stdout.hasPrefix("2 Q0 001_9335ef90959a21c9 1 "))
            let both = try trawl(["search", "drone", "--batch", "queries.txt"], in: dir)
            #expect(both.status == 2)
            #expect(both.stderr == "trawl: give either a query or --batch, not both — see `trawl search --help`\n")
            let missing = try trawl(["search", "--batch", "nope.txt"], in: dir)
            #expect(missing.status == 2)
            #expect(missing.stderr.hasPrefix("trawl: cannot read the batch file nope.txt"))
        }
    }

    @Test func singleQueryJsonlIsOneHitPerLine() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "drone", "--format", "jsonl", "--passages", "0"], in: dir)
            let rows = lines(result.stdout).filter { !$0.isEmpty }
            #expect(rows.count == 5)
            let first = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
            #expect(first["rank"] as? Int == 1)
        }
    }

    @Test func misspeltQueriesAreCorrectedOnStderr() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "Stratofortres", "--passages", "0"], in: dir)
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("1. Iran-backed Iraqi militia"))
            #expect(result.stderr == "no articles match 'Stratofortres'; showing results for 'stratofortress'\narticles 1-1 of about 1 matching\n")
        }
    }

    @Test func similarArticlesByPathOrId() throws {
        try withWorkspace { dir throws in
            let byPath = try trawl(["similar", "Corpus/001_9335ef90959a21c9.txt", "--passages", "0"], in: dir)
            #expect(byPath.status == 0)
            #expect(byPath.stdout.hasPrefix("1. An unsettling wave of attacks"))
            #expect(!byPath.stdout.contains("001_9335ef90959a21c9.txt"))
            let byID = try trawl(["similar", "001_9335ef90959a21c9.txt", "--format", "trec"], in: dir)
            #expect(byID.stdout.hasPrefix("1 Q0 002_4993c8e2996a26dc 1 "))
            let missing = try trawl(["similar", "nope.txt"], in: dir)
            #expect(missing.status == 2)
            #expect(missing.stderr == "trawl: no article 'nope.txt' in Index/ — give its path as search results show it\n")
        }
    }

    @Test func nothingMatchedExitsOne() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "Zanzibar"], in: dir)
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == "no matching articles\n")
            let json = try trawl(["search", "Zanzibar", "--format", "json"], in: dir)
            #expect(json.status == 1)
            #expect(json.stdout.contains(#""hits" : ["#))
        }
    }

    @Test func noIndexIsOneLineWithTheFix() throws {
        try withWorkspace(indexed: false) { dir throws in
            let result = try trawl(["search", "drone"], in: dir)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "trawl: no index at Index/ — run `trawl index` first\n")
            let stats = try trawl(["stats"], in: dir)
            #expect(stats.status == 2)
            #expect(stats.stderr == "trawl: no index at Index/ — run `trawl index` first\n")
        }
    }

    @Test func badQuerySyntaxIsOneLineExitTwo() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "AND drone"], in: dir)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "trawl: query syntax error at character 1: AND with nothing before it — AND drone\n")
            #expect(lines(result.stderr).count == 2)  // one line and its newline
        }
    }

    @Test(arguments: [
        ("drone (Haifa OR port", "character 7: unmatched ( (it is never closed)"),
        ("drone Haifa) port", "character 12: unmatched ) (nothing opened it)"),
        (#"drone "Islamic Resistance"#, #"character 7: unmatched " (a phrase needs a closing quote)"#),
        ("drone OR", "character 7: OR with nothing after it"),
        ("drone NOT", "character 7: NOT with nothing after it"),
        ("drone NEAR/x Haifa", "character 7: NEAR/x: the distance must be a whole number of words from 1 to 1000, e.g. NEAR/3"),
        ("drone ADJ/3", "character 7: ADJ needs a word after it"),
        ("drone source:", "character 7: source: with nothing after it"),
        ("drone path:", "character 7: path: with nothing after it"),
        ("drone date:2024-02..2024-13", "character 7: 'date:2024-02..2024-13' is not a date — write date:2024-02-01, date:2024-02, date:2024, date:7d (the last 7 days), or a range such as date:2024-01..2024-02-15"),
    ])
    func syntaxErrorsShowWhereTheProblemIs(query: String, problem: String) throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", query], in: dir)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "trawl: query syntax error at \(problem) — \(query)\n")
        }
    }

    @Test func pathGlobsFilterByFileName() throws {
        try withWorkspace { dir throws in
            let result = try trawl(["search", "drone path:00[01]_*", "--format", "trec"], in: dir)
            #expect(result.status == 0)
            let docids = lines(result.stdout).filter { !$0.isEmpty }.map { $0.split(separator: " ")[2] }
            #expect(docids.sorted() == ["000_fff0fa8bcac6831c", "001_9335ef90959a21c9"])
            let none = try trawl(["search", "drone path:nowhere/*"], in: dir)
            #expect(none.status == 1)
            #expect(none.stderr == "no matching articles\n")
        }
    }

    @Test(arguments: [
        ["search"],
        ["search", "drone", "--limit", "0"],
        ["search", "drone", "--passages", "-1"],
        ["search", "drone", "--format", "xml"],
        ["search", "drone", "--color", "sometimes"],
        ["search", "drone", "--sort", "random"],
        ["search", "drone", "--since", "last tuesday"],
        ["search", "drone date:2024-13"],
        ["frobnicate"],
        ["index", "--no-such-option"],
    ])
    func usageErrorsAreOneLineExitTwo(arguments: [String]) throws {
        try withWorkspace { dir throws in
            let result = try trawl(arguments, in: dir)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("trawl: "))
            #expect(lines(result.stderr).count == 2)
        }
    }

    @Test func helpAndVersionExitZero() throws {
        try withWorkspace(indexed: false) { dir throws in
            let help = try trawl(["search", "--help"], in: dir)
            #expect(help.status == 0)
            #expect(help.stdout.contains("--passages"))
            #expect(help.stdout.contains("--any"))
            let version = try trawl(["--version"], in: dir)
            #expect(version.status == 0)
            #expect(version.stdout == "0.1.0\n")
        }
    }

    @Test func pagingWithOffsetAndLimit() throws {
        try withWorkspace { dir throws in
            let page = try trawl(["search", "drone", "--offset", "2", "--limit", "2", "--passages", "1"], in: dir)
            #expect(page.status == 0)
            #expect(page.stdout.hasPrefix("3. "))
            #expect(page.stderr == "articles 3-4 of about 5 matching\n")
            let past = try trawl(["search", "drone", "--offset", "10"], in: dir)
            #expect(past.status == 1)
            #expect(past.stderr == "no articles past --offset 10 (about 5 match in all)\n")
        }
    }

    @Test func anyMatchesEitherWord() throws {
        try withWorkspace { dir throws in
            #expect(try trawl(["search", "Stratofortress", "Zanzibar"], in: dir).status == 1)
            #expect(try trawl(["search", "Stratofortress", "Zanzibar", "--any"], in: dir).status == 0)
        }
    }

    @Test func statsShowWhatIsIndexed() throws {
        try withWorkspace { dir throws in
            let text = try trawl(["stats"], in: dir)
            #expect(text.status == 0)
            #expect(text.stdout.contains("articles    5\n"))
            #expect(text.stdout.contains("language    english\n"))
            #expect(text.stdout.contains("corpus      Corpus/\n"))
            let json = try trawl(["stats", "--format", "json"], in: dir)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["articles"] as? Int == 5)
        }
    }

    @Test func explicitIndexAndCorpusPaths() throws {
        try withWorkspace(indexed: false) { dir throws in
            let index = try trawl(["index", "Corpus", "--index", "elsewhere/idx"], in: dir)
            #expect(index.status == 0)
            #expect(index.stdout.hasPrefix("indexed Corpus/ into elsewhere/idx/: 5 added"))
            #expect(try trawl(["search", "drone", "--index", "elsewhere/idx"], in: dir).status == 0)
            let missing = try trawl(["index", "NoSuchFolder"], in: dir)
            #expect(missing.status == 2)
            #expect(missing.stderr.hasPrefix("trawl: no corpus at "))
        }
    }

    @Test func defaultsLiveBesideTheNearestTrawlToml() throws {
        try withWorkspace { dir throws in
            try Fixtures.write("# trawl settings\n", to: "trawl.toml", in: dir)
            let sub = dir.appendingPathComponent("notes/deeper")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let result = try trawl(["search", "drone", "--limit", "1"], in: sub)
            #expect(result.status == 0)
            // Paths are shown as they open from where the user is.
            #expect(result.stdout.contains(dir.path + "/Corpus/") || result.stdout.contains("../../Corpus/"))
        }
    }

    @Test(.checksXapianHandles) func aSecondWriterIsToldTheIndexIsLocked() throws {
        try withWorkspace { dir throws in
            let writer = try WritableDatabase(path: dir.appendingPathComponent("Index").path)
            let result = try trawl(["index"], in: dir)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("trawl: Index/ is locked by another writer"))
            // Readers are never blocked by the writer.
            #expect(try trawl(["search", "drone"], in: dir).status == 0)
            try writer.close()
        }
    }

    @Test func everyXapianHandleIsFreed() throws {
        try withWorkspace { dir throws in
            // TRAWL_DEBUG_HANDLES (set by `trawl()` on every run) turns a handle left open into exit 70.
            for (arguments, status) in [(["index"], 0), (["search", "drone attack", "--passages", "3"], 0),
                                        (["search", "zzzunknownword"], 1), (["search", "drone (attack"], 2),
                                        (["stats"], 0), (["similar", "001_9335ef90959a21c9.txt"], 0)] {
                let result = try trawl(arguments, in: dir)
                #expect(result.status == status, "\(arguments)")
                #expect(!result.stderr.contains("still open"), "\(arguments)")
            }
        }
    }

    @Test(.enabled(if: which("xapian-delve") != nil && which("quest") != nil,
                   "xapian-tools (xapian-delve, quest) are not installed: `apt-get install xapian-tools`"))
    func xapiansOwnToolsReadTheIndex() throws {
        try withWorkspace { dir throws in
            let delve = try run(which("xapian-delve")!, ["Index"], in: dir)
            #expect(delve.status == 0)
            #expect(delve.stdout.contains("number of documents = 5"))
            #expect(delve.stdout.contains("has positional information = true"))
            let quest = try run(which("quest")!, ["-d", "Index", "drone"], in: dir)
            #expect(quest.status == 0)
            #expect(quest.stdout.contains("Exactly 5 matches"))
        }
    }
}
