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

    /// `json(results, queryID:)` and a line break, as UTF-8 (without making a String when the writer writes it).
    func jsonLine(_ results: SearchResults, queryID: String) throws -> [UInt8] {
        var bytes = try fields == nil ? JSONOutput.encodedBytes(results) : Array(json(results, queryID: queryID).utf8)
        bytes.append(0x0A)
        return bytes
    }

    /// `json(all)` and a line break, as UTF-8 (without making a String when the writer writes it).
    func jsonLine(_ all: [(id: String, results: SearchResults)]) throws -> [UInt8] {
        var bytes = try fields == nil ? JSONOutput.encodedBytes(all.map(\.results)) : Array(json(all).utf8)
        bytes.append(0x0A)
        return bytes
    }

    /// A hit on one line of JSON.
    private func line(_ hit: Hit, queryID: String) throws -> String {
        guard let fields else { return try JSONOutput.line(hit) }
        return try JSONOutput.line(SelectedHit(hit: hit, fields: fields, queryID: queryID))
    }

    /// `{"event":"begin",...}`, a `hit` event per hit, `{"event":"end",...}`.
    private func events(_ results: SearchResults, queryID: String) throws -> String {
        try QueryEvents(id: queryID, results: results, fields: fields).lines()
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
    /// The keys of each hit (`--fields`), nil for all.
    var fields: [HitField]? = nil
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
            if fields == nil {
                out += try JSONOutput.hitEvent(id: id, hit: hit, status: status?.rawValue) + "\n"
                continue
            }
            let selected = fields.map { SelectedHit(hit: hit, fields: $0, queryID: id) }
            out += try JSONOutput.line(HitEvent(id: id, hit: hit, selected: selected, status: status?.rawValue)) + "\n"
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

    /// A hit event as the encoder writes it (`JSONOutput.hitEvent` writes the same without it).
    struct HitEvent: Encodable {
        let id: String
        let hit: Hit
        let selected: SelectedHit?
        let status: String?

        private enum Keys: String, CodingKey { case event, id, hit, status }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode("hit", forKey: .event)
            try c.encode(id, forKey: .id)
            if let selected { try c.encode(selected, forKey: .hit) } else { try c.encode(hit, forKey: .hit) }
            try c.encodeIfPresent(status, forKey: .status)
        }
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
