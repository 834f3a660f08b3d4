/// Reads a saved news web page (`.html`, `.htm`) as one article.
///
/// - Title: the first that is not empty of `og:title`, `twitter:title`, the first `<h1>` of the article
///   (else of the page) and `<title>`, without a " | Site Name" suffix naming the site; else a short title
///   made from the first sentence, as `PlainTextReader` makes one.
/// - Date: `article:published_time`, `date`, `pubdate` and similar `<meta>` tags, microdata `datePublished`,
///   JSON-LD `datePublished`, then the article's first `<time datetime>`; normalised by `DateParsing`. A page
///   that states no date has none.
/// - Author: `<meta name="author">`, `article:author` (unless a URL), a `rel="author"` link, a byline
///   (an element whose class contains "byline"; a leading "By " dropped). Source: `og:site_name` or
///   `application-name`. URL: `<link rel="canonical">` or `og:url`. Language: `<html lang="en-GB">` → "en".
///   Tags: `keywords`, `news_keywords` and `article:tag`. Metadata: `description`, `section`.
/// - Body: the text of the `<article>` (the one with the most text when there are several), else of the
///   `itemprop="articleBody"` element, else `<main>`, else the whole page; without scripts, styles, navigation,
///   headers, footers, asides, forms, figures and page furniture (see `HTMLFurniture`). Block elements end
///   paragraphs, as do two `<br>` in a row. White space is collapsed; a paragraph's text has "\n" where it
///   crosses a line of the file and keeps the line its text starts on. An `<h1>` that repeats the title is
///   left out of the body.
///
/// Broken markup (unclosed or stray tags, unquoted attributes, unterminated comments and scripts) is read
/// leniently, in time linear in the size of the file. The declared `<meta charset>` is not consulted: valid
/// UTF-8 is read as UTF-8 (pages are often re-saved as UTF-8 with a stale declaration), and anything else as
/// Windows-1252, which is what browsers do for the Latin-1 and ASCII labels too.
public struct HTMLReader: ArticleReader {
    /// Titles made from a first sentence are cut to about this many characters.
    public var maxTitleLength = 100

    /// A reader with the default settings.
    public init() {}

    /// The page's one article, with id `id`. Throws as `read(_:id:)` does.
    public func articles(in bytes: [UInt8], id: String) throws(ArticleReadError) -> ReadResult {
        ReadResult(articles: [try read(bytes, id: id)])
    }

    /// The one article of a web page.
    ///
    /// - Throws: `.binary` for bytes that are not text; `.empty` when the page has no readable body text.
    public func read(_ bytes: [UInt8], id: String) throws(ArticleReadError) -> Article {
        guard let (text, _) = TextDecoding.decode(bytes) else { throw .binary }
        let page = HTMLPage(text, lenient: false)
        var body = page.body
        if body.paragraphs.isEmpty {
            // Everything looked like furniture: an ASP.NET page wraps the whole body in a <form>, and a wrapper's
            // class may say "has-comments". Read again trusting elements, not class names; keep the metadata.
            body = HTMLPage(text, lenient: true).body
        }
        guard !body.paragraphs.isEmpty else { throw .empty }

        let siteName = page.meta("og:site_name") ?? page.meta("application-name")
        // A masthead's <h1> that only names the site is not a headline.
        var h1 = page.h1s.first(in: body.article)
        if let found = h1, let siteName, sameText(found.text, siteName) { h1 = nil }
        var (title, titleLine) = Self.title(page: page, h1: h1, siteName: siteName)
        var paragraphs = body.paragraphs
        if let title, let duplicate = paragraphs.firstIndex(where: { $0.fromH1 && sameText($0.paragraph.text, title) }) {
            paragraphs.remove(at: duplicate)
        }
        guard !paragraphs.isEmpty else { throw .empty }
        let derived = title == nil
        if title == nil {
            title = PlainTextReader.shortTitle(from: paragraphs[0].paragraph.text, maxLength: maxTitleLength)
            titleLine = nil
        }

        var metadata: [String: MetadataValue] = [:]
        if let description = page.meta("description") ?? page.meta("og:description") {
            metadata["description"] = .text(description)
        }
        if let section = page.meta("article:section") { metadata["section"] = .text(section) }

        return Article(
            id: id, title: title ?? "", titleLine: titleLine, titleIsDerived: derived,
            date: Self.date(page: page, article: body.article),
            source: siteName,
            author: Self.author(page: page, article: body.article),
            url: page.canonical ?? page.meta("og:url"),
            language: Self.language(page: page),
            tags: Self.tags(page: page),
            metadata: metadata,
            paragraphs: paragraphs.map(\.paragraph)
        )
    }

