import FoundationEssentials

/// What `trawl saved run --new` has already shown, per saved query: kept in `trawl.cursors.json` beside
/// `trawl.toml` (not in the index, so `trawl index --rebuild` keeps it; not in trawl.toml, which stays the
/// user's). Articles are known by their id (path relative to the corpus root), which a rebuild keeps.
public struct Cursors: Codable, Sendable, Equatable {
    /// What one query has shown.
    public struct Cursor: Codable, Sendable, Equatable {
        /// When an article was last shown (ISO 8601), for people reading the file.
        public var updated: String?
        /// Article id → what was seen of it.
        public var seen: [String: Seen] = [:]

        public init() {}
    }

    /// An article as it was when shown: its file's content hash, and fingerprints of the passages shown.
    public struct Seen: Codable, Sendable, Equatable {
        public var version: String
        public var passages: [String]

        public init(version: String, passages: [String]) {
            self.version = version
            self.passages = passages
        }
    }

    public var version = 1
    public var queries: [String: Cursor] = [:]

    public init() {}

    /// The cursor file for the config file at `configPath`.
    public static func path(forConfig configPath: String) -> String {
        Paths.join(Paths.parent(configPath), "trawl.cursors.json")
    }

    /// Reads the file at `path`; a missing file is an empty set of cursors.
    /// - Throws: `TrawlError` `.config` when the file is there but unreadable.
    public static func load(_ path: String) throws -> Cursors {
        guard FileManager.default.fileExists(atPath: path) else { return Cursors() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrawlError(.config, "cannot read \(path) — check its permissions")
        }
        do {
            return try JSONDecoder().decode(Cursors.self, from: data)
        } catch {
            throw TrawlError(.config, "\(path) is not a cursor file trawl wrote — delete it to start over "
                + "(every match will be new again)")
        }
    }

    /// Writes to a temporary file, then renames it over `path`: a crash keeps the old cursors or the new.
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileSystem.replace(path, with: try encoder.encode(self))
    }

    /// A stable fingerprint of a passage's text (FNV-1a, hex).
    static func fingerprint(_ text: String) -> String {
        String(contentHash(Array(text.utf8)), radix: 16)
    }
}
