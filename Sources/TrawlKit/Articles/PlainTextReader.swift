/// Reads a plain-text article.
///
/// - Title: the first line when it reads like a headline (short, no closing full stop, a line of its own);
///   otherwise a short title made from the first sentence.
/// - A date at the start of the text (`date 2024-02-01 ...`, `February 1, 2024 — ...`, a wire dateline
///   `WASHINGTON, Feb 26 - ...`) is the publication date; with no year, none is invented.
/// - A short `By ...` line near the top is the byline: the author, or the source when it names an outlet
///   ("by time news usa").
/// - Body: paragraphs are blocks separated by blank lines; in a block, an indented line or a line after a
///   long line (not hard-wrapped) starts a new paragraph. Each paragraph keeps the line it starts on.
public struct PlainTextReader: ArticleReader {
    /// Headlines are at most this many words.
    public var maxHeadlineWords = 25
    /// Titles made from a first sentence are cut to about this many characters.
    public var maxTitleLength = 100

    public init() {}

    public func articles(in bytes: [UInt8], id: String) throws(ArticleReadError) -> ReadResult {
        ReadResult(articles: [try read(bytes, id: id)])
    }

    /// The one article of a plain-text file.
    public func read(_ bytes: [UInt8], id: String) throws(ArticleReadError) -> Article {
        guard let (text, _) = TextDecoding.decode(bytes) else { throw .binary }
        var lines = TextDecoding.lines(of: text).map { trimTrailing($0) }
        guard let firstIndex = lines.firstIndex(where: { !isBlank($0) }) else { throw .empty }

        var date: String? = nil
        if let (found, rest) = DateParsing.leadingDate(in: lines[firstIndex], contextYear: nil) {
            date = found
            lines[firstIndex] = rest
        }

        var title: String
        var titleLine: Int? = nil
        var bodyStart = firstIndex
        if isHeadline(lines, at: firstIndex) {
            title = collapsingSpaces(lines[firstIndex])
            titleLine = firstIndex + 1
            bodyStart = firstIndex + 1
        } else {
            title = ""
        }

        var paragraphs = Self.paragraphs(lines, from: bodyStart)
        // A date line right under the headline ("February 1, 2024", "WASHINGTON, Feb 26 - ...").
        if date == nil, titleLine != nil, let first = paragraphs.first,
           let (found, rest) = DateParsing.leadingDate(in: first.text, contextYear: nil) {
            date = found
            let remaining = rest.trimmingPrefix(while: { $0.isWhitespace || $0 == "-" || $0 == "—" || $0 == "–" })
            if remaining.isEmpty { paragraphs.removeFirst() } else { paragraphs[0].text = String(remaining) }
        }
        var author: String? = nil
        var source: String? = nil
        if let index = paragraphs.prefix(3).firstIndex(where: { Self.byline($0.text) != nil }) {
            let name = Self.byline(paragraphs[index].text)
            if let name, Self.looksLikeOutlet(name) { source = name } else { author = name }
            paragraphs.remove(at: index)
        }
        let derived = title.isEmpty
        if title.isEmpty {
            guard let first = paragraphs.first else { throw .empty }
            title = Self.shortTitle(from: first.text, maxLength: maxTitleLength)
        }
        return Article(id: id, title: title, titleLine: titleLine, titleIsDerived: derived, date: date, source: source,
                       author: author, paragraphs: paragraphs)
    }

    /// "By Jane Smith" → "Jane Smith": a short line of its own that starts with "by" and is not a sentence.
    static func byline(_ text: String) -> String? {
        guard !text.utf8.contains(0x0A), text.count <= 80 else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, words.count <= 9, words[0].lowercased() == "by",
              let last = text.last, !".!?".contains(last) else { return nil }
        return words.dropFirst().joined(separator: " ").trimmingSuffix(while: { $0 == "," || $0 == ";" })
    }

