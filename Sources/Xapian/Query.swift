internal import CXapian

/// A Xapian query: a tree of operators over terms. Made by `QueryParser.parse` or built directly.
///
/// ```swift
/// let q = try Query(combining: .phrase, [try Query(term: "islamic"), try Query(term: "resistance")])
/// q.op          // .phrase
/// q.subqueries  // the two term queries
/// ```
public final class Query {
    /// The operator at a node of the tree, or the kind of leaf.
    public enum Operator: Sendable, Equatable {
        case and, or, andNot, xor, andMaybe, filter, near, phrase, valueRange, scaleWeight, eliteSet
        case valueGreaterOrEqual, valueLessOrEqual, synonym, max, wildcard
        case term, postingSource, matchAll, matchNothing, invalid

        init(_ raw: cx_query_op) {
            switch raw {
            case CX_QUERY_AND: self = .and
            case CX_QUERY_OR: self = .or
            case CX_QUERY_AND_NOT: self = .andNot
            case CX_QUERY_XOR: self = .xor
            case CX_QUERY_AND_MAYBE: self = .andMaybe
            case CX_QUERY_FILTER: self = .filter
            case CX_QUERY_NEAR: self = .near
            case CX_QUERY_PHRASE: self = .phrase
            case CX_QUERY_VALUE_RANGE: self = .valueRange
            case CX_QUERY_SCALE_WEIGHT: self = .scaleWeight
            case CX_QUERY_ELITE_SET: self = .eliteSet
            case CX_QUERY_VALUE_GE: self = .valueGreaterOrEqual
            case CX_QUERY_VALUE_LE: self = .valueLessOrEqual
            case CX_QUERY_SYNONYM: self = .synonym
            case CX_QUERY_MAX: self = .max
            case CX_QUERY_WILDCARD: self = .wildcard
            case CX_QUERY_LEAF_TERM: self = .term
            case CX_QUERY_LEAF_POSTING_SOURCE: self = .postingSource
            case CX_QUERY_LEAF_MATCH_ALL: self = .matchAll
            case CX_QUERY_LEAF_MATCH_NOTHING: self = .matchNothing
            default: self = .invalid
            }
        }

        var raw: cx_query_op? {
            switch self {
            case .and: CX_QUERY_AND
            case .or: CX_QUERY_OR
            case .andNot: CX_QUERY_AND_NOT
            case .xor: CX_QUERY_XOR
            case .andMaybe: CX_QUERY_AND_MAYBE
            case .filter: CX_QUERY_FILTER
            case .near: CX_QUERY_NEAR
            case .phrase: CX_QUERY_PHRASE
            case .eliteSet: CX_QUERY_ELITE_SET
            case .synonym: CX_QUERY_SYNONYM
            case .max: CX_QUERY_MAX
            default: nil
            }
        }
    }

    private let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cx_query_destroy(handle)
    }

    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try body(handle)
    }

    /// A query for one term, with its within-query frequency and position.
    public convenience init(term: String, wqf: UInt32 = 1, position: UInt32 = 0) throws {
        let handle = try withBytes(term) { (t, n) in
            try create { cx_query_create_term(t, n, wqf, position, $0, $1) }
        }
        self.init(handle: handle)
    }

    /// Combines `subqueries` with `op`: one of and, or, andNot, xor, andMaybe, filter, near, phrase,
    /// eliteSet, synonym, max. `window` is for near and phrase (0: as many positions as subqueries).
    /// - Throws: `XapianError` with kind `.invalidArgument` for an operator that does not combine queries.
    public convenience init(combining op: Operator, _ subqueries: [Query], window: UInt32 = 0) throws {
        guard let raw = op.raw else {
            throw XapianError(kind: .invalidArgument, message: "operator \(op) does not combine subqueries")
        }
        let handles: [OpaquePointer?] = subqueries.map { $0.handle }
        let handle = try handles.withUnsafeBufferPointer { buffer in
            try create { cx_query_create_combined(raw, buffer.baseAddress, buffer.count, window, $0, $1) }
        }
        withExtendedLifetime(subqueries) {}
        self.init(handle: handle)
    }

    /// Documents whose value in `slot` lies in [low, high], compared as bytes; nil leaves an end open.
    public convenience init(valueIn slot: UInt32, from low: String?, to high: String?) throws {
        let handle = try withBytes(low ?? "") { (l, ll) in
            try withBytes(high ?? "") { (h, hl) in try create { cx_query_create_value_range(slot, l, ll, h, hl, $0, $1) } }
        }
        self.init(handle: handle)
    }

    /// `query` with its weight multiplied by `factor` (Xapian's OP_SCALE_WEIGHT).
    public convenience init(scaling query: Query, by factor: Double) throws {
        let handle = try query.withHandle { q in try create { cx_query_create_scaled(q, factor, $0, $1) } }
        self.init(handle: handle)
    }

    /// The operator at the top of the tree (or the kind of leaf).
    public var op: Operator {
        var raw = CX_QUERY_INVALID
        _ = try? check { cx_query_op_get(handle, &raw, $0) }
        return Operator(raw)
    }

    /// The subqueries of the top node, in order (none for a leaf).
    public var subqueries: [Query] {
        get throws {
            var count = 0
            try check { cx_query_subquery_count(handle, &count, $0) }
            return try (0..<count).map { n in
                Query(handle: try create { cx_query_subquery(handle, n, $0, $1) })
            }
        }
    }

    /// The query's terms in query order (for a leaf, its one term).
    public var terms: [String] {
        get throws {
            let list = try create { cx_query_terms(handle, $0, $1) }
            return try TermList(handle: list).all().map(\.term)
        }
    }

    /// This query with every term that holds spaces (a several-word synonym from the synonym table) turned
    /// into a phrase of its words; the query itself when there is none.
    public func phrasingSpacedTerms() throws -> Query {
        Query(handle: try create { cx_query_phrase_spaced_terms(handle, $0, $1) })
    }

    /// True for the empty query, which matches nothing.
    public var isEmpty: Bool {
        var empty = true
        _ = try? check { cx_query_is_empty(handle, &empty, $0) }
        return empty
    }

    /// Xapian's description, e.g. "Query((Zdrone@1 AND haifa@2))".
    public var description: String {
        (try? takeString { cx_query_description(handle, $0, $1, $2) }) ?? "Query(?)"
    }
}

extension Query {
    /// The window of a phrase or near node: how many positions its terms may span. Xapian 1.4 has no
    /// accessor for it, so it is read from Xapian's description ("(a@1 PHRASE 2 b@2)"); `nil` for other nodes.
    public var window: Int? {
        let keyword: String
        switch op {
        case .phrase: keyword = " PHRASE "
        case .near: keyword = " NEAR "
        default: return nil
        }
        let text = description
        guard let range = text.firstRange(of: keyword) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// The pattern of a wildcard leaf ("dro" for `dro*`), read from Xapian's description since 1.4 has no
    /// accessor for it; `nil` for other nodes.
    public var wildcardPattern: String? {
        guard op == .wildcard else { return nil }
        // Description: "Query(WILDCARD SYNONYM dro)" (or MAX/OR in place of SYNONYM).
        let text = description
        guard let range = text.firstRange(of: "WILDCARD ") else { return nil }
        let rest = text[range.upperBound...]
        guard let space = rest.firstIndex(of: " ") else { return nil }
        var pattern = rest[rest.index(after: space)...]
        while let last = pattern.last, last == ")" { pattern = pattern.dropLast() }
        return String(pattern)
    }
}
