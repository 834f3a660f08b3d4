import FoundationEssentials

/// Reads articles stored as JSON: JSON Lines (`.jsonl`, `.ndjson`: one object per line) or a JSON document
/// (`.json`: an array of objects, or one object).
///
/// - Fields, as in Markdown front matter: `title` (or `headline`), `date`, `source` (text, or an object with a
///   `name`), `author` (or `authors`, `byline`), `url` (or `link`), `tags` and `keywords`, `language` (or
///   `lang`). The text is the first of `text`, `body` and `content` that is a string (or a list of strings, one
///   per paragraph); it is split into paragraphs at blank lines, and at line breaks after long lines, as
///   `PlainTextReader` splits a file. Every other field that is text, a number, true/false or a list of those
///   is kept in `metadata`.
/// - Ids: a file of records gives `id#1`, `id#2`, ... by the record's place in the file (counting records that
///   could not be read, so that fixing one does not renumber the rest); a `.json` file of one object gives `id`.
/// - Lines: every paragraph of a record points at the line the record starts on.
/// - A record with a title and no text is an article; one with neither, or that is not a JSON object, is left
///   out and named in `ReadResult.problems` ("line 7: not JSON"; "record 3: ..." in a JSON array).
/// - A `.json` file that is not one JSON document but is JSON Lines is read as JSON Lines.
public struct JSONArticleReader: ArticleReader {
    /// How the records are laid out in a file.
    public enum Layout: Sendable {
        /// One JSON object per line.
        case lines
        /// One JSON document: an array of objects, or one object.
        case document
    }

    /// The layout of every file, or nil to go by the file's extension (`.jsonl`, `.ndjson`: lines; otherwise a
    /// document).
    public var layout: Layout?
    /// Titles made from a first sentence are cut to about this many characters.
    public var maxTitleLength = 100

    public init(layout: Layout? = nil) {
        self.layout = layout
    }

    public func articles(in bytes: [UInt8], id: String) throws(ArticleReadError) -> ReadResult {
        guard let (text, _) = TextDecoding.decode(bytes) else { throw .binary }
        guard text.contains(where: { !$0.isWhitespace }) else { throw .empty }
        let lower = id.lowercased()
        let layout = layout ?? (lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .lines : .document)

        var result: ReadResult
        switch layout {
        case .lines:
            result = readLines(text, id: id)
        case .document:
            if let document = JSONValue.parse(text) {
                result = readDocument(document, text: text, id: id)
            } else {
                // Many ".json" exports are JSON Lines.
                let lines = readLines(text, id: id)
                guard !lines.articles.isEmpty else { throw .unreadable("not JSON") }
                result = lines
            }
        }
        guard !result.articles.isEmpty else {
            guard let first = result.problems.first else { throw .empty }
            let more = result.problems.count - 1
            throw .unreadable(more > 0 ? "\(first) (and \(more) more)" : first)
        }
        return result
    }

