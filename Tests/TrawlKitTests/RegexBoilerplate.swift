import Foundation
@testable import TrawlKit

/// `Boilerplate` as it was with Swift's `Regex` (commit 6cc3c2b), kept as the reference that the
/// regex-free `Boilerplate` and `LinePattern` must agree with on every line.
enum RegexBoilerplate {
    /// The article's paragraphs without clutter. A paragraph of one line goes when the line is clutter;
    /// in a hard-wrapped paragraph only inline clutter is cut, and no line is removed, so that positions
    /// still map to the file's lines.
    static func clean(_ paragraphs: [Paragraph]) -> [Paragraph] {
        paragraphs.compactMap { paragraph in
            if !paragraph.text.utf8.contains(0x0A) {
                return clean(paragraph.text).map { Paragraph(text: $0, line: paragraph.line) }
            }
            let lines = paragraph.text.split(separator: "\n", omittingEmptySubsequences: false).map {
                removeInlineClutter(String($0))
            }
            guard lines.contains(where: { $0.contains(where: \.isLetter) || $0.contains(where: \.isNumber) }) else { return nil }
            return Paragraph(text: lines.joined(separator: "\n"), line: paragraph.line)
        }
    }

    /// The line without its inline clutter, or nil when the whole line is clutter.
    static func clean(_ line: String) -> String? {
        let text = removeInlineClutter(line)
        let trimmed = text.trimmingPrefix(while: \.isWhitespace).trimmingSuffix(while: \.isWhitespace)
        if trimmed.isEmpty { return line.allSatisfy(\.isWhitespace) ? line : nil }
        if isClutterLine(trimmed) { return nil }
        return trimmed.count == line.count ? line : trimmed
    }

    /// True when a whole line is clutter.
    static func isClutterLine(_ line: String) -> Bool {
        let lower = line.lowercased()
        if lower.utf8.count <= 40 {
            let bare = lower.trimmingSuffix(while: { ":.!>»›|…".contains($0) || $0.isWhitespace })
            if clutterLines.contains(bare) { return true }
        }
        if clutterPhrases.contains(where: { lower.utf8.referenceContains(bytes: $0) }) { return true }
        if creditStarts.contains(where: { lower.hasPrefix($0) }), lower.firstMatch(of: creditLine) != nil { return true }
        // An all-capitals line of several words inside a story is a "related story" link, not text.
        if !line.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            let words = line.split(whereSeparator: \.isWhitespace)
            let letters = line.filter(\.isLetter)
            if words.count >= 5, letters.count >= 20, !letters.contains(where: \.isLowercase) { return true }
        }
        return false
    }

    /// The line without read-more links, tweet residue and URLs. Each pattern runs only when a cheap byte
    /// search finds its trigger: Swift's regex engine is too slow to run every pattern on every line.
    static func removeInlineClutter(_ line: String) -> String {
        var text = line
        for (trigger, pattern) in inlinePatterns where text.utf8.referenceContains(bytes: trigger) {
            text = text.replacing(pattern, with: "")
        }
        return text
    }

    // Boilerplate's own lists: this reference pins how they are matched, not what they hold.
    private static let clutterLines = Boilerplate.clutterLines
    private static let clutterPhrases = Boilerplate.clutterPhraseTexts
    private static let creditStarts = Boilerplate.creditStarts

    // "Photo: ...", "Image credit: ...", "(Getty Images)", "Picture by ..."
    // Regex is not Sendable in this toolchain; these are immutable literals, compiled once and only read.
    nonisolated(unsafe) static let creditLine =
        /^(?:\(?(?:photo|image|picture|pic|video)s?(?: credit| courtesy)?\s*(?::|by\b)|\(?(?:getty images|afp via getty images|ap photo)\)?$)/

    nonisolated(unsafe) static let inlinePatterns: [(trigger: String, pattern: Regex<Substring>)] = [
        // "...Al Jazeera.CONTINUE FULL READING>>>>>", "Read more >>"
        (">", /(?i)\s*(?:continue|read)\s+(?:full\s+)?(?:reading|more|story|article)\s*>+/),
        // Embedded tweets: "pic.twitter.com/RL5jEM9FFx — Joe Truzman (@JoeTruzman) February 1, 2024"
        ("pic.twitter.com", /\s*pic\.twitter\.com\/\w+/),
        ("(@", /\s*[—–-]\s*[^—–()\n]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}\s*$/),
        // Bare URLs.
        ("://", /\s*\bhttps?:\/\/\S+/),
    ]
}

extension String.UTF8View {
    /// Whether the bytes of `needle` occur here (a plain search, independent of Boilerplate's).
    func referenceContains(bytes needle: String) -> Bool {
        let haystack = Array(self), needle = Array(needle.utf8)
        guard haystack.count >= needle.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
