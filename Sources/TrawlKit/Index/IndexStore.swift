import FoundationEssentials
import Xapian

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening an index folder, for reading or writing, with the checks and one-line errors both need:
/// no index there, something else there, another schema, another writer holding the lock.
public enum IndexStore {
    /// What is at an index path.
    enum Contents: Equatable {
        /// Nothing, or an empty folder (a `.gitkeep` placeholder does not count).
        case nothing
        /// A Xapian database (or a stub file listing several).
        case xapian
        /// Something that is not a Xapian database.
        case other
    }

    static func contents(of path: String) -> Contents {
        var info = stat()
        guard stat(path, &info) == 0 else { return .nothing }
        if (info.st_mode & S_IFMT) != S_IFDIR { return .xapian }  // a stub database file; Xapian will judge
        guard let names = FileSystem.names(in: path)?.filter({ $0 != ".gitkeep" }) else { return .other }
        if names.isEmpty { return .nothing }
        let markers = ["iamglass", "iamchert", "iamhoney", "XAPIANDB"]
        return names.contains(where: markers.contains) ? .xapian : .other
    }

    /// How messages name an index: a folder with a trailing slash, a stub database file as it is.
    public static func shownName(_ path: String, workspace: Workspace) -> String {
        var info = stat()
        let isFile = stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
        return workspace.display(path) + (isFile ? "" : "/")
    }

    /// Opens the index at `path` for searching.
    /// - Throws: `TrawlError` `.noIndex`, `.badIndex` (with what to do), or `.failure`.
    public static func openForReading(_ path: String, shownAs shown: String) throws -> Database {
        switch contents(of: path) {
        case .nothing:
            throw TrawlError(.noIndex, "no index at \(shown) — run `trawl index` first")
        case .other:
            throw TrawlError(.badIndex, "\(shown) is not a Trawl index (no Xapian database there) — "
                + "point --index at an index, or move what is there away and run `trawl index`")
        case .xapian:
            break
        }
        let db: Database
        do {
            db = try Database(path: path)
        } catch let error as XapianError {
            throw openingError(error, shown: shown)
        }
        try checkSchema(db, shown: shown)
        return db
    }

