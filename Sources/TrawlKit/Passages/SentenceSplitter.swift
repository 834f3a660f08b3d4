/// Finds sentence boundaries in a paragraph of news text.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by white space and
/// a capital letter, digit or opening quote, unless the word before the full stop is a known abbreviation
/// ("Mr.", "Gen.", "Feb.") or a dotted initialism ("U.S.").
public enum SentenceSplitter {
    /// The sentences of `scalars` as half-open ranges of offsets, leading and trailing white space excluded.
    public static func sentences(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        sentences(in: scalars, stops: nil)
    }

    /// The same, with `stops` the offsets of every terminator in `scalars` (`isTerminator`) in order, when they
    /// are known (the segmenter notes them as it decodes a paragraph): then the scalars between them are not
    /// looked at again. With nil they are found here.
    static func sentences(in scalars: [Unicode.Scalar], stops: [Int]?) -> [Range<Int>] {
        // Through a buffer pointer: no bounds check on each scalar read.
        scalars.withUnsafeBufferPointer { sentences(in: $0, array: scalars, stops: stops) }
    }

    private static func sentences(in scalars: UnsafeBufferPointer<Unicode.Scalar>, array: [Unicode.Scalar],
                                  stops: [Int]?) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = scalars.count
        var start = 0
        while start < n, isSpace(scalars[start]) { start += 1 }
        var s = 0
        /// The first terminator at or after `i`.
        func terminator(from i: Int) -> Int? {
            guard let stops else {
                var j = i
                while j < n, !isTerminator(scalars[j]) { j += 1 }
                return j < n ? j : nil
            }
            while s < stops.count, stops[s] < i { s += 1 }
            return s < stops.count ? stops[s] : nil
        }
        var i = start
        while let at = terminator(from: i) {
            let c = scalars[at]
            var end = at + 1
            while end < n, isCloser(scalars[end]) || scalars[end] == "." || scalars[end] == "!" || scalars[end] == "?" {
                end += 1
            }
            var next = end
            while next < n, isSpace(scalars[next]) { next += 1 }
            if next > end, next < n, startsSentence(scalars[next]), !(c == "." && isAbbreviation(array, before: at)) {
                result.append(start..<end)
                start = next
                i = next
            } else {
                i = end
            }
        }
        var end = n
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        if end > start { result.append(start..<end) }
        return result
    }

    /// `.`, `!`, `?` or `…`: below 0x40, one bit each (the test every scalar of a paragraph goes through).
    @inline(__always)
    static func isTerminator(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x40 { return (0x8000_4002_0000_0000 as UInt64) >> UInt64(v) & 1 != 0 }
        return v == 0x2026
    }

    private static func isCloser(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "'" || c == ")" || c == "]" || c == "\u{201D}" || c == "\u{2019}" || c == "\u{00BB}"
    }

    private static func startsSentence(_ c: Unicode.Scalar) -> Bool {
        c.properties.isUppercase || c.properties.generalCategory == .decimalNumber || c == "\"" || c == "'"
            || c == "\u{201C}" || c == "\u{2018}" || c == "(" || c == "[" || c == "\u{00AB}"
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "rep",
        "sen", "gov", "pres", "prof", "rev", "hon", "inc", "corp", "co", "ltd", "vs", "etc", "no", "nos", "vol",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx",
        "dept", "est", "fig", "al",
    ]

    /// `abbreviations` (all ASCII letters, at most 6), each packed as `isAbbreviation` packs a word's letters.
    private static let packedAbbreviations: Set<UInt64> = Set(abbreviations.map { word in
        word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    })

    /// Unicode's White_Space, without the property lookup for ASCII (where it is tab to carriage return, and space).
    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value == 0x20 || (0x09...0x0D).contains(c.value)) : c.properties.isWhitespace
    }

    private static func isAbbreviation(_ scalars: [Unicode.Scalar], before dot: Int) -> Bool {
        var j = dot
        while j > 0, !isSpace(scalars[j - 1]) { j -= 1 }
        // ASCII (nearly every word before a full stop) is judged from its bytes, as below without the strings.
        if scalars[j..<dot].allSatisfy(\.isASCII) {
            func isLetter(_ c: Unicode.Scalar) -> Bool { (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value) }
            if scalars[j..<dot].contains(".") { return true }
            if dot - j == 1, (0x41...0x5A).contains(scalars[j].value) { return true }
            // The longest abbreviation has 6 letters: a longer word is none. The letters, lower-cased, are
            // packed into an integer, one byte each, and looked up among the abbreviations packed alike.
            var key: UInt64 = 0, letters = 0
            for c in scalars[j..<dot] where isLetter(c) {
                letters += 1
                if letters > 6 { return false }
                key = key << 8 | UInt64(UInt8(c.value) | 0x20)
            }
            return packedAbbreviations.contains(key)
        }
        let word = String(String.UnicodeScalarView(scalars[j..<dot]))
        // A dotted initialism ("U.S", "a.m") or a lone capital initial ("J").
        if word.contains(".") { return true }
        if word.unicodeScalars.count == 1, let first = word.unicodeScalars.first, first.properties.isUppercase {
            return true
        }
        let bare = word.lowercased().filter { $0.isLetter }
        return abbreviations.contains(bare)
    }
}
