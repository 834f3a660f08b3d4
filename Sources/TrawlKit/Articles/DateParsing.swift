/// Publication dates as news text writes them, normalised to ISO 8601 dates ("2024-02-01").
///
/// Pure Swift and English month names only: no date formatter, so no locale and no start-up cost. A date is
/// given only when the text states it: a day that does not exist (Feb 30), a numeric date that reads two ways
/// ("02/03/2024") or a date without a year and no `contextYear` gives nil.
public enum DateParsing {
    /// The ISO date ("YYYY-MM-DD") that `text` states, or nil when it states none unambiguously.
    /// `contextYear` supplies the year for dates written without one ("Feb 26").
    ///
    /// The whole of `text` is the date, optionally with a weekday before it and a time (and anything after the
    /// time, such as a zone) after it:
    ///
    ///     isoDate(from: "2024-02-01T10:00:00+05:00")          // "2024-02-01" (the date as written, not UTC)
    ///     isoDate(from: "Thu, 01 Feb 2024 10:00:00 GMT")      // "2024-02-01"
    ///     isoDate(from: "February 1st, 2024")                 // "2024-02-01"
    ///     isoDate(from: "26-FEB-1987 15:01:01.79")            // "1987-02-26"
    ///     isoDate(from: "31/12/2024")                         // "2024-12-31" (day > 12: day first)
    ///     isoDate(from: "02/03/2024")                         // nil (2 March or February 3?)
    ///     isoDate(from: "Feb 26", contextYear: 1987)          // "1987-02-26"
    public static func isoDate(from text: String, contextYear: Int? = nil) -> String? {
        var scanner = DateScanner(text[...])
        scanner.skipSpaces()
        guard let date = scanner.date(contextYear: contextYear) else { return nil }
        // After a time, anything goes (a zone, "(UTC)"); without one, only trailing spaces.
        if scanner.skipTime() { return date.iso }
        scanner.skipSpaces()
        return scanner.atEnd ? date.iso : nil
    }

    /// A date at the start of `line`, and the text after it (and after a dash that follows it).
    ///
    /// Recognised openings, each optionally after leading spaces:
    ///
    ///     date 2024-02-01 The group said...         // the word "date" or "Date:", then any date
    ///     February 1, 2024 — The group said...      // a date, then a dash (or ":" or "|"), or the end of the line
    ///     WASHINGTON, Feb 26 - The group said...    // a dateline: CAPITALISED PLACE, comma, date, dash
    ///     BOCA RATON, Fla., March 23 (Reuters) - …  // up to two more capitalised place parts; a "(Reuters)"
    ///
    /// A time right after the date ("2024-02-01T10:00Z", "2024-02-01 10:00") is skipped. Returns nil when the
    /// line does not open with a date, and for dates without a year ("Feb 26") when `contextYear` is nil.
    public static func leadingDate(in line: String, contextYear: Int?) -> (date: String, rest: Substring)? {
        leadingDate(in: line[...], contextYear: contextYear)
    }

    /// `leadingDate(in:contextYear:)` for a slice of a larger text; `rest` is a slice of the same text.
    public static func leadingDate(in line: Substring, contextYear: Int?) -> (date: String, rest: Substring)? {
        var scanner = DateScanner(line)
        scanner.skipSpaces()
        let start = scanner.index

        // "date 2024-02-01 ...", "Date: February 1, 2024 ..."
        if let word = scanner.word(), word.lowercased() == "date" {
            let colon = scanner.consume(":")
            if scanner.skipSpaces() > 0 || colon, let date = scanner.date(contextYear: contextYear) {
                _ = scanner.skipTime()
                if let rest = scanner.rest(separatorRequired: false) { return (date.iso, rest) }
            }
            return nil
        }

        // "February 1, 2024 — ..."
        scanner.index = start
        if let date = scanner.date(contextYear: contextYear) {
            _ = scanner.skipTime()
            if let rest = scanner.rest(separatorRequired: true) { return (date.iso, rest) }
        }

        // "WASHINGTON, Feb 26 - ..."
        scanner.index = start
        if scanner.datelinePlace() {
            for _ in 0..<3 {
                let beforeDate = scanner.index
                if let date = scanner.date(contextYear: contextYear) {
                    scanner.skipAgency()
                    if let rest = scanner.rest(separatorRequired: true) { return (date.iso, rest) }
                    return nil
                }
                scanner.index = beforeDate
                guard scanner.datelinePlacePart() else { return nil }
            }
        }
        return nil
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1-12) of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    static let weekdayNames: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday",
    ]
}

/// A validated calendar date.
struct CalendarDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    /// Nil unless the day exists (1000-9999 only: news dates have four-digit years).
    init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month),
              (1...DateParsing.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    var iso: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }
}

/// A cursor over the characters of a line, with the pieces dates are made of.
private struct DateScanner {
    let text: Substring
    var index: Substring.Index

    init(_ text: Substring) {
        self.text = text
        self.index = text.startIndex
    }

