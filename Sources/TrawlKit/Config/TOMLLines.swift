import FoundationEssentials

/// A line-level reading of a TOML file: where each table header and key is, so that `trawl saved add/remove`
/// can edit the text in place, keeping comments, blank lines and order (a TOML library rewrites the whole file
/// and drops comments).
///
/// It reads what `trawl.toml` uses: `[table]` / `[a.b]` headers (bare or quoted keys) and `key = value`
/// lines; a line inside a multi-line string is never taken for a header or a key.
struct TOMLLines {
    /// The file's lines, without their line ends.
    private(set) var lines: [String]
    /// Whether the text ended with a newline.
    private let endsWithNewline: Bool

    struct Entry {
        /// 0-based line index.
        let index: Int
        /// The header's dotted name ("queries.x") with quotes removed.
        let table: String
        /// The key on this line, nil for a header line.
        let key: String?
    }

    private(set) var entries: [Entry] = []

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { lines.removeLast() }
        self.lines = lines
        scan()
    }

    var text: String {
        lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// The range of 0-based line indices that `[table]` owns: its header up to the last non-blank,
    /// non-comment line before the next header (comments just above the next header belong to it).
    func block(of table: String) -> Range<Int>? {
        guard let header = entries.first(where: { $0.key == nil && $0.table == table }) else { return nil }
        let next = entries.first { $0.key == nil && $0.index > header.index }?.index ?? lines.count
        var end = next
        while end > header.index + 1, Self.isBlankOrComment(lines[end - 1]) { end -= 1 }
        return header.index..<end
    }

    /// Whether `table` is written as a `[table]` header (and so can be edited line by line).
    func hasHeader(_ table: String) -> Bool {
        entries.contains { $0.key == nil && $0.table == table }
    }

    /// Removes the lines of `[table]`, the comments right above it, and the blank lines that separated it from
    /// what came before.
    mutating func removeBlock(_ table: String) {
        guard let range = block(of: table) else { return }
        var start = range.lowerBound
        // Comments right above the header are about this table: they go with it.
        while start > 0, Self.isBlankOrComment(lines[start - 1]), !lines[start - 1].allSatisfy(\.isWhitespace) { start -= 1 }
        while start > 0, lines[start - 1].allSatisfy(\.isWhitespace) { start -= 1 }
        // Keep one blank line between the neighbours.
        var end = range.upperBound
        if start > 0 { while end < lines.count, lines[end].allSatisfy(\.isWhitespace) { end += 1 } }
        lines.replaceSubrange(start..<end, with: start > 0 && end < lines.count ? [""] : [])
        scan()
    }

    /// Adds `block` (lines) at the end, after one blank line.
    mutating func append(_ block: [String]) {
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        if !lines.isEmpty { lines.append("") }
        lines += block
        scan()
    }

    static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    private mutating func scan() {
        entries = []
        var table = ""
        var openString: String? = nil
        for (index, raw) in lines.enumerated() {
            if let delimiter = openString {
                // Inside a multi-line string: look only for its end.
                if Self.occurrences(of: delimiter, in: raw) % 2 == 1 { openString = nil }
                continue
            }
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                if let close = line.firstIndex(of: "]") {
                    table = Self.dottedName(line[line.index(after: line.startIndex)..<close])
                    entries.append(Entry(index: index, table: table, key: nil))
                }
                continue
            }
            if line.hasPrefix("#") || line.isEmpty { continue }
            if let key = Self.key(of: line) {
                entries.append(Entry(index: index, table: table, key: key))
            }
            for delimiter in ["\"\"\"", "'''"] where Self.occurrences(of: delimiter, in: raw) % 2 == 1 {
                openString = delimiter
            }
        }
    }

    private static func occurrences(of needle: String, in line: String) -> Int {
        line.ranges(of: needle).count
    }

    /// The key of a `key = value` line (dotted keys give their first part), nil if the line is not one.
    private static func key(of line: Substring) -> String? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let name = dottedName(line[..<equals])
        guard !name.isEmpty else { return nil }
        return name.split(separator: ".").first.map(String.init)
    }

    /// "queries . \"my query\"" → "queries.my query".
    private static func dottedName(_ text: Substring) -> String {
        var parts: [String] = []
        var current = ""
        var quote: Character? = nil
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingBlanks())
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingBlanks())
        return parts.joined(separator: ".")
    }
}
