import TrawlKit

/// Writes search results in the chosen format.
struct ResultRenderer {
    let format: SearchFormat
    let color: Bool
    /// The fields of each hit to write (`--fields`), for csv, json and jsonl; nil for the defaults.
    var fields: [HitField]? = nil

    /// The text for one query's results (ending with a newline when not empty). In a batch, text output gets
    /// a heading per query and JSON Lines output becomes begin/hit/end events.
    /// `first` is false for the later queries of a batch (CSV writes its header once).
    func render(_ results: SearchResults, queryID: String, batch: Bool = false, first: Bool = true) throws -> String {
        switch format {
        case .text:
            let renderer = TextRenderer(color: color)
            var body = try fields.map { try renderer.render(results, fields: $0, queryID: queryID) } ?? renderer.render(results)
            // Nothing matched: nothing to count.
            if let facets = results.facets, results.estimatedMatches > 0 { body += renderer.render(facets) }
            return batch ? "# \(queryID): \(results.query)\n\n" + (body.isEmpty ? "(no matching articles)\n\n" : body) : body
        case .json:
            return try json(results, queryID: queryID) + "\n"
        case .jsonl:
            return try batch ? events(results, queryID: queryID) : results.hits.map { try line($0, queryID: queryID) + "\n" }.joined()
        case .csv:
            return try CSV.render(results, queryID: queryID, header: first, columns: fields ?? CSV.columns)
        case .trec:
            return results.hits.map {
                "\(queryID) Q0 \($0.trecDocumentID) \($0.rank) \(Formatting.fixed($0.score, 6)) trawl\n"
            }.joined()
        }
    }

    /// The results as one JSON document, hits cut down to `fields` when chosen.
    func json(_ results: SearchResults, queryID: String) throws -> String {
        guard let fields else { return try JSONOutput.encode(results) }
        return try JSONOutput.encode(SelectedResults(results: results, fields: fields, queryID: queryID))
    }

    /// A batch's results as one JSON array.
    func json(_ all: [(id: String, results: SearchResults)]) throws -> String {
        guard let fields else { return try JSONOutput.encode(all.map(\.results)) }
        return try JSONOutput.encode(all.map { SelectedResults(results: $0.results, fields: fields, queryID: $0.id) })
    }

    /// A hit on one line of JSON.
    private func line(_ hit: Hit, queryID: String) throws -> String {
        guard let fields else { return try JSONOutput.line(hit) }
        return try JSONOutput.line(SelectedHit(hit: hit, fields: fields, queryID: queryID))
    }

    /// `{"event":"begin",...}`, a `hit` event per hit, `{"event":"end",...}`.
    private func events(_ results: SearchResults, queryID: String) throws -> String {
        var out = try JSONOutput.line(BatchEvent.begin(id: queryID, results: results)) + "\n"
        for hit in results.hits {
            let selected = fields.map { SelectedHit(hit: hit, fields: $0, queryID: queryID) }
            out += try JSONOutput.line(BatchEvent.hit(id: queryID, hit: hit, selected: selected)) + "\n"
        }
        out += try JSONOutput.line(BatchEvent.end(id: queryID, results: results)) + "\n"
        return out
    }
}

/// The JSON Lines events of a batch run.
enum BatchEvent: Encodable {
    case begin(id: String, results: SearchResults)
    case hit(id: String, hit: Hit, selected: SelectedHit?)
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
        case let .hit(id, hit, selected):
            try c.encode("hit", forKey: .event)
            try c.encode(id, forKey: .id)
            if let selected { try c.encode(selected, forKey: .hit) } else { try c.encode(hit, forKey: .hit) }
        case let .end(id, results):
            try c.encode("end", forKey: .event)
            try c.encode(id, forKey: .id)
            try c.encode(results.hits.count, forKey: .hits)
        }
    }
}

/// Comma-separated values (RFC 4180): one row per hit; by default the best passage's text in the last column.
enum CSV {
    static let columns: [HitField] = [.query, .rank, .score, .path, .line, .title, .date, .source, .section, .similar, .passage]

    static func render(_ results: SearchResults, queryID: String, header: Bool, columns: [HitField] = columns) throws -> String {
        var out = header ? columns.map(\.rawValue).joined(separator: ",") + "\r\n" : ""
        for hit in results.hits {
            let row = try columns.map { try $0.cell(hit, queryID: queryID) }
            out += row.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
