import TrawlKit

/// Writes search results as JSON straight into bytes, the same bytes `JSONEncoder` makes of them with
/// `JSONOutput`'s settings (sorted keys, slashes as they are; pretty-printed or on one line): the encoder built
/// a tree of boxed values and sorted each object's keys, a tenth of a `--batch` query's time. Here the keys
/// are written in their sorted order by hand, and strings and numbers as the encoder writes them (its escapes,
/// `Double.description` without a trailing ".0"). Tests compare the two on many results.
///
/// What it cannot write as the encoder would (a score that is not finite, which the encoder refuses) makes it
/// throw `Unwritable`; `JSONOutput` then asks the encoder, so that error too is the encoder's.
struct ResultsJSONWriter {
    struct Unwritable: Error {}

    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var indent = 0
    /// Whether the container being written has no element yet.
    private var empty = true

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(16_384)
    }

    // MARK: The results' types, keys in the encoder's order (byte order of their UTF-8).

    mutating func write(_ all: [SearchResults]) throws {
        try array { w in for results in all { w.element(); try w.write(results) } }
    }

    /// Results without facets (their keys are the facets' names: left to the encoder).
    mutating func write(_ results: SearchResults) throws {
        guard results.facets == nil else { throw Unwritable() }
        try object { w in
            w.key("estimatedMatches"); w.int(results.estimatedMatches)
            w.key("hits"); try w.array { w in for hit in results.hits { w.element(); try w.write(hit) } }
            w.key("limit"); w.int(results.limit)
            w.key("offset"); w.int(results.offset)
            w.key("parsedQuery"); w.string(results.parsedQuery)
            w.key("query"); w.string(results.query)
            w.key("ranSuggestion"); w.bool(results.ranSuggestion)
            if let suggestion = results.suggestion { w.key("suggestion"); w.string(suggestion) }
        }
    }

    mutating func write(_ hit: Hit) throws {
        try object { w in
            if let author = hit.author { w.key("author"); w.string(author) }
            if let date = hit.date { w.key("date"); w.string(date) }
            if let explain = hit.explain {
                w.key("explain")
                try w.array { w in for part in explain { w.element(); try w.write(part) } }
            }
            w.key("id"); w.string(hit.id)
            w.key("line"); w.int(hit.line)
            w.key("passages"); try w.array { w in for passage in hit.passages { w.element(); try w.write(passage) } }
            w.key("path"); w.string(hit.path)
            w.key("rank"); w.int(hit.rank)
            w.key("score"); try w.double(hit.score)
            if let section = hit.section { w.key("section"); w.string(section) }
            w.key("similar"); w.int(hit.similar)
            if let source = hit.source { w.key("source"); w.string(source) }
            w.key("title"); w.string(hit.title)
            w.key("titleHighlights"); w.write(hit.titleHighlights)
            if let url = hit.url { w.key("url"); w.string(url) }
        }
    }

    /// A JSON Lines hit event of `QueryEvents`: its keys are event, hit, id, status.
    mutating func writeHitEvent(id: String, hit: Hit, status: String?) throws {
        try object { w in
            w.key("event"); w.string("hit")
            w.key("hit"); try w.write(hit)
            w.key("id"); w.string(id)
            if let status { w.key("status"); w.string(status) }
        }
    }

    mutating func write(_ passage: Passage) throws {
        try object { w in
            w.key("cutEnd"); w.bool(passage.cutEnd)
            w.key("cutStart"); w.bool(passage.cutStart)
            w.key("highlights"); w.write(passage.highlights)
            w.key("line"); w.int(passage.line)
            w.key("score"); try w.double(passage.score)
            w.key("text"); w.string(passage.text)
        }
    }

    mutating func write(_ part: ScoreContribution) throws {
        try object { w in
            w.key("expansion"); w.bool(part.expansion)
            w.key("term"); w.string(part.term)
            if let wdf = part.wdf { w.key("wdf"); w.int(wdf) }
            w.key("weight"); try w.double(part.weight)
        }
    }

    /// Spans as `[[start, end], ...]`.
    mutating func write(_ spans: [HighlightSpan]) {
        array { w in
            for span in spans {
                w.element()
                w.array { w in
                    w.element(); w.int(span.start)
                    w.element(); w.int(span.end)
                }
            }
        }
    }

    // MARK: JSON as the encoder lays it out.

    /// `{`, what `body` writes (each member starting with `key`), `}`.
    private mutating func object(_ body: (inout ResultsJSONWriter) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// `[`, what `body` writes (each element starting with `element()`), `]`.
    private mutating func array(_ body: (inout ResultsJSONWriter) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    /// Pretty-printed, the encoder opens with a line break and closes with one and the indent, even when empty
    /// (`[\n\n  ]`); each element stands on its own line, indented two spaces a level.
    private mutating func container(open: UInt8, close: UInt8, _ body: (inout ResultsJSONWriter) throws -> Void) rethrows {
        bytes.append(open)
        if pretty { bytes.append(0x0A) }
        indent += 1
        empty = true
        try body(&self)
        indent -= 1
        if pretty {
            bytes.append(0x0A)
            writeIndent()
        }
        bytes.append(close)
        // The container was an element of the one around it, which is therefore not empty.
        empty = false
    }

    /// Starts an element of an array: the comma after the one before, the line break and indent.
    private mutating func element() {
        if !empty {
            bytes.append(UInt8(ascii: ","))
            if pretty { bytes.append(0x0A) }
        }
        empty = false
        if pretty { writeIndent() }
    }

    /// Starts a member of an object: as an element, then `"name" : ` (`"name":` on one line). Names are plain
    /// ASCII that needs no escape.
    private mutating func key(_ name: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        append(pretty ? "\" : " : "\":")
    }

    /// The bytes of `text` (static: no reference counting, no lazy initialisation, one copy).
    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static let spaces: StaticString = "                                                                "

    private mutating func writeIndent() {
        var count = 2 * indent
        while count > 0 {
            let run = min(count, Self.spaces.utf8CodeUnitCount)
            bytes.append(contentsOf: UnsafeBufferPointer(start: Self.spaces.utf8Start, count: run))
            count -= run
        }
    }

    private mutating func int(_ value: Int) {
        JSONBytes.appendInt(value, to: &bytes)
    }

    private mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// As the encoder writes a Double: its description, less a trailing ".0" (3.0 is `3`).
    private mutating func double(_ value: Double) throws {
        guard value.isFinite else { throw Unwritable() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func string(_ value: String) {
        JSONBytes.appendString(value, to: &bytes)
    }
}
