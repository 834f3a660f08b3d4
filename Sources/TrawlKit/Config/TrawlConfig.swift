import FoundationEssentials

/// What `trawl.toml` holds: index defaults, query-time synonyms and saved queries.
///
/// ```toml
/// [index]
/// corpus = ["Corpus", "/data/wires"]   # relative to the folder of trawl.toml
/// path = "Index"
/// language = "english"
///
/// [synonyms]
/// IDF = ["Israel Defense Forces"]
///
/// [queries.haifa-drones]
/// query = 'drone (Haifa OR "port of Haifa")'
/// description = "Drone attacks on Haifa"
/// since = "30d"
/// sort = "date"
/// limit = 20
/// ```
public struct TrawlConfig: Sendable, Equatable {
    /// The file it was read from (absolute), nil for the empty configuration.
    public var file: String?
    /// `[index] corpus`: corpus folders, absolute.
    public var corpus: [String] = []
    /// `[index] path`: the index folder, absolute.
    public var indexPath: String?
    /// `[index] language`: the stemming language for a new index.
    public var language: String?
    /// `[synonyms]`: a word or abbreviation and what else it may be written as, in file order.
    public var synonyms: [Synonym] = []
    /// `[queries.NAME]` tables, in file order.
    public var queries: [SavedQuery] = []

    public static let empty = TrawlConfig()

    public init() {}

    /// The saved query called `name`, if there is one.
    public func query(named name: String) -> SavedQuery? {
        queries.first { $0.name == name }
    }

    /// Reads and checks the file at `path` (absolute).
    /// - Throws: `TrawlError` `.config` naming the line and key of the first mistake.
    public static func load(_ path: String) throws -> TrawlConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrawlError(.config, "cannot read \(path) — check that it exists and is readable")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw TrawlError(.config, "\(path) is not UTF-8 text — TOML files are UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Parses TOML `text`; relative paths are taken from the folder of `file`.
    public static func parse(_ text: String, file: String) throws -> TrawlConfig {
        let shown = Paths.lastComponent(file)
        let table: TOMLTable
        do {
            table = try TOMLDocument.parse(text)
        } catch {
            guard error.line > 0 else { throw TrawlError(.config, "\(shown) cannot be read: \(error.description)") }
            throw TrawlError(.config, "\(shown) line \(error.line), column \(error.column): \(error.description) — fix the TOML syntax")
        }
        var config = TrawlConfig()
        config.file = file
        let base = Paths.parent(file)
        // Keys come in file order, so the first mistake reported is the first in the file; `value` is where it is.
        func fail(_ table: String?, _ key: String?, at value: TOMLValue, _ message: String) -> TrawlError {
            let place = value.line > 0 ? "\(shown) line \(value.line)" : shown
            let name = [table.map { "[\($0)]" }, key].compactMap { $0 }.joined(separator: " ")
            return TrawlError(.config, "\(place): \(name) \(message)")
        }

        for (key, section) in table.entries {
            switch key {
            case "index":
                guard let index = section.table else { throw fail(nil, key, at: section, "must be a table: [index]") }
                for (field, value) in index.entries {
                    switch field {
                    case "corpus":
                        if let one = value.string {
                            config.corpus = [Paths.normalise(Paths.join(base, one))]
                        } else if let many = value.array, many.allSatisfy({ $0.string != nil }), !many.isEmpty {
                            config.corpus = many.map { Paths.normalise(Paths.join(base, $0.string!)) }
                        } else {
                            throw fail("index", field, at: value, "must be a folder or a list of folders, e.g. corpus = [\"Corpus\"]")
                        }
                    case "path":
                        guard let path = value.string, !path.isEmpty else {
                            throw fail("index", field, at: value, "must be a folder name, e.g. path = \"Index\"")
                        }
                        config.indexPath = Paths.normalise(Paths.join(base, path))
                    case "language":
                        guard let language = value.string, !language.isEmpty else {
                            throw fail("index", field, at: value, "must be a language name, e.g. language = \"english\"")
                        }
                        config.language = language
                    default:
                        throw fail("index", field, at: value, "is not a setting — [index] takes corpus, path and language")
                    }
                }
            case "synonyms":
                guard let synonyms = section.table else { throw fail(nil, key, at: section, "must be a table: [synonyms]") }
                for (word, value) in synonyms.entries {
                    let alternatives: [String]
                    if let one = value.string {
                        alternatives = [one]
                    } else if let many = value.array, many.allSatisfy({ $0.string != nil }) {
                        alternatives = many.map { $0.string! }
                    } else {
                        throw fail("synonyms", word, at: value, "must be a list of strings, e.g. IDF = [\"Israel Defense Forces\"]")
                    }
                    let cleaned = alternatives.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
                    guard !word.trimmingBlanks().isEmpty, !cleaned.isEmpty else {
                        throw fail("synonyms", word, at: value, "needs a word and at least one non-empty alternative")
                    }
                    config.synonyms.append(Synonym(term: word, alternatives: cleaned))
                }
            case "queries":
                guard let queries = section.table else { throw fail(nil, key, at: section, "must hold tables: [queries.NAME]") }
                for (name, entry) in queries.entries {
                    let header = "queries.\(name)"
                    guard SavedQuery.isValidName(name) else {
                        throw fail(header, nil, at: entry, "has a name that is not allowed — use letters, digits, - and _")
                    }
                    guard let fields = entry.table else {
                        throw fail("queries", name, at: entry, "must be a table: [queries.\(name)] with query = '...'")
                    }
                    var saved = SavedQuery(name: name, query: "")
                    for (field, value) in fields.entries {
                        do {
                            try saved.set(field, to: ConfigValue(value))
                        } catch let error as SavedQuery.SettingError {
                            throw fail(header, field, at: value, error.message)
                        }
                    }
                    guard !saved.query.allSatisfy(\.isWhitespace) else {
                        throw fail(header, nil, at: entry, "has no query — add query = 'words to search for'")
                    }
                    config.queries.append(saved)
                }
            default:
                throw fail(nil, key, at: section, "is not a section trawl knows — use [index], [synonyms] and [queries.NAME]")
            }
        }
        return config
    }
}

/// A word and the phrases it also stands for, applied when queries are parsed.
public struct Synonym: Sendable, Equatable {
    public let term: String
    public let alternatives: [String]

    public init(term: String, alternatives: [String]) {
        self.term = term
        self.alternatives = alternatives
    }
}

/// A TOML value as the configuration reads it.
public enum ConfigValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case strings([String])
    case other(String)

    init(_ value: TOMLValue) {
        if let string = value.string {
            self = .string(string)
        } else if let int = value.int {
            self = .int(int)
        } else if let bool = value.bool {
            self = .bool(bool)
        } else if let double = value.double {
            self = .double(double)
        } else if let array = value.array, array.allSatisfy({ $0.string != nil }) {
            self = .strings(array.map { $0.string! })
        } else if let date = value.date {
            // An unquoted TOML date (since = 2024-02-01) means the same as the quoted one.
            self = .string(Self.isoDate(year: date.year, month: date.month, day: date.day))
        } else {
            self = .other(value.type.rawValue)
        }
    }

    private static func isoDate(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - "\(value)".count)) + "\(value)"
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
