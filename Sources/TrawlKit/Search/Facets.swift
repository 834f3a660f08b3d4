/// A field whose values `trawl search --facets` counts among all matches.
public enum Facet: String, Sendable, CaseIterable, Codable {
    /// The section (the first folder under the corpus root).
    case section
    /// The source or site, as the article gives it.
    case source
    /// The publication year, "2024".
    case year
    /// The publication month, "2024-02".
    case month

    /// The value slot the indexer writes this field to.
    var slot: UInt32 {
        switch self {
        case .section: IndexSchema.Slot.section
        case .source: IndexSchema.Slot.source
        case .year: IndexSchema.Slot.year
        case .month: IndexSchema.Slot.month
        }
    }

    /// The facets named in a comma-separated list ("section,year"), in the order given, each once.
    /// - Throws: `TrawlError` `.usage` naming an unknown facet and the valid ones.
    public static func list(_ text: String) throws -> [Facet] {
        var facets: [Facet] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = name.filter { !$0.isWhitespace }.lowercased()
            guard let facet = Facet(rawValue: name) else {
                let shown = name.isEmpty ? "an empty facet name" : "unknown facet '\(name)'"
                throw TrawlError(.usage, "\(shown) in --facets — choose from "
                    + allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !facets.contains(facet) { facets.append(facet) }
        }
        return facets
    }
}

/// One value of a facet and how many matching articles have it.
public struct FacetCount: Sendable, Equatable, Codable {
    public let value: String
    public let count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// The counts of each facet asked for, among all the articles a query matches. Encoded in JSON as an object:
/// `{"section": [{"value": "world", "count": 3}, ...], "year": [...]}`.
public struct Facets: Sendable, Equatable, Codable {
    /// One facet's values, most frequent first (ties in value order).
    public struct Field: Sendable, Equatable {
        public let facet: Facet
        public let counts: [FacetCount]

        public init(facet: Facet, counts: [FacetCount]) {
            self.facet = facet
            self.counts = counts
        }
    }

    /// In the order asked for.
    public let fields: [Field]

    public init(fields: [Field]) {
        self.fields = fields
    }

    /// The counts of `facet`, or nil when it was not asked for.
    public subscript(_ facet: Facet) -> [FacetCount]? {
        fields.first { $0.facet == facet }?.counts
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        fields = try Facet.allCases.compactMap { facet in
            try container.decodeIfPresent([FacetCount].self, forKey: Key(stringValue: facet.rawValue))
                .map { Field(facet: facet, counts: $0) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for field in fields { try container.encode(field.counts, forKey: Key(stringValue: field.facet.rawValue)) }
    }

    /// Most frequent first, ties in value order.
    static func ordered(_ counts: [(value: String, count: Int)]) -> [FacetCount] {
        counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            .map { FacetCount(value: $0.value, count: $0.count) }
    }
}
