/// A stretch of an article cut out to be scored and shown: whole sentences, about 40 to 80 words.
public struct PassageSpan: Sendable, Equatable {
    /// The passage's text on one line (line breaks of the original become spaces).
    public let text: String
    /// The 1-based line of the original file where the passage starts.
    public let line: Int
    /// True when the passage starts inside a paragraph (shown with a leading ellipsis).
    public let cutStart: Bool
    /// True when the passage ends inside a paragraph (shown with a trailing ellipsis).
    public let cutEnd: Bool
}

/// Cuts an article's paragraphs into passages at sentence and paragraph boundaries.
///
/// Sentences are gathered until a passage holds at least `minWords` words, without passing `maxWords`
/// where a sentence boundary allows; a passage never runs past the end of its paragraph unless what it
/// holds so far is a fragment (under `fragmentWords` words, like a sub-heading), which joins the next
/// paragraph. A sentence longer than `maxWords` is cut into pieces at word boundaries.
public struct PassageSegmenter: Sendable {
    public var minWords = 40
    public var maxWords = 80
    public var fragmentWords = 12

    public init() {}

    public func passages(of paragraphs: [Paragraph]) -> [PassageSpan] {
        passagesWithWords(of: paragraphs).map(\.span)
    }

    /// The passages with their words, as `Tokenizer.words(in: span.text)` gives them: taken from the
    /// paragraphs' own words (offsets moved to the passage's text), so a passage is not tokenized twice.
    /// A passage's text is its pieces joined by white space or " — ", and no word spans a piece's edge.
    func passagesWithWords(of paragraphs: [Paragraph]) -> [(span: PassageSpan, words: [Token])] {
        let reading = cut(paragraphs, keepingWordsStartingWith: nil)
        return reading.cuts.map { (reading.span(of: $0), reading.words(of: $0)) }
    }

    /// A passage as cut, before its text is built: which pieces of which paragraphs it joins.
    struct Cut {
        struct Part {
            let paragraph: Int
            /// Scalar offsets in the paragraph.
            let range: Range<Int>
            /// Indices into the paragraph's words.
            let tokens: Range<Int>
            let endsParagraph: Bool
        }

        var parts: [Part]
        var words: Int
        var line: Int
        var cutStart: Bool
        var cutEnd: Bool
        /// Whether the last part ends its paragraph.
        var endedParagraph: Bool
    }

    /// Paragraphs cut into passages: the cuts, and what was read of each paragraph to build a cut's text and words.
    struct Reading {
        let paragraphs: [Paragraph]
        let cuts: [Cut]
        /// Each paragraph's words.
        let tokens: [[Token]]
        /// Each paragraph's scalars, where it was read (empty where not).
        let scalars: [[Unicode.Scalar]]

        /// The passage's text and where it stands.
        func span(of cut: Cut) -> PassageSpan {
            // UTF-8 written from the scalars already decoded (a passage never starts at a paragraph's start
            // otherwise, and finding its scalar offset in the text would walk the paragraph again).
            // Written into storage of the greatest size it can take (4 bytes a scalar, 5 between parts), without
            // a capacity check at each byte.
            let capacity = cut.parts.reduce(0) { $0 + 4 * $1.range.count + 5 }
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var n = 0
                func put(_ byte: UInt8) {
                    buffer[n] = byte
                    n += 1
                }
                for (k, part) in cut.parts.enumerated() {
                    // A fragment (a sub-heading, a byline) joined to the next paragraph is set off with a dash.
                    if k > 0 {
                        if cut.parts[k - 1].endsParagraph {
                            for byte: UInt8 in [0x20, 0xE2, 0x80, 0x94, 0x20] { put(byte) }  // " — "
                        } else {
                            put(0x20)
                        }
                    }
                    scalars[part.paragraph].withUnsafeBufferPointer { paragraph in
                        for scalar in paragraph[part.range] {
                            let v = scalar.value
                            // Line breaks and tabs become spaces.
                            if v < 0x80 {
                                put(v == 0x0A || v == 0x09 ? 0x20 : UInt8(v))
                            } else if v < 0x800 {
                                put(UInt8(0xC0 | v >> 6))
                                put(UInt8(0x80 | v & 0x3F))
                            } else if v < 0x10000 {
                                put(UInt8(0xE0 | v >> 12))
                                put(UInt8(0x80 | v >> 6 & 0x3F))
                                put(UInt8(0x80 | v & 0x3F))
                            } else {
                                put(UInt8(0xF0 | v >> 18))
                                put(UInt8(0x80 | v >> 12 & 0x3F))
                                put(UInt8(0x80 | v >> 6 & 0x3F))
                                put(UInt8(0x80 | v & 0x3F))
                            }
                        }
                    }
                }
                count = n
            }
            return PassageSpan(text: String(decoding: bytes, as: UTF8.self), line: cut.line, cutStart: cut.cutStart,
                               cutEnd: cut.cutEnd || !cut.endedParagraph)
        }

