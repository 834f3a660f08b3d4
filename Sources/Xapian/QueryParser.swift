internal import CXapian

/// Parses what a user types into a `Query`: words, phrases in quotes, AND/OR/NOT, `+`/`-`, wildcards and
/// `field:` prefixes, with stemming.
///
/// ```swift
/// let parser = try QueryParser()
/// try parser.setStemmer(try Stem(language: "english"))
/// try parser.setStemmingStrategy(.some)
/// let query = try parser.parse("drone attack Haifa", flags: .default)
/// ```
public final class QueryParser {
    /// Which parts of the query syntax are recognised.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// AND, OR, NOT, XOR and parentheses.
        public static let boolean = Flags(rawValue: UInt32(CX_QP_FLAG_BOOLEAN))
        /// Phrases in double quotes.
        public static let phrase = Flags(rawValue: UInt32(CX_QP_FLAG_PHRASE))
        /// `+word` (required) and `-word` (excluded).
        public static let loveHate = Flags(rawValue: UInt32(CX_QP_FLAG_LOVEHATE))
        /// Boolean operators in any case ("and" as well as "AND").
        public static let booleanAnyCase = Flags(rawValue: UInt32(CX_QP_FLAG_BOOLEAN_ANY_CASE))
        /// Trailing `*` wildcards.
        public static let wildcard = Flags(rawValue: UInt32(CX_QP_FLAG_WILDCARD))
        /// `NOT word` on its own.
        public static let pureNot = Flags(rawValue: UInt32(CX_QP_FLAG_PURE_NOT))
        /// The last word as a prefix (search as you type).
        public static let partial = Flags(rawValue: UInt32(CX_QP_FLAG_PARTIAL))
        /// Spelling correction from the database's spelling data.
        public static let spellingCorrection = Flags(rawValue: UInt32(CX_QP_FLAG_SPELLING_CORRECTION))
        /// `~word` expands to the word's synonyms.
        public static let synonym = Flags(rawValue: UInt32(CX_QP_FLAG_SYNONYM))
        /// Every word expands to its synonyms.
        public static let autoSynonyms = Flags(rawValue: UInt32(CX_QP_FLAG_AUTO_SYNONYMS))
        /// Word sequences expand to their synonyms.
        public static let autoMultiwordSynonyms = Flags(rawValue: UInt32(CX_QP_FLAG_AUTO_MULTIWORD_SYNONYMS))

