import FoundationEssentials

/// Edits `trawl.toml` in place for `trawl saved add/remove`: only the lines of the table concerned change,
/// so hand-written comments, blank lines and the order of everything else stay as they were.
public enum ConfigFile {
    /// Adds `[queries.NAME]` at the end of the file at `path` (created when missing).
    /// - Throws: `TrawlError` `.config` when the file has a mistake or the name is taken.
    public static func add(_ saved: SavedQuery, to path: String) throws {
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let config = try TrawlConfig.parse(existing, file: path)
        guard config.query(named: saved.name) == nil else {
            throw TrawlError(.config, "\(Paths.lastComponent(path)) already has a query named \(saved.name) — "
                + "remove it first with `trawl saved remove \(saved.name)`, or choose another name")
        }
        var lines = TOMLLines(existing)
        lines.append(saved.tomlLines)
        try write(lines.text, to: path)
    }

    /// Removes `[queries.NAME]` from the file at `path`.
    /// - Throws: `TrawlError` `.config` when there is no such query, or it is not written as a `[queries.NAME]`
    ///   table (an inline table is left for the user to edit).
    public static func remove(_ name: String, from path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrawlError(.config, "cannot read \(path) — check that it exists and is readable")
        }
        let existing = String(decoding: data, as: UTF8.self)
        let config = try TrawlConfig.parse(existing, file: path)
        guard config.query(named: name) != nil else {
            throw TrawlError(.config, "no saved query named \(name) in \(Paths.lastComponent(path)) — "
                + "`trawl saved list` shows the names")
        }
        var lines = TOMLLines(existing)
        guard lines.hasHeader("queries.\(name)") else {
            throw TrawlError(.config, "\(name) is not written as a [queries.\(name)] table in "
                + "\(Paths.lastComponent(path)) — remove it by hand")
        }
        lines.removeBlock("queries.\(name)")
        try write(lines.text, to: path)
    }

    /// The lines of `[queries.NAME]` as the file has them (comments inside included).
    public static func block(of name: String, in path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = TOMLLines(String(decoding: data, as: UTF8.self))
        guard let range = lines.block(of: "queries.\(name)") else { return nil }
        return Array(lines.lines[range])
    }

    /// Writes `text` to a temporary file beside `path`, checks it parses, then renames it over `path`:
    /// a crash leaves either the old file or the new one.
    static func write(_ text: String, to path: String) throws {
        _ = try TrawlConfig.parse(text, file: path)
        try FileSystem.replace(path, with: Array(text.utf8))
    }
}
