/// Why a file could not become an article.
public enum ArticleReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no text.
    case empty
    /// The file looks binary (NUL bytes).
    case binary
    /// The file could not be read.
    case unreadable(String)

    public var description: String {
        switch self {
        case .empty: "empty"
        case .binary: "binary file"
        case let .unreadable(reason): "unreadable: \(reason)"
        }
    }
}

/// Turns a file's bytes into an `Article`. One reader per format.
public protocol ArticleReader: Sendable {
    /// Reads one article from the file `id` (its corpus-relative path).
    func read(_ bytes: [UInt8], id: String) throws(ArticleReadError) -> Article
}

/// Which reader handles which files.
public enum ArticleFormats {
    /// The reader for a file name, by its extension (case-insensitive), or nil when Trawl does not read it.
    public static func reader(for fileName: String) -> (any ArticleReader)? {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "txt": return PlainTextReader()
        default: return nil
        }
    }
}
