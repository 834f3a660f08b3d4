import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// `--facets` (counts among all matches) and `--explain` (each term's part of the score), on a small corpus
/// where the answers are known.
@Suite(.checksXapianHandles) struct FacetsAndExplainTests {
    /// Six articles about oil, in two sections; one without a date, one without a source.
    private static let articles: [(path: String, date: String?, source: String?, title: String, body: String)] = [
        ("world/a.md", "2024-01-15", "Reuters", "Oil prices climb", "Oil prices rose in January as supply tightened."),
        ("world/b.md", "2024-02-20", "AP", "Oil prices fall", "Oil fell in February on weak demand for crude."),
        ("world/c.md", "2024-02-03", "Reuters", "Tanker seized", "A tanker carrying oil was seized in the strait."),
        ("business/d.md", "2023-12-31", "Reuters", "Refiners cut output", "Refiners cut oil output at the end of the year."),
        ("business/e.md", nil, "Bloomberg", "Shale drillers", "Shale drillers pumped more oil than expected."),
        ("business/f.md", "2024-02-11", nil, "Wheat harvest", "The wheat harvest was early this year, oil aside."),
    ]

    private func withCorpus(_ body: (Searcher, URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            for article in Self.articles {
                var front = "title: \"\(article.title)\"\n"
                if let date = article.date { front += "date: \(date)\n" }
                if let source = article.source { front += "source: \(source)\n" }
                try Fixtures.write("---\n\(front)---\n\n\(article.body)\n", to: "Corpus/\(article.path)", in: dir)
            }
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            try body(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path)), dir)
        }
    }

    private func counts(_ results: SearchResults, _ facet: Facet) -> [String] {
        (results.facets?[facet] ?? []).map { "\($0.value) \($0.count)" }
    }

    @Test func facetsCountEveryMatchNotOnlyThePage() throws {
        try withCorpus { searcher, _ in
            var options = SearchOptions(limit: 1)
            options.facets = [.section, .source, .year, .month]
            let results = try searcher.search("oil", options: options)
            #expect(results.hits.count == 1)
            #expect(results.facets?.fields.map(\.facet) == [.section, .source, .year, .month])
            #expect(counts(results, .section) == ["business 3", "world 3"])
            // The article without a source, and the one without a date, are simply not counted there.
            #expect(counts(results, .source) == ["Reuters 3", "AP 1", "Bloomberg 1"])
            #expect(counts(results, .year) == ["2024 4", "2023 1"])
            #expect(counts(results, .month) == ["2024-02 3", "2023-12 1", "2024-01 1"])
        }
    }

    @Test func facetsFollowTheQueryAndItsFilters() throws {
        try withCorpus { searcher, _ in
            var options = SearchOptions()
            options.facets = [.month, .source]
            options.since = "2024-02"
            let results = try searcher.search("oil", options: options)
            #expect(counts(results, .month) == ["2024-02 3"])
            #expect(counts(results, .source) == ["AP 1", "Reuters 1"])
            let none = try searcher.search("section:world prices", options: SearchOptions(limit: 1))
            #expect(none.facets == nil)
            options.since = nil
            let prices = try searcher.search("section:world prices", options: options)
            #expect(counts(prices, .source) == ["AP 1", "Reuters 1"])
        }
    }

    @Test func facetNamesAreCheckedWithTheValidOnesInTheError() throws {
        #expect(try Facet.list("section, Year,section") == [.section, .year])
        #expect(throws: TrawlError(.usage, "unknown facet 'colour' in --facets — choose from section, source, year, month")) {
            try Facet.list("section,colour")
        }
        #expect(throws: TrawlError(.usage, "an empty facet name in --facets — choose from section, source, year, month")) {
            try Facet.list("section,")
        }
    }

    @Test func facetsEncodeAsAnObjectOfValueCountLists() throws {
        let facets = Facets(fields: [Facets.Field(facet: .year, counts: [FacetCount(value: "2024", count: 2)])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(facets), as: UTF8.self)
        #expect(json == #"{"year":[{"count":2,"value":"2024"}]}"#)
        #expect(try JSONDecoder().decode(Facets.self, from: Data(json.utf8)) == facets)
    }

    @Test func anIndexOfTheOldSchemaAsksForARebuild() throws {
        try withCorpus { _, dir in
            let path = dir.appendingPathComponent("Index").path
            do {
                let db = try WritableDatabase(path: path, mode: .open)
                try db.setMetadata(IndexSchema.Key.schema, "4")
                try db.commit()
                try db.close()
            }
            #expect(throws: TrawlError(.badIndex, "Index/ was written by Trawl index schema 4; this trawl reads schema "
                + "\(IndexSchema.version) — rebuild it with `trawl index --rebuild`")) {
                _ = try Searcher(indexPath: path, workspace: Workspace(from: dir.path))
            }
        }
    }

    @Test func explanationsAddUpToEachHitsScore() throws {
        try withCorpus { searcher, _ in
            let queries: [(String, SearchOptions)] = [
                ("oil prices", SearchOptions()),
                ("oil prices", SearchOptions(expand: false)),
                ("tanker OR wheat OR shale", SearchOptions()),
                ("crude demand harvest", SearchOptions(matchAny: true)),
                ("\"oil prices\" -tanker", SearchOptions()),
                ("\"oil prices\" -tanker", SearchOptions(matchAny: true)),
                ("refin* OR drill*", SearchOptions()),
                ("oil source:reuters", SearchOptions()),
            ]
            for (query, base) in queries {
                for weighting in WeightingScheme.allCases {
                    var options = base
                    options.explain = true
                    options.weighting = weighting
                    let results = try searcher.search(query, options: options)
                    #expect(!results.hits.isEmpty, "\(query)")
                    for hit in results.hits {
                        let parts = try #require(hit.explain, "\(query)")
                        #expect(!parts.isEmpty)
                        let sum = parts.reduce(0) { $0 + $1.weight }
                        #expect(abs(sum - hit.score) < 1e-9 * max(1, hit.score),
                                "\(weighting) \(query) \(hit.id): \(parts) vs \(hit.score)")
                    }
                }
            }
            #expect(try searcher.search("oil").hits.allSatisfy { $0.explain == nil })
            // A wildcard is weighed as one term and shown as typed.
            var wildcard = SearchOptions(expand: false)
            wildcard.explain = true
            let refiners = try #require(try searcher.search("refin*", options: wildcard).hits.first)
            #expect(refiners.explain?.map(\.term) == ["refin*"])
            #expect(refiners.explain?.first?.wdf == nil)
        }
    }

    @Test func theWeightingSchemeChangesScoresNotWhatMatches() throws {
        try withCorpus { searcher, _ in
            #expect(SearchOptions().weighting == .ineb2)
            var bm25 = SearchOptions(matchAny: true)
            bm25.weighting = .bm25
            let ineb2 = try searcher.search("crude tanker harvest", options: SearchOptions(matchAny: true))
            let other = try searcher.search("crude tanker harvest", options: bm25)
            #expect(Set(ineb2.hits.map(\.id)) == Set(other.hits.map(\.id)))
            #expect(ineb2.hits.count >= 3)
            let scores = Dictionary(uniqueKeysWithValues: other.hits.map { ($0.id, $0.score) })
            #expect(ineb2.hits.allSatisfy { abs($0.score - scores[$0.id]!) > 1e-6 })
        }
    }

    @Test func explanationsShowTitleWeightedWdfAndMarkFeedbackTerms() throws {
        try withCorpus { searcher, _ in
            var options = SearchOptions(expand: false)
            options.explain = true
            // "Oil prices climb": title words count 3 times, then the body's "Oil prices rose ...".
            let hit = try #require(try searcher.search("prices climb", options: options).hits.first)
            #expect(hit.id == "world/a.md")
            let parts = try #require(hit.explain)
            #expect(parts.map(\.term) == ["Zprice", "Zclimb"])
            #expect(parts.map(\.wdf) == [IndexSchema.titleWeight + 1, IndexSchema.titleWeight].map { Int($0) })
            #expect(parts.allSatisfy { !$0.expansion })

            options.expand = true
            options.matchAny = true
            let expanded = try searcher.search("tanker", options: options)
            let all = expanded.hits.flatMap { $0.explain ?? [] }
            #expect(all.contains { $0.expansion })
            #expect(all.filter { !$0.expansion }.allSatisfy { $0.term == "Ztanker" })
            // Feedback terms come after the query's and are stems.
            for hit in expanded.hits {
                let flags = (hit.explain ?? []).map(\.expansion)
                #expect(flags == flags.sorted { !$0 && $1 })
            }
        }
    }

    /// Feedback is on by default with --any and off when every word is required; `expand` says otherwise either
    /// way. Off, the results are those of `expand: false` to the score; on, those of `expand: true`.
    @Test func feedbackIsOnByDefaultOnlyWhenAnyWordMayMatch() throws {
        try withCorpus { searcher, _ in
            func search(_ query: String, any: Bool, expand: Bool?) throws -> SearchResults {
                var options = SearchOptions(matchAny: any, expand: expand)
                options.explain = true
                return try searcher.search(query, options: options)
            }
            func fedBack(_ results: SearchResults) -> Bool {
                results.hits.contains { ($0.explain ?? []).contains(where: \.expansion) }
            }
            func ranking(_ results: SearchResults) -> [String] {
                results.hits.map { "\($0.id) \($0.score)" }
            }
            #expect(SearchOptions().expands == false)
            #expect(SearchOptions(matchAny: true).expands)
            for query in ["oil", "tanker oil", "oil prices"] {
                let allWords = try search(query, any: false, expand: nil)
                #expect(!fedBack(allWords), "\(query)")
                #expect(ranking(allWords) == ranking(try search(query, any: false, expand: false)), "\(query)")
                let asked = try search(query, any: false, expand: true)
                #expect(fedBack(asked), "\(query)")

                let any = try search(query, any: true, expand: nil)
                #expect(fedBack(any), "\(query)")
                #expect(ranking(any) == ranking(try search(query, any: true, expand: true)), "\(query)")
                #expect(!fedBack(try search(query, any: true, expand: false)), "\(query)")
            }
        }
    }
}
