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

/// Turns a file's bytes into articles. One reader per format.
public protocol ArticleReader: Sendable {
    /// Reads the articles of the file `id` (its corpus-relative path). Most formats hold one article, whose
    /// id is `id`; a file of several records (JSON Lines, a JSON array) gives one per record, with ids
    /// `id#1`, `id#2`, ... in file order. Records that cannot be read are left out and named in `problems`.
    func articles(in bytes: [UInt8], id: String) throws(ArticleReadError) -> ReadResult
}

/// What a reader made of a file.
public struct ReadResult: Sendable, Equatable {
    public var articles: [Article]
    /// Parts of the file that could not be read and were left out ("line 7: not JSON"), for the index summary.
    public var problems: [String]
    /// Parts of the file that were read another way than meant, although nothing was left out ("front matter:
    /// no closing ---; read as plain Markdown"), for the index summary.
    public var warnings: [String]

    public init(articles: [Article], problems: [String] = [], warnings: [String] = []) {
        self.articles = articles
        self.problems = problems
        self.warnings = warnings
    }
}

/// Which reader handles which files.
public enum ArticleFormats {
    /// The reader for a file name, by its extension (case-insensitive), or nil when Trawl does not read it.
    public static func reader(for fileName: String) -> (any ArticleReader)? {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "txt", "text": return PlainTextReader()
        case "md", "markdown": return MarkdownReader()
        case "html", "htm", "xhtml": return HTMLReader()
        case "jsonl", "ndjson": return JSONArticleReader(layout: .lines)
        case "json": return JSONArticleReader(layout: .document)
        default: return nil
        }
    }
}