        /// Xapian's default: phrases, boolean operators and `+`/`-`.
        public static let `default`: Flags = [.phrase, .boolean, .loveHate]
    }

    private let handle: OpaquePointer
    // Kept alive because the parser refers to it for wildcards and spelling.
    private var database: Database?

    /// A parser with no stemmer and no database, whose default operator is OR (as Xapian's).
    public init() throws {
        handle = try create { cx_queryparser_create($0, $1) }
    }

    deinit {
        cx_queryparser_destroy(handle)
    }

    /// Stems query words with `stem` (the parser keeps its own copy).
    public func setStemmer(_ stem: Stem) throws {
        try stem.withHandle { s in try check { cx_queryparser_set_stemmer(handle, s, $0) } }
    }

    /// Chooses which query words are stemmed; use the strategy the documents were indexed with.
    public func setStemmingStrategy(_ strategy: StemmingStrategy) throws {
        try check { cx_queryparser_set_stemming_strategy(handle, strategy.raw, $0) }
    }

    /// The database that wildcards expand against and spelling corrections come from.
    public func setDatabase(_ database: Database) throws {
        try database.withHandle { d in try check { cx_queryparser_set_database(handle, d, $0) } }
        self.database = database
    }

    /// The operator between words given without one: `.and` (every word required) or `.or`.
    public func setDefaultOperator(_ op: Query.Operator) throws {
        guard let raw = op.raw else {
            throw XapianError(kind: .invalidArgument, message: "operator \(op) cannot be a default operator")
        }
        try check { cx_queryparser_set_default_op(handle, raw, $0) }
    }

    /// Words to drop from queries outside phrases ("the", "of", ...).
    public func setStopwords(_ words: [String]) throws {
        // One buffer of NUL-terminated words and pointers into it: stable C strings for the call.
        var buffer: [CChar] = []
        var offsets: [Int] = []
        for word in words {
            offsets.append(buffer.count)
            buffer.append(contentsOf: word.utf8CString)
        }
        try buffer.withUnsafeBufferPointer { chars in
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in chars.baseAddress.map { $0 + offset } }
            try pointers.withUnsafeBufferPointer { list in
                try check { cx_queryparser_set_stopwords(handle, list.baseAddress, list.count, $0) }
            }
        }
    }

    /// Makes `field:words` search free-text terms with `prefix` (e.g. "title" → "S").
    public func addPrefix(_ field: String, _ prefix: String) throws {
        try withBytes(field) { (f, fl) in
            try withBytes(prefix) { (p, pl) in try check { cx_queryparser_add_prefix(handle, f, fl, p, pl, $0) } }
        }
    }

    /// Makes `field:value` filter on boolean terms with `prefix`.
    public func addBooleanPrefix(_ field: String, _ prefix: String) throws {
        try withBytes(field) { (f, fl) in
            try withBytes(prefix) { (p, pl) in
                try check { cx_queryparser_add_boolean_prefix(handle, f, fl, p, pl, $0) }
            }
        }
    }

    /// Makes `field:value` filter on boolean terms with `prefix` + the value lower-cased.
    public func addLowercaseBooleanPrefix(_ field: String, _ prefix: String) throws {
        try withBytes(field) { (f, fl) in
            try withBytes(prefix) { (p, pl) in
                try check { cx_queryparser_add_boolean_prefix_lowercase(handle, f, fl, p, pl, $0) }
            }
        }
    }

    /// Makes `field:GLOB` filter on the boolean terms with `prefix` whose rest matches GLOB (`*`, `?`, `[...]`
    /// as fnmatch(3); `*` also matches `/`), listed from `database` when a query is parsed.
    ///
    /// ```swift
    /// try parser.addGlobPrefix("path", termPrefix: "Q", database: db, limit: 10_000)
    /// let query = try parser.parse("path:world/*")   // every Q term starting "world/", ORed
    /// ```
    /// Parsing a glob that matches more than `limit` terms (0: no limit) throws kind `.wildcard` with the
    /// message "field:GLOB matches more than N terms".
    public func addGlobPrefix(_ field: String, termPrefix prefix: String, database: Database, limit: UInt32) throws {
        try database.withHandle { d in
            try withBytes(field) { (f, fl) in
                try withBytes(prefix) { (p, pl) in
                    try check { cx_queryparser_add_glob_prefix(handle, d, f, fl, p, pl, limit, $0) }
                }
            }
        }
    }

    /// Makes `field:low..high` match documents whose value in `slot` lies in the range (compared as bytes;
    /// either end may be left empty).
    public func addRangePrefix(_ field: String, slot: UInt32) throws {
        try withBytes(field) { (f, fl) in try check { cx_queryparser_add_range_prefix(handle, slot, f, fl, $0) } }
    }

    /// Limits how many terms one wildcard may expand to; past it the search fails with kind `.wildcard`.
    public func setMaxWildcardExpansion(_ limit: UInt32) throws {
        try check { cx_queryparser_set_max_expansion(handle, limit, $0) }
    }

    /// After a parse with `.spellingCorrection`: the query with misspelt words corrected from the database's
    /// spelling data, or "" when nothing needed correcting.
    public var correctedQuery: String {
        (try? takeString { cx_queryparser_corrected_query(handle, $0, $1, $2) }) ?? ""
    }

    /// Parses `text` into a query.
    /// - Throws: `XapianError` with kind `.querySyntax` and Xapian's message for a syntax error
    ///   (e.g. "Syntax: <expression> AND <expression>").
    public func parse(_ text: String, flags: Flags = .default) throws -> Query {
        let query = try withBytes(text) { (t, n) in
            try create { cx_queryparser_parse(handle, t, n, flags.rawValue, $0, $1) }
        }
        return Query(handle: query)
    }
}
