internal import CXapian

/// A Xapian database opened for writing. Holds Xapian's write lock until it is closed or released;
/// everything a `Database` reads, it reads too (including uncommitted changes).
///
/// ```swift
/// let db = try WritableDatabase(path: "Index", mode: .createOrOpen)
/// try db.replaceDocument(uniqueTerm: "Qa.txt", with: doc)
/// try db.commit()
/// ```
public final class WritableDatabase: Database {
    /// How to treat what is already at the path.
    public enum Mode: Sendable {
        /// Open the database there, or create one if there is none.
        case createOrOpen
        /// Replace whatever database is there with an empty one.
        case createOrOverwrite
        /// Create a database; fail if one exists.
        case create
        /// Open the database there; fail if there is none.
        case open

        var raw: cx_db_mode {
            switch self {
            case .createOrOpen: CX_DB_CREATE_OR_OPEN
            case .createOrOverwrite: CX_DB_CREATE_OR_OVERWRITE
            case .create: CX_DB_CREATE
            case .open: CX_DB_OPEN
            }
        }
    }

    /// Opens (or creates) a database at `path` for writing.
    /// - Parameter durable: false for a scratch database: commits then do not wait for the disk (Xapian's
    ///   `DB_NO_SYNC`), and a crash may leave the database unreadable.
    /// - Throws: `XapianError` with kind `.databaseLocked` when another writer holds the lock,
    ///   `.databaseCreate` when the directory cannot be made, `.databaseOpening` when what is there is
    ///   not a database.
    public convenience init(path: String, mode: Mode = .createOrOpen, durable: Bool = true) throws {
        let raw = durable ? mode.raw : cx_db_mode(rawValue: mode.raw.rawValue | UInt32(CX_DB_NO_SYNC))
        let handle = try withBytes(path) { (bytes, count) in
            try create { cx_database_open_writable(bytes, count, raw, $0, $1) }
        }
        self.init(writableHandle: handle)
    }

    // A designated initializer of its own, so that `Database`'s read-only `init(path:)` is not inherited:
    // `WritableDatabase(path:)` must always open for writing.
    private init(writableHandle: OpaquePointer) {
        super.init(handle: writableHandle)
    }

    /// Stores `value` under `key` in the database's metadata (committed with the next commit).
    public func setMetadata(_ key: String, _ value: String) throws {
        try withHandle { h in
            try withBytes(key) { (k, kl) in
                try withBytes(value) { (v, vl) in try check { cx_database_set_metadata(h, k, kl, v, vl, $0) } }
            }
        }
    }

    /// Adds `synonym` to the synonyms of `term` (a term, or several joined by single spaces), which the
    /// query parser uses with its `.autoSynonyms` and `.autoMultiwordSynonyms` flags.
    public func addSynonym(_ term: String, _ synonym: String) throws {
        try withHandle { h in
            try withBytes(term) { (t, tl) in
                try withBytes(synonym) { (s, sl) in try check { cx_database_add_synonym(h, t, tl, s, sl, $0) } }
            }
        }
    }

    /// Removes every synonym.
    public func clearSynonyms() throws {
        try withHandle { h in try check { cx_database_clear_all_synonyms(h, $0) } }
    }

    /// Replaces every document indexed by `uniqueTerm` with `document`, or adds it when there is none.
    /// Returns the document's id.
    @discardableResult
    public func replaceDocument(uniqueTerm: String, with document: Document) throws -> DocumentID {
        var id: UInt32 = 0
        try withHandle { h in
            try document.withHandle { d in
                try withBytes(uniqueTerm) { (t, tl) in
                    try check { cx_database_replace_document_by_term(h, t, tl, d, &id, $0) }
                }
            }
        }
        return id
    }

    /// Adds `document` as a new document, without looking for one it replaces (faster than
    /// `replaceDocument(uniqueTerm:with:)` when the caller knows its unique term is new). Returns its id.
    @discardableResult
    public func addDocument(_ document: Document) throws -> DocumentID {
        var id: UInt32 = 0
        try withHandle { h in
            try document.withHandle { d in try check { cx_database_add_document(h, d, &id, $0) } }
        }
        return id
    }

    /// Replaces the document with id `id` (adds it under that id when there is none).
    public func replaceDocument(_ id: DocumentID, with document: Document) throws {
        try withHandle { h in
            try document.withHandle { d in try check { cx_database_replace_document(h, id, d, $0) } }
        }
    }

    /// Deletes every document indexed by `uniqueTerm` (nothing when there is none).
    public func deleteDocuments(uniqueTerm: String) throws {
        try withHandle { h in
            try withBytes(uniqueTerm) { (t, tl) in try check { cx_database_delete_document_by_term(h, t, tl, $0) } }
        }
    }

    /// Deletes the document with id `id`.
    /// - Throws: `XapianError` with kind `.documentNotFound` when there is none.
    public func deleteDocument(_ id: DocumentID) throws {
        try withHandle { h in try check { cx_database_delete_document(h, id, $0) } }
    }

    /// Makes every change so far durable and visible to readers.
    public func commit() throws {
        try withHandle { h in try check { cx_database_commit(h, $0) } }
    }

    /// Adds the words of `document` to the spelling data, from which the query parser suggests corrections:
    /// each unprefixed term (one not starting with a capital A-Z) once per position it has. For a document
    /// whose text was indexed with positions that is what `TermGenerator.enableSpelling(in:)` adds, at a
    /// fraction of the cost: the counts are kept here and handed to Xapian one per word at the next `commit()`
    /// or `close()`.
    /// - Throws: `XapianError`.
    public func addSpelling(of document: Document) throws {
        try withHandle { h in
            try document.withHandle { d in try check { cx_database_add_spelling_of_document(h, d, $0) } }
        }
    }

    /// Moves the frequencies gathered in `counts` into the spelling data, as if each of their documents had
    /// been given to `addSpelling(of:)`: written at the next `commit()` or `close()`. `counts` is left empty.
    /// - Throws: `XapianError`.
    public func addSpelling(_ counts: SpellingCounts) throws {
        try withHandle { h in
            try counts.withHandle { c in try check { cx_database_add_spelling_counts(h, c, $0) } }
        }
    }
}
