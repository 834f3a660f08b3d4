import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Dates as news text writes them, to ISO 8601.
@Suite(.checksXapianHandles) struct DateParsingTests {
    @Test(arguments: [
        ("2024-02-01", "2024-02-01"),
        ("  2024-02-01  ", "2024-02-01"),
        ("2024-02-01T10:00:00Z", "2024-02-01"),
        ("2024-02-01T10:00:00.123+05:30", "2024-02-01"),
        ("2024-02-01T23:30:00-0500", "2024-02-01"),
        ("1987-02-26T15:01:01", "1987-02-26"),
        ("1987-02-26 15:01:01", "1987-02-26"),
        ("2024/02/01", "2024-02-01"),
        ("2024/2/1", "2024-02-01"),
    ])
    func isoAndYearFirstNumericDates(text: String, expected: String) {
        #expect(DateParsing.isoDate(from: text) == expected)
    }

    @Test(arguments: [
        ("February 1, 2024", "2024-02-01"),
        ("Feb 1, 2024", "2024-02-01"),
        ("Feb. 1, 2024", "2024-02-01"),
        ("feb 1 2024", "2024-02-01"),
        ("SEPT. 30, 2023", "2023-09-30"),
        ("February 1st, 2024", "2024-02-01"),
        ("1 Feb 2024", "2024-02-01"),
        ("1 February 2024", "2024-02-01"),
        ("01 Feb. 2024", "2024-02-01"),
        ("22nd of March, 2024", "2024-03-22"),
        ("Thursday 1 February 2024", "2024-02-01"),
        ("Sunday, February 1, 2024", "2024-02-01"),
        ("Thu, 01 Feb 2024 10:00:00 GMT", "2024-02-01"),
        ("Thu, 01 Feb 2024 10:00:00 +0000 (UTC)", "2024-02-01"),
        ("February 1, 2024 at 10:30 am EST", "2024-02-01"),
        ("26-FEB-1987", "1987-02-26"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
    ])
    func monthNameDates(text: String, expected: String) {
        #expect(DateParsing.isoDate(from: text) == expected)
    }

    @Test func dayAboveTwelveMeansDayFirst() {
        #expect(DateParsing.isoDate(from: "31/12/2024") == "2024-12-31")
        #expect(DateParsing.isoDate(from: "12/31/2024") == "2024-12-31")
        #expect(DateParsing.isoDate(from: "13.01.2024") == "2024-01-13")
    }

    @Test func numericDatesThatReadTwoWaysAreNotGuessed() {
        #expect(DateParsing.isoDate(from: "02/03/2024") == nil)
        #expect(DateParsing.isoDate(from: "12/11/2024") == nil)
        // Both readings are the same day.
        #expect(DateParsing.isoDate(from: "03/03/2024") == "2024-03-03")
    }

    @Test func twoDigitYearsAreNotGuessed() {
        #expect(DateParsing.isoDate(from: "12/31/24") == nil)
        #expect(DateParsing.isoDate(from: "Feb 1, 24") == nil)
    }

    @Test func daysThatDoNotExist() {
        #expect(DateParsing.isoDate(from: "2024-02-30") == nil)
        #expect(DateParsing.isoDate(from: "2023-02-29") == nil)
        #expect(DateParsing.isoDate(from: "April 31, 2024") == nil)
        #expect(DateParsing.isoDate(from: "2024-13-01") == nil)
        #expect(DateParsing.isoDate(from: "2024-00-10") == nil)
        #expect(DateParsing.isoDate(from: "0 Feb 2024") == nil)
        #expect(DateParsing.isoDate(from: "31/31/2024") == nil)
    }

    @Test func leapYears() {
        #expect(DateParsing.isoDate(from: "2024-02-29") == "2024-02-29")
        #expect(DateParsing.isoDate(from: "2000-02-29") == "2000-02-29")
        #expect(DateParsing.isoDate(from: "1900-02-29") == nil)
        #expect(DateParsing.isoDate(from: "Feb 29", contextYear: 1988) == "1988-02-29")
        #expect(DateParsing.isoDate(from: "Feb 29", contextYear: 1987) == nil)
    }

    @Test func datesWithoutAYearNeedAContextYear() {
        #expect(DateParsing.isoDate(from: "Feb 26") == nil)
        #expect(DateParsing.isoDate(from: "26 Feb") == nil)
        #expect(DateParsing.isoDate(from: "Feb 26", contextYear: 1987) == "1987-02-26")
        #expect(DateParsing.isoDate(from: "26 Feb", contextYear: 1987) == "1987-02-26")
        #expect(DateParsing.isoDate(from: "April 7 15:30", contextYear: 1987) == "1987-04-07")
        // A year in the text wins over the context.
        #expect(DateParsing.isoDate(from: "Feb 26, 1990", contextYear: 1987) == "1990-02-26")
    }

    @Test(arguments: [
        "", "   ", "yesterday", "February 2024", "2024", "2024-02", "Feb", "February 1, 2024 was a Thursday",
        "2024-02-01 garbage", "12.5 pct", "May the force", "Date palms", "2024-02-01x", "31 Febuary 2024",
    ])
    func notDates(text: String) {
        #expect(DateParsing.isoDate(from: text) == nil)
    }

    @Test func leapYearRules() {
        #expect(DateParsing.isLeapYear(2024))
        #expect(!DateParsing.isLeapYear(2023))
        #expect(!DateParsing.isLeapYear(2100))
        #expect(DateParsing.isLeapYear(2000))
        #expect(DateParsing.daysIn(month: 2, year: 2024) == 29)
        #expect(DateParsing.daysIn(month: 9, year: 2024) == 30)
        #expect(DateParsing.daysIn(month: 12, year: 2024) == 31)
    }
}

/// A date opening a line: "date 2024-02-01 ...", "February 1, 2024 — ...", "WASHINGTON, Feb 26 - ...".
@Suite(.checksXapianHandles) struct LeadingDateTests {
    private func leading(_ line: String, year: Int? = nil) -> (String, String)? {
        DateParsing.leadingDate(in: line, contextYear: year).map { ($0.date, String($0.rest)) }
    }

