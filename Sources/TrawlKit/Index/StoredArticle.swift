import FoundationEssentials

/// What an index keeps of an article to show it as a hit: stored as JSON in the Xapian document's data, so
/// that a search never has to read the original file.
public struct StoredArticle: Sendable, Equatable, Codable {
    /// Which corpus root (index into the index's root list) the article came from.
    public var root: Int
    /// The file's path relative to its root (the id without a root-name prefix).
    public var path: String
    public var id: String
    public var title: String
    public var titleLine: Int?
    public var date: String?
    public var source: String?
    public var author: String?
    public var url: String?
    public var paragraphs: [Paragraph]

    public init(article: Article, root: Int) {
        self.root = root
        path = article.id
        id = article.id
        title = article.title
        titleLine = article.titleLine
        date = article.date
        source = article.source
        author = article.author
        url = article.url
        paragraphs = article.paragraphs
    }

    private enum CodingKeys: String, CodingKey {
        case root, path, id, title, titleLine = "title_line", date, source, author, url, paragraphs
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> StoredArticle {
        try JSONDecoder().decode(StoredArticle.self, from: Data(bytes))
    }
}

/// What the indexer remembers of a file to tell, on the next run, whether it changed.
struct FileState: Equatable {
    var size: Int
    var modified: Int64  // nanoseconds since 1970
    var hash: UInt64
    var id: String

    var encoded: [UInt8] {
        Array("\(size) \(modified) \(String(hash, radix: 16)) \(id)".utf8)
    }

    init(size: Int, modified: Int64, hash: UInt64, id: String) {
        self.size = size
        self.modified = modified
        self.hash = hash
        self.id = id
    }

    init?(_ bytes: [UInt8]) {
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: " ", maxSplits: 3,
                                                                   omittingEmptySubsequences: false)
        guard parts.count == 4, let size = Int(parts[0]), let modified = Int64(parts[1]),
              let hash = UInt64(parts[2], radix: 16) else { return nil }
        self.init(size: size, modified: modified, hash: hash, id: String(parts[3]))
    }
}

/// FNV-1a, 64 bits: a fast content hash for change detection (not for security).
func contentHash(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    return hash
}