    /// The title and the line it was read from; nil when the page names none.
    private static func title(page: HTMLPage, h1: TextAt?, siteName: String?) -> (String?, Int?) {
        let candidates: [TextAt?] = [page.metaAt("og:title"), page.metaAt("twitter:title"), h1, page.title]
        for case let candidate? in candidates {
            let title = strippingSiteName(candidate.text, siteName: siteName)
            guard !title.isEmpty else { continue }
            // Point at the headline in the body when it says the same as the meta tag.
            if let h1, sameText(h1.text, title) { return (title, h1.line) }
            return (title, candidate.line)
        }
        return (nil, nil)
    }

    /// "Drones hit Haifa | The Daily" → "Drones hit Haifa" when the site is "The Daily" (also as a prefix).
    static func strippingSiteName(_ title: String, siteName: String?) -> String {
        guard let site = siteName, !site.isEmpty else { return title }
        for separator in [" | ", " - ", " – ", " — ", " · ", " :: ", " : "] {
            let suffix = separator + site
            if title.count > suffix.count, title.suffix(suffix.count).lowercased() == suffix.lowercased() {
                return String(title.dropLast(suffix.count)).trimmingSuffix(while: \.isWhitespace)
            }
            let prefix = site + separator
            if title.count > prefix.count, title.prefix(prefix.count).lowercased() == prefix.lowercased() {
                return String(title.dropFirst(prefix.count).trimmingPrefix(while: \.isWhitespace))
            }
        }
        return title
    }

    /// Meta tags that carry the publication date, most trusted first.
    private static let dateMetaKeys = [
        "article:published_time", "date", "pubdate", "itemprop:datepublished", "og:article:published_time",
        "publish-date", "publishdate", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date",
        "dc.date.issued", "dcterms.date", "dcterms.created", "article.published",
    ]

    private static func date(page: HTMLPage, article: Int?) -> String? {
        let candidates = dateMetaKeys.map { page.meta($0) } + [page.jsonLDDate, page.times.first(in: article)?.text]
        for case let candidate? in candidates {
            if let date = DateParsing.isoDate(from: candidate) { return date }
        }
        return nil
    }

    private static func author(page: HTMLPage, article: Int?) -> String? {
        var candidates = [page.meta("author")]
        if let author = page.meta("article:author"), !looksLikeURL(author) { candidates.append(author) }
        candidates += [page.authorLinks.first(in: article)?.text, page.bylines.first(in: article)?.text]
        for case let candidate? in candidates {
            let author = strippingBy(candidate)
            if !author.isEmpty, author.count <= 150 { return author }
        }
        return nil
    }

    /// "By Jane Smith" → "Jane Smith".
    static func strippingBy(_ byline: String) -> String {
        let text = collapsingWhiteSpace(byline)
        for prefix in ["by:", "by "] where text.lowercased().hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count).trimmingPrefix(while: \.isWhitespace))
        }
        return text
    }

    private static func looksLikeURL(_ text: String) -> Bool {
        text.contains("://") || text.hasPrefix("www.") || text.hasPrefix("/")
    }

    /// "en-GB", "en_GB" → "en"; nil unless the primary subtag is two letters.
    private static func language(page: HTMLPage) -> String? {
        for case let tag? in [page.htmlLang, page.meta("http-equiv:content-language"), page.meta("og:locale")] {
            let primary = tag.prefix(while: { $0 != "-" && $0 != "_" }).lowercased()
            if primary.count == 2, primary.allSatisfy({ $0.isASCII && $0.isLetter }) { return primary }
        }
        return nil
    }

    private static func tags(page: HTMLPage) -> [String] {
        var seen: Set<String> = []
        var tags: [String] = []
        let keywords = [page.meta("keywords"), page.meta("news_keywords")].compactMap { $0 }
            .flatMap { $0.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init) }
        for tag in keywords + page.articleTags {
            let tag = collapsingWhiteSpace(tag)
            if !tag.isEmpty, seen.insert(tag.lowercased()).inserted { tags.append(tag) }
        }
        return tags
    }
}

