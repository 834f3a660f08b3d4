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
        var result: [(span: PassageSpan, words: [Token])] = []
        var pending: Pending? = nil

        for paragraph in paragraphs {
            let scalars = Array(paragraph.text.unicodeScalars)
            let tokens = Tokenizer.words(in: scalars)
            var pieces = sentencePieces(scalars: scalars, tokens: tokens)
            guard !pieces.isEmpty else { continue }
            pieces[pieces.count - 1].endsParagraph = true
            // A piece's text is cut from the paragraph's UTF-8 at the offsets of its scalars: a copy of bytes,
            // where building it scalar by scalar took most of the time of a search.
            let utf8 = Array(paragraph.text.utf8)
            var offsets = [Int](repeating: 0, count: scalars.count + 1)
            for (k, scalar) in scalars.enumerated() { offsets[k + 1] = offsets[k] + UTF8.width(scalar) }

            // Lines counted as the pieces go (each piece starts after the one before).
            var counted = 0, newlines = 0
            for piece in pieces {
                for scalar in scalars[counted..<piece.range.lowerBound] where scalar == "\n" { newlines += 1 }
                counted = piece.range.lowerBound
                let line = paragraph.line + newlines
                let text = String(decoding: utf8[offsets[piece.range.lowerBound]..<offsets[piece.range.upperBound]], as: UTF8.self)
                if var current = pending {
                    let sameParagraph = !current.endedParagraph
                    let fits = current.words + piece.words <= maxWords
                    let wantsMore = current.words < minWords
                    if wantsMore && (sameParagraph ? (fits || current.words < fragmentWords) : current.words < fragmentWords) {
                        current.append(text, words: piece.words, tokens: tokens[piece.tokens], from: piece.range.lowerBound,
                                       length: piece.range.count, endsParagraph: piece.endsParagraph, cutEnd: piece.cutEnd)
                        pending = current
                        continue
                    }
                    result.append((current.span, current.tokens))
                }
                pending = Pending(text: text, words: piece.words, line: line, cutStart: piece.cutStart,
                                  cutEnd: piece.cutEnd, endedParagraph: piece.endsParagraph)
                pending!.appendTokens(tokens[piece.tokens], from: piece.range.lowerBound, at: 0)
                pending!.length = piece.range.count
            }
        }
        if let last = pending { result.append((last.span, last.tokens)) }
        return result
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

    private struct Pending {
        var text: String
        var words: Int
        var line: Int
        var cutStart: Bool
        var cutEnd: Bool
        var endedParagraph: Bool
        /// The words of `text`, with offsets in it, and its length in scalars.
        var tokens: [Token] = []
        var length = 0

        mutating func appendTokens(_ more: ArraySlice<Token>, from pieceStart: Int, at offset: Int) {
            for token in more {
                tokens.append(Token(start: token.start - pieceStart + offset, end: token.end - pieceStart + offset,
                                    word: token.word))
            }
        }

        mutating func append(_ more: String, words count: Int, tokens moreTokens: ArraySlice<Token>, from pieceStart: Int,
                             length moreLength: Int, endsParagraph: Bool, cutEnd: Bool) {
            // A fragment (a sub-heading, a byline) joined to the next paragraph is set off with a dash.
            let separator = endedParagraph ? " — " : " "
            text += separator + more
            let offset = length + separator.unicodeScalars.count
            appendTokens(moreTokens, from: pieceStart, at: offset)
            length = offset + moreLength
            words += count
            endedParagraph = endsParagraph
            self.cutEnd = cutEnd
        }

        var span: PassageSpan {
            // Line breaks and tabs become spaces: ASCII bytes, which never occur inside a longer UTF-8 sequence.
            var flat = text
            if text.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) {
                flat = String(decoding: text.utf8.map { $0 == 0x0A || $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self)
            }
            return PassageSpan(text: flat, line: line, cutStart: cutStart, cutEnd: cutEnd || !endedParagraph)
        }
    }

    /// Sentences of one paragraph, with over-long sentences cut into word-bounded pieces.
    private func sentencePieces(scalars: [Unicode.Scalar], tokens: [Token]) -> [Piece] {
        var pieces: [Piece] = []
        var tokenIndex = 0
        let sentences = SentenceSplitter.sentences(in: scalars)
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
