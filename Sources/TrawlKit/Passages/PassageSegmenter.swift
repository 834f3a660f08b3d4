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
        var result: [PassageSpan] = []
        var pending: Pending? = nil

        for paragraph in paragraphs {
            let scalars = Array(paragraph.text.unicodeScalars)
            let tokens = Tokenizer.words(in: scalars)
            var pieces = sentencePieces(scalars: scalars, tokens: tokens)
            guard !pieces.isEmpty else { continue }
            pieces[pieces.count - 1].endsParagraph = true

            // Lines counted as the pieces go (each piece starts after the one before).
            var counted = 0, newlines = 0
            for piece in pieces {
                for scalar in scalars[counted..<piece.range.lowerBound] where scalar == "\n" { newlines += 1 }
                counted = piece.range.lowerBound
                let line = paragraph.line + newlines
                let text = String(String.UnicodeScalarView(scalars[piece.range]))
                if var current = pending {
                    let sameParagraph = !current.endedParagraph
                    let fits = current.words + piece.words <= maxWords
                    let wantsMore = current.words < minWords
                    if wantsMore && (sameParagraph ? (fits || current.words < fragmentWords) : current.words < fragmentWords) {
                        current.append(text, words: piece.words, endsParagraph: piece.endsParagraph, cutEnd: piece.cutEnd)
                        pending = current
                        continue
                    }
                    result.append(current.span)
                }
                pending = Pending(text: text, words: piece.words, line: line, cutStart: piece.cutStart,
                                  cutEnd: piece.cutEnd, endedParagraph: piece.endsParagraph)
            }
        }
        if let last = pending { result.append(last.span) }
        return result
    }

    private struct Piece {
        var range: Range<Int>
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

        mutating func append(_ more: String, words count: Int, endsParagraph: Bool, cutEnd: Bool) {
            // A fragment (a sub-heading, a byline) joined to the next paragraph is set off with a dash.
            text += (endedParagraph ? " — " : " ") + more
            words += count
            endedParagraph = endsParagraph
            self.cutEnd = cutEnd
        }

        var span: PassageSpan {
            let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
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
                pieces.append(Piece(range: sentence, words: sentenceTokens.count, cutStart: false, cutEnd: false))
                continue
            }
            // A run-on "sentence" (tables, text without full stops): pieces of maxWords words.
            var chunkStart = sentence.lowerBound
            var k = first
            while k < tokenIndex {
                let last = min(k + maxWords, tokenIndex)
                let end = last == tokenIndex ? sentence.upperBound : tokens[last - 1].end
                pieces.append(Piece(range: chunkStart..<end, words: last - k, cutStart: chunkStart != sentence.lowerBound,
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
