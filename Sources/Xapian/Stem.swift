internal import CXapian

/// A Xapian (Snowball) stemmer: `attacks`, `attacked` and `attacking` all stem to `attack`.
///
/// ```swift
/// let stem = try Stem(language: "english")
/// stem("attacked")  // "attack"
/// ```
public final class Stem {
    private let handle: OpaquePointer
    /// The language as it was given ("english", "en", ...).
    public let language: String

    /// The stemmer for `language`: a name or code Xapian knows ("english", "en", "french", "none").
    /// - Throws: `XapianError` with kind `.invalidArgument` for a language Xapian does not know.
    public init(language: String) throws {
        handle = try withBytes(language) { (bytes, count) in
            try create { cx_stem_create(bytes, count, $0, $1) }
        }
        self.language = language
    }

    deinit {
        cx_stem_destroy(handle)
    }

    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try body(handle)
    }

    /// The stem of `word` (which should already be lower-cased as the term generator does).
    public func callAsFunction(_ word: String) -> String {
        // Stemming cannot fail for valid input; an allocation failure is the only error, and we treat it
        // as the word being its own stem rather than crash a search.
        (try? withBytes(word) { (bytes, count) in
            try takeString { cx_stem_apply(handle, bytes, count, $0, $1, $2) }
        }) ?? word
    }

    /// The languages Xapian's stemmers support, e.g. ["arabic", "armenian", ..., "english", ...].
    public static var availableLanguages: [String] {
        String(cString: cx_stem_languages()).split(separator: " ").map(String.init)
    }
}
