import Foundation
import Testing
import TrawlTestSupport
import Xapian

/// Value counts among all matches (match spies) and per-term weight explanations, on a real database.
@Suite(.checksXapianHandles) struct MatchSpyAndExplainTests {
    /// Six documents: words, a unique id term, a "colour" in slot 5 (none for f).
    private func withDatabase(_ body: (Database) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("db").path
            do {
                let db = try WritableDatabase(path: path, mode: .create)
                let generator = try TermGenerator()
                try generator.setStemmer(try Stem(language: "english"))
                try generator.setStemmingStrategy(.some)
                let docs = [
                    ("a", "red", "drone attack on the port, a drone again"),
                    ("b", "red", "port of Haifa reopens"),
                    ("c", "blue", "drone seen over the port"),
                    ("d", "green", "oil prices rise"),
                    ("e", "red", "drone drone drone strike"),
                    ("f", nil, "drone parts shipped by port"),
                ]
                for (id, colour, text) in docs {
                    let doc = try Document()
                    try generator.setDocument(doc)
                    try generator.indexText(text)
                    try doc.addBooleanTerm("Q" + id)
                    if let colour { try doc.setValue(5, Array(colour.utf8)) }
                    _ = try db.replaceDocument(uniqueTerm: "Q" + id, with: doc)
                }
                try db.commit()
                try db.close()
            }
            try body(try Database(path: path))
        }
    }

    @Test func valueCountsCoverEveryMatchNotOnlyThePage() throws {
        try withDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try Query(term: "Zdrone"))
            try enquire.addValueCount(slot: 5)
            try enquire.addValueCount(slot: 5)  // twice is one count
            let mset = try enquire.mset(offset: 0, limit: 1, checkAtLeast: try db.documentCount)
            #expect(mset.count == 1)
            let counts = try enquire.valueCounts(slot: 5)
            #expect(counts.map(\.value) == ["blue", "red"])
            #expect(counts.map(\.count) == [1, 2])  // a, c, e (f has no colour)
        }
    }

    @Test func valueCountsOfASlotNotCountedIsAnInvalidArgument() throws {
        try withDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try Query(term: "Zdrone"))
            _ = try enquire.mset(offset: 0, limit: 10)
            #expect {
                _ = try enquire.valueCounts(slot: 7)
            } throws: { error in
                (error as? XapianError)?.kind == .invalidArgument
            }
        }
    }

    @Test func explainedPartsAddUpToTheWeight() throws {
        try withDatabase { db in
            let drone = try Query(term: "Zdrone"), port = try Query(term: "Zport"), haifa = try Query(term: "haifa")
            let queries = [
                try Query(combining: .or, [drone, port, haifa]),
                try Query(combining: .and, [drone, port]),
                try Query(combining: .andMaybe, [port, try Query(scaling: try Query(combining: .or, [drone, haifa]), by: 0.15)]),
                try Query(combining: .andNot, [try Query(combining: .or, [drone, port]), haifa]),
                try Query(combining: .filter, [try Query(combining: .or, [drone, port]), try Query(term: "Qa")]),
                try Query(combining: .or, [drone, try Query(combining: .synonym, [port, haifa])]),
                // Matched through one branch only: the other's words (excluded, or not a phrase) add nothing.
                try Query(combining: .or, [try Query(combining: .andNot, [drone, port]), try Query(term: "Zattack")]),
                try Query(combining: .or, [try Query(combining: .phrase, [try Query(term: "drone"), try Query(term: "port")]),
                                           try Query(term: "Zattack")]),
            ]
            for query in queries {
                let enquire = try Enquire(database: db)
                try enquire.setWeighting(.bm25(k1: 1.2, b: 0.75))
                try enquire.setQuery(query)
                let items = try enquire.mset(offset: 0, limit: 10).items
                #expect(!items.isEmpty)
                for item in items {
                    let parts = try enquire.explain(item.id, in: query)
                    let sum = parts.reduce(0) { $0 + $1.weight }
                    #expect(abs(sum - item.weight) < 1e-9, "\(query.description) doc \(item.id): \(parts) vs \(item.weight)")
                    #expect(parts.allSatisfy { $0.weight > 0 })
                }
            }
        }
    }

    @Test func divergenceFromRandomnessModelsEachWeighTheirOwnWayAndExplainAddsUp() throws {
        try withDatabase { db in
            let query = try Query(combining: .or, [try Query(term: "Zdrone"), try Query(term: "Zport")])
            func weights(_ weighting: Enquire.Weighting) throws -> [Double] {
                let enquire = try Enquire(database: db)
                try enquire.setWeighting(weighting)
                try enquire.setQuery(query)
                let items = try enquire.mset(offset: 0, limit: 10).items
                // IfB2 gives drone (in 4 of the 6 documents) a negative weight, which Xapian does not return for
                // the term alone: explanations add up only where every term weighs something, as under IneB2.
                if weighting == .divergenceFromRandomness(.ineB2, c: 1) {
                    #expect(items.count == 5)  // every document but d
                    for item in items {
                        let sum = try enquire.explain(item.id, in: query).reduce(0) { $0 + $1.weight }
                        #expect(abs(sum - item.weight) < 1e-9, "\(weighting) doc \(item.id)")
                    }
                }
                #expect(items.count >= 4, "\(weighting)")
                #expect(items.allSatisfy { $0.weight > 0 })
                return items.map(\.weight).sorted()
            }
            // Each model (and each c) gives other weights than BM25 and than each other: the choice reaches Xapian.
            var seen = [try weights(.bm25())]
            for model in Enquire.DFRModel.allCases {
                for c in [1.0, 4.0] {
                    let these = try weights(.divergenceFromRandomness(model, c: c))
                    #expect(!seen.contains(these), "\(model) c \(c) weighs as another scheme did")
                    seen.append(these)
                }
            }
        }
    }

    @Test func divergenceFromRandomnessRefusesANonPositiveC() throws {
        try withDatabase { db in
            let enquire = try Enquire(database: db)
            for c in [0.0, -1.0] {
                #expect {
                    try enquire.setWeighting(.divergenceFromRandomness(.ineB2, c: c))
                } throws: { error in
                    (error as? XapianError)?.kind == .invalidArgument
                }
            }
        }
    }

    @Test func explainingSeveralDocumentsAtOnceGivesEachItsOwnParts() throws {
        try withDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setWeighting(.divergenceFromRandomness(.ineB2, c: 1))
            let port = try Query(term: "Zport")
            let query = try Query(combining: .andMaybe, [
                try Query(combining: .or, [try Query(term: "Zdrone"), try Query(term: "Zoil")]),
                try Query(scaling: try Query(combining: .or, [port, try Query(term: "Zattack")]), by: 0.5),
            ])
            try enquire.setQuery(query)
            let items = try enquire.mset(offset: 0, limit: 10).items
            #expect(items.count == 5)  // every document but b, which has neither drone nor oil
            let d = try #require(try db.postings("Qd").first), b = try #require(try db.postings("Qb").first)
            // The documents in another order than the ranking, with one twice and one that does not match.
            let ids = [d] + items.map(\.id).reversed() + [b, d]
            let filter = try Query(combining: .or, try ["a", "b", "c", "d", "e", "f"].map { try Query(term: "Q" + $0) })
            for together in [try enquire.explain(ids, in: query), try enquire.explain(ids, in: query, filter: filter)] {
                #expect(together.count == ids.count)
                for (id, parts) in zip(ids, together) {
                    // As each one alone, which is how explanations were made before.
                    #expect(parts == (try enquire.explain(id, in: query)), "doc \(id)")
                    let weight = items.first { $0.id == id }?.weight ?? 0
                    #expect(abs(parts.reduce(0) { $0 + $1.weight } - weight) < 1e-9, "doc \(id)")
                }
                #expect(together[ids.count - 2].isEmpty)  // b
                #expect(together[0].map(\.term) == ["Zoil"])  // d: "oil prices rise"
            }
        }
    }

    @Test func explainNamesTermsWithTheirWdfAndScales() throws {
        try withDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setWeighting(.bm25())
            let port = try Query(term: "Zport")
            let plain = try Query(combining: .or, [try Query(term: "Zdrone"), port])
            let scaled = try Query(combining: .or, [try Query(term: "Zdrone"), try Query(scaling: port, by: 0.25)])
            try enquire.setQuery(plain)
            let a = try #require(try db.postings("Qa").first)
            let parts = try enquire.explain(a, in: plain, filter: try Query(term: "Qa"))
            #expect(parts.map(\.term) == ["Zdrone", "Zport"])
            #expect(parts.map(\.wdf) == [2, 1])
            let scaledParts = try enquire.explain(a, in: scaled)
            #expect(abs(scaledParts[1].weight - parts[1].weight * 0.25) < 1e-12)
            #expect(abs(scaledParts[0].weight - parts[0].weight) < 1e-12)
            // A term the document lacks is left out; a synonym group is one part.
            let d = try #require(try db.postings("Qd").first)
            #expect(try enquire.explain(d, in: plain).isEmpty)
            let group = try enquire.explain(a, in: try Query(combining: .synonym, [try Query(term: "Zdrone"), port]))
            #expect(group.count == 1)
            #expect(group[0].wdf == 0)
            #expect(group[0].term.contains("SYNONYM"))
            // Document a has drone and port, but not as a phrase nor without port: only attack weighs.
            for query in [
                try Query(combining: .or, [try Query(combining: .andNot, [try Query(term: "Zdrone"), port]), try Query(term: "Zattack")]),
                try Query(combining: .or, [try Query(combining: .phrase, [try Query(term: "drone"), try Query(term: "port")]),
                                           try Query(term: "Zattack")]),
            ] {
                #expect(try enquire.explain(a, in: query).map(\.term) == ["Zattack"])
            }
        }
    }
}
