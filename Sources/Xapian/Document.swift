internal import CXapian

/// A Xapian document: terms, values (by slot) and opaque data.
///
/// ```swift
/// let doc = try Document()
/// try doc.setData(Array("hello".utf8))
/// try doc.addBooleanTerm("Qa.txt")
/// ```
public final class Document {
    private let handle: OpaquePointer

    /// An empty document.
    public convenience init() throws {
        self.init(handle: try create { cx_document_create($0, $1) })
    }

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cx_document_destroy(handle)
    }

    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try body(handle)
    }

    /// The document's id in the database it came from (0 for a new document).
    public var id: DocumentID {
        get throws {
            var id: UInt32 = 0
            try check { cx_document_docid(handle, &id, $0) }
            return id
        }
    }

    /// The document's data.
    public func data() throws -> [UInt8] {
        try takeBytes { cx_document_get_data(handle, $0, $1, $2) }
    }

    /// Replaces the document's data.
    public func setData(_ bytes: [UInt8]) throws {
        try withBytes(bytes) { (b, n) in try check { cx_document_set_data(handle, b, n, $0) } }
    }

    /// The value in `slot`: empty when none was set.
    public func value(_ slot: UInt32) throws -> [UInt8] {
        try takeBytes { cx_document_get_value(handle, slot, $0, $1, $2) }
    }

    /// Sets the value in `slot` (an empty value removes it).
    public func setValue(_ slot: UInt32, _ bytes: [UInt8]) throws {
        try withBytes(bytes) { (b, n) in try check { cx_document_add_value(handle, slot, b, n, $0) } }
    }

    /// Adds `term` (or raises its wdf by `wdfIncrement`).
    public func addTerm(_ term: String, wdfIncrement: UInt32 = 1) throws {
        try withBytes(term) { (t, n) in try check { cx_document_add_term(handle, t, n, wdfIncrement, $0) } }
    }

    /// Adds a term that filters but does not weigh (wdf 0): unique ids, categories.
    public func addBooleanTerm(_ term: String) throws {
        try withBytes(term) { (t, n) in try check { cx_document_add_boolean_term(handle, t, n, $0) } }
    }

    /// Removes `term` and its positions.
    /// - Throws: `XapianError` with kind `.invalidArgument` when the document does not have the term.
    public func removeTerm(_ term: String) throws {
        try withBytes(term) { (t, n) in try check { cx_document_remove_term(handle, t, n, $0) } }
    }

    /// The document's terms and their wdf, in byte order.
    public func terms() throws -> [(term: String, wdf: Int)] {
        let list = try create { cx_document_termlist(handle, $0, $1) }
        return try TermList(handle: list).all().map { ($0.term, $0.frequency) }
    }
}
