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
        // Most articles start with 4,096 bytes of printable ASCII and line breaks: then those are the first
        // 4,096 characters (or all of them), none odd, told without decoding a scalar.
        if text.utf8.prefix(4096).allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C }) {
            return false
        }
        var total = 0, odd = 0
        for scalar in text.unicodeScalars.prefix(4096) {
            total += 1
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D && v != 0x0C) || v == 0x7F || v == 0xFFFD
                || (v >= 0x80 && v < 0xA0) {
                odd += 1
            }
        }
        return total > 0 && odd * 10 > total
    }

    /// "\r\n" and lone "\r" become "\n".
    public static func normaliseLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                result.unicodeScalars.append("\n")
                previousWasCR = true
            } else {
                if !(scalar == "\n" && previousWasCR) { result.unicodeScalars.append(scalar) }
                previousWasCR = false
            }
        }
        return result
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
