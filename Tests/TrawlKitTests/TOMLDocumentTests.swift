import Testing
import TrawlTestSupport
@testable import TrawlKit

/// The TOML reader over toml++ (CTOML): every TOML type, where each value is, the file's key order, syntax errors.
@Suite(.checksXapianHandles) struct TOMLDocumentTests {
    @Test func readsEveryTypeWithItsLineAndColumn() throws {
        let root = try TOMLDocument.parse("""
            title = "a \\"quoted\\" \\u00e9 word"
            [values]
            count = -42
            ratio = 0.25
            on = true
            day = 2024-02-01
            at = 07:32:00.5
            moment = 1979-05-27T07:32:00-07:30
            utc = 1979-05-27T07:32:00Z
            list = [1, 'two', [3]]
            inline = { a = 1 }
            """)
        #expect(root["title"]?.string == "a \"quoted\" é word")
        #expect(root["title"]?.line == 1 && root["title"]?.column == 9)
        let values = try #require(root["values"]?.table)
        #expect(root["values"]?.line == 2)
        #expect(values["count"]?.int == -42)
        #expect(values["ratio"]?.double == 0.25)
        #expect(values["on"]?.bool == true)
        let day = try #require(values["day"]?.date)
        #expect(day.year == 2024 && day.month == 2 && day.day == 1)
        #expect(values["day"]?.line == 6 && values["day"]?.column == 7)
        #expect(values["at"]?.type == .time)
        guard case .time("07:32:00.5") = values["at"]?.content else { Issue.record("\(String(describing: values["at"]))"); return }
        guard case .dateTime("1979-05-27T07:32:00-07:30") = values["moment"]?.content else { Issue.record("moment"); return }
        guard case .dateTime("1979-05-27T07:32:00Z") = values["utc"]?.content else { Issue.record("utc"); return }
        let list = try #require(values["list"]?.array)
        #expect(list.map(\.type) == [.int, .string, .array])
        #expect(list[1].string == "two" && list[1].line == 10 && list[1].column == 12)
        #expect(list[2].array?.first?.int == 3)
        #expect(values["inline"]?.table?["a"]?.int == 1)
        #expect(values["nothing"] == nil && values["count"]?.string == nil)
    }

    @Test func keysComeInFileOrderNotSorted() throws {
        let root = try TOMLDocument.parse("""
            [queries.zeta]
            query = 'z'
            b = 1
            a = 2

            [index]
            path = 'x'

            [queries.alpha]
            query = 'a'
            """)
        #expect(root.keys == ["queries", "index"])
        #expect(root["queries"]?.table?.keys == ["zeta", "alpha"])
        #expect(root["queries"]?.table?["zeta"]?.table?.keys == ["query", "b", "a"])
        #expect(root["queries"]?.table?["alpha"]?.line == 9)
    }

    @Test func stringsKeepEmbeddedNULAndMultiByteText() throws {
        let root = try TOMLDocument.parse("a = \"x\\u0000y\"\n\"ключ\" = '数据'\n")
        #expect(root["a"]?.string == "x\u{0}y")
        #expect(root["ключ"]?.string == "数据")
        #expect(try TOMLDocument.parse("").keys.isEmpty)
    }

    @Test(arguments: [
        ("a = 'x\n", 1, 7),
        ("[t]\na = 1\n[t]\n", 3, 1),
        ("a = 1\na = 2\n", 2, 5),
        ("x = [1,\n", 1, 9),
    ])
    func syntaxErrorsSayWhereTheyAre(text: String, line: Int, column: Int) throws {
        let error = try #require(throws: TOMLError.self) { try TOMLDocument.parse(text) }
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
    }

    @Test func configReportsTheFirstMistakeInTheFileAndLinesInsideInlineTables() throws {
        // toml++ keeps keys sorted ([index] before [synonyms]); the file's first mistake is the one reported.
        let first = try #require(throws: TrawlError.self) {
            try TrawlConfig.parse("[synonyms]\nIDF = 3\n\n[index]\nroot = 'x'\n", file: "/w/trawl.toml")
        }
        #expect(first.message == "trawl.toml line 2: [synonyms] IDF must be a list of strings, e.g. IDF = [\"Israel Defense Forces\"]")
        let inline = try #require(throws: TrawlError.self) {
            try TrawlConfig.parse("[queries]\nb = { query = 'x' }\na = { query = 'y', limit = 'ten' }\n", file: "/w/trawl.toml")
        }
        #expect(inline.message == "trawl.toml line 3: [queries.a] limit must be a whole number from 1 to 100000, not \"ten\"")
        let moment = try #require(throws: TrawlError.self) {
            try TrawlConfig.parse("[queries.a]\nquery = 'x'\nsince = 2024-02-01T10:00:00Z\n", file: "/w/trawl.toml")
        }
        #expect(moment.message == "trawl.toml line 3: [queries.a] since must be a string in quotes, not a dateTime")
        let config = try TrawlConfig.parse("[queries]\nb = { query = 'x' }\na = { query = 'y', until = 2024-03-01 }\n", file: "/w/trawl.toml")
        #expect(config.queries.map(\.name) == ["b", "a"])
        #expect(config.query(named: "a")?.options.until == "2024-03-01")
    }
}
