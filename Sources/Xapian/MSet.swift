internal import CXapian

/// One page of ranked matches from `Enquire.mset`.
public final class MSet {
    /// One match: its document id, weight (under the enquire's weighting scheme), 0-based rank in the whole
    /// result list, and how many other matches with its collapse key were folded into it.
    public struct Item: Sendable, Equatable {
        public let id: DocumentID
        public let weight: Double
        public let rank: Int
        public let collapsed: Int
    }

    private let handle: OpaquePointer
    /// The enquire (and through it the database) that produced this set; kept alive with it.
    public let enquire: Enquire

    init(handle: OpaquePointer, enquire: Enquire) {
        self.handle = handle
        self.enquire = enquire
    }

    deinit {
        cx_mset_destroy(handle)
    }

    /// The number of matches in this page.
    public var count: Int {
        var size: UInt32 = 0
        _ = try? check { cx_mset_size(handle, &size, $0) }
        return Int(size)
    }

    /// Xapian's estimate of the total number of matches, with its bounds.
    public var matchesEstimated: (estimate: Int, lowerBound: Int, upperBound: Int) {
        var estimate: UInt32 = 0, lower: UInt32 = 0, upper: UInt32 = 0
        _ = try? check { cx_mset_matches(handle, &estimate, &lower, &upper, $0) }
        return (Int(estimate), Int(lower), Int(upper))
    }

    /// The matches in rank order.
    public var items: [Item] {
        get throws {
            try (0..<count).map { index in
                var id: UInt32 = 0, rank: UInt32 = 0, collapsed: UInt32 = 0
                var weight = 0.0
                try check { cx_mset_item(handle, UInt32(index), &id, &weight, &rank, $0) }
                try check { cx_mset_item_collapse_count(handle, UInt32(index), &collapsed, $0) }
                return Item(id: id, weight: weight, rank: Int(rank), collapsed: Int(collapsed))
            }
        }
    }

    /// The document of match `index` (0-based within this page).
    public func document(at index: Int) throws -> Document {
        Document(handle: try create { cx_mset_document(handle, clamp(index), $0, $1) })
    }

    /// How many documents contain `term`, as the match saw it (over every shard searched).
    public func termFrequency(_ term: String) throws -> Int {
        var frequency: UInt32 = 0
        try withBytes(term) { (t, n) in try check { cx_mset_termfreq(handle, t, n, &frequency, $0) } }
        return Int(frequency)
    }

    /// The maximum weight `term` contributed to any match.
    public func termWeight(_ term: String) throws -> Double {
        var weight = 0.0
        try withBytes(term) { (t, n) in try check { cx_mset_termweight(handle, t, n, &weight, $0) } }
        return weight
    }
}
