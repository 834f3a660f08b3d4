/// One piece of HTML source, as `HTMLScanner` reads it. Lines are 1-based lines of the source.
enum HTMLToken: Equatable {
    /// A start tag, `<p class="lead">`.
    case startTag(HTMLTag)
    /// An end tag, `</p>`; the name lowercased.
    case endTag(name: String, line: Int)
    /// Text between tags, entities decoded. White space is kept as in the source (an entity that stands for
    /// white space becomes a space), so each "\n" in it is a line break of the file; `line` is where it starts.
    case text(String, line: Int)
    /// The content of a raw-text element (`script`, `style`, `iframe`, `noscript`, ...), as is.
    case rawText(String, line: Int)
}

/// A start tag: its name and attributes lowercased, attribute values with entities decoded.
struct HTMLTag: Equatable {
    var name: String
    /// In source order; of a repeated attribute only the first is kept (as browsers do).
    var attributes: [(name: String, value: String)]
    /// Written as `<br/>`.
    var selfClosing: Bool
    /// The line of the `<`.
    var line: Int

    /// The value of the attribute `name` (lowercase), or nil when the tag has none.
    subscript(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }

    static func == (a: HTMLTag, b: HTMLTag) -> Bool {
        a.name == b.name && a.selfClosing == b.selfClosing && a.line == b.line
            && a.attributes.elementsEqual(b.attributes, by: { $0.name == $1.name && $0.value == $1.value })
    }
}

