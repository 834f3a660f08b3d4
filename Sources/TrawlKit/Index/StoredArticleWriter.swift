/// Writes a `StoredArticle` as JSON straight into bytes: the same bytes `JSONEncoder` makes of it with sorted
/// keys and slashes as they are (the settings every index's document data was written with). The encoder
/// built a tree of boxed values and sorted each object's keys, about 4% of a full index's time. Here the
/// article's keys are written in their sorted order by hand, a metadata table's keys sorted by their UTF-8 bytes
/// as the encoder sorts them, and strings escaped as the encoder escapes them. Tests compare the two on many
/// articles made at random.
struct StoredArticleWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written has no member yet.
    private var empty = true

    static func encode(_ stored: StoredArticle) -> [UInt8] {
        var writer = StoredArticleWriter()
        writer.write(stored)
        return writer.bytes
    }

    private init() {}

    /// The article's fields and the two of `StoredArticle` in one object, keys in byte order (`paragraphs`
    /// before `path`, `title` before `title_derived` before `title_line`); absent fields left out, as
    /// `Article.encode(to:)` leaves them out.
    private mutating func write(_ stored: StoredArticle) {
        let article = stored.article
        var estimate = 256 + article.title.utf8.count + stored.path.utf8.count * 2
        for paragraph in article.paragraphs { estimate += paragraph.text.utf8.count + 16 }
        bytes.reserveCapacity(estimate + estimate / 16)
        open(UInt8(ascii: "{"))
        if let author = article.author { key("author"); string(author) }
        if let date = article.date { key("date"); string(date) }
        key("id"); string(article.id)
        if let language = article.language { key("language"); string(language) }
        if !article.metadata.isEmpty {
            key("metadata")
            open(UInt8(ascii: "{"))
            for (name, value) in article.metadata.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                member()
                string(name)
                bytes.append(UInt8(ascii: ":"))
                switch value {
                case let .text(text): string(text)
                case let .list(list): strings(list)
                }
            }
            close(UInt8(ascii: "}"))
        }
        key("paragraphs")
        open(UInt8(ascii: "["))
        for paragraph in article.paragraphs {
            member()
            open(UInt8(ascii: "{"))
            key("l"); int(paragraph.line)
            key("t"); string(paragraph.text)
            close(UInt8(ascii: "}"))
        }
        close(UInt8(ascii: "]"))
        key("path"); string(stored.path)
        key("root"); int(stored.root)
        if let section = article.section { key("section"); string(section) }
        if let source = article.source { key("source"); string(source) }
        if !article.tags.isEmpty { key("tags"); strings(article.tags) }
        key("title"); string(article.title)
        if article.titleIsDerived { key("title_derived"); bytes.append(contentsOf: "true".utf8) }
        if let line = article.titleLine { key("title_line"); int(line) }
        if let url = article.url { key("url"); string(url) }
        close(UInt8(ascii: "}"))
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        empty = true
    }

    /// Ends a container, which was a member of the one around it: that one is not empty.
    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        empty = false
    }

    /// A comma before every member but the first.
    private mutating func member() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
    }

    /// `"name":` for a name that is plain ASCII needing no escape.
    private mutating func key(_ name: StaticString) {
        member()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func strings(_ list: [String]) {
        open(UInt8(ascii: "["))
        for item in list {
            member()
            string(item)
        }
        close(UInt8(ascii: "]"))
    }

    private mutating func int(_ value: Int) {
        JSONBytes.appendInt(value, to: &bytes)
    }

    private mutating func string(_ value: String) {
        JSONBytes.appendString(value, to: &bytes)
    }
}
