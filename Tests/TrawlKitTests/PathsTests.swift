import Testing
@testable import TrawlKit

/// `Paths.normalise` returns a path that is already normal as it is (without splitting it): the same result
/// as splitting it, on paths built from every awkward component.
@Suite struct PathsTests {
    /// `normalise` without its shortcut.
    private func split(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    @Test func normaliseGivesWhatSplittingGives() {
        let pieces = ["", ".", "..", "...", ".a", "a.", "a", "é", "\u{301}", ".\u{301}", "b c", "/"]
        var paths = ["", "/", "//", "/a/b", "a/b", "/a/b/", "a//b", "/./a", "a/..", "../a", "/..", "/\u{301}a",
                     "/work/shared/corpora/reuters/1987-03/834.md"]
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    paths.append(a + "/" + b + "/" + c)
                    paths.append("/" + a + "/" + b + c)
                }
            }
        }
        for path in paths {
            #expect(Paths.normalise(path) == split(path), "\(path.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(Paths.isNormal("/a/b.md"))
        #expect(!Paths.isNormal("/a/./b.md"))
    }
}