    @Test func dateKeywordThenISODate() throws {
        let found = try #require(leading("date 2024-02-01 The group said"))
        #expect(found.0 == "2024-02-01")
        #expect(found.1 == "The group said")
    }

    @Test func dateKeywordWithColonAndOtherForms() throws {
        #expect(try #require(leading("Date: February 1, 2024")) == ("2024-02-01", ""))
        #expect(try #require(leading("  DATE: 1 Feb 2024 | The group")) == ("2024-02-01", "The group"))
        #expect(try #require(leading("date 2024-02-01T10:00:00Z The group")) == ("2024-02-01", "The group"))
    }

    @Test func dateKeywordWithoutADateIsNothing() {
        #expect(leading("Date palms grew in the oasis.") == nil)
        #expect(leading("date 2024-02-30 The group") == nil)
        #expect(leading("dated 2024-02-01 The group") == nil)
    }

    @Test func bareDateNeedsADashOrTheEndOfTheLine() throws {
        #expect(try #require(leading("February 1, 2024 — The group said")) == ("2024-02-01", "The group said"))
        #expect(try #require(leading("February 1, 2024 - The group said")) == ("2024-02-01", "The group said"))
        #expect(try #require(leading("2024-02-01: The group said")) == ("2024-02-01", "The group said"))
        #expect(try #require(leading("Feb. 1, 2024—The group said")) == ("2024-02-01", "The group said"))
        #expect(try #require(leading("Thursday, 1 February 2024")) == ("2024-02-01", ""))
        #expect(leading("February 1, 2024 was a Thursday.") == nil)
        #expect(leading("2024-02-01-x") == nil)
    }

    @Test func newsDatelines() throws {
        #expect(try #require(leading("WASHINGTON, Feb 26 - The Treasury said", year: 1987))
            == ("1987-02-26", "The Treasury said"))
        #expect(try #require(leading("SALT LAKE CITY, April 8 - Shares rose", year: 1987))
            == ("1987-04-08", "Shares rose"))
        #expect(try #require(leading("BOCA RATON, Fla., March 23 - The company", year: 1987))
            == ("1987-03-23", "The company"))
        #expect(try #require(leading("ST. LOUIS, MO., March 3 -- Sales fell", year: 1987)) == ("1987-03-03", "Sales fell"))
        #expect(try #require(leading("LONDON, Feb. 1, 2024 (Reuters) - Oil rose")) == ("2024-02-01", "Oil rose"))
        #expect(try #require(leading("SALVADOR, Feb 26", year: 1987)) == ("1987-02-26", ""))
    }

    @Test func datelineWithoutAYearNeedsAContextYear() {
        #expect(leading("WASHINGTON, Feb 26 - The Treasury said") == nil)
    }

    @Test func notDatelines() {
        // Not capitalised, no date, or text after the date without a dash.
        #expect(leading("Washington, Feb 26 - The Treasury said", year: 1987) == nil)
        #expect(leading("WASHINGTON (Reuters) - The Treasury said", year: 1987) == nil)
        #expect(leading("WASHINGTON, Feb 26 the Treasury said", year: 1987) == nil)
        #expect(leading("The Treasury said on Feb 26 - that", year: 1987) == nil)
        #expect(leading("") == nil)
    }

    @Test func restIsASliceOfTheLine() throws {
        let line: Substring = "xx date 2024-02-01 Body"[...].dropFirst(3)
        let found = try #require(DateParsing.leadingDate(in: line, contextYear: nil))
        #expect(found.rest == "Body")
        #expect(found.rest.startIndex > line.startIndex)
    }
}
