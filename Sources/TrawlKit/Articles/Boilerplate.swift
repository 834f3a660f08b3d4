#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Site clutter in article text: read-more links, share prompts, comment invitations, image credits,
/// embedded-tweet residue, bare URLs, "related" inserts. Kept out of what is indexed and of passages.
///
/// `clean` handles one line at a time by known patterns; `Furniture` (below) finds the lines a site repeats
/// in many of its articles.
///
/// The patterns are matched by `LinePattern`, not by Swift's `Regex`: `Regex` links about 450 protocol
/// conformance records into the binary, and the Swift runtime scans them all on each first type-protocol
/// check of a process (argument-parser makes dozens). Most lines never reach a pattern: cheap byte tests
/// on the line come first, and only a line that passes them is matched character by character.
public enum Boilerplate {
    /// The article's paragraphs without clutter. A paragraph of one line goes when the line is clutter;
    /// in a hard-wrapped paragraph only inline clutter is cut, and no line is removed, so that positions
    /// still map to the file's lines.
    public static func clean(_ paragraphs: [Paragraph]) -> [Paragraph] {
        paragraphs.compactMap { paragraph in
            if !newline.occurs(in: paragraph.text) {
                return clean(paragraph.text).map { Paragraph(text: $0, line: paragraph.line) }
            }
            // No trigger in the paragraph, none in any of its lines: every line stays as it is, and the
            // paragraph with them ("\n" is a character of its own, so its lines hold the text's characters).
            if !inlinePatterns.contains(where: { $0.trigger.occurs(in: paragraph.text) }) {
                return hasLetterOrNumber(paragraph.text) ? paragraph : nil
            }
            return cleanLines(of: paragraph)
        }
    }

