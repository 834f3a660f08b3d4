import FoundationEssentials

/// Date filters as users write them: `2024-02-01`, `2024-02` (a month), `2024` (a year), relative `7d`, `3m`,
/// `1y` (that long before today), and ranges `FROM..TO` with either end open. Publication dates are stored
/// as "YYYY-MM-DD" text, so a range is a pair of strings compared as bytes: a partial date as a lower bound
/// is its own prefix ("2024-02" sorts before every day of February), and as an upper bound is padded with
/// "-99" so that every day it covers sorts before it.
public enum DateRange {
    /// The range a filter names, as (low, high) bounds for the date value (nil for an open end), or nil when
    /// it is not a date.
    public static func bounds(_ text: String, today: Date = .now) -> (low: String?, high: String?)? {
        if let range = text.firstRange(of: "..") {
            let from = String(text[..<range.lowerBound]), to = String(text[range.upperBound...])
            guard from.isEmpty || lower(from, today: today) != nil, to.isEmpty || upper(to, today: today) != nil else {
                return nil
            }
            return (from.isEmpty ? nil : lower(from, today: today), to.isEmpty ? nil : upper(to, today: today))
        }
        // A relative date alone means "since then".
        if relative(text, today: today) != nil { return (lower(text, today: today), nil) }
        guard let low = lower(text, today: today), let high = upper(text, today: today) else { return nil }
        return (low, high)
    }

    /// Rewrites every `date:` filter in a query into the full `date:LOW..HIGH` form the query parser's range
    /// processor reads. Throws a one-line error naming a filter that is not a date.
    public static func rewriteQuery(_ query: String, today: Date = .now) throws -> String {
        guard query.contains("date:") else { return query }
        var out = ""
        for (index, word) in query.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out += " " }
            guard let start = word.firstRange(of: "date:"), start.lowerBound == word.startIndex
                || !(word[word.index(before: start.lowerBound)].isLetter) else {
                out += word
                continue
            }
            let value = String(word[start.upperBound...])
            guard let (low, high) = bounds(value, today: today) else {
                throw TrawlError(.query, "'date:\(value)' is not a date — write date:2024-02-01, date:2024-02, date:2024, "
                    + "date:7d (the last 7 days), or a range such as date:2024-01..2024-02-15")
            }
            out += word[..<start.lowerBound] + "date:" + (low ?? "") + ".." + (high ?? "")
        }
        return out
    }

    static func lower(_ text: String, today: Date) -> String? {
        if let date = relative(text, today: today) { return date }
        return partial(text)
    }

    static func upper(_ text: String, today: Date) -> String? {
        if let date = relative(text, today: today) { return date }
        guard let date = partial(text) else { return nil }
        switch date.count {
        case 4: return date + "-99-99"
        case 7: return date + "-99"
        default: return date
        }
    }

    /// "2024", "2024-02", "2024-02-01" (validated), else nil.
    static func partial(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year > 0 else { return nil }
        if parts.count >= 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            if parts.count == 3 {
                guard parts[2].count == 2, let day = Int(parts[2]),
                      (1...DateParsing.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        }
        return text
    }

    /// "7d", "3m", "1y": that long before today, as "YYYY-MM-DD".
    static func relative(_ text: String, today: Date) -> String? {
        guard let unit = text.last, "dwmy".contains(unit), let count = Int(text.dropLast()), count >= 0 else { return nil }
        var (year, month, day) = civil(today)
        switch unit {
        case "d", "w":
            let days = Int(today.timeIntervalSince1970 / 86_400) - count * (unit == "w" ? 7 : 1)
            (year, month, day) = civil(Date(timeIntervalSince1970: Double(days) * 86_400))
        case "m":
            let total = year * 12 + (month - 1) - count
            (year, month) = (total / 12, total % 12 + 1)
            day = min(day, DateParsing.daysIn(month: month, year: year))
        default:
            year -= count
            day = min(day, DateParsing.daysIn(month: month, year: year))
        }
        return format(year, month, day)
    }

    /// The UTC calendar date of `date` (Howard Hinnant's days-to-civil algorithm; no Calendar needed).
    static func civil(_ date: Date) -> (Int, Int, Int) {
        let z = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
