internal import CXapian

/// Runs a query against a database and returns ranked matches.
///
/// ```swift
/// let enquire = try Enquire(database: db)
/// try enquire.setQuery(query)
/// try enquire.setWeighting(.bm25())
/// let mset = try enquire.mset(offset: 0, limit: 10)
/// ```
public final class Enquire {
    /// How matches are weighted.
    public enum Weighting: Sendable, Equatable {
        /// Okapi BM25 with Xapian's parameters (defaults as Xapian's BM25Weight).
        case bm25(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormalizedLength: Double = 0.5)
        /// A divergence-from-randomness model (Xapian's IneB2Weight, BB2Weight, ...) with its parameter `c`
        /// (> 0): how strongly a term's frequency in a document is normalised by the document's length.
        case divergenceFromRandomness(DFRModel, c: Double = 1)
    }

    /// Xapian's one-parameter divergence-from-randomness models, named as Xapian names them.
    public enum DFRModel: Sendable, Equatable, CaseIterable {
        case ineB2, bb2, ifB2, inL2, pl2
    }

    private let handle: OpaquePointer
    /// The database searched; kept alive as long as this enquire and its match sets.
    public let database: Database

    /// An enquire over `database`.
    public init(database: Database) throws {
        self.database = database
        handle = try database.withHandle { d in try create { cx_enquire_create(d, $0, $1) } }
    }