    var atEnd: Bool { index == text.endIndex }
    var peek: Character? { atEnd ? nil : text[index] }

    func peek(offset: Int) -> Character? {
        var i = index
        for _ in 0..<offset {
            guard i < text.endIndex else { return nil }
            i = text.index(after: i)
        }
        return i < text.endIndex ? text[i] : nil
    }

    mutating func advance() { index = text.index(after: index) }

    mutating func consume(_ character: Character) -> Bool {
        guard peek == character else { return false }
        advance()
        return true
    }

    /// Skips spaces and tabs; returns how many.
    @discardableResult
    mutating func skipSpaces() -> Int {
        var count = 0
        while let c = peek, c == " " || c == "\t" || c == "\u{A0}" {
            advance()
            count += 1
        }
        return count
    }

    /// A run of ASCII digits (the whole run, so "2024" is never read as a day).
    mutating func digits() -> (value: Int, count: Int)? {
        var value = 0, count = 0
        while let c = peek, c.isASCII, let digit = c.wholeNumberValue {
            if count < 9 { value = value * 10 + digit }
            count += 1
            advance()
        }
        return count > 0 ? (value, count) : nil
    }

    /// A run of letters.
    mutating func word() -> Substring? {
        let start = index
        while let c = peek, c.isLetter { advance() }
        return start == index ? nil : text[start..<index]
    }

    /// A month name or abbreviation ("February", "Feb", "Feb.", "SEPT"), else nothing consumed.
    mutating func monthName() -> Int? {
        let start = index
        guard let word = word(), let month = DateParsing.monthNames[word.lowercased()] else {
            index = start
            return nil
        }
        if word.count <= 4 { _ = consume(".") }
        return month
    }

    /// An optional weekday ("Thursday", "Thu,", "Thu.") and the spaces after it.
    mutating func skipWeekday() {
        let start = index
        guard let word = word(), DateParsing.weekdayNames.contains(word.lowercased()) else {
            index = start
            return
        }
        _ = consume(".")
        let comma = consume(",")
        guard skipSpaces() > 0 || comma else {
            index = start
            return
        }
    }

    /// "st", "nd", "rd", "th" after a day number.
    mutating func skipOrdinalSuffix() {
        guard let a = peek?.lowercased(), let b = peek(offset: 1)?.lowercased(),
              ["st", "nd", "rd", "th"].contains(a + b), !(peek(offset: 2)?.isLetter ?? false) else { return }
        advance()
        advance()
    }

    /// A four-digit year after optional ", " or " ", else nothing consumed.
    mutating func trailingYear() -> Int? {
        let start = index
        _ = consume(",")
        if skipSpaces() > 0 || index > start, let (year, count) = digits(), count == 4 {
            return year
        }
        index = start
        return nil
    }

    /// A date in any of the forms `DateParsing.isoDate` accepts, without the time.
    mutating func date(contextYear: Int?) -> CalendarDate? {
        let start = index
        skipWeekday()
        if let found = dateAfterWeekday(contextYear: contextYear) { return found }
        index = start
        return nil
    }

    private mutating func dateAfterWeekday(contextYear: Int?) -> CalendarDate? {
        guard let first = peek else { return nil }
        if first.isLetter {
            // "February 1, 2024", "Feb. 1 2024", "Feb 26"
            guard let month = monthName() else { return nil }
            guard skipSpaces() > 0, let (day, count) = digits(), count <= 2 else { return nil }
            skipOrdinalSuffix()
            let year = trailingYear() ?? contextYear
            return year.flatMap { CalendarDate(year: $0, month: month, day: day) }
        }
        guard let (number, count) = digits() else { return nil }
        if count == 4, let separator = peek, "-/.".contains(separator) {
            // "2024-02-01", "2024/2/1"
            advance()
            guard let (month, monthCount) = digits(), monthCount <= 2, consume(separator),
                  let (day, dayCount) = digits(), dayCount <= 2 else { return nil }
            return CalendarDate(year: number, month: month, day: day)
        }
        guard count <= 2 else { return nil }
        if let separator = peek, separator == "/" || separator == ".",
           peek(offset: 1)?.isASCII == true, peek(offset: 1)?.isNumber == true {
            // "31/12/2024", "12/31/2024"; "02/03/2024" reads two ways.
            advance()
            guard let (second, secondCount) = digits(), secondCount <= 2, consume(separator),
                  let (year, yearCount) = digits(), yearCount == 4 else { return nil }
            let dayFirst = CalendarDate(year: year, month: second, day: number)
            let monthFirst = CalendarDate(year: year, month: number, day: second)
            switch (dayFirst, monthFirst) {
            case let (a?, b?): return a == b ? a : nil
            case let (a?, nil): return a
            case let (nil, b?): return b
            case (nil, nil): return nil
            }
        }
        if consume("-") {
            // "26-FEB-1987"
            guard let month = monthName(), consume("-"), let (year, yearCount) = digits(), yearCount == 4
            else { return nil }
            return CalendarDate(year: year, month: month, day: number)
        }
        // "1 February 2024", "1st of Feb, 2024", "26 Feb"
        skipOrdinalSuffix()
        guard skipSpaces() > 0 else { return nil }
        let beforeOf = index
        if let word = word(), word.lowercased() == "of", skipSpaces() > 0 {} else { index = beforeOf }
        guard let month = monthName() else { return nil }
        let year = trailingYear() ?? contextYear
        return year.flatMap { CalendarDate(year: $0, month: month, day: number) }
    }

