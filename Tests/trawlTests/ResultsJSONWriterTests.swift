import Foundation
import Testing
import TrawlTestSupport
@testable import trawl
@testable import TrawlKit

/// `ResultsJSONWriter` against `JSONEncoder` (`JSONOutput.encoded`): the same bytes for
/// many results made at random, with every escape, Unicode, awkward doubles and absent fields.
@Suite struct ResultsJSONWriterTests {
    /// Strings with what an encoder must escape or keep: every control character, quotes, backslashes,
    /// slashes, DEL, accents, CJK, emoji, a combining mark.
    private static let pieces: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
        "\"", "\\", "/", "\u{7F}", "é", "Ω", "日本", "😀", "e\u{301}", "\u{2028}", "\u{FEFF}", "<b>", "&amp;",
        "oil", " ", "prices", "Haifa's", "1.5", "\\u0041", "",
    ]

    private static func string(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    private static func optionalString(_ random: inout SeededRandom) -> String? {
        Bool.random(using: &random) ? string(&random) : nil
    }

    /// Scores of every kind: whole numbers (3.0 is written 3), tiny and huge ones (exponents), negative zero,
    /// and random bit patterns.
    private static func double(_ random: inout SeededRandom) -> Double {
        let special: [Double] = [0, -0.0, 1, 3, 42, 0.1, 1e-7, 1.5e-300, 5e-324, 1e21, 1e16, 123456789012345680,
                                 -2.5, 33.71082867680211, Double.greatestFiniteMagnitude, 0.000001]
        if Bool.random(using: &random) { return special.randomElement(using: &random)! }
        var value: Double
        repeat { value = Double(bitPattern: random.next()) } while !value.isFinite
        return value
    }

    private static func int(_ random: inout SeededRandom) -> Int {
        [0, 1, -1, 7, 1000, Int.max, Int.min, Int.random(in: -100_000...100_000, using: &random)].randomElement(using: &random)!
    }

    private static func spans(_ random: inout SeededRandom) -> [HighlightSpan] {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in HighlightSpan(start: int(&random), end: int(&random)) }
    }

    private static func hit(_ random: inout SeededRandom) -> Hit {
        let passages = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            Passage(text: string(&random), score: double(&random), line: int(&random), highlights: spans(&random),
                    cutStart: Bool.random(using: &random), cutEnd: Bool.random(using: &random))
        }
        var hit = Hit(rank: int(&random), score: double(&random), id: string(&random), path: string(&random),
                      line: int(&random), title: string(&random), titleHighlights: spans(&random),
                      date: optionalString(&random), source: optionalString(&random), author: optionalString(&random),
                      url: optionalString(&random), section: optionalString(&random), similar: int(&random),
                      passages: passages)
        if Bool.random(using: &random) {
            hit.explain = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                ScoreContribution(term: string(&random), weight: double(&random),
                                  wdf: Bool.random(using: &random) ? int(&random) : nil, expansion: Bool.random(using: &random))
            }
        }
        return hit
    }

    private static func results(_ random: inout SeededRandom) -> SearchResults {
        SearchResults(query: string(&random), parsedQuery: string(&random), estimatedMatches: int(&random),
                      offset: int(&random), limit: int(&random),
                      hits: (0..<Int.random(in: 0...4, using: &random)).map { _ in hit(&random) },
                      suggestion: optionalString(&random), ranSuggestion: Bool.random(using: &random))
    }

    @Test func writesWhatTheEncoderWrites() throws {
        var random = SeededRandom(state: 2026)
        for _ in 0..<400 {
            let results = Self.results(&random)
            #expect(try JSONOutput.encode(results) == JSONOutput.encoded(results, pretty: true))
            for hit in results.hits {
                #expect(try JSONOutput.line(hit) == JSONOutput.encoded(hit, pretty: false))
            }
        }
    }

    /// JSON Lines hit events (`--batch --format jsonl`, `saved run --format jsonl`), with and without a status.
    @Test func writesHitEventsAsTheEncoderDoes() throws {
        var random = SeededRandom(state: 7)
        for _ in 0..<100 {
            let hit = Self.hit(&random)
            let id = Self.string(&random)
            for status in [nil, "new", "changed"] {
                #expect(try JSONOutput.hitEvent(id: id, hit: hit, status: status)
                    == JSONOutput.encoded(QueryEvents.HitEvent(id: id, hit: hit, selected: nil, status: status), pretty: false))
            }
        }
    }

    @Test func writesABatchAsTheEncoderDoes() throws {
        var random = SeededRandom(state: 6)
        for count in [0, 1, 2, 5] {
            let all = (0..<count).map { _ in Self.results(&random) }
            #expect(try JSONOutput.encode(all) == JSONOutput.encoded(all, pretty: true))
        }
    }

    /// The layout itself, pinned: an empty list keeps its blank line, keys are sorted, " : " pretty.
    @Test func emptyResultsLayout() throws {
        let results = SearchResults(query: "a/b \"c\"", parsedQuery: "Query()", estimatedMatches: 0, offset: 0,
                                    limit: 10, hits: [])
        #expect(try JSONOutput.encode(results) == """
            {
              "estimatedMatches" : 0,
              "hits" : [

              ],
              "limit" : 10,
              "offset" : 0,
              "parsedQuery" : "Query()",
              "query" : "a/b \\"c\\"",
              "ranSuggestion" : false
            }
            """)
    }

    /// A score the encoder refuses (not finite) is refused with the encoder's own error.
    @Test func aNonFiniteScoreFailsAsWithTheEncoder() throws {
        var random = SeededRandom(state: 1)
        let good = Self.hit(&random)
        let bad = Hit(rank: 1, score: .nan, id: "a", path: "a", line: 1, title: "t", titleHighlights: [], date: nil,
                      source: nil, author: nil, url: nil, section: nil, similar: 0, passages: good.passages)
        let results = SearchResults(query: "q", parsedQuery: "", estimatedMatches: 1, offset: 0, limit: 10, hits: [bad])
        #expect(throws: EncodingError.self) { try JSONOutput.encode(results) }
        #expect(throws: EncodingError.self) { try JSONOutput.line(bad) }
    }

    /// Results with facets go to the encoder whole, and come out as it writes them.
    @Test func facetsAreLeftToTheEncoder() throws {
        var results = SearchResults(query: "q", parsedQuery: "", estimatedMatches: 1, offset: 0, limit: 10, hits: [])
        results.facets = Facets(fields: [Facets.Field(facet: .year, counts: [FacetCount(value: "2024", count: 3)])])
        #expect(try JSONOutput.encode(results) == JSONOutput.encoded(results, pretty: true))
        #expect(try JSONOutput.encode(results).contains("\"facets\" : {"))
    }
}
