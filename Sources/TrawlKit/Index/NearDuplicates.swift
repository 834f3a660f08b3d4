import Xapian

/// Keeps the near-duplicate clusters of an index current: after a run, every article whose fingerprint lies
/// within `SimHash.allowedDistance` bits of another's shares its cluster key (the fingerprint of the member with
/// the smallest document id, not the id itself: ids are only unique within one database, and indexes searched
/// together must not collapse unrelated articles that happen to share a number) in the cluster slot, which search uses as Xapian's collapse key; an article with no near-duplicate
/// has no key, so it is never collapsed.
enum NearDuplicates {
    /// Changed documents above which `updateClusters` recomputes every cluster instead: each changed document
    /// is compared with every fingerprint, the whole pass buckets them all by band.
    static let incrementalLimit = 512

    /// Every document's fingerprint and length in words, in document id order.
    struct Prints {
        var ids: [DocumentID] = []
        var prints: [UInt64] = []
        var words: [Int] = []

        /// The position of `id` in `ids`, if the index holds a fingerprint for it.
        func index(of id: DocumentID) -> Int? {
            var low = 0, high = ids.count
            while low < high {
                let mid = (low + high) / 2
                if ids[mid] < id { low = mid + 1 } else { high = mid }
            }
            return low < ids.count && ids[low] == id ? low : nil
        }
    }

    /// The fingerprints of the whole index, parsed from the bytes (16 hex digits, a space, the word count):
    /// one per document, on every run that changed anything.
    static func prints(in db: Database) throws -> Prints {
        var result = Prints()
        try db.forEachValue(inSlot: IndexSchema.Slot.simhash) { id, bytes in
            guard bytes.count > 17, bytes[16] == 0x20, let value = hexValue(bytes[..<16]),
                  let count = decimalValue(bytes[17...]) else { return }
            result.ids.append(id)
            result.prints.append(value)
            result.words.append(count)
        }
        return result
    }

    /// The cluster keys the index holds, by document (only documents with a near-duplicate have one).
    static func keys(in db: Database) throws -> [DocumentID: String] {
        var keys: [DocumentID: String] = [:]
        try db.forEachValue(inSlot: IndexSchema.Slot.cluster) { id, bytes in
            keys[id] = String(decoding: bytes, as: UTF8.self)
        }
        return keys
    }

    /// Recomputes the clusters over the whole index and rewrites the keys that changed.
    /// Returns the number of clusters of two or more articles.
    static func assignClusters(in db: WritableDatabase) throws -> Int {
        try assignClusters(across: [db])
    }

    /// Recomputes the clusters of the index that merging `sources` in this order will make (Xapian's
    /// compaction numbers their documents source by source, so a cluster's member with the smallest id is its
    /// first in that order), and rewrites in the sources the keys that changed; the caller commits them.
    /// Done before the merge, the keys are packed with everything else: written into the merged index, they
    /// split the full blocks they land in (the benchmark corpus's index came out 107 MB instead of 95 MB).
    /// Returns the number of clusters of two or more articles.
    static func assignClusters(across sources: [WritableDatabase]) throws -> Int {
        // Every document as (source, id), in merged order, with its fingerprint and length.
        var members: [(source: Int, id: DocumentID)] = []
        var prints: [UInt64] = []
        var words: [Int] = []
        var current: [[DocumentID: String]] = []
        for (n, db) in sources.enumerated() {
            let held = try self.prints(in: db)
            members += held.ids.map { (n, $0) }
            prints += held.prints
            words += held.words
            current.append(try keys(in: db))
        }
        let roots = SimHash.clusters(prints, words: words)
        var sizes: [Int: Int] = [:]
        for root in roots { sizes[root, default: 0] += 1 }
        for (index, member) in members.enumerated() {
            let root = roots[index]
            let wanted = sizes[root, default: 0] > 1 ? SimHash.hex(prints[root]) : ""
            try write(wanted, to: member.id, current: current[member.source][member.id] ?? "",
                      in: sources[member.source])
        }
        return sizes.values.filter { $0 > 1 }.count
    }