    /// A hard-wrapped paragraph with each line's inline clutter cut, or nil when no line has a letter or a
    /// number left.
    private static func cleanLines(of paragraph: Paragraph) -> Paragraph? {
        let lines = paragraph.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            removeInlineClutter(String($0))
        }
        guard lines.contains(where: { $0.contains(where: \.isLetter) || $0.contains(where: \.isNumber) }) else { return nil }
        return Paragraph(text: lines.joined(separator: "\n"), line: paragraph.line)
    }

    /// The line without its inline clutter, or nil when the whole line is clutter.
    public static func clean(_ line: String) -> String? {
        let text = removeInlineClutter(line)
        let trimmed = trimmingWhitespace(text)
        if trimmed.isEmpty { return line.allSatisfy(\.isWhitespace) ? line : nil }
        if isClutterLine(trimmed) { return nil }
        // Only cutting made `trimmed` from `line`, so as many bytes means nothing was cut; counting characters
        // is left to the rare line that lost some.
        return trimmed.utf8.count == line.utf8.count || trimmed.count == line.count ? line : trimmed
    }

    /// True when a whole line is clutter.
    public static func isClutterLine(_ line: String) -> Bool {
        // Lowercased, a line of more than 120 bytes keeps more than 40 (the most a letter shrinks is the
        // Kelvin sign's 3 bytes to "k"'s 1), too long for a clutter line.
        if line.utf8.count <= 120 {
            let lower = line.lowercased()
            if lower.utf8.count <= 40 {
                let bare = lower.trimmingSuffix(while: { ":.!>»›|…".contains($0) || $0.isWhitespace })
                if clutterLines.contains(bare) { return true }
            }
        }
        let folded = asciiLowercased(line)
        if folded.withUnsafeBufferPointer({ bytes in clutterPhrases.contains { $0.occurs(in: bytes) } }) { return true }
        // Every credit line starts with one of these (the pattern's first characters), lowercased.
        if creditStarts.contains(where: { folded.starts(with: $0.utf8) }),
           LinePattern.creditLine.matches(atStartOf: line.lowercased()) {
            return true
        }
        // An all-capitals line of several words inside a story is a "related story" link, not text.
        if !line.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            let words = line.split(whereSeparator: \.isWhitespace)
            let letters = line.filter(\.isLetter)
            if words.count >= 5, letters.count >= 20, !letters.contains(where: \.isLowercase) { return true }
        }
        return false
    }

    /// Whether a character of the text is a letter or a number. An ASCII letter or digit after an ASCII byte
    /// (or first) begins a character of its own, so finding one answers; otherwise the characters decide.
    static func hasLetterOrNumber(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous < 0x80, (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 { return true }
            previous = byte
        }
        return text.contains { $0.isLetter || $0.isNumber }
    }

    /// The line without read-more links, tweet residue and URLs. Each pattern runs only when a cheap byte
    /// search finds its trigger.
    static func removeInlineClutter(_ line: String) -> String {
        var text = line
        for (trigger, pattern) in inlinePatterns where trigger.occurs(in: text) {
            text = pattern.removingMatches(in: text)
        }
        return text
    }

    /// The text without whitespace at either end; the text itself when an end is a byte that is not a
    /// space (an ASCII byte at either end is a character of its own or ends a CR LF).
    static func trimmingWhitespace(_ text: String) -> String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
           !isSpace(first), !isSpace(last) {
            return text
        }
        var start = text.startIndex, end = text.endIndex
        while start < end, text[start].isWhitespace { start = text.index(after: start) }
        while end > start, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return String(text[start..<end])
    }

    /// The line's UTF-8 with ASCII capitals lowercased: what `lowercased()` gives for every byte the
    /// patterns look for, except where a capital İ or a Kelvin sign lowercases to ASCII ("i̇", "k"), which
    /// take `lowercased()` itself.
    static func asciiLowercased(_ line: String) -> [UInt8] {
        var bytes = Array(line.utf8)
        let exact = bytes.withUnsafeMutableBufferPointer { buffer -> Bool in
            let count = buffer.count
            for i in 0..<count {
                let byte = buffer[i]
                if byte &- 0x41 < 26 {
                    buffer[i] = byte | 0x20
                } else if (byte == 0xC4 && i + 1 < count && buffer[i + 1] == 0xB0)
                            || (byte == 0xE2 && i + 2 < count && buffer[i + 1] == 0x84 && buffer[i + 2] == 0xAA) {
                    return false
                }
            }
            return true
        }
        return exact ? bytes : Array(line.lowercased().utf8)
    }

    /// Internal, not private: the tests' `Regex` reference reads the same lists.
    static let clutterLines: Set<String> = [
        "related posts", "related articles", "related stories", "related", "related news", "read more",
        "read more about", "also read", "see also", "you may also like", "you might also like",
        "recommended", "recommended for you", "more from", "more stories", "leave a comment", "leave a reply",
        "comments", "advertisement", "advertising", "sponsored", "sponsored content", "share this article",
        "share this", "share", "share on facebook", "share on twitter", "tweet", "email", "print",
        "subscribe", "sign up", "click here", "continue reading", "continue full reading", "trending",
        "most read", "most popular", "top stories", "follow us", "skip to content", "back to top",
    ]

    static let clutterPhraseTexts = [
        "in the comments below", "share your opinion", "share your thoughts", "share your views",
        "what are your thoughts", "let us know in the comments", "sign up for our newsletter",
        "subscribe to our newsletter", "follow us on twitter", "follow us on facebook", "follow us on instagram",
        "click here to", "this article was originally published", "all rights reserved",
        "stay updated with us for the latest",
    ]

    private static let clutterPhrases = clutterPhraseTexts.map(Needle.init)

    static let creditStarts = ["(", "photo", "image", "picture", "pic", "video", "getty", "afp", "ap "]

    private static let inlinePatterns: [(trigger: Needle, pattern: LinePattern)] = [
        (Needle(">"), .readMore), (Needle("pic.twitter.com"), .tweetLink), (Needle("(@"), .tweetByline),
        (Needle("://"), .url),
    ]

    private static let newline = Needle("\n")
}

/// A phrase looked for in a line's bytes: memchr finds its least common letter (in English text) and memcmp
/// checks the phrase around it, so a search stops at few places in a line (its first letter, as often as not
/// "s", "t" or "a", would stop it at many).
struct Needle: Sendable {
    let bytes: [UInt8]
    /// Where in `bytes` the anchor is.
    let anchor: Int

    init(_ phrase: String) {
        let bytes = Array(phrase.utf8), rarity = Array("zqxjkvbpygfwmucldrhsnioate".utf8)
        let rank = { (byte: UInt8) in rarity.firstIndex(of: byte) ?? rarity.count }
        self.bytes = bytes
        anchor = bytes.indices.min { rank(bytes[$0]) < rank(bytes[$1]) }!
    }

    /// Whether the phrase's bytes occur in the text's UTF-8 (a plain byte search: no Unicode rules).
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0) }
    }

    func occurs(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = haystack.baseAddress, haystack.count >= bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { needle in
            let key = Int32(needle[anchor]), last = base + (haystack.count - bytes.count + anchor)
            var at = base + anchor
            while at <= last, let found = memchr(at, key, last - at + 1) {
                let hit = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if memcmp(hit - anchor, needle.baseAddress!, needle.count) == 0 { return true }
                at = hit + 1
            }
            return false
        }
    }
}
