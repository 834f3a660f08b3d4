import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Syntax errors Xapian's lenient parser would let through, each named with where it is.
@Suite(.checksXapianHandles) struct QuerySyntaxTests {
    private func problem(_ query: String) -> String? {
        do {
            try QuerySyntax.check(query)
            return nil
        } catch let error as TrawlError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("drone (Haifa OR port", "query syntax error at character 7: unmatched ( (it is never closed) — drone (Haifa OR port"),
        ("drone Haifa) port", "query syntax error at character 12: unmatched ) (nothing opened it) — drone Haifa) port"),
        (#"drone "Islamic Resistance"#, #"query syntax error at character 7: unmatched " (a phrase needs a closing quote) — drone "Islamic Resistance"#),
        ("drone AND", "query syntax error at character 7: AND with nothing after it — drone AND"),
        ("OR drone", "query syntax error at character 1: OR with nothing before it — OR drone"),
        ("(drone OR) port", "query syntax error at character 8: OR with nothing after it — (drone OR) port"),
        ("drone NOT", "query syntax error at character 7: NOT with nothing after it — drone NOT"),
        ("drone NEAR/x Haifa", "query syntax error at character 7: NEAR/x: the distance must be a whole number of words from 1 to 1000, e.g. NEAR/3 — drone NEAR/x Haifa"),
        ("drone ADJ/0 Haifa", "query syntax error at character 7: ADJ/0: the distance must be a whole number of words from 1 to 1000, e.g. ADJ/3 — drone ADJ/0 Haifa"),
        ("drone NEAR/3", "query syntax error at character 7: NEAR needs a word after it — drone NEAR/3"),
        ("(drone OR uav) NEAR Haifa", "query syntax error at character 16: NEAR needs a word before it — (drone OR uav) NEAR Haifa"),
        ("drone title:", "query syntax error at character 7: title: with nothing after it — drone title:"),
        ("drone date:2024-13", "query syntax error at character 7: 'date:2024-13' is not a date — write date:2024-02-01, date:2024-02, date:2024, date:7d (the last 7 days), or a range such as date:2024-01..2024-02-15 — drone date:2024-13"),
        ("drone date:2024..soon", "query syntax error at character 7: 'date:2024..soon' is not a date — write date:2024-02-01, date:2024-02, date:2024, date:7d (the last 7 days), or a range such as date:2024-01..2024-02-15 — drone date:2024..soon"),
    ])
    func errorsSayWhereTheProblemIs(query: String, message: String) {
        #expect(problem(query) == message)
    }

    @Test(arguments: [
        "drone attack Haifa", #""Islamic Resistance in Iraq" drone"#, "drone AND (Haifa OR Eilat)", "drone NOT Gaza",
        "NOT Gaza", "drone AND NOT Gaza", "+Haifa drone -Gaza", "drone NEAR/3 Haifa", "drone ADJ Haifa", "Strato*",
        #"source:"BBC Sport" report"#, "date:2024-01..2024-02-15 oil", "date:..2023", "path:bbc/*",
        "well-defined and or not near", "drone -(Gaza OR Rafah)", "drone (uav)",
    ])
    func validQueriesPass(query: String) {
        #expect(problem(query) == nil)
    }

    @Test func xapiansOwnErrorsArePlacedAtTheirOperator() {
        let error = QuerySyntax.error(fromXapian: "Syntax: <expression> AND <expression>", query: "drone (AND) x")
        #expect(error.message == "query syntax error at character 8: AND is missing something beside it — drone (AND) x")
        #expect(QuerySyntax.error(fromXapian: "odd", query: "q").message == "query syntax error: odd — q")
    }
}
