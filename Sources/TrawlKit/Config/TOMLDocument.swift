internal import CTOML

/// A TOML value as toml++ read it (through CTOML), with where it begins in the text.
struct TOMLValue: Sendable {
    /// The TOML types; the raw values are how a message names them ("not a dateTime").
    enum Kind: String, Sendable {
        case table, array, string, int, double, bool, date, time, dateTime
    }

    enum Content: Sendable {
        case table(TOMLTable)
        case array([TOMLValue])
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case date(year: Int, month: Int, day: Int)
        /// A local time or a date-time, as TOML text ("07:32:00", "1979-05-27T07:32:00Z").
        case time(String)
        case dateTime(String)
    }

    let content: Content
    /// 1-based line and column where the value begins (0 when unknown).
    let line: Int
    let column: Int

    var type: Kind {
        switch content {
        case .table: .table
        case .array: .array
        case .string: .string
        case .int: .int
        case .double: .double
        case .bool: .bool
        case .date: .date
        case .time: .time
        case .dateTime: .dateTime
        }
    }

    var table: TOMLTable? { if case let .table(table) = content { table } else { nil } }
    var array: [TOMLValue]? { if case let .array(array) = content { array } else { nil } }
    var string: String? { if case let .string(string) = content { string } else { nil } }
    var int: Int? { if case let .int(int) = content { int } else { nil } }
    var double: Double? { if case let .double(double) = content { double } else { nil } }
    var bool: Bool? { if case let .bool(bool) = content { bool } else { nil } }
    var date: (year: Int, month: Int, day: Int)? {
        if case let .date(year, month, day) = content { (year, month, day) } else { nil }
    }
}

/// A TOML table: its keys in the order the file has them (by where each value begins).
struct TOMLTable: Sendable {
    let entries: [(key: String, value: TOMLValue)]

    var keys: [String] { entries.map(\.key) }

    subscript(key: String) -> TOMLValue? {
        entries.first { $0.key == key }?.value
    }
}

/// Why a TOML text could not be read: toml++'s description and, for a syntax error, where it is.
struct TOMLError: Error, Sendable {
    let description: String
    /// 1-based line and column of a syntax error; 0 for a failure that is not about the text (out of memory).
    let line: Int
    let column: Int
}

/// Reads TOML text with toml++ into `TOMLTable`s and `TOMLValue`s.
enum TOMLDocument {
    /// The document's root table.
    /// - Throws: `TOMLError` with the line and column of a syntax error.
    static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var text = text
        var document: OpaquePointer?
        var message: UnsafeMutablePointer<CChar>?
        var line: UInt32 = 0
        var column: UInt32 = 0
        let status = text.withUTF8 { bytes in
            ctoml_document_parse(bytes.baseAddress, bytes.count, &document, &message, &line, &column)
        }
        guard status == CTOML_OK, let document else {
            let description = message.map { String(cString: $0) } ?? "cannot read the TOML text"
            ctoml_free(message)
            let isSyntax = status == CTOML_ERR_SYNTAX
            throw TOMLError(description: description, line: isSyntax ? Int(line) : 0, column: isSyntax ? Int(column) : 0)
        }
        defer { ctoml_document_destroy(document) }
        var count = 0
        let nodes = UnsafeBufferPointer(start: ctoml_document_nodes(document, &count), count: count)
        return table(at: 0, in: nodes)
    }

    private static func table(at index: Int, in nodes: UnsafeBufferPointer<ctoml_node>) -> TOMLTable {
        let node = nodes[index]
        var entries: [(key: String, value: TOMLValue)] = []
        entries.reserveCapacity(node.child_count)
        for child in node.first_child..<(node.first_child + node.child_count) {
            let key = String(decoding: UnsafeRawBufferPointer(start: nodes[child].key, count: nodes[child].key_length), as: UTF8.self)
            entries.append((key, value(at: child, in: nodes)))
        }
        // toml++ keeps a table's keys sorted; a message about "the first mistake" wants the file's order.
        entries.sort { ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column) }
        return TOMLTable(entries: entries)
    }

    private static func value(at index: Int, in nodes: UnsafeBufferPointer<ctoml_node>) -> TOMLValue {
        let node = nodes[index]
        func text() -> String {
            String(decoding: UnsafeRawBufferPointer(start: node.string, count: node.string_length), as: UTF8.self)
        }
        let content: TOMLValue.Content
        switch node.kind {
        case CTOML_TABLE:
            content = .table(table(at: index, in: nodes))
        case CTOML_ARRAY:
            content = .array((node.first_child..<(node.first_child + node.child_count)).map { value(at: $0, in: nodes) })
        case CTOML_STRING: content = .string(text())
        case CTOML_INTEGER: content = .int(Int(node.integer))
        case CTOML_FLOAT: content = .double(node.floating)
        case CTOML_BOOLEAN: content = .bool(node.boolean)
        case CTOML_DATE: content = .date(year: Int(node.year), month: Int(node.month), day: Int(node.day))
        case CTOML_TIME: content = .time(text())
        default: content = .dateTime(text())
        }
        return TOMLValue(content: content, line: Int(node.line), column: Int(node.column))
    }
}
