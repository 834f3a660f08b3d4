import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// trawl.toml: what it says, where a mistake is, and line-by-line edits that keep the user's text.
@Suite(.checksXapianHandles) struct ConfigTests {
    let file = "/work/ws/trawl.toml"

    @Test func readsIndexSynonymsAndQueriesInFileOrder() throws {
        let config = try TrawlConfig.parse("""
            [index]
            corpus = ["Corpus", "/data/wires"]
            path = "Idx"
            language = "french"

            [synonyms]
            IRI = ["Islamic Resistance in Iraq"]
            IDF = "Israel Defense Forces"

            [queries.zeta]
            query = 'drone (Haifa OR "port of Haifa")'
            description = "Drone attacks on Haifa"
            since = 2024-02-01
            sort = "date"
            limit = 20
            any = true
            all-copies = true
            expand = false

            [queries.alpha]
            query = "oil"
            """, file: file)
        #expect(config.corpus == ["/work/ws/Corpus", "/data/wires"])
        #expect(config.indexPath == "/work/ws/Idx")
        #expect(config.language == "french")
        #expect(config.synonyms == [Synonym(term: "IRI", alternatives: ["Islamic Resistance in Iraq"]),
                                    Synonym(term: "IDF", alternatives: ["Israel Defense Forces"])])
        #expect(config.queries.map(\.name) == ["zeta", "alpha"])
        let zeta = try #require(config.query(named: "zeta"))
        #expect(zeta.query == #"drone (Haifa OR "port of Haifa")"#)
        #expect(zeta.description == "Drone attacks on Haifa")
        #expect(zeta.options.since == "2024-02-01")
        #expect(zeta.options.sort == .date)
        #expect(zeta.options.limit == 20)
        #expect(zeta.options.matchAny && zeta.options.allCopies && zeta.options.expand == false)
        #expect(config.query(named: "alpha")?.options == SearchOptions())
    }

    @Test func savedQueriesTakeFacetsExplainAndPassageWeight() throws {
        let config = try TrawlConfig.parse("""
            [queries.f]
            query = "oil"
            facets = ["section", "year"]
            explain = true
            passage-weight = 0.3
            weighting = "bm25"
            """, file: file)
        let options = try #require(config.query(named: "f")).options
        #expect(options.facets == [.section, .year])
        #expect(options.explain)
        #expect(options.passageWeight == 0.3)
        #expect(options.weighting == .bm25)
        let bad = try #require(throws: TrawlError.self) {
            try TrawlConfig.parse("[queries.f]\nquery = 'oil'\nfacets = ['colour']\n", file: file)
        }
        #expect(bad.message == "trawl.toml line 3: [queries.f] facets has unknown facet 'colour' — choose from section, source, year, month")
    }

    @Test(arguments: [
        ("[queries.a]\nquery = 'x'\nlimit = \"ten\"\n", "trawl.toml line 3: [queries.a] limit must be a whole number from 1 to 100000, not \"ten\""),
        ("[queries.a]\nquery = 'x'\nlimt = 10\n", "trawl.toml line 3: [queries.a] limt is not a setting of a saved query — use query, description, limit, offset, passages, any, all-copies, expand, sort, since, until, explain, facets, passage-weight, weighting"),
        ("# comment\n\n[queries.a]\ndescription = 'no query'\n", "trawl.toml line 3: [queries.a] has no query — add query = 'words to search for'"),
        ("[queries.a]\nquery = 'x'\nsort = \"newest\"\n", "trawl.toml line 3: [queries.a] sort must be one of \"relevance\", \"date\", \"oldest\", not \"newest\""),
        ("[queries.a]\nquery = 'x'\nweighting = \"tfidf\"\n", "trawl.toml line 3: [queries.a] weighting must be one of \"ineb2\", \"bm25\", not \"tfidf\""),
        ("[queries.a]\nquery = 'x'\nsince = \"last week\"\n", "trawl.toml line 3: [queries.a] since must be a date: \"2024-02-01\", \"2024-02\", \"2024\", or \"7d\", \"3m\", \"1y\" — not \"last week\""),
        ("[queries.a]\nquery = 'x'\nany = \"yes\"\n", "trawl.toml line 3: [queries.a] any must be true or false, not \"yes\""),
        ("[index]\ncorpus = 3\n", "trawl.toml line 2: [index] corpus must be a folder or a list of folders, e.g. corpus = [\"Corpus\"]"),
        ("[index]\nroot = 'x'\n", "trawl.toml line 2: [index] root is not a setting — [index] takes corpus, path and language"),
        ("[querys.a]\nquery = 'x'\n", "trawl.toml line 1: querys is not a section trawl knows — use [index], [synonyms] and [queries.NAME]"),
        ("[synonyms]\nIDF = 3\n", "trawl.toml line 2: [synonyms] IDF must be a list of strings, e.g. IDF = [\"Israel Defense Forces\"]"),
        ("[queries.a]\nquery = 'x\n", "trawl.toml line 2, column 11:"),
        ("[queries.a]\nquery = 'x'\n[queries.a]\nquery = 'y'\n", "trawl.toml line 3, column 1:"),
    ])
    func mistakesNameTheirLineAndKey(text: String, message: String) throws {
        let error = try #require(throws: TrawlError.self) { try TrawlConfig.parse(text, file: file) }
        #expect(error.kind == .config)
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test func addAndRemoveKeepCommentsBlankLinesAndOrder() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("trawl.toml").path
            let original = """
                # Morning queries — keep this comment
                [index]
                corpus = "Corpus"   # where the wires land

                # about drones
                [queries.drones]
                query = 'drone'  # short on purpose

                # the oil desk
                [queries.oil]
                query = "oil prices"

                """
            try original.write(toFile: path, atomically: true, encoding: .utf8)
            var saved = SavedQuery(name: "haifa-drones", query: #"drone (Haifa OR "port of Haifa")"#, description: "Drone attacks on Haifa")
            try saved.apply("since", .string("30d"))
            try saved.apply("limit", .int(20))
            try ConfigFile.add(saved, to: path)
            let added = try String(contentsOfFile: path, encoding: .utf8)
            #expect(added == original + """

                [queries.haifa-drones]
                query = 'drone (Haifa OR "port of Haifa")'
                description = 'Drone attacks on Haifa'
                since = '30d'
                limit = 20

                """)
            #expect(try TrawlConfig.load(path).query(named: "haifa-drones") == saved)

            try ConfigFile.remove("drones", from: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == """
                # Morning queries — keep this comment
                [index]
                corpus = "Corpus"   # where the wires land

                # the oil desk
                [queries.oil]
                query = "oil prices"

                [queries.haifa-drones]
                query = 'drone (Haifa OR "port of Haifa")'
                description = 'Drone attacks on Haifa'
                since = '30d'
                limit = 20

                """)
            try ConfigFile.remove("haifa-drones", from: path)
            try ConfigFile.remove("oil", from: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == """
                # Morning queries — keep this comment
                [index]
                corpus = "Corpus"   # where the wires land

                """)
        }
    }

    @Test func addRefusesATakenNameAndRemoveAnUnknownOne() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("trawl.toml").path
            try ConfigFile.add(SavedQuery(name: "a", query: "x"), to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "[queries.a]\nquery = 'x'\n")
            let taken = try #require(throws: TrawlError.self) { try ConfigFile.add(SavedQuery(name: "a", query: "y"), to: path) }
            #expect(taken.message == "trawl.toml already has a query named a — remove it first with `trawl saved remove a`, or choose another name")
            let unknown = try #require(throws: TrawlError.self) { try ConfigFile.remove("b", from: path) }
            #expect(unknown.message == "no saved query named b in trawl.toml — `trawl saved list` shows the names")
        }
    }

    @Test func stringsThatNeedEscapingRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("trawl.toml").path
            let tricky = "it's \"quoted\" \\ back\tslash"
            try ConfigFile.add(SavedQuery(name: "t", query: tricky, description: "d'oh"), to: path)
            let saved = try #require(try TrawlConfig.load(path).query(named: "t"))
            #expect(saved.query == tricky)
            #expect(saved.description == "d'oh")
        }
    }

    @Test func workspaceTakesIndexDefaultsFromTheNearestConfig() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.write("[index]\ncorpus = ['News', 'Wires']\npath = 'Idx'\n", to: "trawl.toml", in: dir)
            let sub = dir.appendingPathComponent("deep/er")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let workspace = try Workspace.load(from: sub.path)
            let base = dir.path
            #expect(workspace.defaultCorpora == [base + "/News", base + "/Wires"])
            #expect(workspace.defaultIndex == base + "/Idx")
            let missing = try #require(throws: TrawlError.self) { try Workspace.load(from: sub.path, configFile: "nope.toml") }
            #expect(missing.message == "no config file at nope.toml — give the path of a trawl.toml")
        }
    }
}
