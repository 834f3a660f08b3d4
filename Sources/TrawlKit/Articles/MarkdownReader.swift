import YAML

/// Reads a Markdown article (`.md`), with optional YAML front matter between `---` lines at the top.
///
/// - Front matter: `title`, `date` (normalised by `DateParsing`; nil when absent or unreadable, never guessed),
///   `source`, `author` (or `authors`, `byline`), `url` (or `link`), `tags` and `keywords` (a list or a comma-
///   separated string), `language` (or `lang`). Every other field that is text or a list of text (`topics`,
///   `places`, `dateline`, ...) is kept in `metadata` under its own name, as is a known field that cannot be used
///   (a `date` that is not a date). Front matter that is not valid YAML, or has no closing `---`, is reported in
///   `ReadResult.warnings` ("front matter: ...; read as plain Markdown") and the file is read as plain Markdown.
/// - Title: the front matter's; else the first `# heading` (or a heading that opens the body); else a short
///   title made from the first sentence, as `PlainTextReader` makes one.
/// - Date: the front matter's; else a date opening the body ("date 2024-02-01 ...", "February 1, 2024 — ...").
/// - Body: paragraphs are blocks separated by blank lines; in a block, an indented line (as wire stories indent
///   a new paragraph), a heading, a list item or a quote starts a new paragraph. Hard-wrapped lines stay joined
///   with "\n". Markup is removed from the text: heading marks, emphasis, link targets (the link text stays),
///   images, quote marks, list bullets, code fences. Each paragraph keeps the line of the file it starts on,
///   counting the front matter.
/// - A file with a title and no body (some wire stories are only a headline) is still an article.
public struct MarkdownReader: ArticleReader {
    /// Titles made from a first sentence are cut to about this many characters.
    public var maxTitleLength = 100

    public init() {}

    public func articles(in bytes: [UInt8], id: String) throws(ArticleReadError) -> ReadResult {
        guard let (text, _) = TextDecoding.decode(bytes) else { throw .binary }
        // Split on bytes: a line feed is always a character of its own, and this is much faster.
        var lines = TextDecoding.lines(of: text)
        var problems: [String] = []
        let front = FrontMatter.split(lines, problems: &problems)
        // Front matter that cannot be read is text; its --- lines are not rules or heading underlines.
        for fence in front.fences { lines[fence] = "" }
        var fields = ArticleFields(front.frontMatter?.fields.compactMap { key, node, line in
            FrontMatter.value(node).map { (key, $0, line) }
        } ?? [])

        var blocks = MarkdownBlocks.blocks(lines, from: front.bodyStart)
        if fields.date == nil, let dated = blocks.firstIndex(where: { $0.headingLevel == nil && !$0.isCode }),
           let (date, rest) = DateParsing.leadingDate(in: blocks[dated].lines[0], contextYear: nil) {
            fields.date = date
            blocks[dated].replaceFirstLine(with: rest)
            if blocks[dated].lines.isEmpty { blocks.remove(at: dated) }
        }

        var title = fields.title ?? ""
        var titleLine = fields.titleLine
        if !title.isEmpty {
            // A heading that repeats the front matter's title is not body text.
            if let first = blocks.first, first.headingLevel != nil, sameText(first.plainText, title) {
                blocks.removeFirst()
            }
        } else if let heading = blocks.firstIndex(where: { $0.headingLevel == 1 })
                    ?? (blocks.first?.headingLevel != nil ? 0 : nil) {
            title = collapsingSpaces(blocks[heading].plainText)
            titleLine = blocks[heading].line
            blocks.remove(at: heading)
        }

        let paragraphs = blocks.compactMap { block -> Paragraph? in
            let text = block.plainText
            return text.allSatisfy(\.isWhitespace) ? nil : Paragraph(text: text, line: block.line)
        }
        let derived = title.isEmpty
        if title.isEmpty {
            guard let first = paragraphs.first else { throw .empty }
            title = PlainTextReader.shortTitle(from: first.text, maxLength: maxTitleLength)
            titleLine = nil
        }
        let article = Article(
            id: id, title: title, titleLine: titleLine, titleIsDerived: derived, date: fields.date, source: fields.source,
            author: fields.author, url: fields.url, language: fields.language, tags: fields.tags,
            metadata: fields.metadata, paragraphs: paragraphs
        )
        return ReadResult(articles: [article], warnings: problems.map { $0 + "; read as plain Markdown" })
    }

