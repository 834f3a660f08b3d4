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

    /// The JSON a document's data holds: what `JSONEncoder` writes with sorted keys and slashes as they are,
    /// written directly by `StoredArticleWriter` (tests compare the two).
    func encoded() throws -> [UInt8] {
        StoredArticleWriter.encode(self)
    }

    static func decode(_ bytes: [UInt8]) throws -> StoredArticle {
        try JSONDecoder().decode(StoredArticle.self, from: Data(bytes))
    }
}

/// What the indexer remembers of an article's file to tell, on the next run, whether it changed: stored in
/// each document's file-state value as "size mtime hash", the file's key and the article's id, separated by
/// the ASCII unit separator (0x1F), which no path holds.
struct FileState: Equatable {
    var size: Int
    var modified: Int64  // nanoseconds since 1970
    var hash: UInt64
    /// The file, relative to its root (prefixed with the root's name when there are several roots).
    var file: String
    /// The article: the file, or `file#n` for the n-th record of a file of several.
    var id: String

    static let separator: Character = "\u{1F}"

    var encoded: [UInt8] {
        Array("\(size) \(modified) \(String(hash, radix: 16))\(Self.separator)\(file)\(Self.separator)\(id)".utf8)
    }

    init(size: Int, modified: Int64, hash: UInt64, file: String, id: String) {
        self.size = size
        self.modified = modified
        self.hash = hash
        self.file = file
        self.id = id
    }

    init?(_ bytes: [UInt8]) {
        guard let state = bytes.withUnsafeBufferPointer({ FileState(bytes: $0) }) else { return nil }
        self = state
    }

    /// Parses the stored value byte by byte: every run reads one per document in the index, and splitting it
    /// as a String was most of a run that found nothing changed. 0x1F is a control character, so it never
    /// joins a grapheme and splitting the bytes finds the fields splitting the String did.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.firstIndex(of: 0x1F),
              let second = bytes[(first + 1)...].firstIndex(of: 0x1F),
              !bytes[(second + 1)...].contains(0x1F) else { return nil }
        let numbers = bytes[..<first].split(separator: 0x20)
        guard numbers.count == 3,
              let size = Int(String(decoding: numbers[0], as: UTF8.self)),
              let modified = Int64(String(decoding: numbers[1], as: UTF8.self)),
              let hash = UInt64(String(decoding: numbers[2], as: UTF8.self), radix: 16) else { return nil }
        let fileBytes = UnsafeBufferPointer(rebasing: bytes[(first + 1)..<second])
        let idBytes = UnsafeBufferPointer(rebasing: bytes[(second + 1)...])
        let file = String(decoding: fileBytes, as: UTF8.self)
        // Most files hold one article, whose id is the file's key: share the string.
        let id = idBytes.elementsEqual(fileBytes) ? file : String(decoding: idBytes, as: UTF8.self)
        self.init(size: size, modified: modified, hash: hash, file: file, id: id)
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
