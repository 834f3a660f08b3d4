import FoundationEssentials

/// What an index keeps of an article to show it as a hit: stored as JSON in the Xapian document's data, so
/// that a search never has to read the original file. The article's fields and the two below sit side by side
/// in one JSON object.
public struct StoredArticle: Sendable, Equatable, Codable {
    public var article: Article
    /// Which corpus root (index into the index's root list) the article came from.
    public var root: Int
    /// The file's path relative to its root (the id without a root-name prefix).
    public var path: String

    public init(article: Article, root: Int, path: String) {
        self.article = article
        self.root = root
        self.path = path
    }

    private enum CodingKeys: String, CodingKey {
        case root, path
    }

    public init(from decoder: any Decoder) throws {
        article = try Article(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        root = try container.decode(Int.self, forKey: .root)
        path = try container.decode(String.self, forKey: .path)
    }

    public func encode(to encoder: any Encoder) throws {
        try article.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(root, forKey: .root)
        try container.encode(path, forKey: .path)
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
