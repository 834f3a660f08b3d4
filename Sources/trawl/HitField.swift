import TrawlKit

/// A field of a hit that `--fields` can choose for csv, json and jsonl output: the keys of a hit in JSON,
/// `query` (the query's id: 1, or its batch id) and `passage` (the best passage's text).
enum HitField: String, CaseIterable {
    case query, rank, score, id, path, line, title, titleHighlights, date, source, author, url, section, similar
    case passage, passages, explain

    /// The fields named in a comma-separated list, in the order given, each once.
    /// - Throws: `TrawlError` `.usage` naming an unknown field and the valid ones.
    static func list(_ text: String) throws -> [HitField] {
        var fields: [HitField] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = name.filter { !$0.isWhitespace }
            // Case-insensitive, so `titlehighlights` works too.
            guard let field = allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                let shown = name.isEmpty ? "an empty field name" : "unknown field '\(name)'"
                throw TrawlError(.usage, "\(shown) in --fields — choose from "
                    + allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }

    /// The field as one CSV cell: text as is, numbers as in JSON, lists as one line of JSON.
    func cell(_ hit: Hit, queryID: String) throws -> String {
        switch self {
        case .query: queryID
        case .rank: "\(hit.rank)"
        case .score: Formatting.fixed(hit.score, 4)
        case .id: hit.id
        case .path: hit.path
        case .line: "\(hit.line)"
        case .title: hit.title
        case .titleHighlights: try JSONOutput.line(hit.titleHighlights)
        case .date: hit.date ?? ""
        case .source: hit.source ?? ""
        case .author: hit.author ?? ""
        case .url: hit.url ?? ""
        case .section: hit.section ?? ""
        case .similar: "\(hit.similar)"
        case .passage: hit.passages.first?.text ?? ""
        case .passages: try JSONOutput.line(hit.passages)
        case .explain: try hit.explain.map { try JSONOutput.line($0) } ?? ""
        }
    }
}

/// A hit in JSON with only the chosen fields (a field the hit lacks, such as an unknown date, is left out,
/// as in the full hit).
struct SelectedHit: Encodable {
    let hit: Hit
    let fields: [HitField]
    let queryID: String

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for field in fields {
            let key = Key(stringValue: field.rawValue)
            switch field {
            case .query: try c.encode(queryID, forKey: key)
            case .rank: try c.encode(hit.rank, forKey: key)
            case .score: try c.encode(hit.score, forKey: key)
            case .id: try c.encode(hit.id, forKey: key)
            case .path: try c.encode(hit.path, forKey: key)
            case .line: try c.encode(hit.line, forKey: key)
            case .title: try c.encode(hit.title, forKey: key)
            case .titleHighlights: try c.encode(hit.titleHighlights, forKey: key)
            case .date: try c.encodeIfPresent(hit.date, forKey: key)
            case .source: try c.encodeIfPresent(hit.source, forKey: key)
            case .author: try c.encodeIfPresent(hit.author, forKey: key)
            case .url: try c.encodeIfPresent(hit.url, forKey: key)
            case .section: try c.encodeIfPresent(hit.section, forKey: key)
            case .similar: try c.encode(hit.similar, forKey: key)
            case .passage: try c.encodeIfPresent(hit.passages.first?.text, forKey: key)
            case .passages: try c.encode(hit.passages, forKey: key)
            case .explain: try c.encodeIfPresent(hit.explain, forKey: key)
            }
        }
    }
}

/// Search results in JSON with each hit cut down to the chosen fields.
struct SelectedResults: Encodable {
    let results: SearchResults
    let fields: [HitField]
    let queryID: String

    private enum Keys: String, CodingKey {
        case query, parsedQuery, estimatedMatches, offset, limit, hits, suggestion, ranSuggestion, facets
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(results.query, forKey: .query)
        try c.encode(results.parsedQuery, forKey: .parsedQuery)
        try c.encode(results.estimatedMatches, forKey: .estimatedMatches)
        try c.encode(results.offset, forKey: .offset)
        try c.encode(results.limit, forKey: .limit)
        try c.encode(results.hits.map { SelectedHit(hit: $0, fields: fields, queryID: queryID) }, forKey: .hits)
        try c.encodeIfPresent(results.suggestion, forKey: .suggestion)
        try c.encode(results.ranSuggestion, forKey: .ranSuggestion)
        try c.encodeIfPresent(results.facets, forKey: .facets)
    }
}
