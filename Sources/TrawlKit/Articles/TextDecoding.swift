#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
/// and Windows-1252 for files that are not valid UTF-8; line ends normalised to "\n".
public enum TextDecoding {
    /// What the bytes turned out to be.
    public enum Encoding: String, Sendable {
        case utf8, utf16LittleEndian, utf16BigEndian, windows1252
    }

    /// Decodes `bytes`, or returns nil when they look binary: a NUL byte outside UTF-16, or mostly
    /// control characters and undecodable bytes.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding)? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
        } else if body.starts(with: [0xFF, 0xFE]) {
            return (normaliseLineEnds(decodeUTF16(body.dropFirst(2), bigEndian: false)), .utf16LittleEndian)
        } else if body.starts(with: [0xFE, 0xFF]) {
            return (normaliseLineEnds(decodeUTF16(body.dropFirst(2), bigEndian: true)), .utf16BigEndian)
        }
        if body.contains(0) { return nil }
        if let text = String(validating: body, as: UTF8.self) {
            return looksBinary(text) ? nil : (normaliseLineEnds(text), .utf8)
        }
        let text = decodeWindows1252(body)
        return looksBinary(text) ? nil : (normaliseLineEnds(text), .windows1252)
    }

    /// More than a tenth of the first 4,096 characters are control characters or undecodable.
    static func looksBinary(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Told from the UTF-8 bytes, one pass: a scalar starts at each byte that does not continue one;
            // U+FFFD is EF BF BD, and U+0080-U+009F are C2 80-C2 9F.
            var total = 0, odd = 0, i = 0
            let count = bytes.count
            while i < count, total < 4096 {
                let byte = bytes[i]
                if byte < 0x80 {
                    if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C) || byte == 0x7F {
                        odd += 1
                    }
                    total += 1
                } else if byte >= 0xC0 {
                    if byte == 0xC2, i + 1 < count, bytes[i + 1] < 0xA0 {
                        odd += 1
                    } else if byte == 0xEF, i + 2 < count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBD {
                        odd += 1
                    }
                    total += 1
                }
                i += 1
            }
            return total > 0 && odd * 10 > total
        }
    }

    private static let carriageReturn = Needle("\r")

    /// "\r\n" and lone "\r" become "\n".
    public static func normaliseLineEnds(_ text: String) -> String {
        guard carriageReturn.occurs(in: text) else { return text }
        // "\r" and "\n" are bytes of their own in UTF-8, never part of another character's.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 13 {
                result.append(10)
                previousWasCR = true
            } else {
                if !(byte == 10 && previousWasCR) { result.append(byte) }
                previousWasCR = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The lines of `text`, split at each "\n" with empty lines kept (what
    /// `text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)` gives), found with memchr.
    /// Decoded text has no other line ends, and "\n" is a character of its own.
    public static func lines(of text: String) -> [Substring] {
        var text = text
        let breaks: [Int] = text.withUTF8 { bytes in
            var breaks: [Int] = []
            guard let base = bytes.baseAddress else { return breaks }
            var at = base
            let end = base + bytes.count
            while at < end, let found = memchr(at, 0x0A, end - at) {
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                breaks.append(newline - base)
                at = newline + 1
            }
            return breaks
        }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        let utf8 = text.utf8
        var start = utf8.startIndex
        for offset in breaks {
            let newline = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(text[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(text[start...])
        return lines
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    // Windows-1252 differs from Latin-1 only in 0x80-0x9F, where it has typographic characters.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    private static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var result = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
            result.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(result)
    }
}
