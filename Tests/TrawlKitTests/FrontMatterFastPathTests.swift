import Testing
import TrawlTestSupport
import YAML
@testable import TrawlKit

/// Front matter of plain `key: value` lines is read without libyaml (`FrontMatter.simpleMapping`): what it
/// reads must be what libyaml composes, and everything else must still go to libyaml. Compared on many front
/// matters made at random from lines of both kinds.
@Suite struct FrontMatterFastPathTests {
    /// Lines the fast path takes, and lines it must leave to libyaml (quotes with escapes, comments, flow
    /// collections, indicators, tabs, non-ASCII, continuation lines, blank lines, odd keys).
    private static let lines: [String] = [
        #"title: "N.Y. RUBBER REPORT""#, "date: 1987-04-07T17:00:19", "source: Reuters", "places: []", "topics: []",
        #"dateline: "NEW YORK, April 7""#, "author: Jane Doe", "tags: markets", "url: http://example.com/a",
        "lang: en-GB", "title: Plain title here", "x_1-b: 42", "count:   7   ", "empty: \"\"", "date: 2024-02-01",
        "title: a:b", "key: value:", "key: a: b", "key: #comment", "key: a # comment", "key: [a, b]", "key: {a: 1}",
        "key: 'single'", #"key: "esc\"aped""#, #"key: "back\\slash""#, "key: \"open", "key:", "key:value", "key: ",
        "- item", "  indented: 1", "", "# comment", "key: café", "key:\tvalue", "ключ: 1", "1key: x", "_key: x",
        "key: -5", "key: *alias", "key: &anchor x", "key: !tag x", "key: |", "key: >", "key: ~", "key: null",
        "key: yes", "key: 'it''s'", "? complex", "key: ...", "key: %x", "key: @x", "key: `x`", "key: a,b",
        "key: \"a\" # c", "key: \"a\"  ", "Title: Upper", "key: x  y", "  ", "key: [ ]", "title: \"a\"b\"",
        "dateline: \"(Reuters) - x\"", "key: \"tab\tin\"", "key: \"\\u00e9\"",
        #"places: ["usa"]"#, #"topics: ["earn", "acq"]"#, #"places: ["a","b"]"#, #"places: [ "a" ]"#,
        #"places: ["a", ]"#, #"places: ["esc\"x"]"#, "places: [usa]", #"places: ["a", "b", "c"]"#,
        #"x: ["a" , "b"]"#, #"x: ["a, b", "c]"]"#, #"x: ["a"] "#, #"x: ["a"]]"#, #"x: [["a"]]"#, #"x: ["", ""]"#,
        #"x: ["a"  ,  "b"]"#, #"x: ["a",  "b"]"#, #"x: ["a""#, #"x: "a"]"#, #"x: ["a"] # c"#,
    ]

    private func split(_ body: [String], simple: Bool) -> (fields: [(String, YAMLNode, Int)], start: Int,
                                                            fences: [Int], problems: [String]) {
        let lines = (["---"] + body + ["---", "", "Body text."]).map { Substring($0) }
        var problems: [String] = []
        let result = FrontMatter.split(lines, problems: &problems, simple: simple)
        return (result.frontMatter?.fields.map { ($0.key, $0.value, $0.line) } ?? [], result.bodyStart, result.fences,
                problems)
    }

    private func expectSame(_ body: [String]) {
        let fast = split(body, simple: true), yaml = split(body, simple: false)
        #expect(fast.start == yaml.start && fast.fences == yaml.fences && fast.problems == yaml.problems, "\(body)")
        #expect(fast.fields.count == yaml.fields.count, "\(body)")
        for (a, b) in zip(fast.fields, yaml.fields) {
            #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2, "\(body)")
        }
    }

    @Test func readsWhatLibyamlReads() {
        var random = SeededRandom(state: 46)
        for line in Self.lines { expectSame([line]) }
        for _ in 0..<3000 {
            expectSame((0..<Int.random(in: 1...7, using: &random)).map { _ in Self.lines.randomElement(using: &random)! })
        }
    }

    @Test func takesTheReutersFrontMatterAndLeavesTheRest() throws {
        let reuters = [#"title: "N.Y. RUBBER REPORT""#, "date: 1987-04-07T17:00:19", "source: Reuters", "places: []",
                       "topics: []", #"dateline: "NEW YORK, April 7""#].map { Substring($0) }
        let mapping = try #require(FrontMatter.simpleMapping(reuters[...]))
        guard case let .mapping(pairs, _) = mapping else { Issue.record("not a mapping"); return }
        #expect(pairs.count == 6)
        #expect(pairs[0].value == .scalar(YAMLScalar("N.Y. RUBBER REPORT", style: .doubleQuoted,
                                                     tag: "tag:yaml.org,2002:str", line: 1)))
        #expect(pairs[3].value == .sequence([], line: 4))
        let places = try #require(FrontMatter.simpleMapping([#"places: ["usa", "uk"]"#][...]))
        #expect(places == .mapping([YAMLPair(key: .scalar(YAMLScalar("places", line: 1)), value: .sequence([
            .scalar(YAMLScalar("usa", style: .doubleQuoted, tag: "tag:yaml.org,2002:str", line: 1)),
            .scalar(YAMLScalar("uk", style: .doubleQuoted, tag: "tag:yaml.org,2002:str", line: 1)),
        ], line: 1))], line: 1))
        for other in ["key: [a, b]", #"key: ["a","b"]"#, #"key: "esc\"aped""#, "key: a # comment", "source: Reuters\nsource: AP"] {
            let lines = other.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
            #expect(FrontMatter.simpleMapping(lines[...]) == nil, "\(other)")
        }
    }
}