    /// A time after a date: "T10:00:00Z", " 10:00", ", 10:00 am", " at 10:00". Consumes it (but not what
    /// follows) and returns true, or consumes nothing.
    mutating func skipTime() -> Bool {
        let start = index
        if !consume("T") {
            _ = consume(",")
            skipSpaces()
            let beforeAt = index
            if let word = word(), word.lowercased() == "at", skipSpaces() > 0 {} else { index = beforeAt }
        }
        guard let (hour, hourCount) = digits(), hourCount <= 2, hour < 24, consume(":"),
              let (minute, minuteCount) = digits(), minuteCount == 2, minute < 60 else {
            index = start
            return false
        }
        if consume(":") { _ = digits() }
        if consume(".") || consume(",") { _ = digits() }
        // am/pm, then a zone: Z, +05:00, -0500, GMT, UTC.
        let beforeSuffix = index
        skipSpaces()
        if let word = word(), ["am", "pm"].contains(word.lowercased()) {} else { index = beforeSuffix }
        let beforeZone = index
        if consume("Z") { return true }
        skipSpaces()
        if consume("+") || consume("-") || consume("\u{2212}") {
            if let (_, count) = digits(), count == 2 || count == 4 {
                if count == 2, consume(":") { _ = digits() }
                return true
            }
            index = beforeZone
            return true
        }
        if let word = word(), ["gmt", "utc"].contains(word.lowercased()) { return true }
        index = beforeZone
        return true
    }

    /// "(Reuters)", "(AP)" after a dateline's date, with the spaces around it.
    mutating func skipAgency() {
        let start = index
        skipSpaces()
        guard consume("(") else {
            index = start
            return
        }
        var length = 0
        while let c = peek, c != ")", length <= 30, c.isLetter || c == " " || c == "-" || c == "." || c == "&" {
            advance()
            length += 1
        }
        guard length > 0, consume(")") else {
            index = start
            return
        }
    }

    /// The rest of the line after a date: after spaces and a separator (a dash, ":" or "|"). With
    /// `separatorRequired`, only a separator or the end of the line may follow the date; otherwise a space is
    /// enough. Nil when the date runs into other text ("2024-02-01x", "2024-02-01-x").
    func rest(separatorRequired: Bool) -> Substring? {
        let dashes: Set<Character> = ["\u{2013}", "\u{2014}"]
        let separators: Set<Character> = ["-", ":", "|", "\u{2013}", "\u{2014}"]
        var scanner = self
        let spaces = scanner.skipSpaces()
        if scanner.atEnd { return scanner.text[scanner.index...] }
        // "Feb 26 - x", "Feb 26: x", "Feb. 26—x"; not "2024-02-01-x".
        if let first = scanner.peek, separators.contains(first), spaces > 0 || first == ":" || dashes.contains(first) {
            var last = first
            while let c = scanner.peek, separators.contains(c) {
                last = c
                scanner.advance()
            }
            guard scanner.skipSpaces() > 0 || scanner.atEnd || dashes.contains(last) else { return nil }
            return scanner.text[scanner.index...]
        }
        guard !separatorRequired, spaces > 0 else { return nil }
        return scanner.text[scanner.index...]
    }

    /// The first part of a dateline's place, all capitals ("WASHINGTON", "ST. LOUIS", "SALT LAKE CITY"), and
    /// the ", " after it.
    mutating func datelinePlace() -> Bool {
        placePart(maxLength: 40) { $0.isUppercase }
    }

    /// A further part of a dateline's place, capitalised ("N.Y.", "Fla.", "Alberta"), and the ", " after it.
    mutating func datelinePlacePart() -> Bool {
        placePart(maxLength: 25) { _ in true }
    }

    private mutating func placePart(maxLength: Int, letter isAllowed: (Character) -> Bool) -> Bool {
        let start = index
        var letters = 0, length = 0, atWordStart = true
        while let c = peek, c != ",", length < maxLength {
            if c.isLetter {
                guard isAllowed(c), !atWordStart || c.isUppercase else { break }
                letters += 1
                atWordStart = false
            } else if c == " " {
                atWordStart = true
            } else if c == "." || c == "-" || c == "'" || c == "\u{2019}" {
                atWordStart = c == "-"
            } else {
                break
            }
            advance()
            length += 1
        }
        guard letters >= 2, consume(","), skipSpaces() > 0 else {
            index = start
            return false
        }
        return true
    }
}