/// A lenient, single-pass HTML tokenizer: tags, text and raw text with the lines they start on.
///
/// It never fails and runs in time linear in the input: comments, `<!...>` and `<?...>` are skipped; an
/// unterminated comment, CDATA section or raw-text element (`<script>` without `</script>`) runs to the end of
/// the file; a `<` that does not open a tag (`a < b`, `<3`, a tag with no `>` before the end) is text; attribute
/// values may be quoted or not; a quoted value with no closing quote ends at the next `>`. It does not build a
/// tree: `HTMLReader` keeps the stack of open elements.
struct HTMLScanner: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0
    /// The line of the byte at `lineCursor`.
    private var lineCursor = 0
    private var cursorLine = 1
    /// A token found after text that had to be returned first.
    private var pending: HTMLToken? = nil
    /// The raw-text or RCDATA element whose content comes next.
    private var rawElement: (name: String, decodesEntities: Bool)? = nil
    /// Searches that reached the end of the file: nothing of the kind is found from there on. Each kind of
    /// search thus runs to the end at most once, which keeps broken files linear.
    private var noGreaterThanFrom = Int.max
    private var noDoubleQuoteFrom = Int.max
    private var noSingleQuoteFrom = Int.max

    /// Elements whose content is not markup. `title` and `textarea` decode entities in it; the others do not.
    static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]
    static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    /// At most this many attributes are kept per tag.
    private static let maxAttributes = 256

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func next() -> HTMLToken? {
        if let token = pending {
            pending = nil
            return token
        }
        if let raw = rawElement {
            rawElement = nil
            let start = position
            let end = rawTextEnd(name: raw.name, from: start)
            position = end
            if end > start {
                let line = line(at: start)
                let slice = bytes[start..<end]
                return raw.decodesEntities ? .text(HTMLEntities.decode(slice, inAttribute: false), line: line)
                    : .rawText(String(decoding: slice, as: UTF8.self), line: line)
            }
        }
        var textStart = position
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                continue
            }
            let start = position
            guard let markup = markup(at: start) else {
                position = start + 1  // not markup: the `<` is text
                continue
            }
            if start > textStart {
                pending = markup
                return text(textStart..<start)
            }
            if let markup { return markup }
            textStart = position  // a comment: skipped
        }
        return textStart < position ? text(textStart..<position) : nil
    }

    private mutating func text(_ range: Range<Int>) -> HTMLToken {
        .text(HTMLEntities.decode(bytes[range], inAttribute: false), line: line(at: range.lowerBound))
    }

    /// The markup at `start` (a `<`): a token, `.some(nil)` for a skipped comment or declaration, or nil when
    /// the `<` opens nothing. On success `position` is past the markup.
    private mutating func markup(at start: Int) -> HTMLToken?? {
        let next = byte(start + 1)
        if next == UInt8(ascii: "!") {
            if matches("<!--", at: start) {
                let body = start + 4
                if byte(body) == UInt8(ascii: ">") {
                    position = body + 1
                } else if matches("->", at: body) {
                    position = body + 2
                } else {
                    position = find("-->", from: body).map { $0 + 3 } ?? bytes.count
                }
                return .some(nil)
            }
            if matches("<![CDATA[", at: start) {
                position = find("]]>", from: start + 9).map { $0 + 3 } ?? bytes.count
                return .some(nil)
            }
            guard let end = findGreaterThan(from: start + 2) else { return nil }
            position = end + 1  // <!DOCTYPE ...> and other declarations
            return .some(nil)
        }
        if next == UInt8(ascii: "?") {
            guard let end = findGreaterThan(from: start + 2) else { return nil }
            position = end + 1
            return .some(nil)
        }
        if next == UInt8(ascii: "/") {
            if byte(start + 2) == UInt8(ascii: ">") {
                position = start + 3  // `</>` is nothing
                return .some(nil)
            }
            guard isLetter(byte(start + 2)) else { return nil }
            var i = start + 2
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
            let name = lowercased(start + 2..<i)
            guard let end = findGreaterThan(from: i) else { return nil }
            position = end + 1
            return .endTag(name: name, line: line(at: start))
        }
        guard isLetter(next) else { return nil }
        guard let tag = startTag(at: start) else { return nil }
        if Self.rawTextElements.contains(tag.name) {
            rawElement = (tag.name, false)
        } else if Self.escapableRawTextElements.contains(tag.name) {
            rawElement = (tag.name, true)
        }
        return .startTag(tag)
    }

    /// Reads `<name attr=value ...>` at `start`; nil when no `>` closes it.
    private mutating func startTag(at start: Int) -> HTMLTag? {
        guard start < noGreaterThanFrom else { return nil }
        var i = start + 1
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
        let name = lowercased(start + 1..<i)
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while true {
            while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") {
                selfClosing = bytes[i] == UInt8(ascii: "/")
                i += 1
            }
            guard i < bytes.count else {
                // No `>` before the end: whatever follows holds no tag either, so stop looking (linear time).
                noGreaterThanFrom = Swift.min(noGreaterThanFrom, start)
                return nil
            }
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
                break
            }
            selfClosing = false
            let nameStart = i
            i += 1  // a name may begin with `=`
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">"),
                  bytes[i] != UInt8(ascii: "=") { i += 1 }
            let nameEnd = i
            var value = i..<i
            var j = i
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "=") {
                j += 1
                while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                    if let close = findQuote(bytes[j], from: j + 1) {
                        value = j + 1..<close
                        i = close + 1
                    } else {
                        let end = findGreaterThan(from: j + 1) ?? bytes.count
                        value = j + 1..<end
                        i = end
                    }
                } else {
                    let valueStart = j
                    while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { j += 1 }
                    value = valueStart..<j
                    i = j
                }
            }
            if attributes.count < Self.maxAttributes {
                let attributeName = lowercased(nameStart..<nameEnd)
                if !attributes.contains(where: { $0.name == attributeName }) {
                    attributes.append((attributeName, HTMLEntities.decode(bytes[value], inAttribute: true)))
                }
            }
        }
        position = i
        // `<script/>` still opens a script in HTML: its content runs to `</script>`.
        let raw = Self.rawTextElements.contains(name) || Self.escapableRawTextElements.contains(name)
        return HTMLTag(name: name, attributes: attributes, selfClosing: selfClosing && !raw, line: line(at: start))
    }

    /// Where the content of the raw-text element `name` ends: at its `</name` (any case), else the end.
    private func rawTextEnd(name: String, from start: Int) -> Int {
        let nameBytes = Array(name.utf8)
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "/") {
                var k = 0
                while k < nameBytes.count, i + 2 + k < bytes.count, lower(bytes[i + 2 + k]) == nameBytes[k] { k += 1 }
                let after = i + 2 + k
                if k == nameBytes.count,
                   after == bytes.count || isSpace(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                    || bytes[after] == UInt8(ascii: "/") {
                    return i
                }
            }
            i += 1
        }
        return bytes.count
    }

    // MARK: Searching

    private mutating func findGreaterThan(from start: Int) -> Int? {
        guard start < noGreaterThanFrom else { return nil }
        if let found = find(UInt8(ascii: ">"), from: start) { return found }
        noGreaterThanFrom = start
        return nil
    }

    private mutating func findQuote(_ quote: UInt8, from start: Int) -> Int? {
        let double = quote == UInt8(ascii: "\"")
        guard start < (double ? noDoubleQuoteFrom : noSingleQuoteFrom) else { return nil }
        if let found = find(quote, from: start) { return found }
        if double { noDoubleQuoteFrom = start } else { noSingleQuoteFrom = start }
        return nil
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private func find(_ string: StaticString, from start: Int) -> Int? {
        let first = string.utf8Start.pointee
        var i = start
        while i < bytes.count {
            if bytes[i] == first, matches(string, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Whether the bytes at `index` spell `string` exactly (it is ASCII).
    private func matches(_ string: StaticString, at index: Int) -> Bool {
        let count = string.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return string.withUTF8Buffer { pattern in
            for k in 0..<count where bytes[index + k] != pattern[k] { return false }
            return true
        }
    }

    // MARK: Bytes

    /// The 1-based line of the byte at `index`. The cursor moves from the previous call's index, which is at
    /// most one token away, so the scan stays linear.
    private mutating func line(at index: Int) -> Int {
        while lineCursor < index {
            if bytes[lineCursor] == UInt8(ascii: "\n") { cursorLine += 1 }
            lineCursor += 1
        }
        while lineCursor > index {
            lineCursor -= 1
            if bytes[lineCursor] == UInt8(ascii: "\n") { cursorLine -= 1 }
        }
        return cursorLine
    }

    private func byte(_ index: Int) -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    private func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map(lower), as: UTF8.self)
    }
}

private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

private func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
}

