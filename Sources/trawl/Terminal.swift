import TrawlKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal: is an output a TTY, is colour wanted, writing diagnostics, ANSI styles.
enum Terminal {
    enum Stream { case standardOutput, standardError }

    static func isTerminal(_ stream: Stream) -> Bool {
        isatty(stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO) == 1
    }

    /// NO_COLOR set to anything non-empty (https://no-color.org).
    static var noColorRequested: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    /// Writes a line to stderr. Control characters in it (from a query, a file name) are shown as U+FFFD:
    /// they could break the line or drive the terminal.
    static func diagnostic(_ line: String) {
        var safe = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            safe.append(control ? "\u{FFFD}" : scalar)
        }
        writeError(String(safe) + "\n")
    }

    /// Writes "trawl: message" to stderr.
    static func error(_ message: String) {
        diagnostic("trawl: " + message)
    }

    /// Writes text to stderr without a newline (progress lines).
    static func progress(_ text: String) {
        writeError(text)
    }

    /// Writes bytes to standard output after what `print` has buffered (flushed first, so the order stays), as
    /// `print` would write their text: search results in JSON are written from their bytes, since making a String
    /// of them checks all of their UTF-8 again.
    static func writeOutput(_ bytes: [UInt8]) {
        fflush(nil)
        bytes.withUnsafeBufferPointer { writeAll($0, to: STDOUT_FILENO) }
    }

    /// Unbuffered write to file descriptor 2 (the C `stderr` global is not concurrency-safe in Swift 6).
    private static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { writeAll($0, to: STDERR_FILENO) }
    }

    /// Writes all of `buffer` to `descriptor`, as far as it will take it (a closed pipe ends the write quietly).
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    enum Style: String {
        case bold = "1"
        case match = "1;31"
        case path = "35"
        case line = "32"
        case dim = "2"
    }

    /// `text` wrapped in an ANSI style when `enabled`.
    static func styled(_ text: String, _ style: Style, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

extension Terminal {
    /// Says so on stderr when trawl.toml's synonyms are not yet in the index.
    static func warnIfSynonymsStale(_ searcher: Searcher) {
        if searcher.synonymsStale {
            diagnostic("trawl: trawl.toml's [synonyms] changed since the index was built — run `trawl index` to apply them")
        }
    }
}
