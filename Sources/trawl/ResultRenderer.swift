import TrawlKit

/// Writes search results in the chosen format.
struct ResultRenderer {
    let format: SearchFormat
    let color: Bool

    /// The text for one query's results (ending with a newline when not empty). In a batch, text output gets
    /// a heading per query and JSON Lines output becomes begin/hit/end events.
    /// `first` is false for the later queries of a batch (CSV writes its header once).
    func render(_ results: SearchResults, queryID: String, batch: Bool = false, first: Bool = true) throws -> String {
        switch format {
        case .text:
            let body = TextRenderer(color: color).render(results)
            return batch ? "# \(queryID): \(results.query)\n\n" + (body.isEmpty ? "(no matching articles)\n\n" : body) : body
        case .json:
            return try JSONOutput.encode(results) + "\n"
        case .jsonl:
            return try batch ? events(results, queryID: queryID) : results.hits.map { try JSONOutput.line($0) + "\n" }.joined()
        case .csv:
            return CSV.render(results, queryID: queryID, header: first)
        case .trec:
            return results.hits.map {
                "\(queryID) Q0 \($0.trecDocumentID) \($0.rank) \(Formatting.fixed($0.score, 6)) trawl\n"
            }.joined()
        }
    }

    /// `{"event":"begin",...}`, a `hit` event per hit, `{"event":"end",...}`.
    private func events(_ results: SearchResults, queryID: String) throws -> String {
        try QueryEvents(id: queryID, results: results).lines()
    }
}

/// The JSON Lines events of a batch or of saved queries run together, documented in the README:
///
///     {"event":"begin","id":ID,"query":TEXT,"total":N[,"name":NAME,"description":TEXT,"new":true]}
///     {"event":"hit","id":ID,"hit":HIT[,"status":"new"|"changed"]}
///     {"event":"end","id":ID,"hits":N,"total":N[,"new":N,"changed":N]}
///
/// `id` is the query's batch id or its saved name; `total` how many articles match in all.
struct QueryEvents {
    let id: String
    let results: SearchResults
    var saved: SavedQuery? = nil
    /// Per hit, why `--new` reports it; empty outside `--new`.
    var statuses: [SavedRun.Status?] = []
    var onlyNew = false

    func lines() throws -> String {
        var out = try JSONOutput.line(Begin(id: id, query: results.query, total: results.estimatedMatches,
                                            name: saved?.name, description: saved?.description,
                                            new: onlyNew ? true : nil)) + "\n"
        for (index, hit) in results.hits.enumerated() {
            let status = index < statuses.count ? statuses[index] : nil
            out += try JSONOutput.line(HitEvent(id: id, hit: hit, status: status?.rawValue)) + "\n"
        }
        out += try JSONOutput.line(End(id: id, hits: results.hits.count, total: results.estimatedMatches,
                                       new: onlyNew ? statuses.count { $0 == .new } : nil,
                                       changed: onlyNew ? statuses.count { $0 == .changed } : nil)) + "\n"
        return out
    }

    private struct Begin: Encodable {
        var event = "begin"
        let id: String
        let query: String
        let total: Int
        let name: String?
        let description: String?
        let new: Bool?
    }

    private struct HitEvent: Encodable {
        var event = "hit"
        let id: String
        let hit: Hit
        let status: String?
    }

    private struct End: Encodable {
        var event = "end"
        let id: String
        let hits: Int
        let total: Int
        let new: Int?
        let changed: Int?
    }
}

/// Comma-separated values (RFC 4180): one row per hit, the best passage's text in the last column.
enum CSV {
    static let columns = ["query", "rank", "score", "path", "line", "title", "date", "source", "section", "similar", "passage"]

    static func render(_ results: SearchResults, queryID: String, header: Bool) -> String {
        var out = header ? columns.joined(separator: ",") + "\r\n" : ""
        for hit in results.hits {
            let row = [queryID, "\(hit.rank)", Formatting.fixed(hit.score, 4), hit.path, "\(hit.line)", hit.title,
                       hit.date ?? "", hit.source ?? "", hit.section ?? "", "\(hit.similar)", hit.passages.first?.text ?? ""]
            out += row.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
