internal import CXapian

/// A document's number in a database (Xapian's docid); never 0.
public typealias DocumentID = UInt32

/// A Xapian database opened for reading: a glass directory, a stub database file listing shards, or any
/// other database Xapian can open.
///
/// ```swift
/// let db = try Database(path: "Index")
/// print(try db.documentCount)
/// ```
/// Not thread-safe: use one `Database` per thread.
public class Database {
    private let handle: OpaquePointer

    /// Opens the database at `path` for reading.
    /// - Throws: `XapianError` with kind `.databaseNotFound` when there is nothing at `path`,
    ///   `.databaseOpening` when what is there is not a database, `.databaseVersion`, `.databaseCorrupt`.
    public convenience init(path: String) throws {
        let handle = try withBytes(path) { (bytes, count) in
            try create { cx_database_open(bytes, count, $0, $1) }
        }
        self.init(handle: handle)
    }

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cx_database_destroy(handle)
    }

    /// The one way other files reach the shim handle.
    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try body(handle)
    }

    /// Moves the database on to its latest committed revision. Returns whether anything changed.
    /// - Throws: `XapianError` (e.g. `.databaseClosed`).
    @discardableResult
    public func reopen() throws -> Bool {
        var changed = false
        try withHandle { h in try check { cx_database_reopen(h, &changed, $0) } }
        return changed
    }

    /// Closes the database; for a writable database this commits and releases the write lock.
    /// - Throws: `XapianError` if committing fails.
    public func close() throws {
        try withHandle { h in try check { cx_database_close(h, $0) } }
    }

    /// The number of documents.
    public var documentCount: Int {
        get throws {
            var count: UInt32 = 0
            try withHandle { h in try check { cx_database_doccount(h, &count, $0) } }
            return Int(count)
        }
    }

    /// The highest document id used so far.
    public var lastDocumentID: DocumentID {
        get throws {
            var id: UInt32 = 0
            try withHandle { h in try check { cx_database_lastdocid(h, &id, $0) } }
            return id
        }
    }

    /// The average document length in terms.
    public var averageLength: Double {
        get throws {
            var length = 0.0
            try withHandle { h in try check { cx_database_avlength(h, &length, $0) } }
            return length
        }
    }

    /// How many documents contain `term`.
    public func termFrequency(_ term: String) throws -> Int {
        var frequency: UInt32 = 0
        try withHandle { h in
            try withBytes(term) { (bytes, count) in
                try check { cx_database_termfreq(h, bytes, count, &frequency, $0) }
            }
        }
        return Int(frequency)
    }

    /// How many times `term` occurs in all documents together.
    public func collectionFrequency(_ term: String) throws -> Int {
        var frequency: UInt32 = 0
        try withHandle { h in
            try withBytes(term) { (bytes, count) in
                try check { cx_database_collection_freq(h, bytes, count, &frequency, $0) }
            }
        }
        return Int(frequency)
    }

    /// The length of a document in terms.
    /// - Throws: `XapianError` with kind `.documentNotFound` for an unknown id.
    public func documentLength(_ id: DocumentID) throws -> Int {
        var length: UInt32 = 0
        try withHandle { h in try check { cx_database_doclength(h, id, &length, $0) } }
        return Int(length)
    }

    /// The metadata value stored under `key`, or "" when there is none.
    public func metadata(_ key: String) throws -> String {
        try withHandle { h in
            try withBytes(key) { (bytes, count) in
                try takeString { cx_database_get_metadata(h, bytes, count, $0, $1, $2) }
            }
        }
    }

    /// The document with id `id`.
    /// - Throws: `XapianError` with kind `.documentNotFound` when there is none.
    public func document(_ id: DocumentID) throws -> Document {
        let doc = try withHandle { h in
            try create { cx_database_get_document(h, id, $0, $1) }
        }
        return Document(handle: doc)
    }

    /// Every term starting with `prefix`, in byte order, with the number of documents it indexes.
    ///
    /// ```swift
    /// for (term, _) in try db.terms(withPrefix: "Q") { ... }   // every unique id
    /// ```
    public func terms(withPrefix prefix: String = "") throws -> [(term: String, frequency: Int)] {
        let list = try withHandle { h in
            try withBytes(prefix) { (bytes, count) in
                try create { cx_database_allterms(h, bytes, count, $0, $1) }
            }
        }
        return try TermList(handle: list).all()
    }

    /// The synonyms of `term` (a term, or several joined by single spaces), from the synonym table.
    public func synonyms(of term: String) throws -> [String] {
        let list = try withHandle { h in
            try withBytes(term) { (bytes, count) in try create { cx_database_synonyms(h, bytes, count, $0, $1) } }
        }
        return try TermList(handle: list).all().map(\.term)
    }

    /// Every term that has synonyms, in byte order.
    public func synonymKeys() throws -> [String] {
        let list = try withHandle { h in try create { cx_database_synonym_keys(h, $0, $1) } }
        return try TermList(handle: list).all().map(\.term)
    }

    /// The spelling data: every word with its frequency, in byte order.
    public func spellings() throws -> [(term: String, frequency: Int)] {
        let list = try withHandle { h in try create { cx_database_spellings(h, $0, $1) } }
        return try TermList(handle: list).all()
    }

    /// How many distinct terms start with `prefix` ("" for all), without listing them.
    public func termCount(withPrefix prefix: String = "") throws -> Int {
        var count: UInt64 = 0
        try withHandle { h in
            try withBytes(prefix) { (bytes, length) in try check { cx_database_count_terms(h, bytes, length, &count, $0) } }
        }
        return Int(count)
    }

    /// The ids of the documents indexed by `term`, in increasing order.
    public func postings(_ term: String) throws -> [DocumentID] {
        let list = try withHandle { h in
            try withBytes(term) { (bytes, count) in
                try create { cx_database_postlist(h, bytes, count, $0, $1) }
            }
        }
        defer { cx_postlist_destroy(list) }
        var ids: [DocumentID] = []
        while true {
            var id: UInt32 = 0
            var done = false
            try check { cx_postlist_next(list, &id, nil, &done, $0) }
            if done { return ids }
            ids.append(id)
        }
    }
}

