/// A news article as Trawl understands it: what is indexed and what a hit shows.
public struct Article: Sendable, Equatable, Codable {
    /// The article's id: its path relative to the corpus root ("world/2024/drones.txt").
    public var id: String
    /// The headline, or a short title made from the first sentence.
    public var title: String
    /// The line of the file the title was read from, when it is a line of its own.
    public var titleLine: Int?
    /// The publication date as written in the article, normalised to ISO 8601 ("2024-02-01"); nil when unknown.
    public var date: String?
    /// The publisher or site, when known.
    public var source: String?
    /// The byline, when known.
    public var author: String?
    /// Where the article was published, when known.
    public var url: String?
    /// The body, as paragraphs with the line each starts on in the original file.
    public var paragraphs: [Paragraph]

    public init(id: String, title: String, titleLine: Int? = nil, date: String? = nil, source: String? = nil,
                author: String? = nil, url: String? = nil, paragraphs: [Paragraph]) {
        self.id = id
        self.title = title
        self.titleLine = titleLine
        self.date = date
        self.source = source
        self.author = author
        self.url = url
        self.paragraphs = paragraphs
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, titleLine = "title_line", date, source, author, url, paragraphs
    }

    /// The body as one string, paragraphs separated by blank lines.
    public var bodyText: String {
        paragraphs.map(\.text).joined(separator: "\n\n")
    }

    /// The number of words in the body (as Trawl's tokenizer counts them).
    public var wordCount: Int {
        paragraphs.reduce(0) { $0 + Tokenizer.words(in: $1.text).count }
    }
}

/// A paragraph of an article's body. Its text keeps the original line breaks of a hard-wrapped paragraph,
/// so that a position in it can be turned back into a line of the file.
public struct Paragraph: Sendable, Equatable, Codable {
    /// The paragraph's text; "\n" where the original file broke the line.
    public var text: String
    /// The 1-based line of the original file the paragraph starts on.
    public var line: Int

    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }

    private enum CodingKeys: String, CodingKey {
        case text = "t"
        case line = "l"
    }
}
