internal import CXapian

extension Database {
    /// Adds `other`'s databases to this one, so that it searches them together as one database: term
    /// statistics are combined, so documents rank as they would in one merged database. Document ids are
    /// interleaved (Xapian's rule for several databases), so read them back only through this handle.
    ///
    /// ```swift
    /// let shards = try Database(path: "shard-0")
    /// try shards.add(try Database(path: "shard-1"))
    /// ```
    /// - Throws: `XapianError` with kind `.invalidOperation` when this database was opened for writing.
    public func add(_ other: Database) throws {
        try withHandle { h in
            try other.withHandle { o in try check { cx_database_add(h, o, $0) } }
        }
    }

    /// Merges the databases at `sources` into a new, compacted database at `destination` (which must not
    /// exist): documents in source order, each source's ids following the previous source's; spelling data and
    /// statistics merged; metadata set in several sources taken from the first.
    /// - Throws: `XapianError` when a source cannot be opened or the destination cannot be written.
    public static func compact(_ sources: [String], into destination: String) throws {
        // The shim takes an array of pointer + length: copy each path into memory that stays put meanwhile.
        let copies = sources.map { source -> UnsafeMutableBufferPointer<CChar> in
            let bytes = Array(source.utf8)
            let copy = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(bytes.count, 1))
            for (i, byte) in bytes.enumerated() { copy[i] = CChar(bitPattern: byte) }
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0.baseAddress) }
        let lengths = sources.map { $0.utf8.count }
        try withBytes(destination) { (d, dl) in
            try check { cx_database_compact(pointers, lengths, sources.count, d, dl, $0) }
        }
    }
}