    private func sameText(_ a: String, _ b: String) -> Bool {
        collapsingSpaces(a).lowercased() == collapsingSpaces(b).lowercased()
    }
}

func collapsingSpaces<S: StringProtocol>(_ text: S) -> String {
    // ASCII with single spaces between words, none at either end, is already collapsed: most titles and
    // values are, and are told from their bytes. (Every other whitespace character has a byte 0x09-0x0D or
    // one past 0x7F.)
    var previous: UInt8 = 0x20
    let collapsed = text.utf8.allSatisfy { byte in
        defer { previous = byte }
        return byte < 0x80 && (byte < 0x09 || byte > 0x0D) && !(byte == 0x20 && previous == 0x20)
    }
    if collapsed, previous != 0x20 { return String(text) }
    return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

private func isBlank(_ line: Substring) -> Bool {
    // Most lines start with an ASCII letter: no need to ask Unicode.
    if let first = line.utf8.first, first > 0x20, first < 0x80 { return false }
    return line.allSatisfy(\.isWhitespace)
}

// MARK: - Front matter

/// The YAML block at the top of a file: its fields in order, each with the file line of its key.
struct FrontMatter {
    var fields: [(key: String, value: YAMLNode, line: Int)]

    /// The front matter of `lines` and the index of the first line after it. When there is front matter but
    /// it cannot be read, the reason is added to `problems`, and `fences` are the indices of its `---` lines.
    /// With `simple`, front matter of only `key: value` lines is read without libyaml (see `simpleMapping`).
    static func split(_ lines: [Substring], problems: inout [String], simple: Bool = true)
        -> (frontMatter: FrontMatter?, bodyStart: Int, fences: [Int]) {
        guard let first = lines.first, trimTrailing(first) == "---" else { return (nil, 0, []) }
        guard let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(trimTrailing(lines[$0])) })
        else {
            problems.append("front matter: no closing ---")
            return (nil, 0, [0])
        }
        let root: YAMLNode?
        if simple, let mapping = simpleMapping(lines[1..<close]) {
            root = mapping
        } else {
            do {
                // Values are the text they are written as (a date stays text); no tag is resolved.
                root = try YAMLNode.compose(lines[1..<close].joined(separator: "\n"))
            } catch {
                problems.append("front matter: " + describe(error))
                return (nil, 0, [0, close])
            }
        }
        guard let root else { return (FrontMatter(fields: []), close + 1, []) }
        guard case let .mapping(pairs, _) = root else {
            problems.append("front matter: not a list of fields (line 2)")
            return (nil, 0, [0, close])
        }
        var fields: [(key: String, value: YAMLNode, line: Int)] = []
        for pair in pairs {
            guard case let .scalar(key) = pair.key else { continue }
            // The YAML starts on the file's second line.
            fields.append((key.text, pair.value, key.line + 1))
        }
        return (FrontMatter(fields: fields), close + 1, [])
    }

    /// The mapping libyaml composes of front matter whose every line is `key: value` in the plainest YAML, or nil
    /// for anything else (which libyaml then reads). Most front matter is such lines (a Reuters story's six
    /// fields), and composing it through libyaml was about 2% of a full index. Taken here, and nothing more:
    /// - printable ASCII only, one field a line, no blank or comment lines, no key given twice;
    /// - a key of letters, digits, `_` and `-`, starting with a letter, then `:` and one or more spaces;
    /// - a value that is a double-quoted string with no `"` or `\` inside; or a list of such strings in brackets,
    ///   separated by `, ` (`[]`, `["usa"]`, `["earn", "acq"]`); or plain text that starts with a letter or
    ///   digit, holds none of `,[]{}#"'` nor `: `, and does not end with `:`.
    /// Lines are 1-based within the YAML, as libyaml counts them. Tests compare the two on many front matters.
    static func simpleMapping(_ lines: ArraySlice<Substring>) -> YAMLNode? {
        guard !lines.isEmpty else { return nil }
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(lines.count)
        var keys: [String] = []
        keys.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            guard let field = line.utf8.withContiguousStorageIfAvailable({ simpleField($0, line: number) }) ?? nil,
                  !keys.contains(field.key) else { return nil }
            keys.append(field.key)
            pairs.append(YAMLPair(key: .scalar(YAMLScalar(field.key, line: number)), value: field.value))
        }
        return .mapping(pairs, line: 1)
    }

    private static let stringTag = "tag:yaml.org,2002:str"

    /// One line of `simpleMapping`: its key and value, or nil when it is not of the plainest kind.
    private static func simpleField(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> (key: String, value: YAMLNode)? {
        var i = 0
        guard let first = bytes.first, isLetter(first) else { return nil }
        while i < bytes.count, isLetter(bytes[i]) || (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x5F
                || bytes[i] == 0x2D {
            i += 1
        }
        let keyEnd = i
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == 0x20 else { return nil }
        i += 1
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        var end = bytes.count
        while end > i, bytes[end - 1] == 0x20 { end -= 1 }
        guard i < end else { return nil }
        for j in i..<end where bytes[j] < 0x20 || bytes[j] >= 0x7F { return nil }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<keyEnd]), as: UTF8.self)
        let value: YAMLNode
        switch bytes[i] {
        case UInt8(ascii: "["):
            guard bytes[end - 1] == UInt8(ascii: "]") else { return nil }
            var items: [YAMLNode] = []
            var j = i + 1
            while j < end - 1 {
                if !items.isEmpty {
                    guard bytes[j] == UInt8(ascii: ","), j + 1 < end - 1, bytes[j + 1] == 0x20 else { return nil }
                    j += 2
                }
                guard let (text, next) = quoted(bytes, at: j, before: end - 1) else { return nil }
                items.append(.scalar(YAMLScalar(text, style: .doubleQuoted, tag: stringTag, line: line)))
                j = next
            }
            value = .sequence(items, line: line)
        case UInt8(ascii: "\""):
            guard let (text, next) = quoted(bytes, at: i, before: end), next == end else { return nil }
            value = .scalar(YAMLScalar(text, style: .doubleQuoted, tag: stringTag, line: line))
        default:
            guard isLetter(bytes[i]) || (bytes[i] >= 0x30 && bytes[i] <= 0x39),
                  bytes[end - 1] != UInt8(ascii: ":") else { return nil }
            for j in i..<end {
                if notPlain[Int(bytes[j])] { return nil }
                if bytes[j] == UInt8(ascii: ":"), bytes[j + 1] == 0x20 { return nil }
            }
            value = .scalar(YAMLScalar(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self),
                                       line: line))
        }
        return (key, value)
    }

    /// A double-quoted string starting at `start` with no `"` or `\` inside, closed before `limit`: its text and
    /// where it ends (after the closing quote).
    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, before limit: Int) -> (String, Int)? {
        guard start < limit, bytes[start] == UInt8(ascii: "\"") else { return nil }
        var j = start + 1
        while j < limit, bytes[j] != UInt8(ascii: "\"") {
            if bytes[j] == UInt8(ascii: "\\") { return nil }
            j += 1
        }
        guard j < limit else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<j]), as: UTF8.self), j + 1)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Bytes a plain value of `simpleMapping` may not hold: flow indicators, comments, quotes.
    private static let notPlain: [Bool] = (0..<256).map { ",[]{}#\"'".utf8.contains(UInt8($0)) }

    /// Text or a list of text; nil for nulls, empty values and nested mappings.
    static func value(_ node: YAMLNode) -> MetadataValue? {
        switch node {
        case let .scalar(scalar):
            return text(scalar).map { .text($0) }
        case let .sequence(items, _):
            let texts = items.compactMap { item -> String? in
                guard case let .scalar(scalar) = item else { return nil }
                return text(scalar)
            }
            return texts.isEmpty ? nil : .list(texts)
        case .mapping:
            return nil
        }
    }

    private static func text(_ scalar: YAMLScalar) -> String? {
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.text) { return nil }
        let text = scalar.text.trimmingPrefix(while: \.isWhitespace).trimmingSuffix(while: \.isWhitespace)
        return text.isEmpty ? nil : text
    }

    /// "mapping values are not allowed in this context (line 3)", with the line of the file.
    private static func describe(_ error: YAMLError) -> String {
        switch error.kind {
        case .duplicateKeys:
            return "duplicate field " + error.keys.map { "'\($0)'" }.joined(separator: ", ")
        case .syntax, .tooDeep, .outOfMemory:
            // The YAML starts on the file's second line.
            return error.problem + (error.line.map { " (line \($0 + 1))" } ?? "")
        }
    }
}