        /// The passage's words, with offsets in its text (words that were not read are empty).
        func words(of cut: Cut) -> [Token] {
            var result: [Token] = []
            result.reserveCapacity(cut.parts.reduce(0) { $0 + $1.tokens.count })
            var offset = 0
            for (k, part) in cut.parts.enumerated() {
                if k > 0 { offset += cut.parts[k - 1].endsParagraph ? 3 : 1 }
                for token in tokens[part.paragraph][part.tokens] {
                    result.append(Token(start: token.start - part.range.lowerBound + offset,
                                        end: token.end - part.range.lowerBound + offset, word: token.word))
                }
                offset += part.range.count
            }
            return result
        }
    }

    /// Cuts `paragraphs` into passages, reading only the words that begin with one of `needles` (all with
    /// nil); the others are only counted and placed, and left empty (see `Tokenizer`).
    ///
    /// With `holding` (false for a paragraph none of whose words begins with a needle), the passages made only
    /// of such paragraphs may be left out, and so the paragraphs themselves: a run of them is read only from
    /// its last *reset* (a paragraph whose last sentence has `fragmentWords` words or more, so that the next
    /// paragraph starts a passage whatever came before), or from where a passage that must go on into it
    /// stops. The passages returned are then those of the whole article that hold a holding paragraph, in
    /// order, with some others.
    func cut(_ paragraphs: [Paragraph], keepingWordsStartingWith needles: [[UInt8]]?, holding: [Bool]? = nil) -> Reading {
        var cuts: [Cut] = []
        var pending: Cut? = nil
        var allTokens = [[Token]](repeating: [], count: paragraphs.count)
        var allRead = [(scalars: [Unicode.Scalar], pieces: [Piece])?](repeating: nil, count: paragraphs.count)

        /// A paragraph's scalars, words and sentence pieces (the last marked as ending the paragraph), read once.
        func read(_ p: Int) -> (scalars: [Unicode.Scalar], pieces: [Piece]) {
            if let known = allRead[p] { return known }
            let (scalars, stops) = Self.decode(paragraphs[p].text)
            let tokens = Tokenizer.words(in: scalars, keepingWordsStartingWith: needles)
            var pieces = sentencePieces(scalars: scalars, stops: stops, tokens: tokens)
            if !pieces.isEmpty { pieces[pieces.count - 1].endsParagraph = true }
            allTokens[p] = tokens
            allRead[p] = (scalars, pieces)
            return (scalars, pieces)
        }

        func isReset(_ p: Int) -> Bool {
            guard let last = read(p).pieces.last else { return false }
            return last.words >= fragmentWords
        }

        func add(_ p: Int) {
            let (scalars, pieces) = read(p)
            // Lines counted as the pieces go (each piece starts after the one before).
            var counted = 0, newlines = 0
            for piece in pieces {
                for scalar in scalars[counted..<piece.range.lowerBound] where scalar == "\n" { newlines += 1 }
                counted = piece.range.lowerBound
                let line = paragraphs[p].line + newlines
                let part = Cut.Part(paragraph: p, range: piece.range, tokens: piece.tokens, endsParagraph: piece.endsParagraph)
                if let words = pending?.words, let endedParagraph = pending?.endedParagraph {
                    let sameParagraph = !endedParagraph
                    let fits = words + piece.words <= maxWords
                    let wantsMore = words < minWords
                    if wantsMore && (sameParagraph ? (fits || words < fragmentWords) : words < fragmentWords) {
                        // In place: a copy of the pending cut would copy its parts at each append.
                        pending!.parts.append(part)
                        pending!.words += piece.words
                        pending!.endedParagraph = piece.endsParagraph
                        pending!.cutEnd = piece.cutEnd
                        continue
                    }
                    cuts.append(pending!)
                }
                pending = Cut(parts: [part], words: piece.words, line: line, cutStart: piece.cutStart, cutEnd: piece.cutEnd,
                              endedParagraph: piece.endsParagraph)
            }
        }

        var p = 0
        while p < paragraphs.count {
            // A holding paragraph, or one that a short pending passage (a fragment) goes on into, is read.
            guard let holding, !holding[p], (pending?.words ?? fragmentWords) >= fragmentWords else {
                add(p)
                p += 1
                continue
            }
            // A run of paragraphs that hold nothing, starting where the next piece starts a new passage.
            var end = p
            while end + 1 < paragraphs.count, !holding[end + 1] { end += 1 }
            var start = p
            if let reset = stride(from: end, through: p, by: -1).first(where: isReset) {
                // The pending passage stops here as it would at the run's first piece; after the reset the
                // next paragraph starts a passage whatever came before, so the paragraphs up to it are left out.
                if let last = pending { cuts.append(last) }
                pending = nil
                start = reset + 1
            }
            for q in start..<(end + 1) { add(q) }
            p = end + 1
        }
        if let last = pending { cuts.append(last) }
        return Reading(paragraphs: paragraphs, cuts: cuts, tokens: allTokens, scalars: allRead.map { $0?.scalars ?? [] })
    }

    /// The Unicode scalars of `text`, decoded from its UTF-8 in one pass into storage of the right size (a
    /// String's UTF-8 is always well-formed; `Array(text.unicodeScalars)` counts them first, decoding twice,
    /// and appending one at a time checks the capacity at each), and the offsets of those that may end a
    /// sentence (`SentenceSplitter.isTerminator`), noted in the same pass so that the splitter need not look at
    /// every scalar again.
    static func decode(_ text: String) -> (scalars: [Unicode.Scalar], stops: [Int]) {
        var text = text
        return text.withUTF8 { utf8 in
            var stops: [Int] = []
            stops.reserveCapacity(utf8.count / 32 + 4)
            let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                var i = 0, n = 0
                let end = utf8.count
                while i < end {
                    let b = UInt32(utf8[i])
                    var v: UInt32
                    if b < 0x80 {
                        v = b
                        i += 1
                        // `.`, `!` and `?` (SentenceSplitter.isTerminator below 0x40, one bit each).
                        if b < 0x40, (0x8000_4002_0000_0000 as UInt64) >> UInt64(b) & 1 != 0 { stops.append(n) }
                    } else if b < 0xE0 {
                        v = (b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if b < 0xF0 {
                        v = (b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        i += 3
                        if v == 0x2026 { stops.append(n) }  // …
                    } else {
                        v = (b & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                            | UInt32(utf8[i + 3] & 0x3F)
                        i += 4
                    }
                    (buffer.baseAddress! + n).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
                    n += 1
                }
                count = n
            }
            return (scalars, stops)
        }
    }

    private struct Piece {
        var range: Range<Int>
        /// Its words: indices into the paragraph's tokens.
        var tokens: Range<Int>
        var words: Int
        var cutStart: Bool
        var cutEnd: Bool
        var endsParagraph = false
    }

    /// Sentences of one paragraph, with over-long sentences cut into word-bounded pieces.
    private func sentencePieces(scalars: [Unicode.Scalar], stops: [Int], tokens: [Token]) -> [Piece] {
        var pieces: [Piece] = []
        var tokenIndex = 0
        let sentences = SentenceSplitter.sentences(in: scalars, stops: stops)
        for sentence in sentences {
            let first = tokenIndex
            while tokenIndex < tokens.count, tokens[tokenIndex].start < sentence.upperBound { tokenIndex += 1 }
            let sentenceTokens = tokens[first..<tokenIndex]
            if sentenceTokens.count <= maxWords + maxWords / 4 {
                pieces.append(Piece(range: sentence, tokens: first..<tokenIndex, words: sentenceTokens.count, cutStart: false,
                                    cutEnd: false))
                continue
            }
            // A run-on "sentence" (tables, text without full stops): pieces of maxWords words.
            var chunkStart = sentence.lowerBound
            var k = first
            while k < tokenIndex {
                let last = min(k + maxWords, tokenIndex)
                let end = last == tokenIndex ? sentence.upperBound : tokens[last - 1].end
                pieces.append(Piece(range: chunkStart..<end, tokens: k..<last, words: last - k, cutStart: chunkStart != sentence.lowerBound,
                                    cutEnd: last != tokenIndex))
                if last < tokenIndex { chunkStart = tokens[last].start }
                k = last
            }
        }
        // A passage that starts at a later sentence of a paragraph starts inside it.
        var seenStart = false
        for i in pieces.indices {
            if seenStart { pieces[i].cutStart = true }
            seenStart = true
        }
        return pieces
    }
}
