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
        var out = try JSONOutput.line(BatchEvent.begin(id: queryID, results: results)) + "\n"
        for hit in results.hits { out += try JSONOutput.line(BatchEvent.hit(id: queryID, hit: hit)) + "\n" }
        out += try JSONOutput.line(BatchEvent.end(id: queryID, results: results)) + "\n"
        return out
    }
}

/// The JSON Lines events of a batch run.
enum BatchEvent: Encodable {
    case begin(id: String, results: SearchResults)
    case hit(id: String, hit: Hit)
    case end(id: String, results: SearchResults)

    private enum Keys: String, CodingKey { case event, id, query, estimatedMatches, hit, hits }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .begin(id, results):
            try c.encode("begin", forKey: .event)
            try c.encode(id, forKey: .id)
            try c.encode(results.query, forKey: .query)
            try c.encode(results.estimatedMatches, forKey: .estimatedMatches)
        case let .hit(id, hit):
            try c.encode("hit", forKey: .event)
            try c.encode(id, forKey: .id)
            try c.encode(hit, forKey: .hit)
        case let .end(id, results):
            try c.encode("end", forKey: .event)
            try c.encode(id, forKey: .id)
            try c.encode(results.hits.count, forKey: .hits)
        }
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