extension Database {
    /// Every document's value in `slot`, in document id order (documents with no value there are left out).
    /// Reads Xapian's value stream, which is much faster than fetching each document.
    public func values(inSlot slot: UInt32) throws -> [(id: DocumentID, value: [UInt8])] {
        var result: [(id: DocumentID, value: [UInt8])] = []
        try forEachValue(inSlot: slot) { id, bytes in result.append((id, Array(bytes))) }
        return result
    }

    /// Calls `body` with every document's value in `slot`, in document id order, without copying it: the bytes
    /// are valid only during the call. For reading one value of every document in a large index, where a copy
    /// of each costs more than reading it.
    ///
    /// ```swift
    /// var total = 0
    /// try db.forEachValue(inSlot: 0) { id, bytes in total += bytes.count }
    /// ```
    /// - Throws: `XapianError` from Xapian, or what `body` throws.
    public func forEachValue(inSlot slot: UInt32,
                             _ body: (DocumentID, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let list = try withHandle { h in try create { cx_database_valuestream(h, slot, $0, $1) } }
        defer { cx_valuelist_destroy(list) }
        while true {
            var id: UInt32 = 0
            var pointer: UnsafePointer<CChar>? = nil
            var length = 0
            var done = false
            try check { cx_valuelist_next(list, &id, &pointer, &length, &done, $0) }
            if done { return }
            if let pointer {
                try pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                    try body(id, UnsafeBufferPointer(start: $0, count: length))
                }
            } else {
                try body(id, UnsafeBufferPointer(start: nil, count: 0))
            }
        }
    }
}

/// Reads a shim term list to the end and frees it.
struct TermList {
    let handle: OpaquePointer

    func all() throws -> [(term: String, frequency: Int)] {
        defer { cx_termlist_destroy(handle) }
        var result: [(term: String, frequency: Int)] = []
        while true {
            var pointer: UnsafePointer<CChar>? = nil
            var length = 0
            var count: UInt32 = 0
            var done = false
            try check { cx_termlist_next(handle, &pointer, &length, &count, &done, $0) }
            if done { return result }
            let term = pointer.map {
                $0.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            } ?? ""
            result.append((term, Int(count)))
        }
    }
}
