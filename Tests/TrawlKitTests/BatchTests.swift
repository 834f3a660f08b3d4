import Testing
import TrawlTestSupport
@testable import TrawlKit

@Suite(.checksXapianHandles) struct BatchQueryTests {
    @Test func idsTabsBlankLinesAndComments() {
        let queries = BatchQuery.parse("q1\tdrone attack\n\n# a comment\njust words\r\n7\t\"oil prices\"\r\n")
        #expect(queries == [
            BatchQuery(id: "q1", query: "drone attack", line: 1),
            BatchQuery(id: "4", query: "just words", line: 4),
            BatchQuery(id: "7", query: "\"oil prices\"", line: 5),
        ])
    }

    @Test func windowsLineEndsGiveOneQueryPerLine() {
        #expect(BatchQuery.parse("1\tdrone attack\r\n2\thaifa port\r\n").map(\.query) == ["drone attack", "haifa port"])
    }
}
