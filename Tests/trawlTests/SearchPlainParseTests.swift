import Testing
import TrawlTestSupport
@testable import trawl

/// `trawl search` with plain arguments is read without argument-parser (`Search.plainParse`): these tests hold
/// it to argument-parser's own parse of the same arguments, value for value.
@Suite struct SearchPlainParseTests {
    /// Every value of a search, as text.
    private func values(_ search: Trawl.Search) -> [String] {
        [
            "\(search.query)", "\(search.indexOptions.index)", "\(search.indexOptions.config as Any)", "\(search.limit)",
            "\(search.offset)", "\(search.passages)", "\(search.any)", "\(search.allCopies)", "\(search.expand)",
            "\(search.passageWeight)", "\(search.sort)", "\(search.weighting)", "\(search.since as Any)",
            "\(search.until as Any)", "\(search.batch as Any)", "\(search.facets as Any)", "\(search.explain)",
            "\(search.fields as Any)", "\(search.output.format)", "\(search.output.color)",
        ]
    }

    @Test func everyArgumentOfSearchIsKnownToThePlainParse() {
        // A new option must be read by `plainParse` (and set there): this list, `values` and it go together.
        let labels = Mirror(reflecting: Trawl.Search()).children.compactMap(\.label)
        #expect(labels == ["_query", "_indexOptions", "_limit", "_offset", "_passages", "_any", "_allCopies", "_expand",
                           "_passageWeight", "_sort", "_weighting", "_since", "_until", "_batch", "_facets", "_explain",
                           "_fields", "_output"])
        #expect(Mirror(reflecting: IndexOptions()).children.compactMap(\.label) == ["_index", "_config"])
        #expect(Mirror(reflecting: OutputOptions()).children.compactMap(\.label) == ["_format", "_color"])
    }

    @Test(arguments: [
        ["oil", "prices"],
        ["oil", "--limit", "5", "prices", "--index=a", "--index", "b", "--config", "c.toml"],
        ["--any", "--all-copies", "--no-expand", "--explain", "x", "--passage-weight=0.5", "--sort", "date"],
        ["x", "--weighting", "bm25", "--since", "2024", "--until", "7d", "--facets", "section", "--format", "json"],
        ["x", "--fields", "title,url", "--format=csv", "--color", "never", "--offset", "+3", "--passages", "0"],
        ["--batch", "-"],
    ])
    func plainArgumentsAreReadAsArgumentParserReadsThem(arguments: [String]) throws {
        let plain = try #require(Trawl.Search.plainParse(arguments))
        let parsed = try #require(try Trawl.Search.parseAsRoot(arguments) as? Trawl.Search)
        #expect(values(plain) == values(parsed))
    }

    @Test(arguments: [
        [], ["  "], ["-"], ["--", "x"], ["-h"], ["x", "--help"], ["x", "--version"], ["x", "--bogus"], ["x", "---limit", "3"],
        ["x", "--limit"], ["x", "--limit", "many"], ["x", "--limit", "-5"], ["x", "--limit", "0"], ["x", "--limit", "1", "--limit", "2"],
        ["x", "--any", "--any"], ["x", "--expand", "--no-expand"], ["x", "--any=true"], ["x", "--sort", "sideways"],
        ["x", "--format", "xml"], ["x", "--since", "yesterday"], ["x", "--batch", "q"], ["x", "--passage-weight", "2"],
        ["x", "--facets", "section", "--format", "csv"], ["x", "--fields", "id", "--format", "trec"],
        ["x", "--generate-completion-script=bash"], ["x", "--experimental-dump-help"], ["x", "--index=", "y"],
        ["--batch=", "q"],
    ])
    func anythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(Trawl.Search.plainParse(arguments) == nil)
    }

    /// Argument lists made at random from plain and odd pieces: whatever the plain parse reads, argument-parser
    /// reads the same.
    @Test func randomArgumentsAreReadAsArgumentParserReadsThem() {
        let pieces = [
            "oil", "prices", "AND", "\"a b\"", "--limit", "5", "0", "+2", "-1", "x", "--limit=7", "--offset", "--passages",
            "--index", "idx", "--index=other", "--config", "t.toml", "--any", "--any=1", "--all-copies", "--expand",
            "--no-expand", "--explain", "--passage-weight", "0.25", "1e-1", "--sort", "date", "relevance", "--weighting",
            "bm25", "ineb2", "--since", "2024-02", "3m", "--until", "--batch", "-", "--facets", "year", "--fields",
            "title", "--format", "json", "jsonl", "trec", "csv", "text", "--color", "always", "never", "--", "-h",
            "--help", "--bogus", "---any", "--format=json", "--color=never", "--sort=date", "--index=", "--limit=",
            "--since=", "--format=", "--batch=", "", " ", "--=x", "--any=", "-- ", "—limit", "--LIMIT", "--limit=5=6",
            "--index=a=b", "--passages=+1", "--passage-weight=nan", "inf", "-0", "0x10", "1_000", "--offset=08", "DATE",
            "\u{663}", "=", "--limit=\u{663}", "--passage-weight=1e0",
        ]
        var random = SeededRandom(state: 6)
        var read = 0
        for _ in 0..<4000 {
            let arguments = (0..<Int.random(in: 0...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            guard let plain = Trawl.Search.plainParse(arguments) else { continue }
            read += 1
            let parsed = try? Trawl.Search.parseAsRoot(arguments) as? Trawl.Search
            #expect(parsed != nil, "\(arguments)")
            if let parsed { #expect(values(plain) == values(parsed), "\(arguments)") }
        }
        #expect(read > 300)
    }
}
