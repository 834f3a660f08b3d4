/// A named query kept in `trawl.toml` under `[queries.NAME]`, with the search options it runs with.
public struct SavedQuery: Sendable, Equatable {
    public let name: String
    public var query: String
    public var description: String?
    /// The search options, from the table's keys (each a `trawl search` option by its long name).
    public var options = SearchOptions()
    /// The settings as written, in the order `trawl saved add` writes them.
    public private(set) var settings: [(key: String, value: ConfigValue)] = []

    public init(name: String, query: String, description: String? = nil) {
        self.name = name
        self.query = query
        self.description = description
    }

    /// The keys a saved query takes: query, description, and the search options by their long names.
    public static let keys = ["query", "description", "limit", "offset", "passages", "any", "all-copies", "expand",
                              "sort", "since", "until", "explain", "facets", "passage-weight", "weighting"]

    /// Names are bare TOML keys, so that they can be typed on a command line and written as `[queries.NAME]`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    struct SettingError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Applies `key = value`.
    /// - Throws: `TrawlError` `.usage` saying what the key takes.
    public mutating func apply(_ key: String, _ value: ConfigValue) throws {
        do {
            try set(key, to: value)
        } catch let error as SettingError {
            throw TrawlError(.usage, "\(key) \(error.message)")
        }
    }

    mutating func set(_ key: String, to value: ConfigValue) throws {
        func string() throws -> String {
            guard case let .string(text) = value else { throw SettingError("must be a string in quotes, not \(value.shown)") }
            return text
        }
        func int(_ range: ClosedRange<Int>) throws -> Int {
            guard case let .int(number) = value, range.contains(number) else {
                throw SettingError("must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(value.shown)")
            }
            return number
        }
        func bool() throws -> Bool {
            guard case let .bool(flag) = value else { throw SettingError("must be true or false, not \(value.shown)") }
            return flag
        }
        switch key {
        case "query":
            let text = try string()
            guard text.contains(where: { !$0.isWhitespace }) else { throw SettingError("must not be empty") }
            query = text
        case "description": description = try string()
        case "limit": options.limit = try int(1...100_000)
        case "offset": options.offset = try int(0...10_000_000)
        case "passages": options.passages = try int(0...100)
        case "any": options.matchAny = try bool()
        case "all-copies": options.allCopies = try bool()
        case "expand": options.expand = try bool()
        case "explain": options.explain = try bool()
        case "passage-weight":
            let weight: Double
            switch value {
            case let .int(number): weight = Double(number)
            case let .double(number): weight = number
            default: throw SettingError("must be a number from 0 to 1, not \(value.shown)")
            }
            guard (0...1).contains(weight) else { throw SettingError("must be a number from 0 to 1, not \(value.shown)") }
            options.passageWeight = weight
        case "facets":
            let names: [String]
            switch value {
            case let .string(text): names = text.split(separator: ",").map { $0.trimmingBlanks() }
            case let .strings(list): names = list
            default: throw SettingError("must be a list of facet names, e.g. [\"section\", \"year\"], not \(value.shown)")
            }
            do {
                options.facets = try Facet.list(names.joined(separator: ","))
            } catch let error as TrawlError {
                throw SettingError("has " + error.message.replacing(" in --facets", with: ""))
            }
        case "sort":
            guard let order = SearchOrder(rawValue: try string()) else {
                throw SettingError("must be one of \(SearchOrder.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \(value.shown)")
            }
            options.sort = order
        case "weighting":
            guard let scheme = WeightingScheme(rawValue: try string()) else {
                throw SettingError("must be one of \(WeightingScheme.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \(value.shown)")
            }
            options.weighting = scheme
        case "since", "until":
            let text = try string()
            guard DateRange.bounds(text) != nil, !text.contains("..") else {
                throw SettingError("must be a date: \"2024-02-01\", \"2024-02\", \"2024\", or \"7d\", \"3m\", \"1y\" — not \(value.shown)")
            }
            if key == "since" { options.since = text } else { options.until = text }
        default:
            throw SettingError("is not a setting of a saved query — use \(Self.keys.joined(separator: ", "))")
        }
        settings.removeAll { $0.key == key }
        if key != "query" && key != "description" { settings.append((key, value)) }
    }

    public static func == (a: SavedQuery, b: SavedQuery) -> Bool {
        a.name == b.name && a.query == b.query && a.description == b.description && a.options == b.options
            && a.settings.map(\.key) == b.settings.map(\.key) && a.settings.map(\.value) == b.settings.map(\.value)
    }

    /// The `[queries.NAME]` table as `trawl saved add` writes it.
    public var tomlLines: [String] {
        var lines = ["[queries.\(name)]", "query = \(TOMLText.string(query))"]
        if let description { lines.append("description = \(TOMLText.string(description))") }
        for (key, value) in settings { lines.append("\(key) = \(TOMLText.value(value))") }
        return lines
    }
}

extension ConfigValue {
    /// The value as a message shows it.
    var shown: String {
        switch self {
        case let .string(text): "\"\(text)\""
        case let .int(number): "\(number)"
        case let .bool(flag): "\(flag)"
        case let .double(number): "\(number)"
        case let .strings(list): "[" + list.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case let .other(type): "a \(type)"
        }
    }
}

/// TOML literals for values trawl writes.
enum TOMLText {
    /// A literal string ('...') when it can be one, else a basic string with escapes.
    static func string(_ text: String) -> String {
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        if printable && !text.contains("'") { return "'\(text)'" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func value(_ value: ConfigValue) -> String {
        switch value {
        case let .string(text): string(text)
        case let .int(number): "\(number)"
        case let .bool(flag): "\(flag)"
        case let .double(number): "\(number)"
        case let .strings(list): "[" + list.map(string).joined(separator: ", ") + "]"
        case let .other(type): "\"\(type)\""
        }
    }
}
