internal import CXapian

/// How words are stemmed when indexed or parsed.
public enum StemmingStrategy: Sendable {
    /// No stemming.
    case none
    /// Stem words that do not start with a capital letter, as `Z`-prefixed terms without positions, beside
    /// the unstemmed terms with positions (Xapian's default).
    case some
    /// Stem every word, no prefix.
    case all
    /// Stem every word, as `Z`-prefixed terms.
    case allZ

    var raw: cx_stem_strategy {
        switch self {
        case .none: CX_STEM_NONE
        case .some: CX_STEM_SOME
        case .all: CX_STEM_ALL
        case .allZ: CX_STEM_ALL_Z
        }
    }
}

/// Turns text into terms on a document: splits words, lower-cases, stems, records positions.
///
/// ```swift
/// let generator = try TermGenerator()
/// try generator.setStemmer(try Stem(language: "english"))
/// try generator.setDocument(doc)
/// try generator.indexText("Drone attacks on Haifa")
/// ```
public final class TermGenerator {
    private let handle: OpaquePointer
    // The document terms go to; kept alive while the generator may write to it.
    private var document: Document?
    // The database spelling data goes to; kept alive while the generator writes to it.
    private var spellingDatabase: WritableDatabase?

    /// A term generator with no stemmer and no document.
    public init() throws {
        handle = try create { cx_termgen_create($0, $1) }
    }

    deinit {
        cx_termgen_destroy(handle)
    }

    /// Stems words with `stem` (the generator keeps its own copy).
    public func setStemmer(_ stem: Stem) throws {
        try stem.withHandle { s in try check { cx_termgen_set_stemmer(handle, s, $0) } }
    }

    /// Chooses which words are stemmed and how.
    public func setStemmingStrategy(_ strategy: StemmingStrategy) throws {
        try check { cx_termgen_set_stemming_strategy(handle, strategy.raw, $0) }
    }

    /// Sends the terms of the following `indexText` calls to `document`, starting at position 0.
    public func setDocument(_ document: Document) throws {
        try document.withHandle { d in try check { cx_termgen_set_document(handle, d, $0) } }
        self.document = document
    }

    /// Indexes `text` with positions; each word's wdf grows by `wdfIncrement`; terms get `prefix`.
    public func indexText(_ text: String, wdfIncrement: UInt32 = 1, prefix: String = "") throws {
        try withBytes(text) { (t, tl) in
            try withBytes(prefix) { (p, pl) in
                try check { cx_termgen_index_text(handle, t, tl, wdfIncrement, p, pl, $0) }
            }
        }
    }

    /// Indexes `text` without positions (so phrases cannot match it).
    public func indexTextWithoutPositions(_ text: String, wdfIncrement: UInt32 = 1, prefix: String = "") throws {
        try withBytes(text) { (t, tl) in
            try withBytes(prefix) { (p, pl) in
                try check { cx_termgen_index_text_without_positions(handle, t, tl, wdfIncrement, p, pl, $0) }
            }
        }
    }

    /// Also records the words of unprefixed text as spelling data in `database`, for query corrections.
    public func enableSpelling(in database: WritableDatabase) throws {
        try database.withHandle { d in try check { cx_termgen_enable_spelling(handle, d, $0) } }
        spellingDatabase = database
    }

    /// Moves the position on by `delta`, so a phrase cannot match across the gap (e.g. between paragraphs).
    public func increaseTermPosition(by delta: UInt32) throws {
        try check { cx_termgen_increase_termpos(handle, delta, $0) }
    }
}
