/// Publication dates as news text writes them, normalised to ISO 8601 dates ("2024-02-01").
public enum DateParsing {
    /// The ISO date ("YYYY-MM-DD") that `text` states, or nil when it states none unambiguously.
    /// `contextYear` supplies the year for dates written without one ("Feb 26").
    public static func isoDate(from text: String, contextYear: Int? = nil) -> String? {
        let trimmed = text.trimmingPrefix(while: { $0 == " " })
        let candidate = trimmed.prefix(10)
        let chars = Array(candidate)
        guard chars.count == 10, chars[4] == "-", chars[7] == "-",
              let year = Int(String(chars[0...3])), let month = Int(String(chars[5...6])),
              let day = Int(String(chars[8...9])), (1...12).contains(month), (1...31).contains(day), year > 0
        else { return nil }
        return String(candidate)
    }
}