/// What marks part of a page as furniture rather than the article: one list, used by `HTMLReader`.
enum HTMLFurniture {
    /// Elements that never hold readable text.
    static let hiddenElements: Set<String> = [
        "head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "video", "audio", "map", "select", "textarea", "button",
    ]

    /// Elements around the article, not of it.
    static let elements: Set<String> = [
        "nav", "header", "footer", "aside", "form", "figure", "figcaption", "menu", "dialog",
    ]

    /// Of those, the ones whose text is no place to look for the article's headline, byline or date (a page's
    /// `<header>` holds the article's headline often enough).
    static let elsewhereElements: Set<String> = ["nav", "footer", "aside", "menu", "dialog"]

    /// ARIA roles of furniture.
    static let roles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
        "alertdialog",
    ]

    /// Words that mark a class or id as furniture ("share-tools", "related_links", "adSlot" → "ad", ...). Whole
    /// words only: "commentary", "shared-content" and "subscriber-content" hold articles.
    static let words: Set<String> = [
        "share", "shares", "sharing", "sharebar", "sharetools", "social", "socialmedia", "related", "newsletter",
        "newsletters", "subscribe", "comment", "comments", "advert", "adverts", "advertisement", "advertising",
        "ad", "ads", "cookie", "cookies", "promo", "promos", "breadcrumb", "breadcrumbs", "menu", "sidebar",
        "outbrain", "taboola",
    ]

    /// Elements whose class or id is not taken as a furniture mark: a `<body class="has-comments">` is still
    /// the page.
    static let unmarkable: Set<String> = ["html", "body", "main", "article"]

    /// Whether `class` or `id` names furniture.
    static func isMarked(_ tag: HTMLTag) -> Bool {
        for attribute in ["class", "id"] {
            guard let value = tag[attribute] else { continue }
            for word in words(in: value) where words.contains(word) {
                return true
            }
        }
        return false
    }

    /// "c-shareBar related_links" → ["c", "share", "bar", "related", "links"]: split at anything not a letter or
    /// digit and where a lowercase letter meets a capital.
    static func words(in value: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasLower = false
        func endWord() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in value.unicodeScalars {
            let upper = scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
            let lower = scalar.isASCII ? ("a"..."z").contains(scalar) : scalar.properties.isLowercase
            let digit = scalar.isASCII ? ("0"..."9").contains(scalar) : scalar.properties.numericType != nil
            guard upper || lower || digit || (!scalar.isASCII && scalar.properties.isAlphabetic) else {
                endWord()
                previousWasLower = false
                continue
            }
            if upper, previousWasLower { endWord() }
            if upper, scalar.isASCII, let lowered = Unicode.Scalar(scalar.value + 32) {
                current.append(lowered)
            } else if upper {
                current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                current.append(scalar)
            }
            previousWasLower = lower
        }
        endWord()
        return words
    }

    /// Hidden by the page itself: `hidden`, `style="display: none"`.
    static func isHidden(_ tag: HTMLTag) -> Bool {
        if tag["hidden"] != nil { return true }
        guard let style = tag["style"] else { return false }
        return style.lowercased().filter { !$0.isWhitespace }.contains("display:none")
    }

    static func hasFurnitureRole(_ tag: HTMLTag) -> Bool {
        guard let role = tag["role"]?.lowercased() else { return false }
        return role.split(separator: " ").contains { roles.contains(String($0)) }
    }
}

/// Some text of the page and the line it starts on.
struct TextAt: Equatable {
    var text: String
    var line: Int
}

/// The first of some kind of element (an `<h1>`, a byline) in each `<article>` and on the page.
struct FirstFound {
    private(set) var byArticle: [Int: TextAt] = [:]
    private(set) var onPage: TextAt? = nil

    /// Whether one more found in `article` would be kept.
    func wants(article: Int?) -> Bool {
        onPage == nil || article.map { byArticle[$0] == nil } ?? false
    }

    mutating func offer(_ found: TextAt, article: Int?) {
        if let article, byArticle[article] == nil { byArticle[article] = found }
        if onPage == nil { onPage = found }
    }

    /// The first in `article`, else the first on the page.
    func first(in article: Int?) -> TextAt? {
        article.flatMap { byArticle[$0] } ?? onPage
    }
}

/// A body paragraph and where it stood.
struct PageParagraph {
    var paragraph: Paragraph
    /// The outermost `<article>` around it, numbered from 0 in the order they open.
    var article: Int?
    var inMain: Bool
    var inArticleBody: Bool
    var fromH1: Bool
}

