/// Queries for a batch run, one per line: `id<TAB>query`, or just the query (its id is then its line number).
/// Blank lines and lines starting with `#` are skipped.
public struct BatchQuery: Sendable, Equatable {
    public let id: String
    public let query: String
    /// The 1-based line of the batch file it came from.
    public let line: Int

    public init(id: String, query: String, line: Int) {
        self.id = id
        self.query = query
        self.line = line
    }

    /// The queries in a batch file's text.
    public static func parse(_ text: String) -> [BatchQuery] {
        var result: [BatchQuery] = []
        // "\r\n" is one Character in Swift: normalise line ends before splitting.
        let lines = TextDecoding.normaliseLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            guard line.contains(where: { !$0.isWhitespace }), !line.hasPrefix("#") else { continue }
            if let tab = line.firstIndex(of: "\t") {
                let id = line[..<tab].trimmingPrefix(while: \.isWhitespace)
                result.append(BatchQuery(id: String(id), query: String(line[line.index(after: tab)...]), line: index + 1))
            } else {
                result.append(BatchQuery(id: String(index + 1), query: String(line), line: index + 1))
            }
        }
        return result
    }
}

extension Hit {
    /// The document id of TREC runs: the article id without its file extension ("docs/12.txt" → "docs/12").
    public var trecDocumentID: String {
        let id = self.id
        let slash = id.lastIndex(of: "/").map { id.index(after: $0) } ?? id.startIndex
        guard let dot = id[slash...].lastIndex(of: "."), dot > slash else { return id }
        return String(id[..<dot]) + id[id.index(after: dot)...].drop(while: { $0 != "#" })
    }
}
