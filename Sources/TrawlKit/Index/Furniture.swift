#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Xapian

/// Page furniture found by a corpus statistic: a short stand-alone line ("Related Posts", "Share this",
/// a site's sign-off) that appears verbatim in many articles of the same source or folder is not article
/// text. Known clutter is caught by `Boilerplate` patterns; this catches what a site repeats in its own words.
///
/// Each document records the fingerprints of its candidate lines (a paragraph of one short line) with its
/// group; after each index run the counts are taken over the whole index and the lines that reach
/// `minimumArticles` (and `minimumShare` of their group) are stored in the index metadata. The indexer leaves
/// them out of new documents; search leaves them out of passages, so older documents lose them too.
public enum Furniture {
    /// A line must stand in at least this many articles of a group...
    public static let minimumArticles = 5
    /// ...and in at least this share of them.
    public static let minimumShare = 0.01
    /// Only lines up to this long are candidates (furniture is short; article sentences are not repeated).
    public static let maximumLength = 120

    /// The fingerprint of a line: FNV-1a of its words, lower-cased, single-spaced.
    public static func fingerprint(_ line: String) -> UInt64 {
        // ASCII (nearly every line), lower-cased and single-spaced byte by byte as the hash goes, without the
        // strings: the same bytes as below, since ASCII's white space is tab to carriage return, and space.
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var started = false, space = false
            for byte in line.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    space = started
                    continue
                }
                if space {
                    hash ^= 0x20
                    hash &*= 0x100_0000_01b3
                    space = false
                }
                hash ^= UInt64(byte &- 0x41 < 26 ? byte | 0x20 : byte)
                hash &*= 0x100_0000_01b3
                started = true
            }
            return hash
        }
        return contentHash(Array(line.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").utf8))
    }

    /// The article's candidate lines: its one-line paragraphs that are short and hold a letter.
    static func candidates(_ article: Article) -> [UInt64] {
        var seen = Set<UInt64>()
        return article.paragraphs.compactMap { paragraph in
            let text = paragraph.text
            guard text.utf8.count <= 4 * maximumLength, !text.utf8.contains(0x0A), text.count <= maximumLength,
                  text.contains(where: \.isLetter) else { return nil }
            let print = fingerprint(text)
            return seen.insert(print).inserted ? print : nil
        }
    }

    /// The group an article's furniture is counted in: its source, else its section, else the corpus root.
    static func group(_ article: Article) -> String {
        article.source?.lowercased() ?? article.section.map { "/" + $0 } ?? ""
    }

    /// The value a document stores: its group and its candidates.
    static func value(for article: Article) -> [UInt8] {
        let prints = candidates(article).map { SimHash.hex($0) }.joined(separator: " ")
        return Array((group(article) + "\u{1F}" + prints).utf8)
    }

    /// Recounts candidate lines over the whole index and stores the furniture set in its metadata.
    /// Returns the set.
    @discardableResult
    static func update(in db: WritableDatabase) throws -> Set<UInt64> {
        // Read from the bytes, one value per document of the index on every run that changed anything: as
        // Strings split apart, this was a tenth of a run that added a few articles.
        var groupIndex: [String: Int] = [:]
        var groupSizes: [Int] = []
        var counts: [[UInt64: Int]] = []
        var lastGroup: [UInt8] = []
        var last = -1
        try db.forEachValue(inSlot: IndexSchema.Slot.furniture) { _, bytes in
            guard let separator = bytes.firstIndex(of: 0x1F),
                  !bytes[(separator + 1)...].contains(0x1F) else { return }
            let groupBytes = bytes[..<separator]
            if last < 0 || !groupBytes.elementsEqual(lastGroup) {
                let name = String(decoding: groupBytes, as: UTF8.self)
                if let known = groupIndex[name] {
                    last = known
                } else {
                    last = groupSizes.count
                    groupIndex[name] = last
                    groupSizes.append(0)
                    counts.append([:])
                }
                lastGroup = Array(groupBytes)
            }
            groupSizes[last] += 1
            for hex in bytes[(separator + 1)...].split(separator: 0x20) {
                if let print = NearDuplicates.hexValue(hex) { counts[last][print, default: 0] += 1 }
            }
        }
        var furniture = Set<UInt64>()
        for (group, lines) in counts.enumerated() {
            let needed = max(minimumArticles, Int((Double(groupSizes[group]) * minimumShare).rounded(.up)))
            for (print, count) in lines where count >= needed { furniture.insert(print) }
        }
        try db.setMetadata(IndexSchema.Key.furniture, encode(furniture))
        return furniture
    }

    static func encode(_ set: Set<UInt64>) -> String {
        set.sorted().map { SimHash.hex($0) }.joined(separator: " ")
    }

    /// The furniture set stored in an index.
    static func load(from db: Database) throws -> Set<UInt64> {
        Set(try db.metadata(IndexSchema.Key.furniture).split(separator: " ").compactMap { UInt64($0, radix: 16) })
    }

    /// The paragraphs that are not furniture.
    static func remove(_ furniture: Set<UInt64>, from paragraphs: [Paragraph]) -> [Paragraph] {
        guard !furniture.isEmpty else { return paragraphs }
        return paragraphs.filter { paragraph in
            // A line has no more characters than bytes: most are judged without counting characters.
            let bytes = paragraph.text.utf8.count
            return bytes > 4 * maximumLength || holdsLineBreak(paragraph.text)
                || (bytes > maximumLength && scalarCount(paragraph.text) > maximumLength && paragraph.text.count > maximumLength)
                || !furniture.contains(fingerprint(paragraph.text))
        }
    }

    /// Whether `text` holds a line feed: memchr over its UTF-8 (the generic `contains` of the UTF-8 view went
    /// byte by byte, half of the time spent here).
    private static func holdsLineBreak(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return false }
            return memchr(base, 0x0A, utf8.count) != nil
        }
    }

    /// How many Unicode scalars `text` has (its UTF-8 bytes that do not continue a scalar): never fewer than its
    /// characters, so a line of at most `maximumLength` scalars needs no count of its characters.
    private static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            var count = 0
            for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }
}
