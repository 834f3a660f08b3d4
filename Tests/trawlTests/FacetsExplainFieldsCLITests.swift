import Foundation
import Testing
import TrawlTestSupport

/// `--facets`, `--explain` and `--fields` through the built binary: output, errors and exit codes pinned.
@Suite struct FacetsExplainFieldsCLITests {
    /// Five Markdown articles about oil in two sections, indexed into Index/; one has no date, one no source.
    private func withWorkspace(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let articles: [(String, String?, String?, String, String)] = [
                ("world/a.md", "2024-01-15", "Reuters", "Oil prices climb", "Oil prices rose in January."),
                ("world/b.md", "2024-02-20", "AP", "Oil prices fall", "Oil fell in February on weak demand."),
                ("world/c.md", "2024-02-03", "Reuters", "Tanker seized", "A tanker carrying oil was seized."),
                ("business/d.md", nil, "Reuters", "Refiners cut output", "Refiners cut oil output."),
                ("business/e.md", "2023-12-31", nil, "Shale drillers", "Shale drillers pumped more oil."),
            ]
            for (path, date, source, title, body) in articles {
                var front = "title: \"\(title)\"\n"
                if let date { front += "date: \(date)\n" }
                if let source { front += "source: \(source)\n" }
                try Fixtures.write("---\n\(front)---\n\n\(body)\n", to: "Corpus/\(path)", in: dir)
            }
            let indexed = try trawl(["index"], in: dir)
            try #require(indexed.status == 0, "\(indexed.stderr)")
            try body(dir)
        }
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func textFacetsFollowTheHitsAndCountEveryMatch() throws {
        try withWorkspace { dir in
            let result = try trawl(["search", "oil", "--limit", "1", "--passages", "0", "--facets", "section,source,year,month"], in: dir)
            #expect(result.status == 0)
            #expect(result.stderr == "articles 1-1 of about 5 matching\n")
            let blocks = result.stdout.components(separatedBy: "\n\n")
            #expect(blocks.count == 2)
            #expect(blocks[1] == """
                facets:
                  section: world 3 · business 2
                  source: Reuters 3 · AP 1
                  year: 2024 3 · 2023 1
                  month: 2024-02 2 · 2023-12 1 · 2024-01 1

                """)
        }
    }

    @Test func jsonFacetsAreAnObjectOfValueCountLists() throws {
        try withWorkspace { dir in
            let result = try trawl(["search", "oil", "--format", "json", "--facets", "year,section", "--limit", "2"], in: dir)
            #expect(result.status == 0)
            let top = try json(result.stdout)
            let facets = try #require(top["facets"] as? [String: [[String: Any]]])
            #expect(Set(facets.keys) == ["year", "section"])
            #expect(facets["year"]?.map { "\($0["value"] as? String ?? "?") \($0["count"] as? Int ?? -1)" } == ["2024 3", "2023 1"])
            #expect(facets["section"]?.map { "\($0["value"] as? String ?? "?") \($0["count"] as? Int ?? -1)" } == ["world 3", "business 2"])
            // Without --facets the JSON has no facets key.
            let plain = try json(try trawl(["search", "oil", "--format", "json"], in: dir).stdout)
            #expect(plain["facets"] == nil)
        }
    }

    @Test func facetErrorsAreOneLineExitTwo() throws {
        try withWorkspace { dir in
            let unknown = try trawl(["search", "oil", "--facets", "section,colour"], in: dir)
            #expect(unknown.status == 2)
            #expect(unknown.stdout == "")
            #expect(unknown.stderr == "trawl: unknown facet 'colour' in --facets — choose from section, source, year, month\n")
            // Nothing matched: exit 1 and no facet block.
            let nothing = try trawl(["search", "zeppelin", "--facets", "year"], in: dir)
            #expect(nothing.status == 1)
            #expect(nothing.stdout == "")
            let csv = try trawl(["search", "oil", "--facets", "year", "--format", "csv"], in: dir)
            #expect(csv.status == 2)
            #expect(csv.stderr == "trawl: --facets works with --format text or json, not csv — see `trawl search --help`\n")
        }
    }

    /// Feedback terms show in --explain as "feedback": by default only with --any; --expand and --no-expand
    /// say otherwise, and the last of them given counts.
    @Test func feedbackIsOnByDefaultOnlyWithAny() throws {
        try withWorkspace { dir in
            let cases: [([String], Bool)] = [
                ([], false), (["--expand"], true), (["--no-expand"], false),
                (["--any"], true), (["--any", "--no-expand"], false), (["--any", "--expand"], true),
                (["--no-expand", "--expand"], true), (["--expand", "--no-expand"], false),
            ]
            for (flags, fedBack) in cases {
                // Not "oil", which all five articles hold: with every article in the top 5 no term tells them apart.
                let result = try trawl(["search", "prices", "--explain", "--passages", "0"] + flags, in: dir)
                #expect(result.status == 0, "\(flags)")
                #expect(result.stderr == "articles 1-2 of about 2 matching\n", "\(flags)")
                #expect(result.stdout.contains(", feedback)") == fedBack, "\(flags): \(result.stdout)")
                #expect(result.stdout.hasPrefix("1. "), "\(flags)")
            }
        }
    }

    @Test func explainShowsASumThatComesToTheScore() throws {
        try withWorkspace { dir in
            let result = try trawl(["search", "prices", "climb", "--explain", "--passages", "0", "--no-expand"], in: dir)
            #expect(result.status == 0)
            let out = result.stdout.split(separator: "\n").map(String.init)
            #expect(out.count == 4)
            #expect(out[0] == "1. Oil prices climb")
            #expect(out[1].hasPrefix("   Corpus/world/a.md:"))
            #expect(out[2].wholeMatch(of: /\   = \d+\.\d{4} Zprice \(wdf 4\)/) != nil, "\(out)")
            #expect(out[3].wholeMatch(of: /\   \+ \d+\.\d{4} Zclimb \(wdf 3\)/) != nil, "\(out)")

            let jsonResult = try trawl(["search", "oil", "prices", "--explain", "--format", "json"], in: dir)
            let hits = try #require(try json(jsonResult.stdout)["hits"] as? [[String: Any]])
            #expect(hits.count == 2)
            for hit in hits {
                let score = try #require(hit["score"] as? Double)
                let parts = try #require(hit["explain"] as? [[String: Any]])
                let sum = parts.compactMap { $0["weight"] as? Double }.reduce(0, +)
                #expect(abs(sum - score) < 1e-9 * max(1, score))
                #expect(parts.allSatisfy { $0["term"] is String && $0["expansion"] is Bool })
                #expect(parts.first?["term"] as? String == "Zoil")
                #expect(parts.first?["expansion"] as? Bool == false)
            }
        }
    }

    @Test func fieldsChooseCsvColumnsAndJsonKeys() throws {
        try withWorkspace { dir in
            let csv = try trawl(["search", "tanker", "--format", "csv", "--fields", "rank,id,source,date,passage"], in: dir)
            #expect(csv.status == 0)
            #expect(csv.stdout == "rank,id,source,date,passage\r\n1,world/c.md,Reuters,2024-02-03,A tanker carrying oil was seized.\r\n")

            let jsonl = try trawl(["search", "tanker", "--format", "jsonl", "--fields", "id,title,query"], in: dir)
            #expect(jsonl.stdout == #"{"id":"world/c.md","query":"1","title":"Tanker seized"}"# + "\n")

            // An unknown value (d has no date) is left out, as in the full hit.
            let json = try self.json(try trawl(["search", "refiners", "--format", "json", "--fields", "id,date"], in: dir).stdout)
            let hits = try #require(json["hits"] as? [[String: Any]])
            #expect(hits.count == 1)
            #expect(Set(hits[0].keys) == ["id"])
            // A batch: one JSON document per query, hits cut down alike.
            try Fixtures.write("q1\ttanker\nq2\trefiners\n", to: "queries.tsv", in: dir)
            let batch = try trawl(["search", "--batch", "queries.tsv", "--format", "json", "--fields", "query,id"], in: dir)
            let all = try #require(try JSONSerialization.jsonObject(with: Data(batch.stdout.utf8)) as? [[String: Any]])
            #expect(all.compactMap { ($0["hits"] as? [[String: String]])?.first } == [["query": "q1", "id": "world/c.md"], ["query": "q2", "id": "business/d.md"]])
            let events = try trawl(["search", "--batch", "queries.tsv", "--format", "jsonl", "--fields", "id"], in: dir)
            #expect(events.stdout.split(separator: "\n").filter { $0.contains(#""event":"hit""#) } == [
                #"{"event":"hit","hit":{"id":"world/c.md"},"id":"q1"}"#, #"{"event":"hit","hit":{"id":"business/d.md"},"id":"q2"}"#,
            ])
            // The top level keeps every key the full output has.
            let full = try self.json(try trawl(["search", "refiners", "--format", "json"], in: dir).stdout)
            #expect(Set(json.keys) == Set(full.keys))
        }
    }

    @Test func textFieldsAreOneLinePerHit() throws {
        try withWorkspace { dir in
            let result = try trawl(["search", "oil", "prices", "--fields", "rank,path,date,source,title"], in: dir)
            #expect(result.status == 0)
            #expect(result.stdout == """
                1 · Corpus/world/a.md · 2024-01-15 · Reuters · Oil prices climb
                2 · Corpus/world/b.md · 2024-02-20 · AP · Oil prices fall

                """ || result.stdout == """
                1 · Corpus/world/b.md · 2024-02-20 · AP · Oil prices fall
                2 · Corpus/world/a.md · 2024-01-15 · Reuters · Oil prices climb

                """, "\(result.stdout)")
            // Asking for the explain field gives the explanation, under the line.
            let explained = try trawl(["search", "tanker", "--fields", "id,explain", "--no-expand"], in: dir)
            #expect(explained.stdout.wholeMatch(of: /world\/c\.md\n   = \d+\.\d{4} Ztanker \(wdf \d+\)\n/) != nil, "\(explained.stdout)")
        }
    }

    @Test func facetsCountCopiesFoldedIntoAHit() throws {
        try withWorkspace { dir in
            try FileManager.default.copyItem(at: dir.appendingPathComponent("Corpus/world/c.md"),
                                             to: dir.appendingPathComponent("Corpus/world/copy.md"))
            _ = try trawl(["index"], in: dir)
            let result = try trawl(["search", "tanker", "--facets", "source", "--passages", "0"], in: dir)
            #expect(result.stdout.hasSuffix("+1 similar\n\nfacets:\n  source: Reuters 2\n"), "\(result.stdout)")
        }
    }

    @Test func defaultCsvColumnsAreUnchanged() throws {
        try withWorkspace { dir in
            let csv = try trawl(["search", "tanker", "--format", "csv", "--passages", "1"], in: dir)
            let rows = csv.stdout.split(separator: "\r\n").map(String.init)
            #expect(rows.first == "query,rank,score,path,line,title,date,source,section,similar,passage")
            #expect(rows.count == 2)
            #expect(rows[1].wholeMatch(of: /1,1,\d+\.\d{4},Corpus\/world\/c\.md,\d+,Tanker seized,2024-02-03,Reuters,world,0,A tanker carrying oil was seized\./) != nil, "\(rows)")
        }
    }

    @Test func fieldErrorsNameTheValidFields() throws {
        try withWorkspace { dir in
            let unknown = try trawl(["search", "oil", "--format", "csv", "--fields", "rank,colour"], in: dir)
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "trawl: unknown field 'colour' in --fields — choose from query, rank, score, id, path, line, "
                + "title, titleHighlights, date, source, author, url, section, similar, passage, passages, explain\n")
            let trec = try trawl(["search", "oil", "--fields", "rank", "--format", "trec"], in: dir)
            #expect(trec.status == 2)
            #expect(trec.stderr == "trawl: --fields works with --format text, csv, json or jsonl, not trec — see `trawl search --help`\n")
        }
    }
}
