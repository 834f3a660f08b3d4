/// The few fixed patterns `Boilerplate` looks for in a line, each built from small parts that match as Swift's
/// `Regex` would (its default grapheme-cluster semantics): a part matches at a position and hands where it
/// ended to the rest of the pattern, and tries its shorter matches when the rest fails, as a regex engine
/// backtracks. Character classes are the `Regex` ones: `\s` is `Character.isWhitespace`, `\d` is `isNumber`,
/// `\w` is a letter, a number or "_", `\b` a Unicode (UAX #29) word boundary; a literal or a range matches a
/// character of that one scalar only; `(?i)` folds ASCII letters only. The tests hold each pattern beside
/// the regular expression it replaces.
struct LinePattern: Sendable {
    /// Whether the pattern matches `line` from character `position` and `rest` accepts where it ended.
    fileprivate let match: @Sendable (_ line: LineText, _ position: Int, _ rest: (Int) -> Bool) -> Bool

    /// `text` without the pattern's matches (all of them, left to right, as `String.replacing(_:with:)` with a
    /// regex). An inline pattern is leading whitespace (`\s*`) and then `self`, which cannot start with
    /// whitespace: so a start inside a run of whitespace fails as the run's first one did, and is skipped.
    func removingMatches(in text: String) -> String {
        let line = LineText(text)
        let characters = line.characters
        var kept = "", copied = 0, start = 0
        while start < characters.count {
            var at = start
            while at < characters.count, characters[at].isWhitespace { at += 1 }
            var end = -1
            if match(line, at, { end = $0; return true }) {
                kept += text[line.indices[copied]..<line.indices[start]]
                copied = end
                start = end
            } else {
                start = at + 1
            }
        }
        guard copied > 0 else { return text }
        kept += text[line.indices[copied]...]
        return kept
    }

    /// Whether the pattern matches at the start of `text` (a regex anchored by `^`).
    func matches(atStartOf text: String) -> Bool {
        match(LineText(text), 0, { _ in true })
    }
}

extension LinePattern {
    /// `(?i)\s*(?:continue|read)\s+(?:full\s+)?(?:reading|more|story|article)\s*>+`:
    /// "...Al Jazeera.CONTINUE FULL READING>>>>>", "Read more >>".
    static let readMore = sequence(
        choice(literal("continue", ignoringCase: true), literal("read", ignoringCase: true)),
        run(of: \.isWhitespace, 1...),
        optional(sequence(literal("full", ignoringCase: true), run(of: \.isWhitespace, 1...))),
        choice(literal("reading", ignoringCase: true), literal("more", ignoringCase: true),
               literal("story", ignoringCase: true), literal("article", ignoringCase: true)),
        run(of: \.isWhitespace, 0...),
        run(of: { $0.isScalar(">") }, 1...))

    /// `\s*pic\.twitter\.com\/\w+`: an embedded tweet's picture link.
    static let tweetLink = sequence(literal("pic.twitter.com/"), run(of: \.isRegexWord, 1...))

    /// `\s*[—–-]\s*[^—–()\n]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}\s*$`: an embedded tweet's
    /// byline, "— Joe Truzman (@JoeTruzman) February 1, 2024", at the end of the line.
    static let tweetByline = sequence(
        run(of: { $0.isScalar("—") || $0.isScalar("–") || $0.isScalar("-") }, 1...1),
        run(of: \.isWhitespace, 0...),
        run(of: { !($0.isScalar("—") || $0.isScalar("–") || $0.isScalar("(") || $0.isScalar(")") || $0.isScalar("\n")) },
            1...60),
        literal("(@"),
        run(of: \.isRegexWord, 1...30),
        literal(")"),
        run(of: \.isWhitespace, 1...),
        run(of: { $0.isScalar(in: "A"..."Z") }, 1...1),
        run(of: { $0.isScalar(in: "a"..."z") }, 1...),
        literal(" "),
        run(of: \.isNumber, 1...2),
        literal(", "),
        run(of: \.isNumber, 4...4),
        run(of: \.isWhitespace, 0...),
        endOfLine)

    /// `\s*\bhttps?:\/\/\S+`: a bare URL.
    static let url = sequence(
        wordBoundary, literal("http"), run(of: { $0.isScalar("s") }, 0...1), literal("://"),
        run(of: { !$0.isWhitespace }, 1...))

    /// `^(?:\(?(?:photo|image|picture|pic|video)s?(?: credit| courtesy)?\s*(?::|by\b)|`
    /// `\(?(?:getty images|afp via getty images|ap photo)\)?$)`, on the lowercased line: "Photo: ...",
    /// "Image credit: ...", "(Getty Images)", "Picture by ...".
    static let creditLine = choice(
        sequence(
            run(of: { $0.isScalar("(") }, 0...1),
            choice(literal("photo"), literal("image"), literal("picture"), literal("pic"), literal("video")),
            run(of: { $0.isScalar("s") }, 0...1),
            optional(choice(literal(" credit"), literal(" courtesy"))),
            run(of: \.isWhitespace, 0...),
            choice(literal(":"), sequence(literal("by"), wordBoundary))),
        sequence(
            run(of: { $0.isScalar("(") }, 0...1),
            choice(literal("getty images"), literal("afp via getty images"), literal("ap photo")),
            run(of: { $0.isScalar(")") }, 0...1),
            endOfLine))
}

