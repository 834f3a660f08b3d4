/// A quick test for words that cannot match a query, so that a hit's words are read, stemmed and matched
/// only where they might, and only the passages holding such a word are scored.
///
/// A word as `Tokenizer` gives it is the text's own scalars lower-cased, except that a typographic apostrophe
/// becomes `'` and a dotted acronym loses its dots (`U.S.` → `us`). So every word a pattern matches begins, in
/// the text, with the pattern's *needle*, ignoring ASCII case: the pattern's beginning up to any apostrophe or
/// non-ASCII scalar (or, for an acronym, those letters with dots between them). A stem is not always the beginning of its
/// words: `stemPrefix` gives the part that is. `Tokenizer` reads the words that begin with a needle (or
/// with a scalar that lower-cases into ASCII); a word that does not cannot match.
struct MatchScreen {
    /// The needles, lower-case ASCII; nil when any word may match (a needle would be empty).
    let needles: [[UInt8]]?
    /// The needles' first bytes.
    private var firsts = NeedleFirstBytes([])

    /// The screen for the body patterns of `clauses` (`title:` patterns never match a body), or for all of
    /// them with `forTitles`; `englishStems` when stems come from Xapian's English (Porter2) stemmer, whose
    /// endings `stemPrefix` knows. Stems of any other language may match any word.
    init(clauses: [QueryMatcher.Clause], englishStems: Bool, forTitles: Bool = false) {
        var needles: [[UInt8]] = []
        for pattern in clauses.flatMap(\.patterns) where forTitles || !pattern.titleOnly {
            let word: Substring
            switch pattern.kind {
            case .exact, .prefix: word = Substring(pattern.text)
            case .stem:
                guard englishStems else {
                    self.needles = nil
                    return
                }
                word = Self.stemPrefix(pattern.text)
            }
            let needle = Array(word.utf8.prefix { $0 < 0x80 && $0 != UInt8(ascii: "'") })
            guard !needle.isEmpty else {
                self.needles = nil
                return
            }
            needles.append(needle)
            // "U.S." is the word "us": its letters with dots between them.
            if needle.count > 1, needle.allSatisfy({ (0x61...0x7A).contains($0) }) {
                needles.append(Array(needle.map { [$0] }.joined(separator: [UInt8(ascii: ".")])))
            }
        }
        self.needles = needles
        firsts = NeedleFirstBytes(needles)
    }

    /// The part of a Porter2 (Xapian's "english") stem that begins every word with that stem. The stemmer
    /// only cuts endings, except that it may end a stem with letters the word does not have there: `i` for
    /// `y` (happy → happi), `e` (hoping → hope, fluency → fluence), `le` or `l` (ability → able, abl),
    /// `ie` (dying → die) and `y` (skies → sky). Checked on the 74,279 words of the benchmark corpus and the
    /// test collections: every one begins with this part of its stem.
    static func stemPrefix(_ stem: String) -> Substring {
        if stem.hasSuffix("ble") || stem.hasSuffix("ie") { return stem.dropLast(2) }
        if stem.hasSuffix("e") || stem.hasSuffix("i") || stem.hasSuffix("y") || stem.hasSuffix("bl") {
            return stem.dropLast()
        }
        return Substring(stem)
    }

    /// False only when no word of `text` begins with a needle (so `Tokenizer` would read none): a byte search,
    /// much quicker than reading the words. True when the text holds a needle (ignoring ASCII case) where a
    /// word may begin, or U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE (C4 B0) or U+212A KELVIN SIGN (E2 84 AA),
    /// the only scalars outside ASCII whose lower case holds ASCII letters (i, k); found in one pass over its bytes.
    ///
    /// A word may begin only at the text's start or after a scalar that is no word character (`Tokenizer`
    /// ends each word at one), so a needle right after an ASCII letter, digit or `_` is inside a word ("oil" in
    /// "turmoil", "rat" in "corporate") and passes nothing. After a scalar outside ASCII it passes.
    func mayHold(_ text: String) -> Bool {
        guard let needles else { return true }
        if needles.isEmpty { return false }
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b >= 0x80 {
                    if b == 0xC4, i + 1 < n, bytes[i + 1] == 0xB0 { return true }
                    if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x84, bytes[i + 2] == 0xAA { return true }
                } else {
                    let c = Self.lower(b)
                    if firsts.contains(c), i == 0 || !Self.isASCIIWordByte(bytes[i - 1]),
                       needles.contains(where: { $0[0] == c && Self.holds(bytes, $0, at: i) }) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether `bytes`, with ASCII capitals lower-cased, hold `needle` at `start`.
    @inline(__always)
    private static func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], at start: Int) -> Bool {
        guard start + needle.count <= bytes.count else { return false }
        var k = 1
        while k < needle.count, lower(bytes[start + k]) == needle[k] { k += 1 }
        return k == needle.count
    }

    /// Whether `b` is an ASCII word character (0-9, A-Z, a-z, _), as `Tokenizer.isWordCharacter` judges it.
    @inline(__always)
    private static func isASCIIWordByte(_ b: UInt8) -> Bool {
        b < 0x80 && Tokenizer.isWordCharacter(Unicode.Scalar(b))
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 {
        b &- 0x41 < 26 ? b | 0x20 : b
    }
}