    /// JSON Lines: each non-blank line a record.
    private func readLines(_ text: String, id: String) -> ReadResult {
        var result = ReadResult(articles: [])
        var record = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            record += 1
            let number = index + 1
            guard let value = JSONValue.parse(String(line)) else {
                result.problems.append("line \(number): not JSON")
                continue
            }
            do throws(RecordProblem) {
                result.articles.append(try article(value, id: "\(id)#\(record)", line: number))
            } catch {
                result.problems.append("line \(number): \(error.reason)")
            }
        }
        return result
    }

    /// A JSON document: an array of records, or one record.
    private func readDocument(_ document: JSONValue, text: String, id: String) -> ReadResult {
        var result = ReadResult(articles: [])
        guard case let .array(records) = document else {
            do throws(RecordProblem) {
                result.articles.append(try article(document, id: id, line: 1))
            } catch {
                result.problems.append(error.reason)
            }
            return result
        }
        let lines = Self.elementLines(text)
        for (index, record) in records.enumerated() {
            let line = lines.count == records.count ? lines[index] : 1
            do throws(RecordProblem) {
                result.articles.append(try article(record, id: "\(id)#\(index + 1)", line: line))
            } catch {
                result.problems.append("record \(index + 1) (line \(line)): \(error.reason)")
            }
        }
        return result
    }

    private struct RecordProblem: Error {
        var reason: String
    }

    private static let textKeys = ["text", "body", "content"]
    private static let mainKeys: Set<String> = ["title", "date", "source", "author", "url", "language", "tags"]

    /// The article of one record, which starts on `line` of the file.
    private func article(_ value: JSONValue, id: String, line: Int) throws(RecordProblem) -> Article {
        guard case let .object(object) = value else { throw RecordProblem(reason: "not an object") }

        var body: [String] = []
        for key in Self.textKeys {
            switch object[key] {
            case let .string(text)?: body = [text]
            case let .array(items)?: body = items.compactMap { if case let .string(s) = $0 { s } else { nil } }
            default: continue
            }
            if body.contains(where: { $0.contains(where: { !$0.isWhitespace }) }) { break }
            body = []
        }

        // In a fixed order, the main names first, so that "title" wins over "headline", "url" over "link".
        var fields: [(key: String, value: MetadataValue, line: Int?)] = []
        let ordered = object.sorted {
            (Self.mainKeys.contains($0.key.lowercased()) ? 0 : 1, $0.key) < (Self.mainKeys.contains($1.key.lowercased()) ? 0 : 1, $1.key)
        }
        for (key, field) in ordered where !Self.textKeys.contains(key.lowercased()) {
            if key.lowercased() == "source", case let .object(source) = field, case let .string(name)? = source["name"] {
                fields.append((key, .text(name), line))
            } else if let value = field.metadataValue {
                fields.append((key, value, line))
            }
        }
        var article = ArticleFields(fields)

        var paragraphs: [Paragraph] = []
        for text in body {
            let lines = TextDecoding.normaliseLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingSuffix(while: \.isWhitespace)[...] }
            paragraphs += PlainTextReader.paragraphs(lines, from: 0).map { Paragraph(text: $0.text, line: line) }
        }
        var title = article.title ?? ""
        let derived = title.isEmpty
        if title.isEmpty {
            guard let first = paragraphs.first else { throw RecordProblem(reason: "no text or title") }
            title = PlainTextReader.shortTitle(from: first.text, maxLength: maxTitleLength)
            article.titleLine = nil
        }
        return Article(
            id: id, title: title, titleLine: article.titleLine, titleIsDerived: derived, date: article.date, source: article.source,
            author: article.author, url: article.url, language: article.language, tags: article.tags,
            metadata: article.metadata, paragraphs: paragraphs
        )
    }

    /// The line each element of a top-level JSON array starts on (empty when `text` is not an array).
    static func elementLines(_ text: String) -> [Int] {
        var lines: [Int] = []
        var line = 1, depth = 0
        var inString = false, escaped = false, expectingElement = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: ","):
                if depth == 1 { expectingElement = true }
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                continue
            default:
                break
            }
            if depth == 1 && expectingElement {
                lines.append(line)
                expectingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if depth == 0 && byte != UInt8(ascii: "[") { return [] }
                depth += 1
                if depth == 1 { expectingElement = true }
            default:
                break
            }
        }
        return lines
    }
}

/// Any JSON value, as `JSONDecoder` reads it.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    /// A number, as text ("3", "2.5").
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON value of `text`, or nil when it is not JSON.
    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: Key.self) {
            var object: [String: JSONValue] = [:]
            for key in container.allKeys {
                object[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
            self = .object(object)
        } else if var container = try? decoder.unkeyedContainer() {
            var array: [JSONValue] = []
            while !container.isAtEnd {
                array.append(try container.decode(JSONValue.self))
            }
            self = .array(array)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .number(String(value))
            } else if let value = try? container.decode(Double.self) {
                self = .number(String(value))
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    /// Text, a number or true/false as text; a list of those as a list; nil for null, empty values, objects.
    var metadataValue: MetadataValue? {
        switch self {
        case .array(let items):
            let texts = items.compactMap(\.scalarText)
            return texts.isEmpty ? nil : .list(texts)
        default:
            return scalarText.map { .text($0) }
        }
    }

    private var scalarText: String? {
        switch self {
        case let .string(text):
            let trimmed = text.trimmingPrefix(while: \.isWhitespace).trimmingSuffix(while: \.isWhitespace)
            return trimmed.isEmpty ? nil : trimmed
        case let .number(text): return text
        case let .bool(value): return value ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }
}
