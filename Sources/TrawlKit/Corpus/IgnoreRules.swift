#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules of one `.trawlignore` file, with gitignore's syntax and meaning: one pattern per line; `#`
/// starts a comment; `!` re-includes what an earlier pattern excluded; a trailing `/` matches folders only;
/// a pattern with a `/` before its end is anchored to the folder of the `.trawlignore`, one without matches a
/// name at any depth; `*`, `?` and `[...]` match within a name, `**` across folders. The last matching
/// pattern decides. A `.trawlignore` applies to its folder and everything below it.
public struct IgnoreRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var negated: Bool
        var directoryOnly: Bool
        var anchored: Bool
        var segments: [String]
    }

    var rules: [Rule]

    /// The rules in the text of a `.trawlignore`.
    public init(_ text: String) {
        rules = text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            var line = Substring(raw)
            while let last = line.last, last == " " || last == "\r" || last == "\t" { line = line.dropLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            var rule = Rule(negated: false, directoryOnly: false, anchored: false, segments: [])
            if line.hasPrefix("!") {
                rule.negated = true
                line = line.dropFirst()
            } else if line.hasPrefix("\\") {
                line = line.dropFirst()  // "\#file", "\!file": the character itself
            }
            if line.hasSuffix("/") {
                rule.directoryOnly = true
                line = line.dropLast()
            }
            rule.anchored = line.contains("/")
            if line.hasPrefix("/") { line = line.dropFirst() }
            rule.segments = line.split(separator: "/").map(String.init)
            return rule.segments.isEmpty ? nil : rule
        }
    }

    /// Whether this file's rules decide about `path` (components relative to the `.trawlignore`'s folder):
    /// true to ignore, false to re-include, nil when no rule matches.
    public func decision(for path: [String], isDirectory: Bool) -> Bool? {
        var result: Bool? = nil
        for rule in rules where !(rule.directoryOnly && !isDirectory) {
            let matched = rule.anchored
                ? Self.match(rule.segments[...], path[...])
                : path.last.map { Self.matchName(rule.segments[0], $0) } ?? false
            if matched { result = !rule.negated }
        }
        return result
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let name = path.first, matchName(first, name) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchName(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
