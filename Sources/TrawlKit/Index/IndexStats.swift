import Xapian

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about an index, for `trawl stats`.
public struct IndexStats: Sendable, Equatable, Codable {
    /// The index folder as given.
    public let index: String
    public let articles: Int
    /// Distinct terms (words, stems and prefixed terms).
    public let terms: Int
    /// Average article length in terms.
    public let averageLength: Double
    public let language: String
    public let schema: String
    /// When the last index run finished (ISO 8601), if recorded.
    public let indexedAt: String?
    public let corpus: [String]
    /// Bytes the index takes on disk.
    public let bytes: Int
    public let xapianVersion: String

    /// Reads the statistics of the index at `path` (absolute).
    /// - Throws: `TrawlError` `.noIndex` or `.badIndex`.
    public static func read(indexPath path: String, workspace: Workspace) throws -> IndexStats {
        let shown = workspace.display(path) + "/"
        let db = try IndexStore.openForReading(path, shownAs: shown)
        let indexedAt = try db.metadata(IndexSchema.Key.indexedAt)
        return IndexStats(
            index: workspace.display(path),
            articles: try db.documentCount,
            terms: try db.termCount(),
            averageLength: try db.averageLength,
            language: try IndexStore.language(db),
            schema: try db.metadata(IndexSchema.Key.schema),
            indexedAt: indexedAt.isEmpty ? nil : indexedAt,
            corpus: IndexStore.decodeRoots(try db.metadata(IndexSchema.Key.roots)).map(workspace.display),
            bytes: diskUsage(path),
            xapianVersion: XapianLibrary.version
        )
    }

    private static func diskUsage(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        guard (info.st_mode & S_IFMT) == S_IFDIR, let names = FileSystem.names(in: path) else {
            return Int(info.st_size)
        }
        return names.reduce(0) { $0 + diskUsage(path + "/" + $1) }
    }
}
