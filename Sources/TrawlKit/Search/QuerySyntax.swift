/// Finds syntax errors in a query before Xapian's parser sees it, and says where they are.
///
/// Xapian's `QueryParser` is lenient: an unmatched `(` or `"` is quietly closed, a stray `)` dropped, and
/// `NEAR/x` or a `NEAR` with a bracket beside it read as plain words, so a mistyped query runs as something
/// else. Trawl refuses these instead, with the character where the problem is (counted from 1):
///
/// ```
/// query syntax error at character 7: unmatched ( — drone (Haifa OR port
/// ```
public enum QuerySyntax {
    /// The longest distance `NEAR/n` and `ADJ/n` take.
    public static let maxDistance = 1000

    /// Fields whose value follows the colon (`title:Haifa`); an empty value is an error.
    static let fields: Set<String> = ["title", "author", "source", "section", "category", "tag", "lang", "date", "path"]

    private static let binary: Set<String> = ["AND", "OR", "XOR"]

    /// One word of the query outside phrases, or a bracket, with the offset (in characters) where it starts.
    private struct Token {
        enum Kind { case word, open, close, phrase }
        let kind: Kind
        let text: String
        let offset: Int
    }

    /// Throws `TrawlError` `.query` naming the first syntax error in `query` and where it is; returns when
    /// there is none.
    public static func check(_ query: String) throws {
        let chars = Array(query)
        var tokens: [Token] = []
        var opens: [Int] = []
        var i = 0
        var word = "", wordStart = 0
        func endWord() {
            if !word.isEmpty { tokens.append(Token(kind: .word, text: word, offset: wordStart)) }
            word = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                // A phrase runs to the next quote; a field's value may be a phrase (`source:"BBC Sport"`).
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else {
                    throw error(at: i, "unmatched \" (a phrase needs a closing quote)", query)
                }
                let inField = !word.isEmpty && word.hasSuffix(":")
                if inField {
                    word += String(chars[i...close])
                } else {
                    endWord()
                    tokens.append(Token(kind: .phrase, text: String(chars[i...close]), offset: i))
                }
                i = close + 1
                continue
            }
            if c.isWhitespace {
                endWord()
            } else if c == "(" {
                endWord()
                opens.append(i)
                tokens.append(Token(kind: .open, text: "(", offset: i))
            } else if c == ")" {
                endWord()
                guard opens.popLast() != nil else { throw error(at: i, "unmatched ) (nothing opened it)", query) }
                tokens.append(Token(kind: .close, text: ")", offset: i))
            } else {
                if word.isEmpty { wordStart = i }
                word.append(c)
            }
            i += 1
        }
        endWord()
        if let open = opens.first { throw error(at: open, "unmatched ( (it is never closed)", query) }

        for (index, token) in tokens.enumerated() where token.kind == .word {
            let before = index > 0 ? tokens[index - 1] : nil
            let after = index + 1 < tokens.count ? tokens[index + 1] : nil
            if let op = proximityOperator(token.text) {
                if let problem = distanceProblem(token.text, op) { throw error(at: token.offset, problem, query) }
                // Xapian's NEAR and ADJ join plain words only: `(a OR b) NEAR c` would be read as the word "near".
                guard let before, before.kind == .word, !isOperator(before.text) else {
                    throw error(at: token.offset, "\(op) needs a word before it", query)
                }
                guard let after, after.kind == .word, !isOperator(after.text) else {
                    throw error(at: token.offset, "\(op) needs a word after it", query)
                }
            } else if binary.contains(token.text) {
                if before == nil || before?.kind == .open || (before?.kind == .word && isOperator(before!.text)) {
                    throw error(at: token.offset, "\(token.text) with nothing before it", query)
                }
                guard let after, after.kind != .close, !(after.kind == .word && isBinary(after.text)) else {
                    throw error(at: token.offset, "\(token.text) with nothing after it", query)
                }
            } else if token.text == "NOT" {
                guard let after, after.kind != .close, !(after.kind == .word && isOperator(after.text)) else {
                    throw error(at: token.offset, "NOT with nothing after it", query)
                }
            } else if let colon = token.text.firstIndex(of: ":") {
                try checkField(token, colon: colon, in: query)
            }
        }
    }

    private static func checkField(_ token: Token, colon: String.Index, in query: String) throws {
        var field = Substring(token.text[..<colon])
        if let first = field.first, first == "+" || first == "-" { field = field.dropFirst() }
        guard fields.contains(String(field)) else { return }
        let value = token.text[token.text.index(after: colon)...]
        if value.isEmpty || value == "\"\"" {
            throw error(at: token.offset, "\(field): with nothing after it", query)
        }
        if field == "date", DateRange.bounds(String(value)) == nil {
            throw error(at: token.offset, "'date:\(value)' is not a date — write date:2024-02-01, date:2024-02, "
                + "date:2024, date:7d (the last 7 days), or a range such as date:2024-01..2024-02-15", query)
        }
    }

    /// "NEAR" or "ADJ" when `word` is one of them, alone or with a distance (`NEAR/3`).
    private static func proximityOperator(_ word: String) -> String? {
        for op in ["NEAR", "ADJ"] where word == op || word.hasPrefix(op + "/") { return op }
        return nil
    }

    private static func distanceProblem(_ word: String, _ op: String) -> String? {
        guard word.count > op.count else { return nil }
        let distance = word.dropFirst(op.count + 1)
        guard let n = Int(distance), (1...maxDistance).contains(n), distance.allSatisfy(\.isASCII) else {
            return "\(word): the distance must be a whole number of words from 1 to \(maxDistance), e.g. \(op)/3"
        }
        return nil
    }

    private static func isBinary(_ word: String) -> Bool { binary.contains(word) || proximityOperator(word) != nil }

    private static func isOperator(_ word: String) -> Bool { isBinary(word) || word == "NOT" }

    /// The error for a problem at `offset` (0-based, in characters) of `query`.
    static func error(at offset: Int, _ problem: String, _ query: String) -> TrawlError {
        TrawlError(.query, "query syntax error at character \(offset + 1): \(problem) — \(Searcher.quoted(query))")
    }

    /// Xapian's own syntax error (e.g. "Syntax: <expression> AND <expression>"), placed at the operator it
    /// names when the query has it.
    static func error(fromXapian message: String, query: String) -> TrawlError {
        let words = ["AND", "OR", "XOR", "NOT", "NEAR", "ADJ"]
        let chars = Array(query)
        for op in words where message.contains("<expression> \(op) ") || message.hasSuffix(" \(op)") {
            var start = 0
            for (index, c) in chars.enumerated() {
                if c.isWhitespace || c == "(" || c == ")" {
                    if String(chars[start..<index]) == op { return error(at: start, "\(op) is missing something beside it", query) }
                    start = index + 1
                }
            }
            if String(chars[start...]) == op { return error(at: start, "\(op) is missing something beside it", query) }
        }
        return TrawlError(.query, "query syntax error: \(message) — \(query)")
    }
}
