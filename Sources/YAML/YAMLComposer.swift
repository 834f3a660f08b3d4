internal import CYAML

extension YAMLNode {
    /// Collections nested deeper than this are refused rather than composed: composing recurses, and a file of
    /// a million `[` must not overflow a thread's stack. Real front matter nests two or three levels.
    public static let maxDepth = 100

    /// The root node of the single YAML document in `text`; nil when `text` holds no document (only blanks or
    /// comments).
    ///
    /// - Throws: `YAMLError` when `text` is not YAML (with libyaml's problem and line), defines a key twice in
    ///   one mapping, uses an alias whose anchor is not defined before it, holds more than one document, or
    ///   nests deeper than `maxDepth`.
    public static func compose(_ text: String) throws(YAMLError) -> YAMLNode? {
        guard !text.isEmpty else { return nil }
        var text = text
        // libyaml reads the UTF-8 bytes in place; a native string has them contiguous already.
        let result = text.withUTF8 { bytes in
            Result { () throws(YAMLError) in try YAMLComposer(bytes).singleRoot() }
        }
        return try result.get()
    }
}

/// Builds nodes from libyaml's events, as Yams's `compose` did: one document, aliases resolved to their
/// anchor's node, duplicate keys refused. The parser reads `bytes`, which must outlive it.
private final class YAMLComposer {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let bytes: UnsafeBufferPointer<UInt8>
    private var initialized = false
    private var anchors: [String: YAMLNode] = [:]

    /// What the composer needs of one event, copied out so that libyaml's event can be freed at once.
    private struct Event {
        var type: yaml_event_type_t
        var anchor: String?
        var tag: String?
        var value = ""
        var style = YAMLScalar.Style.plain
        /// 1-based.
        var line: Int
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        initialized = yaml_parser_initialize(parser) == 1
        guard initialized else { return }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
    }

    func singleRoot() throws(YAMLError) -> YAMLNode? {
        guard initialized else { throw YAMLError(kind: .outOfMemory, problem: "out of memory", line: nil) }
        _ = try next()  // the stream's start
        guard try next().type != YAML_STREAM_END_EVENT else { return nil }
        let root = try node(from: next(), depth: 0)
        _ = try next()  // the document's end
        let after = try next()
        guard after.type == YAML_STREAM_END_EVENT else {
            throw YAMLError(kind: .syntax, problem: "but found another document",
                            context: "expected a single document in the stream", line: after.line)
        }
        return root
    }

    private func node(from event: Event, depth: Int) throws(YAMLError) -> YAMLNode {
        let result: YAMLNode
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let anchor = event.anchor, let target = anchors[anchor] else {
                throw YAMLError(kind: .syntax, problem: "found undefined alias", line: event.line)
            }
            return target
        case YAML_SCALAR_EVENT:
            result = .scalar(YAMLScalar(event.value, style: event.style, tag: event.tag, line: event.line))
        case YAML_SEQUENCE_START_EVENT:
            try checkDepth(depth, event)
            var items: [YAMLNode] = []
            var item = try next()
            while item.type != YAML_SEQUENCE_END_EVENT {
                items.append(try node(from: item, depth: depth + 1))
                item = try next()
            }
            result = .sequence(items, line: event.line)
        case YAML_MAPPING_START_EVENT:
            try checkDepth(depth, event)
            var pairs: [YAMLPair] = []
            var key = try next()
            while key.type != YAML_MAPPING_END_EVENT {
                let keyNode = try node(from: key, depth: depth + 1)
                let value = try node(from: next(), depth: depth + 1)
                pairs.append(YAMLPair(key: keyNode, value: value))
                key = try next()
            }
            try checkDuplicates(pairs)
            result = .mapping(pairs, line: event.line)
        default:
            // libyaml's parser only gives node events here.
            throw YAMLError(kind: .syntax, problem: "unexpected event \(event.type.rawValue)", line: event.line)
        }
        // An anchor may be defined again further on; an alias takes the latest.
        if let anchor = event.anchor { anchors[anchor] = result }
        return result
    }

    private func checkDepth(_ depth: Int, _ event: Event) throws(YAMLError) {
        if depth >= YAMLNode.maxDepth {
            throw YAMLError(kind: .tooDeep, problem: "nested more than \(YAMLNode.maxDepth) levels deep",
                            line: event.line)
        }
    }

    /// Scalar keys are the same when their text and tag are (an untagged or quoted key is a string); other
    /// keys are never compared, as front matter has none and comparing aliased collections can take long.
    private func checkDuplicates(_ pairs: [YAMLPair]) throws(YAMLError) {
        guard pairs.count > 1 else { return }
        var seen = Set<[String]>()
        var duplicates: [String: Int] = [:]
        for pair in pairs {
            guard case let .scalar(key) = pair.key else { continue }
            if !seen.insert([key.text, key.tag ?? "tag:yaml.org,2002:str"]).inserted, duplicates[key.text] == nil {
                duplicates[key.text] = key.line
            }
        }
        guard !duplicates.isEmpty else { return }
        let keys = duplicates.keys.sorted()
        throw YAMLError(kind: .duplicateKeys, problem: "duplicate key", line: duplicates[keys[0]], keys: keys)
    }

    /// The next event, or the parser's error.
    private func next() throws(YAMLError) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
        defer { yaml_event_delete(&event) }
        var result = Event(type: event.type, line: Int(event.start_mark.line) + 1)
        switch event.type {
        case YAML_ALIAS_EVENT:
            result.anchor = string(event.data.alias.anchor)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            result.anchor = string(scalar.anchor)
            result.tag = scalar.quoted_implicit == 1 ? "tag:yaml.org,2002:str" : string(scalar.tag)
            // A scalar may hold NUL ("\0" in double quotes): read by its length.
            result.value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length),
                                  as: UTF8.self)
            result.style = switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        case YAML_SEQUENCE_START_EVENT:
            result.anchor = string(event.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT:
            result.anchor = string(event.data.mapping_start.anchor)
        default:
            break
        }
        return result
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's error: its problem and context, and the line of its problem mark. A reader error (a character
    /// YAML does not allow) has an offset instead of a mark.
    private func parserError() -> YAMLError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "not YAML"
        let context = p.context.map { String(cString: $0) }
        switch p.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(kind: .outOfMemory, problem: "out of memory", line: nil)
        case YAML_READER_ERROR:
            let offset = min(p.problem_offset, bytes.count)
            let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return YAMLError(kind: .syntax, problem: problem, context: context, line: line)
        default:
            return YAMLError(kind: .syntax, problem: problem, context: context, line: Int(p.problem_mark.line) + 1)
        }
    }
}