// MARK: - Parts

extension LinePattern {
    /// The characters of `text`, each a single scalar equal to the pattern's (ASCII letters in either case
    /// when `ignoringCase`).
    static func literal(_ text: String, ignoringCase: Bool = false) -> LinePattern {
        let expected = Array(text.unicodeScalars)
        return LinePattern { line, position, rest in
            guard position + expected.count <= line.characters.count else { return false }
            for (offset, scalar) in expected.enumerated() {
                guard let found = line.characters[position + offset].singleScalar else { return false }
                if found != scalar && !(ignoringCase && found.asciiLowercased == scalar.asciiLowercased) { return false }
            }
            return rest(position + expected.count)
        }
    }

    /// As many characters that pass `test` as there are, within `count`, then fewer down to its lower bound
    /// while the rest fails (a greedy quantifier on a character class). A loop, not recursion: a run may be
    /// as long as the line.
    static func run(of test: @escaping @Sendable (Character) -> Bool, _ count: PartialRangeFrom<Int>) -> LinePattern {
        run(of: test, count.lowerBound...Int.max)
    }

    static func run(of test: @escaping @Sendable (Character) -> Bool, _ count: ClosedRange<Int>) -> LinePattern {
        LinePattern { line, position, rest in
            let characters = line.characters
            var end = position
            while end - position < count.upperBound, end < characters.count, test(characters[end]) { end += 1 }
            guard end - position >= count.lowerBound else { return false }
            while !rest(end) {
                if end - position == count.lowerBound { return false }
                end -= 1
            }
            return true
        }
    }

    /// Each part in turn.
    static func sequence(_ parts: LinePattern...) -> LinePattern {
        LinePattern { line, position, rest in
            func from(_ part: Int, _ position: Int) -> Bool {
                part == parts.count ? rest(position) : parts[part].match(line, position) { from(part + 1, $0) }
            }
            return from(0, position)
        }
    }

    /// The first alternative with which the rest matches.
    static func choice(_ alternatives: LinePattern...) -> LinePattern {
        LinePattern { line, position, rest in alternatives.contains { $0.match(line, position, rest) } }
    }

    /// The part, or else nothing.
    static func optional(_ part: LinePattern) -> LinePattern {
        LinePattern { line, position, rest in part.match(line, position, rest) || rest(position) }
    }

    /// `\b`: a Unicode word boundary, and always either end of the line.
    static let wordBoundary = LinePattern { line, position, rest in line.isWordBoundary(position) && rest(position) }

    /// `$`: the end of the line (and not before a final newline).
    static let endOfLine = LinePattern { line, position, rest in position == line.characters.count && rest(position) }
}

/// A line as the patterns see it: its characters (grapheme clusters), where each starts, and its word
/// boundaries, found once when a pattern first asks.
final class LineText {
    let text: String
    let characters: [Character]
    /// Where each character starts, and the end.
    let indices: [String.Index]
    private var boundaries: Set<String.Index>?

    init(_ text: String) {
        self.text = text
        var characters: [Character] = [], indices: [String.Index] = []
        var index = text.startIndex
        while index < text.endIndex {
            indices.append(index)
            characters.append(text[index])
            index = text.index(after: index)
        }
        indices.append(text.endIndex)
        self.characters = characters
        self.indices = indices
    }

    /// Whether a word boundary (Unicode's default rules, UAX #29, as the standard library finds them) falls
    /// before character `position`. Either end is one, as for `Regex`'s `\b`.
    func isWordBoundary(_ position: Int) -> Bool {
        guard position > 0, position < characters.count else { return true }
        if boundaries == nil {
            var found = Set<String.Index>(), index = text.startIndex
            while index < text.endIndex {
                index = text._wordIndex(after: index)
                found.insert(index)
            }
            boundaries = found
        }
        return boundaries!.contains(indices[position])
    }
}

extension Character {
    /// The character's scalar when it has only one.
    var singleScalar: Unicode.Scalar? {
        let scalars = unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return nil }
        return first
    }

    /// Whether this is the one scalar `scalar` (a regex literal or class member: "(" + a combining accent is not "(").
    func isScalar(_ scalar: Unicode.Scalar) -> Bool { singleScalar == scalar }

    /// Whether this is one scalar within `range` (a regex class range such as `[A-Z]`).
    func isScalar(in range: ClosedRange<Unicode.Scalar>) -> Bool { singleScalar.map(range.contains) ?? false }

    /// `\w` of `Regex`: a letter, a number or an underscore.
    var isRegexWord: Bool { isLetter || isNumber || self == "_" }
}

extension Unicode.Scalar {
    var asciiLowercased: Unicode.Scalar {
        value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value) | 0x20) : self
    }
}
