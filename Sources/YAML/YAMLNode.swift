/// A node of a YAML document as libyaml composes it: a scalar (text, with how it was written), a sequence or a
/// mapping (its pairs in the order written), each with the line it starts on. Aliases (`*name`) are replaced by
/// the node their anchor (`&name`) names; tags are kept but never resolved, so every scalar is text (`2024-02-01`
/// and `yes` stay text).
///
/// ```swift
/// let root = try YAMLNode.compose("title: Drones\ntags: [iraq, haifa]\n")
/// if case let .mapping(pairs, _)? = root { pairs[0].key }   // .scalar("title", plain, line 1)
/// ```
public indirect enum YAMLNode: Sendable, Equatable {
    case scalar(YAMLScalar)
    /// The items and the line of the sequence's first character (its `[` or first `-`).
    case sequence([YAMLNode], line: Int)
    /// The pairs in order and the line of the mapping's first character.
    case mapping([YAMLPair], line: Int)

    /// The 1-based line of the YAML text where the node starts.
    public var line: Int {
        switch self {
        case let .scalar(scalar): scalar.line
        case let .sequence(_, line), let .mapping(_, line): line
        }
    }
}

/// A scalar: its text (escapes and folding already applied by libyaml) and how it was written.
public struct YAMLScalar: Sendable, Equatable {
    /// How a scalar was written: `plain` is the only style in which `null`, `~` or nothing mean "no value".
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style
    /// The explicit tag, expanded (`!!str` → `tag:yaml.org,2002:str`); nil when there is none.
    public var tag: String?
    /// The 1-based line of the YAML text where the scalar starts.
    public var line: Int

    public init(_ text: String, style: Style = .plain, tag: String? = nil, line: Int) {
        self.text = text
        self.style = style
        self.tag = tag
        self.line = line
    }
}

/// One entry of a mapping.
public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// Why YAML could not be composed: libyaml's own problem text ("did not find expected ',' or ']'") and the line
/// it points at, or a mapping with the same key twice.
public struct YAMLError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Not YAML: libyaml's reader (characters), scanner (tokens), parser (structure), or an undefined alias
        /// or a second document.
        case syntax
        /// A mapping has the same scalar key (same text and tag) more than once; `keys` lists them, sorted.
        case duplicateKeys
        /// Collections nested deeper than `YAMLNode.maxDepth`.
        case tooDeep
        case outOfMemory
    }

    public let kind: Kind
    /// libyaml's problem ("mapping values are not allowed in this context"), or ours for the other kinds.
    public let problem: String
    /// libyaml's context ("while parsing a flow sequence"), when it gives one.
    public let context: String?
    /// The 1-based line of the YAML text the problem is on; nil for `outOfMemory`.
    public let line: Int?
    /// The duplicated keys, sorted, for `duplicateKeys`; empty otherwise.
    public let keys: [String]

    public init(kind: Kind, problem: String, context: String? = nil, line: Int?, keys: [String] = []) {
        self.kind = kind
        self.problem = problem
        self.context = context
        self.line = line
        self.keys = keys
    }

    /// One line: "did not find expected ',' or ']' (line 2)", "duplicate key 'title' (line 3)".
    public var description: String {
        var text = problem
        if kind == .duplicateKeys { text += " " + keys.map { "'\($0)'" }.joined(separator: ", ") }
        if let line { text += " (line \(line))" }
        return text
    }
}