/// What `HTMLReader` finds in a page: metadata candidates and body paragraphs. Built in one pass over the
/// scanner's tokens with a stack of open elements, closing elements the way browsers do where that matters
/// (an end tag closes everything opened inside it; a new `<p>` or `<li>` closes the one before).
struct HTMLPage {
    /// `<meta>` contents by lowercased `name` or `property` ("og:title"), `itemprop:<name>` and
    /// `http-equiv:<name>`; the first non-empty of each.
    private(set) var metas: [String: TextAt] = [:]
    private(set) var articleTags: [String] = []
    private(set) var title: TextAt? = nil
    private(set) var canonical: String? = nil
    private(set) var htmlLang: String? = nil
    private(set) var jsonLDDate: String? = nil
    private(set) var h1s = FirstFound()
    private(set) var bylines = FirstFound()
    private(set) var authorLinks = FirstFound()
    /// `datetime` of `<time>` elements (their line is the tag's).
    private(set) var times = FirstFound()
    private(set) var paragraphs: [PageParagraph] = []

    /// Read from `<article>`s, `itemprop="articleBody"`, `<main>` or the whole page, as the reader prefers.
    var body: (paragraphs: [PageParagraph], article: Int?) {
        var length: [Int: Int] = [:]
        var articleBodyLength = 0
        for p in paragraphs {
            if let article = p.article { length[article, default: 0] += p.paragraph.text.utf8.count }
            if p.inArticleBody { articleBodyLength += p.paragraph.text.utf8.count }
        }
        let best = length.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })
        if let best, best.value >= articleBodyLength {
            return (paragraphs.filter { $0.article == best.key }, best.key)
        }
        if articleBodyLength > 0 { return (paragraphs.filter(\.inArticleBody), nil) }
        if paragraphs.contains(where: \.inMain) { return (paragraphs.filter(\.inMain), nil) }
        return (paragraphs, nil)
    }

    func meta(_ key: String) -> String? { metas[key]?.text }
    func metaAt(_ key: String) -> TextAt? { metas[key] }

    /// Reads `text`. `lenient` keeps forms and ignores class and id names, for pages where the strict
    /// reading leaves nothing.
    init(_ text: String, lenient: Bool) {
        var builder = Builder(lenient: lenient)
        for token in HTMLScanner(text) { builder.take(token) }
        builder.finish()
        self = builder.page
    }

    /// Where an element stands, inherited by what it holds.
    fileprivate struct Context {
        /// Not body text.
        var dropped = false
        /// In navigation, an aside, a footer or furniture: no headline, byline or date is taken from here.
        var elsewhere = false
        /// In an element that never shows text (`svg`, `button`, ...): not part of a headline or byline.
        var invisible = false
        var article: Int? = nil
        var inMain = false
        var inArticleBody = false
        var inH1 = false
        var inTime = false
        var foreign = false
    }

    private struct OpenElement {
        var name: String
        var context: Context
        /// Starts and ends a paragraph.
        var isBlock: Bool
        /// Separates words (a table cell).
        var isSpacer: Bool
        var isJSONLD: Bool
    }

    private struct Capture {
        enum Kind { case title, h1, byline, authorLink }
        var kind: Kind
        /// Its element's index in the stack.
        var depth: Int
        var article: Int?
        var text = ""
        var line: Int? = nil
    }

    private struct PendingParagraph {
        var text = ""
        var line = 0
        var lastLine = 0
        var space = false
        /// A `<br>` with nothing but white space after it.
        var afterBreak = false
        var context = Context()
    }

    private struct Builder {
        let lenient: Bool
        var page = HTMLPage(empty: ())
        var stack: [OpenElement] = []
        var openCount: [String: Int] = [:]
        var captures: [Capture] = []
        var pending = PendingParagraph()
        var articleCount = 0

        static let blockElements: Set<String> = [
            "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
            "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
            "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
            "section", "summary", "table", "tbody", "tfoot", "thead", "title", "tr", "ul",
        ]
        static let spacerElements: Set<String> = [
            "img", "input", "select", "option", "textarea", "button", "iframe", "video", "audio", "canvas", "object",
            "embed", "label", "svg", "math",
        ]
        static let voidElements: Set<String> = [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
            "track", "wbr",
        ]
        /// A new one of these closes an open `<p>`.
        static let closesParagraph: Set<String> = [
            "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
            "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
            "ol", "p", "pre", "section", "table", "ul",
        ]
        static let headElements: Set<String> = [
            "base", "link", "meta", "script", "style", "title", "noscript", "template",
        ]

        /// What the lists above and `HTMLFurniture`'s say of an element, found with one look-up per tag.
        struct Kind: OptionSet {
            let rawValue: UInt16
            static let block = Kind(rawValue: 1 << 0)
            static let spacer = Kind(rawValue: 1 << 1)
            static let void = Kind(rawValue: 1 << 2)
            static let closesParagraph = Kind(rawValue: 1 << 3)
            static let inHead = Kind(rawValue: 1 << 4)
            static let hidden = Kind(rawValue: 1 << 5)
            static let furniture = Kind(rawValue: 1 << 6)
            static let elsewhere = Kind(rawValue: 1 << 7)
            static let unmarkable = Kind(rawValue: 1 << 8)
        }

        static let kinds: [String: Kind] = {
            var kinds: [String: Kind] = [:]
            for (names, kind) in [
                (blockElements, Kind.block), (spacerElements.union(["td", "th"]), .spacer), (voidElements, .void),
                (closesParagraph, .closesParagraph), (headElements, .inHead), (HTMLFurniture.hiddenElements, .hidden),
                (HTMLFurniture.elements, .furniture), (HTMLFurniture.elsewhereElements, .elsewhere),
                (HTMLFurniture.unmarkable, .unmarkable),
            ] {
                for name in names { kinds[name, default: []].insert(kind) }
            }
            return kinds
        }()
        static let maxCaptureLength = 2000

        init(lenient: Bool) {
            self.lenient = lenient
        }

        var context: Context { stack.last?.context ?? Context() }

        mutating func take(_ token: HTMLToken) {
            switch token {
            case let .startTag(tag): start(tag)
            case let .endTag(name, _): end(name)
            case let .text(text, line): self.text(text, line: line)
            case let .rawText(text, _):
                if stack.last?.isJSONLD == true, page.jsonLDDate == nil { page.jsonLDDate = jsonLDDatePublished(in: text) }
            }
        }

        mutating func finish() {
            while !stack.isEmpty { pop() }
            flush()
        }

        // MARK: Elements

        mutating func start(_ tag: HTMLTag) {
            let name = tag.name
            let kind = Self.kinds[name] ?? []
            closeImplied(by: name, kind: kind)
            let isContainer = tag["itemprop"]?.lowercased() == "articlebody"
            let isBlock = kind.contains(.block) || isContainer
            let isSpacer = kind.contains(.spacer)
            if isBlock { flush() } else if isSpacer { pending.space = true }
            if name == "br" { lineBreak() }

            let outer = context
            readMetadata(tag, context: outer)
            guard !kind.contains(.void), !tag.selfClosing else { return }

            var inner = outer
            let marked = !kind.contains(.unmarkable) && !isContainer && HTMLFurniture.isMarked(tag)
            let hidden = kind.contains(.hidden) || HTMLFurniture.isHidden(tag)
            let isByline = !isContainer && (tag["class"]?.lowercased().contains("byline") ?? false)
            if hidden
                || (kind.contains(.furniture) && !(lenient && name == "form"))
                || HTMLFurniture.hasFurnitureRole(tag)
                || (!lenient && (marked || isByline)) {
                inner.dropped = true
            }
            if kind.contains(.elsewhere) || marked
                || (HTMLFurniture.hasFurnitureRole(tag) && tag["role"]?.lowercased() != "banner") {
                inner.elsewhere = true
            }
            if hidden && name != "title" && name != "head" { inner.invisible = true }
            if name == "article", outer.article == nil {
                inner.article = articleCount
                articleCount += 1
            }
            if name == "main" || tag["role"]?.lowercased() == "main" { inner.inMain = true }
            if isContainer { inner.inArticleBody = true }
            if name == "h1" { inner.inH1 = true }
            if name == "time" { inner.inTime = true }
            if name == "svg" || name == "math" { inner.foreign = true }
            let isJSONLD = name == "script" && (tag["type"]?.lowercased().contains("ld+json") ?? false)

            let depth = stack.count
            stack.append(OpenElement(name: name, context: inner, isBlock: isBlock, isSpacer: isSpacer, isJSONLD: isJSONLD))
            openCount[name, default: 0] += 1

            guard !outer.elsewhere else { return }
            if name == "title", !outer.foreign, page.title == nil {
                captures.append(Capture(kind: .title, depth: depth, article: nil))
            } else if name == "h1", page.h1s.wants(article: outer.article) {
                captures.append(Capture(kind: .h1, depth: depth, article: outer.article))
            } else if isByline, page.bylines.wants(article: outer.article) {
                captures.append(Capture(kind: .byline, depth: depth, article: outer.article))
            } else if name == "a", hasRel(tag, "author"), page.authorLinks.wants(article: outer.article) {
                captures.append(Capture(kind: .authorLink, depth: depth, article: outer.article))
            }
        }

        mutating func end(_ name: String) {
            if name == "br" {
                lineBreak()  // `</br>` is read as `<br>`
            } else if openCount[name, default: 0] > 0 {
                while let top = stack.last {
                    pop()
                    if top.name == name { break }
                }
            } else if name == "p" {
                flush()  // a `</p>` with no `<p>` still ends a paragraph
            }
        }

        mutating func pop() {
            let element = stack.removeLast()
            openCount[element.name, default: 1] -= 1
            if element.isBlock { flush() } else if element.isSpacer { pending.space = true }
            while let capture = captures.last, capture.depth >= stack.count {
                captures.removeLast()
                finish(capture)
            }
        }

        /// Closes what a new `name` element implicitly ends: a `<p>` before a block, an `<li>` before the next.
        mutating func closeImplied(by name: String, kind: Kind) {
            if name == "body", openCount["head", default: 0] > 0 {
                end("head")
            } else if stack.last?.name == "head", !kind.contains(.inHead) {
                pop()  // the head ends where the page's content starts
            }
            while let open = stack.last?.name, Self.closes(name, kind, open) { pop() }
        }

        /// Whether a new `name` element ends the open element `open`.
        static func closes(_ name: String, _ kind: Kind, _ open: String) -> Bool {
            switch name {
            case "li": open == "p" || open == "li"
            case "dt", "dd": open == "p" || open == "dt" || open == "dd"
            case "td", "th": open == "p" || open == "td" || open == "th"
            case "tr": open == "p" || open == "td" || open == "th" || open == "tr"
            case "option": open == "option"
            default: open == "p" && kind.contains(.closesParagraph)
            }
        }

        mutating func readMetadata(_ tag: HTMLTag, context: Context) {
            guard !context.elsewhere else { return }
            switch tag.name {
            case "meta":
                guard let content = tag["content"].map(collapsingWhiteSpace), !content.isEmpty else { return }
                let found = TextAt(text: content, line: tag.line)
                var keys = [tag["property"], tag["name"]].compactMap { $0?.lowercased() }
                if let itemprop = tag["itemprop"] { keys.append("itemprop:" + itemprop.lowercased()) }
                if let equiv = tag["http-equiv"] { keys.append("http-equiv:" + equiv.lowercased()) }
                for key in Set(keys) {
                    if key == "article:tag" { page.articleTags.append(content) }
                    if page.metas[key] == nil { page.metas[key] = found }
                }
            case "link":
                if page.canonical == nil, hasRel(tag, "canonical"), let href = tag["href"].map(collapsingWhiteSpace),
                   !href.isEmpty {
                    page.canonical = href
                }
            case "html":
                if page.htmlLang == nil, let lang = tag["lang"] ?? tag["xml:lang"], !lang.isEmpty { page.htmlLang = lang }
            default:
                break
            }
            if tag.name == "time", let datetime = tag["datetime"], !datetime.isEmpty {
                page.times.offer(TextAt(text: datetime, line: tag.line), article: context.article)
            }
            if tag.name != "meta", tag["itemprop"]?.lowercased() == "datepublished",
               let value = tag["datetime"] ?? tag["content"], !value.isEmpty, page.metas["itemprop:datepublished"] == nil {
                page.metas["itemprop:datepublished"] = TextAt(text: value, line: tag.line)
            }
        }

        func hasRel(_ tag: HTMLTag, _ value: String) -> Bool {
            tag["rel"]?.lowercased().split(whereSeparator: \.isWhitespace).contains { $0 == value } ?? false
        }

        // MARK: Text

        mutating func text(_ text: String, line: Int) {
            if stack.last?.name == "head", text.unicodeScalars.contains(where: { !isWhiteSpace($0) }) {
                pop()  // text cannot stand in the head: the body has begun
            }
            let context = self.context
            for index in captures.indices {
                let capture = captures[index]
                guard capture.kind == .title || !context.invisible, !(capture.kind == .byline && context.inTime),
                      capture.text.utf8.count < Self.maxCaptureLength else { continue }
                if capture.line == nil, let first = firstNonSpaceLine(text, from: line) { captures[index].line = first }
                captures[index].text += text
            }
            if !context.dropped { add(text, line: line, context: context) }
        }

        mutating func add(_ text: String, line startLine: Int, context: Context) {
            var line = startLine
            for scalar in text.unicodeScalars {
                if scalar == "\n" {
                    line += 1
                    pending.space = true
                } else if isWhiteSpace(scalar) {
                    pending.space = true
                } else if scalar == "\u{AD}" || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
                    continue  // soft hyphen, zero-width space, stray byte-order mark
                } else {
                    if pending.text.isEmpty {
                        pending.line = line
                        pending.context = context
                    } else if pending.space {
                        pending.text.unicodeScalars.append(line > pending.lastLine ? "\n" : " ")
                    }
                    pending.text.unicodeScalars.append(scalar)
                    pending.space = false
                    pending.afterBreak = false
                    pending.lastLine = line
                }
            }
        }

        /// A `<br>`: a space, or the end of the paragraph when it follows another.
        mutating func lineBreak() {
            if pending.afterBreak {
                flush()
            } else {
                pending.space = true
                pending.afterBreak = !pending.text.isEmpty
            }
        }

        mutating func flush() {
            if !pending.text.isEmpty {
                let context = pending.context
                page.paragraphs.append(PageParagraph(
                    paragraph: Paragraph(text: pending.text, line: pending.line), article: context.article,
                    inMain: context.inMain, inArticleBody: context.inArticleBody, fromH1: context.inH1))
            }
            pending = PendingParagraph()
        }

        mutating func finish(_ capture: Capture) {
            guard let line = capture.line else { return }
            switch capture.kind {
            case .title:
                let title = collapsingWhiteSpace(capture.text)
                if !title.isEmpty, page.title == nil { page.title = TextAt(text: title, line: line) }
            case .h1:
                let h1 = collapsingWhiteSpace(capture.text)
                if !h1.isEmpty { page.h1s.offer(TextAt(text: h1, line: line), article: capture.article) }
            case .byline:
                let byline = HTMLReader.strippingBy(capture.text)
                if !byline.isEmpty, byline.count <= 150 {
                    page.bylines.offer(TextAt(text: byline, line: line), article: capture.article)
                }
            case .authorLink:
                let author = HTMLReader.strippingBy(capture.text)
                if !author.isEmpty, author.count <= 150 {
                    page.authorLinks.offer(TextAt(text: author, line: line), article: capture.article)
                }
            }
        }
    }

    private init(empty: ()) {}
}