private func lower(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
}

/// HTML character references: `&amp;`, `&#8217;`, `&#x2019;`.
enum HTMLEntities {
    /// Decodes the references in `bytes` (UTF-8). Unknown or malformed references stay as written. In text
    /// (`inAttribute` false) a reference that stands for white space becomes a space, so that every "\n" in the
    /// result is a line break of the source.
    static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard bytes[i] == UInt8(ascii: "&"),
                  let (decoded, end) = reference(in: bytes, at: i, inAttribute: inAttribute) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            for scalar in decoded.unicodeScalars {
                let kept = !inAttribute && scalar.properties.isWhitespace ? " " : scalar
                out.append(contentsOf: String(kept).utf8)
            }
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The reference at `start` (an `&`): what it stands for and where it ends.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int, inAttribute: Bool) -> (String, Int)? {
        var i = start + 1
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < bytes.endIndex && (bytes[i] == UInt8(ascii: "x") || bytes[i] == UInt8(ascii: "X"))
            if hex { i += 1 }
            let digitsStart = i
            var value: UInt32 = 0
            while i < bytes.endIndex, let digit = digitValue(bytes[i], hex: hex) {
                if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + digit }
                i += 1
            }
            guard i > digitsStart else { return nil }
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: ";") { i += 1 }
            return (character(for: value), i)
        }
        let nameStart = i
        while i < bytes.endIndex, i - nameStart < 32, isAlphanumeric(bytes[i]) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: ";"), let decoded = named[name] {
            return (decoded, i + 1)
        }
        // A few old names are read without their `;` ("&copy 2024", "AT&amp T"); in an attribute only when
        // nothing alphanumeric or `=` follows, so that URLs like `?a=1&copy=2` stay as written.
        for legacy in legacyNames where name.hasPrefix(legacy) {
            let end = nameStart + legacy.utf8.count
            if inAttribute {
                guard end == i, i == bytes.endIndex || bytes[i] != UInt8(ascii: "=") else { return nil }
            }
            return (named[legacy]!, end)
        }
        return nil
    }

    private static func character(for value: UInt32) -> String {
        // 0x80-0x9F mean what Windows-1252 puts there (`&#146;` is ’), as browsers read them.
        if (0x80...0x9F).contains(value), let text = TextDecoding.decode([UInt8(value)])?.text { return text }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return String(scalar)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte)
    }

    private static let legacyNames = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// The named references news pages use; others stay as written.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "shy": "\u{AD}", "zwnj": "\u{200C}",
        "zwj": "\u{200D}", "mdash": "—", "ndash": "–", "minus": "−", "hellip": "…", "bull": "•", "middot": "·",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„", "laquo": "«",
        "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "prime": "′", "Prime": "″",
        "pound": "£", "euro": "€", "cent": "¢", "yen": "¥", "dollar": "$", "copy": "©", "reg": "®",
        "trade": "™", "deg": "°", "sect": "§", "para": "¶", "dagger": "†", "Dagger": "‡", "permil": "‰",
        "times": "×", "divide": "÷", "plusmn": "±", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²",
        "sup3": "³", "micro": "µ", "iexcl": "¡", "iquest": "¿", "ordf": "ª", "ordm": "º",
        "aacute": "á", "Aacute": "Á", "agrave": "à", "Agrave": "À", "acirc": "â", "Acirc": "Â", "atilde": "ã",
        "Atilde": "Ã", "auml": "ä", "Auml": "Ä", "aring": "å", "Aring": "Å", "aelig": "æ", "AElig": "Æ",
        "ccedil": "ç", "Ccedil": "Ç", "eacute": "é", "Eacute": "É", "egrave": "è", "Egrave": "È", "ecirc": "ê",
        "Ecirc": "Ê", "euml": "ë", "Euml": "Ë", "iacute": "í", "Iacute": "Í", "igrave": "ì", "Igrave": "Ì",
        "icirc": "î", "Icirc": "Î", "iuml": "ï", "Iuml": "Ï", "ntilde": "ñ", "Ntilde": "Ñ", "oacute": "ó",
        "Oacute": "Ó", "ograve": "ò", "Ograve": "Ò", "ocirc": "ô", "Ocirc": "Ô", "otilde": "õ", "Otilde": "Õ",
        "ouml": "ö", "Ouml": "Ö", "oslash": "ø", "Oslash": "Ø", "oelig": "œ", "OElig": "Œ", "scaron": "š",
        "Scaron": "Š", "szlig": "ß", "uacute": "ú", "Uacute": "Ú", "ugrave": "ù", "Ugrave": "Ù", "ucirc": "û",
        "Ucirc": "Û", "uuml": "ü", "Uuml": "Ü", "yacute": "ý", "Yacute": "Ý", "yuml": "ÿ", "Yuml": "Ÿ",
        "zcaron": "ž", "Zcaron": "Ž", "eth": "ð", "ETH": "Ð", "thorn": "þ", "THORN": "Þ",
    ]
}