    /// Brings the clusters up to date after a run that changed (added, replaced or deleted) the documents
    /// `changed`, given the keys the index held before the run (`before`) and its count of clusters then
    /// (`count`). Gives what `assignClusters` gives, but compares only the changed documents and the members of
    /// the clusters they were in with the rest, so that a small change costs little. With many changes it
    /// runs `assignClusters`.
    ///
    /// Why it is exact: a cluster none of whose members changed keeps its links (they are between unchanged
    /// fingerprints), so it stays connected, and it had no link to any other such cluster; so the new clusters
    /// are these old ones joined by the links of the changed documents and of the other members of the
    /// clusters those were in, which are compared with every fingerprint.
    static func updateClusters(in db: WritableDatabase, changed: Set<DocumentID>, before: [DocumentID: String],
                               count: Int) throws -> Int {
        guard changed.count <= incrementalLimit else { return try assignClusters(in: db) }
        let all = try prints(in: db)
        let current = try keys(in: db)
        // The clusters the changed documents were in: all their members are compared again.
        let dirtyKeys = Set(changed.compactMap { before[$0] }.filter { !$0.isEmpty })
        var dirty = changed.compactMap { all.index(of: $0) }
        var membersByKey: [String: [Int]] = [:]
        for (id, key) in current where !key.isEmpty {
            guard let index = all.index(of: id) else { continue }
            if dirtyKeys.contains(key) {
                if !changed.contains(id) { dirty.append(index) }
            } else {
                membersByKey[key, default: []].append(index)
            }
        }
        guard dirty.count <= incrementalLimit else { return try assignClusters(in: db) }

        var sets = DisjointSets(count: all.ids.count)
        func find(_ x: Int) -> Int { sets.find(x) }
        func union(_ a: Int, _ b: Int) { sets.union(a, b) }
        // Unchanged clusters stay whole.
        for members in membersByKey.values {
            for member in members.dropFirst() { union(members[0], member) }
        }
        // The links of every dirty document, to any document.
        for a in dirty where all.prints[a] != 0 {
            let print = all.prints[a], words = all.words[a]
            for b in all.prints.indices where b != a && all.prints[b] != 0 {
                let allowed = min(SimHash.threshold, SimHash.allowedDistance(words: words, all.words[b]))
                if SimHash.distance(print, all.prints[b]) <= allowed { union(a, b) }
            }
        }
        // The clusters that hold a dirty document get their keys anew; all others are as they were.
        let affectedRoots = Set(dirty.map(find))
        var affected: [Int: [Int]] = [:]
        for index in all.ids.indices {
            let root = find(index)
            if affectedRoots.contains(root) { affected[root, default: []].append(index) }
        }
        // The count: less the old clusters (of two or more) now among the affected, plus the affected of two or more.
        var total = count - dirtyKeys.count
        for members in membersByKey.values where affectedRoots.contains(find(members[0])) { total -= 1 }
        for (root, members) in affected {
            let wanted = members.count > 1 ? SimHash.hex(all.prints[root]) : ""
            if members.count > 1 { total += 1 }
            for index in members {
                let id = all.ids[index]
                try write(wanted, to: id, current: current[id] ?? "", in: db)
            }
        }
        return total
    }

    private static func write(_ wanted: String, to id: DocumentID, current: String, in db: WritableDatabase) throws {
        guard current != wanted else { return }
        let doc = try db.document(id)
        try doc.setValue(IndexSchema.Slot.cluster, Array(wanted.utf8))
        try db.replaceDocument(id, with: doc)
    }

    /// 1 to 16 lower- or upper-case hex digits.
    static func hexValue(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            case 0x41...0x46: digit = byte - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// Decimal digits only, as the indexer writes them.
    static func decimalValue(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