/// What a record's fields (front matter, a JSON object) say about the article. Shared by the readers that
/// have named fields, so that `title`, `date`, `author`, ... mean the same in each.
struct ArticleFields {
    var title: String?
    var titleLine: Int?
    var date: String?
    var source: String?
    var author: String?
    var url: String?
    var language: String?
    var tags: [String] = []
    var metadata: [String: MetadataValue] = [:]

    /// Reads `fields` in order; for each article field, the first usable value wins. Fields that are not article
    /// fields, or cannot be used as one, go to `metadata` under their own names.
    init(_ fields: [(key: String, value: MetadataValue, line: Int?)]) {
        for (key, value, line) in fields where !take(key.lowercased(), value, line: line) {
            metadata[key] = value
        }
    }

    /// Fills the article field that `name` names, or returns false when it is not one (or cannot be used).
    private mutating func take(_ name: String, _ value: MetadataValue, line: Int?) -> Bool {
        switch (name, value) {
        case let ("title", .text(text)) where title == nil, let ("headline", .text(text)) where title == nil:
            title = collapsingSpaces(text)
            titleLine = line
        case let ("date", .text(text)) where date == nil:
            guard let iso = DateParsing.isoDate(from: text) else { return false }
            date = iso
        case let ("source", .text(text)) where source == nil:
            source = text
        case ("author", _) where author == nil, ("authors", _) where author == nil, ("byline", _) where author == nil:
            author = value.values.joined(separator: ", ")
        case let ("url", .text(text)) where url == nil, let ("link", .text(text)) where url == nil:
            url = text
        case let ("language", .text(text)) where language == nil, let ("lang", .text(text)) where language == nil:
            language = Self.languageCode(text)
        case ("tags", _), ("keywords", _):
            for tag in value.values.flatMap({ $0.split(separator: ",") }).map({ collapsingSpaces($0) })
            where !tag.isEmpty && !tags.contains(tag) {
                tags.append(tag)
            }
        default:
            return false
        }
        return true
    }

