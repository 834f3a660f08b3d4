import Xapian

/// Keeps the near-duplicate clusters of an index current: after a run, every article whose fingerprint lies
/// within `SimHash.allowedDistance` bits of another's shares its cluster key (the fingerprint of the member with
/// the smallest document id, not the id itself: ids are only unique within one database, and indexes searched
/// together must not collapse unrelated articles that happen to share a number) in the cluster slot, which search uses as Xapian's collapse key; an article with no near-duplicate
/// has no key, so it is never collapsed.
enum NearDuplicates {
    /// Recomputes the clusters over the whole index and rewrites the keys that changed.
    /// Returns the number of clusters of two or more articles.
    static func assignClusters(in db: WritableDatabase) throws -> Int {
        var ids: [DocumentID] = []
        var prints: [UInt64] = []
        var words: [Int] = []
        for (id, bytes) in try db.values(inSlot: IndexSchema.Slot.simhash) {
            let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
            guard fields.count == 2, let value = UInt64(fields[0], radix: 16), let count = Int(fields[1]) else { continue }
            ids.append(id)
            prints.append(value)
            words.append(count)
        }
        var current: [DocumentID: String] = [:]
        for (id, bytes) in try db.values(inSlot: IndexSchema.Slot.cluster) {
            current[id] = String(decoding: bytes, as: UTF8.self)
        }
        let roots = SimHash.clusters(prints, words: words)
        var sizes: [Int: Int] = [:]
        for root in roots { sizes[root, default: 0] += 1 }
        for (index, id) in ids.enumerated() {
            let root = roots[index]
            let wanted = sizes[root, default: 0] > 1 ? SimHash.hex(prints[root]) : ""
            guard (current[id] ?? "") != wanted else { continue }
            let doc = try db.document(id)
            try doc.setValue(IndexSchema.Slot.cluster, Array(wanted.utf8))
            try db.replaceDocument(id, with: doc)
        }
        return sizes.values.filter { $0 > 1 }.count
    }
}