    /// Whether a byline names an outlet rather than a person ("time news usa", "Reuters Staff").
    static func looksLikeOutlet(_ name: String) -> Bool {
        let words = Set(name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["news", "times", "post", "press", "agency", "media", "reuters", "ap", "afp",
                                        "staff", "desk", "newsroom", "daily", "herald", "tribune", "journal", "wire"])
    }

    /// Blocks of non-blank lines, split further where a line is indented or follows a long line.
    static func paragraphs(_ lines: [Substring], from start: Int) -> [Paragraph] {
        var result: [Paragraph] = []
        var current: [Substring] = []
        var currentLine = 0
        func flush() {
            if !current.isEmpty {
                let text = current.map { trimLeading($0) }.joined(separator: "\n")
                result.append(Paragraph(text: text, line: currentLine))
                current = []
            }
        }
        for index in start..<lines.count {
            let line = lines[index]
            if isBlank(line) {
                flush()
                continue
            }
            if let previous = current.last, previous.unicodeScalars.count > 100 || startsIndented(line) {
                flush()
            }
            if current.isEmpty { currentLine = index + 1 }
            current.append(line)
        }
        flush()
        return result
    }

    private func isHeadline(_ lines: [Substring], at index: Int) -> Bool {
        let line = lines[index].trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        let words = Tokenizer.words(in: String(line)).count
        guard words > 0, words <= maxHeadlineWords, line.count <= 200 else { return false }
        let next = index + 1 < lines.count ? lines[index + 1] : ""
        // A short line standing alone above the text is a headline, whatever its case or last character
        // (old collections write "experimental investigation of a wing in a slipstream .").
        if isBlank(next), index + 2 < lines.count,
           SentenceSplitter.sentences(in: Array(line.unicodeScalars)).count == 1 { return true }
        // Otherwise it must look like one: a capital first, no closing full stop, clearly shorter than what
        // follows it.
        guard let first = line.unicodeScalars.first,
              first.properties.isUppercase || first.properties.numericType != nil || "\"'\u{201C}\u{2018}".unicodeScalars.contains(first)
        else { return false }
        if let last = line.last, ".,;".contains(last) { return false }
        return isBlank(next) || next.count > 2 * line.count
    }

    /// A title made from the first sentence of `paragraph`: one line, cut at a word to about `maxLength`
    /// characters (with "…"), starting with a capital. Shared by the readers of other formats.
    static func shortTitle(from paragraph: String, maxLength: Int = 100) -> String {
        let scalars = Array(paragraph.unicodeScalars)
        let sentence = SentenceSplitter.sentences(in: scalars).first ?? 0..<scalars.count
        var title = collapsingSpaces(Substring(String(String.UnicodeScalarView(scalars[sentence])).replacing("\n", with: " ")))
        if title.count > maxLength {
            let cut = title.prefix(maxLength)
            let end = cut.lastIndex(of: " ") ?? cut.endIndex
            title = String(cut[..<end]).trimmingSuffix(while: { ",;:-–—".contains($0) }) + "…"
        }
        if let first = title.first, first.isLowercase {
            title = first.uppercased() + title.dropFirst()
        }
        return title
    }

}

private func isBlank(_ line: Substring) -> Bool {
    line.allSatisfy { $0.isWhitespace }
}

private func startsIndented(_ line: Substring) -> Bool {
    line.first == " " || line.first == "\t"
}

private func trimTrailing(_ line: Substring) -> Substring {
    var end = line.endIndex
    while end > line.startIndex, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
    return line[..<end]
}

private func trimLeading(_ line: Substring) -> Substring {
    line.trimmingPrefix(while: { $0.isWhitespace })
}

extension StringProtocol {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }

    /// " year " → "year": spaces and tabs off both ends, as Foundation's `trimmingCharacters(in: .whitespaces)`
    /// does (FoundationEssentials, all the binary links, does not have it).
    public func trimmingBlanks() -> String {
        let isBlank = { (c: Character) in c.isWhitespace && !c.isNewline }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