    /// "en-GB" → "en"; "EN" → "en".
    private static func languageCode(_ text: String) -> String {
        String(text.lowercased().prefix(while: { $0 != "-" && $0 != "_" }))
    }
}

// MARK: - Blocks

/// A paragraph-to-be of a Markdown body: its lines with block markup (heading marks, bullets, quote marks)
/// removed, and the file line it starts on.
struct MarkdownBlock {
    var lines: [Substring]
    /// The 1-based line of the file.
    var line: Int
    /// 1-6 for a heading.
    var headingLevel: Int?
    /// Code is kept as written: no inline markup is removed.
    var isCode = false
    var isListItem = false
    var isQuote = false

    /// The text with inline markup removed; lines joined with "\n".
    var plainText: String {
        let joined = lines.joined(separator: "\n")
        return isCode ? joined : MarkdownInline.plainText(joined)
    }

    /// Replaces the first line (by what is left of it after a date); drops it when nothing is left.
    mutating func replaceFirstLine(with rest: Substring) {
        if isBlank(rest) {
            lines.removeFirst()
            line += 1
            while let first = lines.first, isBlank(first) {
                lines.removeFirst()
                line += 1
            }
        } else {
            lines[0] = rest
        }
    }
}

enum MarkdownBlocks {
    /// The blocks of `lines[start...]`.
    static func blocks(_ lines: [Substring], from start: Int) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        var current: MarkdownBlock? = nil
        var fence: Substring? = nil

