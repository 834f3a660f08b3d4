/// A news article as Trawl understands it: what is indexed and what a hit shows.
public struct Article: Sendable, Equatable, Codable {
    /// The article's id: its path relative to the corpus root ("world/2024/drones.txt").
    public var id: String
    /// The headline, or a short title made from the first sentence.
    public var title: String
    /// The line of the file the title was read from, when it is a line of its own.
    public var titleLine: Int?
    /// True when the article names no title and `title` was made from its first sentence: then the title
    /// repeats the body and is not weighted as a headline.
    public var titleIsDerived: Bool
    /// The publication date as written in the article, normalised to ISO 8601 ("2024-02-01"); nil when unknown.
    public var date: String?
    /// The publisher or site, when known.
    public var source: String?
    /// The byline, when known.
    public var author: String?
    /// Where the article was published, when known.
    public var url: String?
    /// The section: the first folder under the corpus root (`bbc/business/001.txt` → `business`), when there is one.
    public var section: String?
    /// The article's language as an ISO 639-1 code ("en"), when known.
    public var language: String?
    /// Tags or topics, when the source gives them.
    public var tags: [String]
    /// Any other metadata the source gives (front-matter fields, JSON fields), by name.
    public var metadata: [String: MetadataValue]
    /// The body, as paragraphs with the line each starts on in the original file.
    public var paragraphs: [Paragraph]

    public init(id: String, title: String, titleLine: Int? = nil, titleIsDerived: Bool = false, date: String? = nil, source: String? = nil,
                author: String? = nil, url: String? = nil, section: String? = nil, language: String? = nil,
                tags: [String] = [], metadata: [String: MetadataValue] = [:], paragraphs: [Paragraph]) {
        self.id = id
        self.title = title
        self.titleLine = titleLine
        self.titleIsDerived = titleIsDerived
        self.date = date
        self.source = source
        self.author = author
        self.url = url
        self.section = section
        self.language = language
        self.tags = tags
        self.metadata = metadata
        self.paragraphs = paragraphs
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, titleLine = "title_line", titleIsDerived = "title_derived", date, source, author, url, section, language, tags, metadata
        case paragraphs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            title: try c.decode(String.self, forKey: .title),
            titleLine: try c.decodeIfPresent(Int.self, forKey: .titleLine),
            titleIsDerived: try c.decodeIfPresent(Bool.self, forKey: .titleIsDerived) ?? false,
            date: try c.decodeIfPresent(String.self, forKey: .date),
            source: try c.decodeIfPresent(String.self, forKey: .source),
            author: try c.decodeIfPresent(String.self, forKey: .author),
            url: try c.decodeIfPresent(String.self, forKey: .url),
            section: try c.decodeIfPresent(String.self, forKey: .section),
            language: try c.decodeIfPresent(String.self, forKey: .language),
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            metadata: try c.decodeIfPresent([String: MetadataValue].self, forKey: .metadata) ?? [:],
            paragraphs: try c.decode([Paragraph].self, forKey: .paragraphs)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(titleLine, forKey: .titleLine)
        if titleIsDerived { try c.encode(true, forKey: .titleIsDerived) }
        try c.encodeIfPresent(date, forKey: .date)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(section, forKey: .section)
        try c.encodeIfPresent(language, forKey: .language)
        if !tags.isEmpty { try c.encode(tags, forKey: .tags) }
        if !metadata.isEmpty { try c.encode(metadata, forKey: .metadata) }
        try c.encode(paragraphs, forKey: .paragraphs)
    }

    /// The body as one string, paragraphs separated by blank lines.
    public var bodyText: String {
        paragraphs.map(\.text).joined(separator: "\n\n")
    }
}

/// A metadata value: one piece of text, or a list (tags, places, topics).
public enum MetadataValue: Sendable, Equatable, Codable {
    case text(String)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            self = .list(list)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .text(text): try container.encode(text)
        case let .list(list): try container.encode(list)
        }
    }

    /// The values as a list (one element for text).
    public var values: [String] {
        switch self {
        case let .text(text): [text]
        case let .list(list): list
        }
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
