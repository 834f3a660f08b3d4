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

    /// The screen for the body patterns of `clauses` (`title:` patterns never match a body); `englishStems`
    /// when stems come from Xapian's English (Porter2) stemmer, whose endings `stemPrefix` knows. Stems of
    /// any other language may match any word.
    init(clauses: [QueryMatcher.Clause], englishStems: Bool) {
        var needles: [[UInt8]] = []
        for pattern in clauses.flatMap(\.patterns) where !pattern.titleOnly {
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
}
