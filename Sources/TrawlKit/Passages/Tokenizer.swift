/// A word found in text: where it is (offsets in Unicode scalars, end exclusive) and its normalised form.
public struct Token: Sendable, Equatable {
    /// Offset of the first scalar.
    public let start: Int
    /// Offset just past the last scalar.
    public let end: Int
    /// The word lower-cased, with typographic apostrophes made plain, as Xapian's term generator makes terms.
    public let word: String
}

/// Splits text into words the way Xapian's term generator does, keeping each word's position in the text,
/// so that words can be compared with query terms and highlighted where they stand.
///
/// Follows the term generator's rules for the cases news text has: word characters are letters, marks,
/// numbers and connector punctuation; an apostrophe or `&` between word characters stays in the word
/// (`Iran’s` → `iran's`, `AT&T`); `.` or `,` between digits stays (`2,500`); dotted acronyms lose their dots
/// (`U.S.` → `us`); and up to three trailing `+` or `#` stay (`C++`).
public enum Tokenizer {
    /// The words of `text`.
    public static func words(in text: String) -> [Token] {
        words(in: scalars(of: text))
    }

    /// The first `limit` Unicode scalars of `text` (all of them by default), decoded in one pass: making an
    /// array of `text.unicodeScalars` counts them first, which walks the text twice.
    public static func scalars(of text: String, atMost limit: Int = .max) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(min(text.utf8.count, limit))
        for scalar in text.unicodeScalars {
            if scalars.count == limit { break }
            scalars.append(scalar)
        }
        return scalars
    }

    /// The words of text given as its Unicode scalars.
    public static func words(in scalars: [Unicode.Scalar]) -> [Token] {
        words(in: scalars, keepingWordsStartingWith: nil)
    }

    /// The words of `scalars`, where only a word whose text begins with one of `needles` (lower-case ASCII,
    /// compared ignoring ASCII case) is read: the others are only placed (their `word` is empty), which costs
    /// no allocation. A word starting with a scalar that lower-cases into ASCII (the Kelvin sign, a dotted
    /// capital I) is always read. With nil, every word is read.
    static func words(in scalars: [Unicode.Scalar], keepingWordsStartingWith needles: [[UInt8]]?) -> [Token] {
        // Through a buffer pointer: no bounds check or reference counting on each scalar read.
        scalars.withUnsafeBufferPointer { words(in: $0, keepingWordsStartingWith: needles) }
    }

    private static func words(in scalars: UnsafeBufferPointer<Unicode.Scalar>, keepingWordsStartingWith needles: [[UInt8]]?) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = scalars.count
        // News text has a word every six or seven scalars: room for them without growing the array.
        tokens.reserveCapacity(n / 6 + 1)
        // One buffer for every word's bytes, emptied at each word: allocating one a word was a third of the time.
        var ascii: [UInt8] = []
        ascii.reserveCapacity(32)
        // The needles' first bytes, one bit each: most words begin with none of them, and are told at once.
        let firsts = NeedleFirstBytes(needles ?? [])
        while i < n {
            guard isWordCharacter(scalars[i]) else {
                i += 1
                continue
            }
            let keepingWords = needles.map { firsts.mayBegin(scalars[i]) && begins(scalars, at: i, withOneOf: $0) } ?? true
            // An acronym has a dot after its first letter: look no further for the others.
            if i + 1 < n, scalars[i + 1] == ".", let (end, acronym) = acronym(in: scalars, at: i) {
                tokens.append(Token(start: i, end: end, word: keepingWords ? acronym : ""))
                i = end
                continue
            }
            let start = i
            // The word's scalars as they go into it: almost always ASCII, which is lower-cased here byte by
            // byte (String.lowercased() does the same to ASCII); anything else goes through lowercased().
            if keepingWords { ascii.removeAll(keepingCapacity: true) }
            var word = String.UnicodeScalarView()
            var isASCII = true
            var length = 0
            func append(_ c: Unicode.Scalar) {
                length += 1
                guard keepingWords else { return }
                if isASCII, c.isASCII {
                    ascii.append(UInt8(c.value))
                    return
                }
                if isASCII {
                    isASCII = false
                    word = String.UnicodeScalarView(ascii.map { Unicode.Scalar($0) })
                }
                word.append(c)
            }
            while i < n {
                let c = scalars[i]
                if isWordCharacter(c) {
                    append(c)
                    i += 1
                } else if i + 1 < n, isWordCharacter(scalars[i + 1]), isInfix(c, before: scalars[i + 1], after: scalars[i - 1]) {
                    append(isApostrophe(c) ? "'" : c)
                    i += 1
                } else {
                    break
                }
            }
            // C++, C#: up to three trailing + or # not followed by a word character.
            var j = i
            while j < n, j - i < 3, scalars[j] == "+" || scalars[j] == "#" { j += 1 }
            if j > i, j - i <= 3, j == n || !isWordCharacter(scalars[j]), length <= 3 {
                for k in i..<j { append(scalars[k]) }
                i = j
            }
            let text: String
            if !keepingWords {
                text = ""
            } else if isASCII {
                for k in ascii.indices where ascii[k] >= 0x41 && ascii[k] <= 0x5A { ascii[k] += 0x20 }
                text = String(decoding: ascii, as: UTF8.self)
            } else {
                text = String(word).lowercased()
            }
            tokens.append(Token(start: start, end: i, word: text))
        }
        return tokens
    }

    /// Whether the text at `start` begins with one of `needles`, ignoring ASCII case, or with a scalar outside
    /// ASCII whose lower case holds ASCII letters (U+212A KELVIN SIGN, U+0130 CAPITAL I WITH DOT ABOVE).
    private static func begins(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, at start: Int, withOneOf needles: [[UInt8]]) -> Bool {
        let first = scalars[start].value
        if first == 0x212A || first == 0x130 { return true }
        return needles.contains { needle in
            guard start + needle.count <= scalars.count else { return false }
            for (k, byte) in needle.enumerated() {
                let v = scalars[start + k].value
                guard v < 0x80, (v &- 0x41 < 26 ? v | 0x20 : v) == UInt32(byte) else {
                    // A Kelvin sign or dotted capital I later in the word may lower-case into the needle.
                    return v == 0x212A || v == 0x130
                }
            }
            return true
        }
    }

    /// Xapian's Unicode::is_wordchar: letters, marks, numbers and connector punctuation.
    @inline(__always)
    public static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // ASCII: 0-9, A-Z, a-z and _, one bit each.
        if v < 0x40 { return (0x03FF_0000_0000_0000 as UInt64) >> UInt64(v) & 1 != 0 }
        if v < 0x80 { return (0x07FF_FFFE_87FF_FFFE as UInt64) >> UInt64(v - 0x40) & 1 != 0 }
        return isWordCharacterBeyondASCII(scalar)
    }

    private static func isWordCharacterBeyondASCII(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .enclosingMark, .spacingMark,
             .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// Unicode's Uppercase property, without the property lookup for ASCII (where it is exactly A-Z).
    private static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value >= 0x41 && c.value <= 0x5A) : c.properties.isUppercase
    }

    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "\u{2019}" || c == "\u{201B}"
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c.properties.generalCategory == .decimalNumber
    }

    private static func isInfix(_ c: Unicode.Scalar, before next: Unicode.Scalar, after previous: Unicode.Scalar) -> Bool {
        if isApostrophe(c) || c == "&" || c == "\u{00B7}" { return true }
        if c == "." || c == "," { return isDigit(previous) && isDigit(next) }
        return false
    }

    /// "U.S." or "U.S.A": single capital letters separated by dots, at least two of them.
    private static func acronym(in scalars: UnsafeBufferPointer<Unicode.Scalar>, at start: Int) -> (Int, String)? {
        let n = scalars.count
        func isCapital(_ k: Int) -> Bool { k < n && isUppercase(scalars[k]) }
        guard isCapital(start), start + 1 < n, scalars[start + 1] == "." else { return nil }
        var i = start
        var letters = String.UnicodeScalarView()
        while isCapital(i), i + 1 < n, scalars[i + 1] == "." {
            letters.append(scalars[i])
            i += 2
        }
        // A last letter without its dot: "U.S.A".
        if isCapital(i), i + 1 == n || !isWordCharacter(scalars[i + 1]) {
            letters.append(scalars[i])
            i += 1
        }
        guard letters.count >= 2, i == n || !isWordCharacter(scalars[i]) else { return nil }
        return (i, String(letters).lowercased())
    }
}

/// The first bytes of needles (lower-case ASCII), one bit each: a quick test that tells most words and bytes
/// begin no needle, before comparing any (`Tokenizer` word by word, `MatchScreen` byte by byte).
struct NeedleFirstBytes {
    private var low: UInt64 = 0, high: UInt64 = 0
    /// An empty needle begins every word.
    private var any = false

    init(_ needles: [[UInt8]]) {
        for needle in needles {
            guard let first = needle.first else {
                any = true
                continue
            }
            if first < 64 { low |= 1 << UInt64(first) } else if first < 128 { high |= 1 << UInt64(first - 64) }
        }
    }

    /// Whether a needle begins with `byte` (lower-case ASCII); always true with an empty needle.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = byte < 64 ? low >> UInt64(byte) : high >> UInt64(byte &- 64)
        return bit & 1 != 0 || any
    }

    /// False when `Tokenizer.begins` is false for a word starting with `scalar`: an ASCII scalar whose lower case
    /// is no needle's first byte, or any other scalar but the two that lower-case into ASCII.
    @inline(__always)
    func mayBegin(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        guard v < 0x80 else { return v == 0x212A || v == 0x130 || any }
        return contains(UInt8(v &- 0x41 < 26 ? v | 0x20 : v))
    }
}
