import Testing
import YAML

/// YAML composed by libyaml: what front matter needs (mappings in order, sequences, scalars with their style
/// and line) and libyaml's errors with their lines.
@Suite struct YAMLComposerTests {
    private func compose(_ text: String) throws -> YAMLNode? {
        try YAMLNode.compose(text)
    }

    private func error(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLNode.compose(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func mappingInOrderWithLinesAndStyles() throws {
        let root = try compose("""
            title: "BAHIA COCOA REVIEW"
            date: 1987-02-26T15:01:01
            places: ["el-salvador", usa]
            note: 'single'
            empty:
            body: |
              kept

            """)
        #expect(root == .mapping([
            YAMLPair(key: .scalar(YAMLScalar("title", line: 1)),
                     value: .scalar(YAMLScalar("BAHIA COCOA REVIEW", style: .doubleQuoted,
                                               tag: "tag:yaml.org,2002:str", line: 1))),
            YAMLPair(key: .scalar(YAMLScalar("date", line: 2)), value: .scalar(YAMLScalar("1987-02-26T15:01:01", line: 2))),
            YAMLPair(key: .scalar(YAMLScalar("places", line: 3)), value: .sequence([
                .scalar(YAMLScalar("el-salvador", style: .doubleQuoted, tag: "tag:yaml.org,2002:str", line: 3)),
                .scalar(YAMLScalar("usa", line: 3)),
            ], line: 3)),
            YAMLPair(key: .scalar(YAMLScalar("note", line: 4)),
                     value: .scalar(YAMLScalar("single", style: .singleQuoted, tag: "tag:yaml.org,2002:str", line: 4))),
            YAMLPair(key: .scalar(YAMLScalar("empty", line: 5)), value: .scalar(YAMLScalar("", line: 5))),
            YAMLPair(key: .scalar(YAMLScalar("body", line: 6)),
                     value: .scalar(YAMLScalar("kept\n", style: .literal, tag: "tag:yaml.org,2002:str", line: 6))),
        ], line: 1))
    }

    @Test func blockSequenceAndNestedMapping() throws {
        let root = try #require(try compose("tags:\n  - a\n  - b\nauthor:\n  name: Roe\n"))
        guard case let .mapping(pairs, _) = root else { Issue.record("not a mapping: \(root)"); return }
        #expect(pairs.map(\.key.line) == [1, 4])
        #expect(pairs[0].value == .sequence([.scalar(YAMLScalar("a", line: 2)), .scalar(YAMLScalar("b", line: 3))], line: 2))
        #expect(pairs[1].value == .mapping([YAMLPair(key: .scalar(YAMLScalar("name", line: 5)),
                                                     value: .scalar(YAMLScalar("Roe", line: 5)))], line: 5))
    }

    @Test func nothingIsNoDocument() throws {
        #expect(try compose("") == nil)
        #expect(try compose("\n  \n") == nil)
        #expect(try compose("# only a comment\n") == nil)
    }

    @Test func aliasesTakeTheirAnchorsNode() throws {
        let root = try compose("a: &x [1, 2]\nb: *x\n")
        guard case let .mapping(pairs, _)? = root else { Issue.record("not a mapping"); return }
        #expect(pairs[1].value == pairs[0].value)
        #expect(error("a: *nowhere\n") == YAMLError(kind: .syntax, problem: "found undefined alias", line: 1))
    }

    @Test func nulInDoubleQuotesIsKept() throws {
        #expect(try compose("\"a\\0b\"") == .scalar(YAMLScalar("a\u{0}b", style: .doubleQuoted,
                                                                 tag: "tag:yaml.org,2002:str", line: 1)))
    }

    @Test func libyamlErrorsWithTheirLines() {
        // The flow sequence is still open at the end of the text, on the line after the last.
        let unclosed = error("title: [a")
        #expect(unclosed?.problem == "did not find expected ',' or ']'")
        #expect(unclosed?.context == "while parsing a flow sequence")
        #expect(unclosed?.line == 2)
        #expect(unclosed?.description == "did not find expected ',' or ']' (line 2)")
        #expect(error("a: b\nc: d: e\n")?.description == "mapping values are not allowed in this context (line 2)")
        #expect(error("a: 1\n\u{1}b: 2\n")?.description == "control characters are not allowed (line 2)")
        #expect(error("a: 1\n--- b\n")?.description == "but found another document (line 2)")
    }

    @Test func duplicateKeys() {
        let duplicate = error("title: a\nsource: x\ntitle: b\n\"source\": y\n")
        #expect(duplicate?.kind == .duplicateKeys)
        #expect(duplicate?.keys == ["source", "title"])
        #expect(duplicate?.description == "duplicate key 'source', 'title' (line 4)")
        #expect(error("a:\n  x: 1\n  x: 2\n")?.keys == ["x"])
        // A tag makes a different key.
        #expect(error("1: a\n!!int 1: b\n") == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(error(deep)?.kind == .tooDeep)
        #expect(error(deep)?.description == "nested more than 100 levels deep (line 1)")
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(error(fine) == nil)
    }
}