    deinit {
        cx_enquire_destroy(handle)
    }

    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try body(handle)
    }

    /// The query to run (copied).
    public func setQuery(_ query: Query) throws {
        try query.withHandle { q in try check { cx_enquire_set_query(handle, q, $0) } }
    }

    /// The weighting scheme.
    /// - Throws: `XapianError` kind `.invalidArgument` for a parameter out of range (a DFR `c` of 0 or less).
    public func setWeighting(_ weighting: Weighting) throws {
        switch weighting {
        case let .bm25(k1, k2, k3, b, minNormalizedLength):
            try check { cx_enquire_set_weighting_bm25(handle, k1, k2, k3, b, minNormalizedLength, $0) }
        case let .divergenceFromRandomness(model, c):
            let scheme: cx_dfr_scheme = switch model {
            case .ineB2: CX_DFR_INEB2
            case .bb2: CX_DFR_BB2
            case .ifB2: CX_DFR_IFB2
            case .inL2: CX_DFR_INL2
            case .pl2: CX_DFR_PL2
            }
            try check { cx_enquire_set_weighting_dfr(handle, scheme, c, $0) }
        }
    }

    /// Shows at most `max` matches per value of `slot` (a collapse key: e.g. a near-duplicate cluster);
    /// matches with no value there are never collapsed. `nil` turns collapsing off.
    public func setCollapseKey(_ slot: UInt32?, max: Int = 1) throws {
        try check { cx_enquire_set_collapse_key(handle, slot ?? CX_NO_SLOT, clamp(max), $0) }
    }

    /// Orders matches by the value in `slot` (compared as bytes; largest first when `descending`), relevance
    /// breaking ties; `nil` orders by relevance.
    public func setSortByValue(_ slot: UInt32?, descending: Bool = true) throws {
        try check { cx_enquire_set_sort_by_value(handle, slot ?? CX_NO_SLOT, descending, $0) }
    }

    /// Runs the query: up to `limit` matches after the first `offset`, checking at least `checkAtLeast`
    /// documents so that the estimate of the total is accurate up to there.
    /// - Throws: `XapianError`, e.g. kind `.wildcard` when a wildcard expands past its limit,
    ///   `.databaseModified` when a writer moved the database on (reopen and retry).
    public func mset(offset: Int, limit: Int, checkAtLeast: Int = 0) throws -> MSet {
        let mset = try create {
            cx_enquire_get_mset(handle, clamp(offset), clamp(limit), clamp(checkAtLeast), $0, $1)
        }
        return MSet(handle: mset, enquire: self)
    }

    /// The `count` terms that best tell the documents `relevant` apart from the rest of the collection
    /// (Xapian's ESet), best first, with their expansion weights: for pseudo-relevance feedback and "more
    /// like this". Only terms starting with `prefix` are considered; terms of the current query are left out.
    public func expansionTerms(count: Int, relevant: [DocumentID], prefix: String = "") throws -> [(term: String, weight: Double)] {
        let eset = try relevant.withUnsafeBufferPointer { ids in
            try withBytes(prefix) { (p, pl) in
                try create { cx_enquire_get_eset(handle, clamp(count), ids.baseAddress, ids.count, p, pl, $0, $1) }
            }
        }
        defer { cx_eset_destroy(eset) }
        var size: UInt32 = 0
        try check { cx_eset_size(eset, &size, $0) }
        return try (0..<size).map { index in
            var pointer: UnsafePointer<CChar>? = nil
            var length = 0
            var weight = 0.0
            try check { cx_eset_item(eset, index, &pointer, &length, &weight, $0) }
            let term = pointer.map {
                $0.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            } ?? ""
            return (term, weight)
        }
    }

    /// Counts the values in `slot` among the documents the following matches see (Xapian's
    /// ValueCountMatchSpy), for facets; read them with `valueCounts(slot:)` after `mset`. To count every
    /// match, not only those the page needed, pass `checkAtLeast` of at least the document count to `mset`.
    public func addValueCount(slot: UInt32) throws {
        try check { cx_enquire_add_value_count(handle, slot, $0) }
    }

    /// After `mset`: each value counted in `slot` with the number of matches that have it, in byte order
    /// of the values (documents with no value there are not counted).
    /// - Throws: `XapianError` kind `.invalidArgument` when no count was added for `slot`.
    public func valueCounts(slot: UInt32) throws -> [(value: String, count: Int)] {
        let list = try create { cx_enquire_value_counts(handle, slot, $0, $1) }
        return try TermList(handle: list).all().map { ($0.term, $0.frequency) }
    }

    /// One piece of a document's weight: a query term (or a synonym group or wildcard, weighed as one term,
    /// shown as Xapian describes it), the weight it adds, and its wdf in the document (0 for a group).
    public struct WeightPart: Sendable, Equatable {
        public let term: String
        public let weight: Double
        public let wdf: Int
    }

    /// How document `id` gets its weight from `query` under this enquire's weighting: one part per weighted
    /// piece of the query the document contains (scaled as `Query(scaling:by:)` scales it). Filters and
    /// excluded words do not weigh, nor do pieces under a node the document does not match (the words of a
    /// phrase that is not there), so the parts add up to the document's weight for `query`.
    /// `filter`, when given, must match the document (e.g. its unique-id term): it makes each run quick.
    public func explain(_ id: DocumentID, in query: Query, filter: Query? = nil) throws -> [WeightPart] {
        try explain([id], in: query, filter: filter)[0]
    }

    /// `explain(_:in:filter:)` for several documents at once, in the order of `ids`: one small match per
    /// piece of the query serves them all. `filter`, when given, must match every one of them (e.g. their
    /// unique-id terms OR'd together).
    public func explain(_ ids: [DocumentID], in query: Query, filter: Query? = nil) throws -> [[WeightPart]] {
        let explanation = try query.withHandle { q in
            try ids.withUnsafeBufferPointer { docids in
                if let filter {
                    try filter.withHandle { f in
                        try create { cx_enquire_explain(handle, q, f, docids.baseAddress, docids.count, $0, $1) }
                    }
                } else {
                    try create { cx_enquire_explain(handle, q, nil, docids.baseAddress, docids.count, $0, $1) }
                }
            }
        }
        defer { cx_explain_destroy(explanation) }
        var size: UInt32 = 0
        try check { cx_explain_size(explanation, &size, $0) }
        var parts = [[WeightPart]](repeating: [], count: ids.count)
        for index in 0..<size {
            var document: UInt32 = 0
            var pointer: UnsafePointer<CChar>? = nil
            var length = 0
            var weight = 0.0
            var wdf: UInt32 = 0
            try check { cx_explain_item(explanation, index, &document, &pointer, &length, &weight, &wdf, $0) }
            let term = pointer.map {
                $0.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            } ?? ""
            parts[Int(document)].append(WeightPart(term: term, weight: weight, wdf: Int(wdf)))
        }
        return parts
    }

    /// The terms of the current query that index document `id`, in query order.
    public func matchingTerms(_ id: DocumentID) throws -> [String] {
        let list = try create { cx_enquire_matching_terms(handle, id, $0, $1) }
        return try TermList(handle: list).all().map(\.term)
    }
}

func clamp(_ value: Int) -> UInt32 {
    UInt32(clamping: Swift.max(0, value))
}