        func flush() {
            if let block = current, !block.lines.isEmpty { result.append(block) }
            current = nil
        }
        func append(_ text: Substring, line: Int, isListItem: Bool = false, isQuote: Bool = false) {
            if current == nil {
                current = MarkdownBlock(lines: [], line: line, isListItem: isListItem, isQuote: isQuote)
            }
            current?.lines.append(text)
        }

        for index in start..<lines.count {
            let line = trimTrailing(lines[index])
            let number = index + 1
            let (indent, content) = indentation(line)

            if let open = fence {
                if indent < 4, content.hasPrefix(open), content.allSatisfy({ $0 == open.first }) {
                    flush()
                    fence = nil
                } else if isBlank(line) {
                    flush()
                } else {
                    if current == nil { current = MarkdownBlock(lines: [], line: number, isCode: true) }
                    current?.lines.append(content)
                }
                continue
            }
            if isBlank(line) {
                flush()
                continue
            }
            if indent < 4, let first = content.utf8.first, mayBeBlockMarkup(first) {
                if let marker = fenceMarker(content) {
                    flush()
                    fence = marker
                    continue
                }
                if let level = headingLevel(content) {
                    flush()
                    result.append(MarkdownBlock(lines: [headingText(content, level: level)], line: number,
                                                headingLevel: level))
                    continue
                }
                if let ruleCharacter = ruleCharacter(content) {
                    // A one-line paragraph underlined with === or --- is a heading; otherwise a rule.
                    if ruleCharacter == "=" || ruleCharacter == "-", var block = current, block.lines.count == 1,
                       !block.isListItem, !block.isQuote, indent == 0 {
                        block.headingLevel = ruleCharacter == "=" ? 1 : 2
                        result.append(block)
                        current = nil
                    } else if ruleCharacter != "=" {
                        flush()
                    } else {
                        append(content, line: number)
                    }
                    continue
                }
                if isLinkDefinition(content) || isTableRule(content) { continue }
                if content.first == ">" {
                    let quoted = content.trimmingPrefix(while: { $0 == ">" || $0 == " " })
                    if current?.isQuote != true { flush() }
                    if isBlank(quoted) { flush() } else { append(quoted, line: number, isQuote: true) }
                    continue
                }
                if let item = listItem(content, interrupting: current) {
                    flush()
                    append(item, line: number, isListItem: true)
                    continue
                }
            }
            // Wire stories indent each new paragraph; a list item's own indented lines continue it.
            if indent > 0, let block = current, !(block.isListItem && indent >= 2) {
                flush()
            }
            append(content, line: number)
        }
        flush()
        return result
    }

    /// Whether a line starting with `byte` may be block markup; other lines (most of a news story) are text.
    private static func mayBeBlockMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "="),
             UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }

    /// The width of the leading spaces and tabs (a tab counting as four), and the rest of the line.
    private static func indentation(_ line: Substring) -> (Int, Substring) {
        var width = 0
        var index = line.utf8.startIndex
        while index < line.utf8.endIndex {
            let byte = line.utf8[index]
            if byte == UInt8(ascii: " ") { width += 1 } else if byte == UInt8(ascii: "\t") { width += 4 } else { break }
            index = line.utf8.index(after: index)
        }
        return (width, line[index...])
    }

    /// "```" or "~~~" (or longer) opening a fenced code block.
    private static func fenceMarker(_ content: Substring) -> Substring? {
        guard let first = content.first, first == "`" || first == "~" else { return nil }
        let marker = content.prefix(while: { $0 == first })
        guard marker.count >= 3 else { return nil }
        // An info string may follow ("```swift"), but no backtick in it.
        if first == "`", content.dropFirst(marker.count).contains("`") { return nil }
        return marker
    }

    /// "## Heading" → 2.
    private static func headingLevel(_ content: Substring) -> Int? {
        let marks = content.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(marks) else { return nil }
        let after = content.dropFirst(marks)
        return after.isEmpty || after.first == " " || after.first == "\t" ? marks : nil
    }

    /// The heading's text without its marks ("## Drones ##" → "Drones").
    private static func headingText(_ content: Substring, level: Int) -> Substring {
        var text = content.dropFirst(level).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        let closing = text.reversed().prefix(while: { $0 == "#" }).count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty || before.last == " " || before.last == "\t" { text = before }
        }
        return trimTrailing(text)
    }

    /// "---", "***", "___", "===" (three or more, spaces allowed between): the character.
    private static func ruleCharacter(_ content: Substring) -> Character? {
        guard let first = content.first, "-*_=".contains(first) else { return nil }
        var count = 0
        for c in content {
            if c == first { count += 1 } else if c != " " && c != "\t" { return nil }
        }
        return count >= 3 ? first : nil
    }

    /// "[1]: https://..." (a link reference definition).
    private static func isLinkDefinition(_ content: Substring) -> Bool {
        guard content.first == "[", let close = content.firstIndex(of: "]") else { return false }
        let after = content[content.index(after: close)...]
        return after.hasPrefix(":") && close > content.index(after: content.startIndex)
            && after.dropFirst().trimmingPrefix(while: { $0 == " " }).contains(where: { !$0.isWhitespace })
    }

    private static let tableRuleBytes: Set<UInt8> = Set("|-: \t".utf8)

    /// "|---|:--:|" under a table's header row.
    private static func isTableRule(_ content: Substring) -> Bool {
        content.utf8.contains(UInt8(ascii: "|")) && content.utf8.contains(UInt8(ascii: "-"))
            && content.utf8.allSatisfy { tableRuleBytes.contains($0) }
    }

    /// The text of a list item ("- text", "* text", "+ text", "1. text", "2) text"), or nil.
    ///
    /// Hard-wrapped wire copy has lines that only look like list items: "...from four factors\n- higher prices"
    /// (a dash), "(due April\n30) now seems". So in a running paragraph that is not a list, a bullet starts an
    /// item only after a line ending in ":" or a full stop, and a number only when it is 1.
    private static func listItem(_ content: Substring, interrupting current: MarkdownBlock?) -> Substring? {
        guard let first = content.first else { return nil }
        let inParagraph = current.map { !$0.isListItem && !$0.lines.isEmpty } ?? false
        let marker: Substring
        if first == "-" || first == "*" || first == "+" {
            if inParagraph, let last = current?.lines.last?.last, !":.!?".contains(last) { return nil }
            marker = content.prefix(1)
        } else {
            let digits = content.prefix(while: { $0.isASCII && $0.isNumber })
            guard (1...3).contains(digits.count) else { return nil }
            let after = content.dropFirst(digits.count)
            guard let delimiter = after.first, delimiter == "." || delimiter == ")" else { return nil }
            if inParagraph, Int(digits) != 1 { return nil }
            marker = content.prefix(digits.count + 1)
        }
        let rest = content.dropFirst(marker.count)
        guard let space = rest.first, space == " " || space == "\t" else { return nil }
        let text = rest.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        return text.isEmpty ? nil : text
    }
}

