import Xapian

/// A failure a user can act on: one line that names the problem and, where there is one, the fix.
public struct TrawlError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// There is no index where one was expected.
        case noIndex
        /// The index exists but cannot be used as it is (other tool, other schema, corrupt).
        case badIndex
        /// Another process is writing the index.
        case locked
        /// The query cannot be parsed or run as given.
        case query
        /// A corpus root is missing or unreadable.
        case corpus
        /// `trawl.toml` cannot be read or has a mistake.
        case config
        /// Options that do not fit together.
        case usage
        /// Anything else Xapian or the file system reported.
        case failure
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Facts for debugging and tests.
public enum Diagnostics {
    /// Xapian handles alive in this process (0 when everything Trawl opened has been freed).
    public static var liveXapianHandles: Int { XapianLibrary.liveHandles }
}
