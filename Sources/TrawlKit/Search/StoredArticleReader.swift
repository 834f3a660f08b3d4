/// Reads the JSON a hit's document holds (`StoredArticle`) without `JSONDecoder`: a search decodes one per hit
/// shown, and `JSONDecoder` took about 300,000 instructions an article, an eighth of a query.
///
/// Only the JSON that `StoredArticle.encoded()` writes is read here: its keys, strings, integers, booleans and
/// arrays. Anything else (an unknown or repeated key, a number that is not a plain integer, a lone surrogate)
/// is handed to `JSONDecoder`, so the result and the errors are always exactly what `JSONDecoder` gives.
enum StoredArticleReader {
    static func decode(_ bytes: [UInt8]) throws -> StoredArticle {
        if let article = bytes.withUnsafeBufferPointer({ buffer -> StoredArticle? in
            var parser = Parser(bytes: buffer)
            return parser.storedArticle()
        }) {
            return article
        }
        return try StoredArticle.decode(bytes)
    }

    /// A JSON array of strings (the corpus roots an index records), as `JSONDecoder` reads `[String]`; nil for
    /// anything this reader leaves to `JSONDecoder`. Every search reads the roots, and `JSONDecoder`'s first use
    /// in a process cost about 0.25 ms of it.
    static func strings(_ bytes: [UInt8]) -> [String]? {
        bytes.withUnsafeBufferPointer { buffer -> [String]? in
            var parser = Parser(bytes: buffer)
            return parser.stringArray()
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func storedArticle() -> StoredArticle? {
            var id: String?, title: String?, titleLine: Int?, titleIsDerived = false, date: String?, source: String?
            var author: String?, url: String?, section: String?, language: String?, tags: [String] = []
            var metadata: [String: MetadataValue] = [:], paragraphs: [Paragraph]?, root: Int?, path: String?
            // Each key may stand once: one bit per key seen (a set of the key strings cost a tenth of the reading).
            var seen: UInt32 = 0
            guard consume(UInt8(ascii: "{")) else { return nil }
            var first = true
            while true {
                skipSpace()
                if consume(UInt8(ascii: "}")) { break }
                if !first { guard consume(UInt8(ascii: ",")) else { return nil } }
                first = false
                // An unknown or repeated key: JSONDecoder's to read.
                guard let (key, bit) = key(), seen & 1 << bit == 0, consume(UInt8(ascii: ":")) else { return nil }
                seen |= 1 << bit
                skipSpace()
                // null is "absent" for the optional fields, as decodeIfPresent reads it.
                let isNull = peekNull()
                switch key {
                case .id: guard let v = string() else { return nil }; id = v
                case .title: guard let v = string() else { return nil }; title = v
                case .path: guard let v = string() else { return nil }; path = v
                case .root: guard let v = integer() else { return nil }; root = v
                case .title_line: if isNull { i += 4 } else { guard let v = integer() else { return nil }; titleLine = v }
                case .title_derived: if isNull { i += 4 } else { guard let v = boolean() else { return nil }; titleIsDerived = v }
                case .date: if isNull { i += 4 } else { guard let v = string() else { return nil }; date = v }
                case .source: if isNull { i += 4 } else { guard let v = string() else { return nil }; source = v }
                case .author: if isNull { i += 4 } else { guard let v = string() else { return nil }; author = v }
                case .url: if isNull { i += 4 } else { guard let v = string() else { return nil }; url = v }
                case .section: if isNull { i += 4 } else { guard let v = string() else { return nil }; section = v }
                case .language: if isNull { i += 4 } else { guard let v = string() else { return nil }; language = v }
                case .tags: if isNull { i += 4 } else { guard let v = strings() else { return nil }; tags = v }
                case .metadata: if isNull { i += 4 } else { guard let v = metadataTable() else { return nil }; metadata = v }
                case .paragraphs: guard let v = paragraphList() else { return nil }; paragraphs = v
                }
            }
            skipSpace()
            guard i == bytes.count, let id, let title, let paragraphs, let root, let path else { return nil }
            let article = Article(id: id, title: title, titleLine: titleLine, titleIsDerived: titleIsDerived, date: date,
                                  source: source, author: author, url: url, section: section, language: language,
                                  tags: tags, metadata: metadata, paragraphs: paragraphs)
            return StoredArticle(article: article, root: root, path: path)
        }

        /// A whole document that is one array of strings (`strings()` steps over the spaces before it).
        mutating func stringArray() -> [String]? {
            guard let result = strings() else { return nil }
            skipSpace()
            return i == bytes.count ? result : nil
        }

        /// The keys of a stored article, as `StoredArticle.encoded()` writes them.
        private enum Key: String, CaseIterable {
            case id, title, path, root, title_line, title_derived, date, source, author, url, section, language, tags,
                 metadata, paragraphs

            /// Each key with the bytes of its name.
            static let table = allCases.map { (key: $0, name: Array($0.rawValue.utf8)) }
        }

        /// The article key at `i`, compared as bytes (making a String of each key was a fifth of the reading),
        /// with its bit (its place among the keys); nil for another key, or one written with escapes.
        private mutating func key() -> (Key, bit: UInt32)? {
            guard let name = plainString() else { return nil }
            for (k, known) in Key.table.enumerated() where known.name.count == name.count {
                if known.name.withUnsafeBufferPointer({ $0.elementsEqual(UnsafeBufferPointer(rebasing: bytes[name])) }) {
                    return (known.key, UInt32(k))
                }
            }
            return nil
        }

        /// A string without escapes or control characters, as the range of its bytes between the quotes; nil for
        /// anything else (the document then goes to JSONDecoder).
        private mutating func plainString() -> Range<Int>? {
            skipSpace()
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            return start..<(i - 1)
        }

        private mutating func paragraphList() -> [Paragraph]? {
            guard consume(UInt8(ascii: "[")) else { return nil }
            var result: [Paragraph] = []
            skipSpace()
            if consume(UInt8(ascii: "]")) { return result }
            repeat {
                guard consume(UInt8(ascii: "{")) else { return nil }
                var text: String?, line: Int?
                var firstKey = true
                while true {
                    skipSpace()
                    if consume(UInt8(ascii: "}")) { break }
                    if !firstKey { guard consume(UInt8(ascii: ",")) else { return nil } }
                    firstKey = false
                    // "t" or "l", each once; anything else is JSONDecoder's to read.
                    guard let key = plainString(), key.count == 1, consume(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    switch bytes[key.lowerBound] {
                    case UInt8(ascii: "t") where text == nil: guard let v = string() else { return nil }; text = v
                    case UInt8(ascii: "l") where line == nil: guard let v = integer() else { return nil }; line = v
                    default: return nil
                    }
                }
                guard let text, let line else { return nil }
                result.append(Paragraph(text: text, line: line))
                skipSpace()
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { return nil }
            return result
        }

        private mutating func metadataTable() -> [String: MetadataValue]? {
            guard consume(UInt8(ascii: "{")) else { return nil }
            var result: [String: MetadataValue] = [:]
            var first = true
            while true {
                skipSpace()
                if consume(UInt8(ascii: "}")) { return result }
                if !first { guard consume(UInt8(ascii: ",")) else { return nil } }
                first = false
                guard let key = string(), consume(UInt8(ascii: ":")), result[key] == nil else { return nil }
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "[") {
                    guard let list = strings() else { return nil }
                    result[key] = .list(list)
                } else {
                    guard let text = string() else { return nil }
                    result[key] = .text(text)
                }
            }
        }

        private mutating func strings() -> [String]? {
            guard consume(UInt8(ascii: "[")) else { return nil }
            var result: [String] = []
            skipSpace()
            if consume(UInt8(ascii: "]")) { return result }
            repeat {
                skipSpace()
                guard let s = string() else { return nil }
                result.append(s)
                skipSpace()
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { return nil }
            return result
        }

        private mutating func integer() -> Int? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let digits = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            // Plain integers only, at most 18 digits (no overflow); "1.0", "1e3" and the like go to JSONDecoder.
            guard i > digits, i - digits <= 18, i == bytes.count || !".eE".utf8.contains(bytes[i]) else { return nil }
            guard !(bytes[digits] == UInt8(ascii: "0") && i - digits > 1) else { return nil }
            var value = 0
            for k in digits..<i { value = value * 10 + Int(bytes[k] - UInt8(ascii: "0")) }
            return bytes[start] == UInt8(ascii: "-") ? -value : value
        }

        private mutating func boolean() -> Bool? {
            if match("true") { return true }
            if match("false") { return false }
            return nil
        }

        private func peekNull() -> Bool {
            i + 4 <= bytes.count && bytes[i] == UInt8(ascii: "n") && bytes[i + 1] == UInt8(ascii: "u")
                && bytes[i + 2] == UInt8(ascii: "l") && bytes[i + 3] == UInt8(ascii: "l")
        }

        private mutating func match(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard i + utf8.count <= bytes.count else { return false }
            for k in utf8.indices where bytes[i + k] != utf8[k] { return false }
            i += utf8.count
            return true
        }

        /// A JSON string: copied as it stands when it holds no escape, else unescaped.
        private mutating func string() -> String? {
            skipSpace()
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count {
                // Eight bytes at a time while none is a quote, a backslash, a control character or outside ASCII
                // (the plain run of almost every string); the loop below judges the rest byte by byte.
                while i + 8 <= bytes.count, Self.plainASCII(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                }
                guard i < bytes.count else { break }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                // Control characters must be escaped; invalid UTF-8 would be repaired by String, not refused.
                if b < 0x20 || b >= 0x80 && !validUTF8Run() { return nil }
                if b < 0x80 { i += 1 }
            }
            // With escapes: gather the bytes.
            var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                // A run of plain bytes (as above), copied at once.
                let run = i
                while i + 8 <= bytes.count, Self.plainASCII(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                }
                while i < bytes.count, bytes[i] >= 0x20, bytes[i] < 0x80, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                    i += 1
                }
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                guard i < bytes.count else { break }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b == UInt8(ascii: "\\") {
                    i += 1
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(code) {
                            guard match("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        out.append(contentsOf: String(scalar).utf8)
                    default: return nil
                    }
                    continue
                }
                if b < 0x20 { return nil }
                if b >= 0x80 {
                    let from = i
                    guard validUTF8Run() else { return nil }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<i]))
                    continue
                }
                out.append(b)
                i += 1
            }
            return nil
        }

        /// Whether none of the eight bytes of `word` is `"`, `\\`, below 0x20 or above 0x7F (bit tricks for a
        /// byte below a bound and a zero byte, as in "Bit Twiddling Hacks").
        @inline(__always)
        private static func plainASCII(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
            let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
            return word & highs == 0 && !belowSpace && !hasZero(word ^ (ones &* 0x22)) && !hasZero(word ^ (ones &* 0x5C))
        }

        /// Steps over one well-formed multi-byte UTF-8 sequence at `i`; false (and `i` unmoved) if it is not one.
        private mutating func validUTF8Run() -> Bool {
            let b = bytes[i]
            let length: Int
            var minimum: UInt32
            var code: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; code = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; code = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; code = UInt32(b & 0x07)
            default: return false
            }
            guard i + length <= bytes.count else { return false }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                code = code << 6 | UInt32(c & 0x3F)
            }
            guard code >= minimum, code <= 0x10FFFF, !(0xD800...0xDFFF).contains(code) else { return false }
            i += length
            return true
        }

        private mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for k in 0..<4 {
                let c = bytes[i + k]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            i += 4
            return value
        }

        private mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        private mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
    }
}