    /// Opens (creating if needed) the index at `path` for writing; `rebuild` starts it afresh.
    /// Refuses to write into a folder that holds anything other than a Xapian database. When another writer
    /// holds the lock, `waiting` (if given) is called before each new try, five times a second, until the lock
    /// is free or it returns false.
    public static func openForWriting(_ path: String, shownAs shown: String, rebuild: Bool,
                                      waiting: (() -> Bool)? = nil) throws -> WritableDatabase {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
            throw TrawlError(.usage, "\(shown) is a file (a stub database listing shards?), not an index folder — "
                + "trawl index writes one folder: index each shard with its own --index DIR")
        }
        if contents(of: path) == .other {
            throw TrawlError(.badIndex, "\(shown) exists and is not a Xapian index — Trawl will not write into it; "
                + "choose another --index or move it away")
        }
        // Xapian makes the index folder but not its parents; a user naming a new place expects them made.
        let parent = Paths.parent(path)
        if !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw TrawlError(.failure, "cannot create an index at \(shown): cannot make \(parent): \(error)")
            }
        }
        if !rebuild, contents(of: path) == .nothing {
            try createAtomically(path, shown: shown)
        }
        var db: WritableDatabase?
        while db == nil {
            do {
                db = try WritableDatabase(path: path, mode: rebuild ? .createOrOverwrite : .createOrOpen)
            } catch let error as XapianError where heldByAnotherWriter(error) && waiting?() == true {
                usleep(200_000)
            } catch let error as XapianError {
                throw openingError(error, shown: shown)
            }
        }
        guard let db else { fatalError("opened or thrown above") }
        if !rebuild { try checkSchema(db, shown: shown) }
        return db
    }

    /// Makes a new, empty index at `path` (missing, or an empty folder, or one holding only `.gitkeep`) whole or
    /// not at all: Xapian writes a new database's files one by one, and a run killed among them left a folder
    /// Xapian could not open ("Couldn't detect type of database"). So it is made beside, then renamed into place.
    static func createAtomically(_ path: String, shown: String) throws {
        let fresh = Paths.join(Paths.parent(path), "." + Paths.lastComponent(path) + ".trawl-new")
        do {
            try? FileManager.default.removeItem(atPath: fresh)
            let db = try WritableDatabase(path: fresh, mode: .createOrOverwrite)
            try db.commit()
            try db.close()
        } catch let error as XapianError {
            try? FileManager.default.removeItem(atPath: fresh)
            throw openingError(error, shown: shown)
        }
        // The user's files in an empty index folder (a `.gitkeep`) go with the new index.
        FileSystem.moveHiddenEntries(from: path, to: fresh)
        _ = rmdir(path)
        guard rename(fresh, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw TrawlError(.failure, "cannot create an index at \(shown): \(reason)")
        }
    }

    /// An index is Trawl's when it is empty or carries Trawl's schema version in its metadata.
    static func checkSchema(_ db: Database, shown: String) throws {
        let schema = try db.metadata(IndexSchema.Key.schema)
        if schema == IndexSchema.version { return }
        if schema.isEmpty {
            if try db.documentCount == 0 { return }
            throw TrawlError(.badIndex, "\(shown) is a Xapian database but not a Trawl index (another tool wrote it) — "
                + "index into another folder with --index, or replace it with `trawl index --rebuild`")
        }
        throw TrawlError(.badIndex, "\(shown) was written by Trawl index schema \(schema); this trawl reads schema "
            + "\(IndexSchema.version) — rebuild it with `trawl index --rebuild`")
    }

    /// Xapian reports a lock it could not take the same way whether another writer holds it or the lock file
    /// cannot be made (a read-only folder or file system): only the first is worth waiting for.
    static func heldByAnotherWriter(_ error: XapianError) -> Bool {
        error.kind == .databaseLocked && error.message.contains("already locked")
    }

    static func openingError(_ error: XapianError, shown: String) -> TrawlError {
        switch error.kind {
        case .databaseLocked where !heldByAnotherWriter(error):
            TrawlError(.failure, "cannot write to \(shown) (\(error.message)) — make it writable, or index into "
                + "another folder with --index DIR")
        case .databaseLocked:
            TrawlError(.locked, "\(shown) is locked by another writer (\(error.message)) — wait for the other "
                + "`trawl index` to finish, or give --wait")
        case .databaseNotFound:
            TrawlError(.noIndex, "no index at \(shown) — run `trawl index` first")
        case .databaseOpening, .databaseCorrupt:
            TrawlError(.badIndex, "\(shown) cannot be opened as an index (\(error.message)) — rebuild it with "
                + "`trawl index --rebuild`")
        case .databaseVersion:
            TrawlError(.badIndex, "\(shown) was written by another Xapian version (\(error.message)) — rebuild it "
                + "with `trawl index --rebuild`")
        case .databaseCreate:
            TrawlError(.failure, "cannot create an index at \(shown): \(error.message) — choose a writable place "
                + "with --index DIR")
        default:
            TrawlError(.failure, "\(shown): \(error.message)")
        }
    }

    /// An error while writing the index, as one line with what to do.
    static func writingError(_ error: XapianError, shown: String) -> TrawlError {
        switch error.kind {
        case .databaseLocked, .databaseNotFound, .databaseOpening, .databaseVersion, .databaseCreate:
            openingError(error, shown: shown)
        case .databaseCorrupt:
            TrawlError(.badIndex, "\(shown) is damaged (\(error.message)) — rebuild it with `trawl index --rebuild`")
        default:
            TrawlError(.failure, "writing \(shown) failed: \(error.message) — check the disk has room and the folder "
                + "is writable, then run `trawl index` again (what was committed is kept)")
        }
    }

    /// The corpus roots recorded in the index at `path` (empty when none or no index).
    public static func recordedRoots(_ path: String) -> [String] {
        guard contents(of: path) == .xapian, let db = try? Database(path: path),
              let json = try? db.metadata(IndexSchema.Key.roots), !json.isEmpty else { return [] }
        return decodeRoots(json)
    }

    static func decodeRoots(_ json: String) -> [String] {
        guard !json.isEmpty else { return [] }
        let bytes = Array(json.utf8)
        return StoredArticleReader.strings(bytes) ?? (try? JSONDecoder().decode([String].self, from: Data(bytes))) ?? []
    }

    static func encodeRoots(_ roots: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(roots)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The language an index is stemmed in (English when unset).
    static func language(_ db: Database) throws -> String {
        let stored = try db.metadata(IndexSchema.Key.language)
        return stored.isEmpty ? IndexSchema.defaultLanguage : stored
    }

    /// The stemmer for a language name, or a usage error listing the ones Xapian knows.
    public static func stemmer(_ language: String) throws -> Stem {
        do {
            return try Stem(language: language)
        } catch {
            throw TrawlError(.usage, "unknown language '\(language)' — choose one of: "
                + Stem.availableLanguages.joined(separator: ", "))
        }
    }
}