/// Unicode white space, with a fast path for ASCII (most of a page).
private func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}"
        : scalar.properties.isWhitespace
}

/// The line of the first character of `text` that is not white space, counting from `line`.
private func firstNonSpaceLine(_ text: String, from line: Int) -> Int? {
    var line = line
    for scalar in text.unicodeScalars {
        if scalar == "\n" {
            line += 1
        } else if !isWhiteSpace(scalar) {
            return line
        }
    }
    return nil
}

/// The `datePublished` of JSON-LD, found by its key rather than by parsing (pages' JSON-LD is often broken).
func jsonLDDatePublished(in json: String) -> String? {
    let bytes = Array(json.utf8)
    let key = Array("\"datePublished\"".utf8)
    var i = 0
    while i + key.count <= bytes.count {
        guard bytes[i] == key[0], bytes[i..<i + key.count].elementsEqual(key) else {
            i += 1
            continue
        }
        var j = i + key.count
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A { j += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: ":") {
            j += 1
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") {
                var value: [UInt8] = []
                j += 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\""), value.count < 100 {
                    if bytes[j] == UInt8(ascii: "\\") { j += 1 }  // `\/` and the like: keep the escaped byte
                    if j < bytes.count { value.append(bytes[j]) }
                    j += 1
                }
                let date = String(decoding: value, as: UTF8.self)
                if !date.isEmpty { return date }
            }
        }
        i += key.count
    }
    return nil
}

/// Runs of white space become one space; none at either end.
private func collapsingWhiteSpace(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The same text, ignoring case and white space.
private func sameText(_ a: String, _ b: String) -> Bool {
    collapsingWhiteSpace(a).lowercased() == collapsingWhiteSpace(b).lowercased()
}
