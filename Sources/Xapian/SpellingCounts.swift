internal import CXapian

/// Spelling frequencies gathered from documents apart from any database, to be added to one later with
/// `WritableDatabase.addSpelling(_:)`: parallel writers each gather their own, and the merged index gets
/// them all at once.
///
/// ```swift
/// let counts = try SpellingCounts()
/// try counts.add(doc)                 // as WritableDatabase.addSpelling(of: doc) counts it
/// try merged.addSpelling(counts)      // written at merged's next commit
/// ```
///
/// Not `Sendable`: one thread at a time uses it (a writer hands its counts over when it is done).
public final class SpellingCounts {
    private let handle: OpaquePointer

    /// No counts yet.
    public init() throws {
        handle = try create { cx_spelling_create($0, $1) }
    }

    deinit {
        cx_spelling_destroy(handle)
    }

    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try body(handle)
    }

    /// How many distinct words it holds.
    public var wordCount: Int {
        cx_spelling_word_count(handle)
    }

    /// Counts the words of `document` as `WritableDatabase.addSpelling(of:)` does: each unprefixed term
    /// once per position it has.
    /// - Throws: `XapianError`.
    public func add(_ document: Document) throws {
        try document.withHandle { d in try check { cx_spelling_add_document(handle, d, $0) } }
    }
}