private func trimTrailing(_ line: Substring) -> Substring {
    if let last = line.utf8.last, last > 0x20, last < 0x80 { return line }
    var end = line.endIndex
    while end > line.startIndex, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
    return line[..<end]
}

// MARK: - Inline markup

/// Removes inline Markdown from text: emphasis markers, link targets, images, code-span backticks, backslash
/// escapes. Line breaks are kept, so a position in the result still maps to a line.
enum MarkdownInline {
    private enum Token {
        case text(Character)
        case delimiter(Character, count: Int, canOpen: Bool, canClose: Bool)
    }

    private static func isInlineMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"),
             UInt8(ascii: "`"), UInt8(ascii: "\\"): true
        default: false
        }
    }

    static func plainText(_ text: String) -> String {
        // Nothing to do for most wire copy.
        guard text.utf8.contains(where: isInlineMarkup) else { return text }
        let chars = Array(text)
        var tokens: [Token] = []
        tokens.reserveCapacity(chars.count)
        // Where a link's text ends, the index to jump to (past "](url)").
        var jumps: [Int: Int] = [:]
        var i = 0
        while i < chars.count {
            if let target = jumps[i] {
                i = target
                continue
            }
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isPunctuationOrSymbol:
                tokens.append(.text(chars[i + 1]))
                i += 2
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                if let (_, end) = link(in: chars, at: i + 1), !chars[i..<end].contains("\n") {
                    i = end
                } else {
                    tokens.append(.text(c))
                    i += 1
                }
            case "[":
                if let (textEnd, end) = link(in: chars, at: i) {
                    jumps[textEnd] = end
                } else {
                    tokens.append(.text(c))
                }
                i += 1
            case "`":
                let run = chars[i...].prefix(while: { $0 == "`" }).count
                if let close = closingRun(of: "`", count: run, in: chars, from: i + run) {
                    tokens.append(contentsOf: chars[(i + run)..<close].map { .text($0) })
                    i = close + run
                } else {
                    tokens.append(contentsOf: Array(repeating: .text("`"), count: run))
                    i += run
                }
            case "*", "_":
                let run = chars[i...].prefix(while: { $0 == c }).count
                let before: Character = i > 0 ? chars[i - 1] : " "
                let after: Character = i + run < chars.count ? chars[i + run] : " "
                let left = !after.isWhitespace
                    && (!after.isPunctuationOrSymbol || before.isWhitespace || before.isPunctuationOrSymbol)
                let right = !before.isWhitespace
                    && (!before.isPunctuationOrSymbol || after.isWhitespace || after.isPunctuationOrSymbol)
                // No emphasis inside a word (snake_case, 5*3*2), for * as well as _.
                let canOpen = run <= 3 && left && (!right || before.isPunctuationOrSymbol)
                let canClose = run <= 3 && right && (!left || after.isPunctuationOrSymbol)
                tokens.append(.delimiter(c, count: run, canOpen: canOpen, canClose: canClose))
                i += run
            default:
                tokens.append(.text(c))
                i += 1
            }
        }

        // Pair closers with the nearest opener of the same character and length; unpaired markers stay.
        var removed = Set<Int>()
        var openers: [Int] = []
        for (index, token) in tokens.enumerated() {
            guard case let .delimiter(c, count, canOpen, canClose) = token else { continue }
            if canClose, let match = openers.lastIndex(where: {
                if case let .delimiter(oc, ocount, _, _) = tokens[$0] { oc == c && ocount == count } else { false }
            }) {
                removed.insert(openers[match])
                removed.insert(index)
                openers.removeSubrange(match...)
            } else if canOpen {
                openers.append(index)
            }
        }

        var result = ""
        result.reserveCapacity(chars.count)
        for (index, token) in tokens.enumerated() {
            switch token {
            case let .text(c): result.append(c)
            case let .delimiter(c, count, _, _):
                if !removed.contains(index) { result.append(String(repeating: c, count: count)) }
            }
        }
        return result
    }

    /// For "[text](url)" or "[text][ref]" starting at `start`: the index of the "]" after the text, and the
    /// index just past the whole link.
    private static func link(in chars: [Character], at start: Int) -> (textEnd: Int, end: Int)? {
        var depth = 0
        var index = start
        var textEnd: Int? = nil
        while index < chars.count, index - start < 1000 {
            switch chars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { textEnd = index }
            default: break
            }
            if textEnd != nil { break }
            index += 1
        }
        guard let textEnd, textEnd + 1 < chars.count else { return nil }
        let open = chars[textEnd + 1]
        guard open == "(" || open == "[" else { return nil }
        let close: Character = open == "(" ? ")" : "]"
        var parens = 0
        index = textEnd + 1
        while index < chars.count, chars[index] != "\n" {
            if chars[index] == open { parens += 1 }
            if chars[index] == close {
                parens -= 1
                if parens == 0 { return (textEnd, index + 1) }
            }
            index += 1
        }
        return nil
    }

    /// The start of the next run of exactly `count` `character`s at or after `from`.
    private static func closingRun(of character: Character, count: Int, in chars: [Character], from: Int) -> Int? {
        var index = from
        while index < chars.count {
            if chars[index] == character {
                let run = chars[index...].prefix(while: { $0 == character }).count
                if run == count { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }
}

extension Character {
    fileprivate var isPunctuationOrSymbol: Bool { isPunctuation || isSymbol }
}
