/// Reads a plain-text article.
///
/// - Title: the first line when it reads like a headline (short, no closing full stop, a line of its own);
///   otherwise a short title made from the first sentence.
/// - A leading `date YYYY-MM-DD` (as some scraped articles begin) is read as the publication date.
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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { trimTrailing($0) }
        guard let firstIndex = lines.firstIndex(where: { !isBlank($0) }) else { throw .empty }

        var date: String? = nil
        if let (found, rest) = leadingDate(lines[firstIndex]) {
            date = found
            lines[firstIndex] = rest
        }

        var title: String
        var titleLine: Int? = nil
        var bodyStart = firstIndex
        if isHeadline(lines, at: firstIndex) {
            title = collapseSpaces(lines[firstIndex])
            titleLine = firstIndex + 1
            bodyStart = firstIndex + 1
        } else {
            title = ""
        }

        let paragraphs = Self.paragraphs(lines, from: bodyStart)
        if title.isEmpty {
            guard let first = paragraphs.first else { throw .empty }
            title = shortTitle(from: first.text)
        }
        return Article(id: id, title: title, titleLine: titleLine, date: date, paragraphs: paragraphs)
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
        guard let first = line.unicodeScalars.first,
              first.properties.isUppercase || first.properties.numericType != nil || "\"'\u{201C}\u{2018}".unicodeScalars.contains(first)
        else { return false }
        if let last = line.last, ".,;".contains(last) { return false }
        // A line of its own: followed by a blank line or the end, or clearly shorter than what follows.
        let next = index + 1 < lines.count ? lines[index + 1] : ""
        return isBlank(next) || next.count > 2 * line.count
    }

    private func shortTitle(from paragraph: String) -> String {
        let scalars = Array(paragraph.unicodeScalars)
        let sentence = SentenceSplitter.sentences(in: scalars).first ?? 0..<scalars.count
        var title = collapseSpaces(Substring(String(String.UnicodeScalarView(scalars[sentence])).replacing("\n", with: " ")))
        if title.count > maxTitleLength {
            let cut = title.prefix(maxTitleLength)
            let end = cut.lastIndex(of: " ") ?? cut.endIndex
            title = String(cut[..<end]).trimmingSuffix(while: { ",;:-–—".contains($0) }) + "…"
        }
        if let first = title.first, first.isLowercase {
            title = first.uppercased() + title.dropFirst()
        }
        return title
    }

    /// "date 2024-02-01 The ..." → ("2024-02-01", "The ...").
    private func leadingDate(_ line: Substring) -> (String, Substring)? {
        let trimmed = line.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        guard trimmed.lowercased().hasPrefix("date ") else { return nil }
        let rest = trimmed.dropFirst(5).trimmingPrefix(while: { $0 == " " })
        let candidate = rest.prefix(10)
        guard candidate.count == 10, isISODate(candidate) else { return nil }
        return (String(candidate), rest.dropFirst(10).trimmingPrefix(while: { $0 == " " }))
    }

    private func isISODate(_ s: Substring) -> Bool {
        let chars = Array(s)
        guard chars.count == 10, chars[4] == "-", chars[7] == "-" else { return false }
        let digits = chars.enumerated().filter { $0.offset != 4 && $0.offset != 7 }.map(\.element)
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let month = Int(String(chars[5...6])), let day = Int(String(chars[8...9])) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
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

private func collapseSpaces(_ text: Substring) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

extension StringProtocol {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
