#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file in a corpus that a reader can turn into an article.
public struct CorpusFile: Sendable, Equatable {
    /// Which root it was found under (index into the scanner's roots).
    public let root: Int
    /// Its path relative to that root: the article's id.
    public let id: String
    /// Its absolute path.
    public let path: String
    public let size: Int
    /// Modification time, nanoseconds since 1970.
    public let modified: Int64
}

/// Something under a corpus root that was not taken, and why.
public struct SkippedFile: Sendable, Equatable {
    public let path: String
    public let reason: String
    /// The root and root-relative path, when it is an entry the scanner could not look at: what the index
    /// holds of it is kept, since it may be readable next time.
    public var root: Int? = nil
    public var id: String? = nil
    /// True when `id` names a folder (everything under it is kept), false for a file.
    public var folder = false

    public init(path: String, reason: String, root: Int? = nil, id: String? = nil, folder: Bool = false) {
        self.path = path
        self.reason = reason
        self.root = root
        self.id = id
        self.folder = folder
    }
}

/// Finds the articles under corpus roots: recursively, skipping hidden files and folders and whatever a
/// `.trawlignore` (gitignore syntax) excludes, following no symbolic links to folders (so a link loop cannot
/// trap it), in a stable (sorted) order.
public struct CorpusScanner: Sendable {
    /// Absolute paths of the roots.
    public let roots: [String]

    public init(roots: [String]) {
        self.roots = roots
    }

    /// The files Trawl can read, and what was passed over with a reason (unreadable folders).
    public func scan() -> (files: [CorpusFile], skipped: [SkippedFile]) {
        var files: [CorpusFile] = []
        var skipped: [SkippedFile] = []
        for (index, root) in roots.enumerated() {
            walk(root: index, directory: root, relative: "", ignores: [], files: &files, skipped: &skipped)
        }
        return (files, skipped)
    }

    /// The `.trawlignore` rules in force: each with the depth (in path components) of its folder.
    private typealias Ignores = [(depth: Int, rules: IgnoreRules)]

    private func walk(root: Int, directory: String, relative: String, ignores: Ignores, files: inout [CorpusFile],
                      skipped: inout [SkippedFile]) {
        guard let listing = FileSystem.listing(of: directory) else {
            // A folder that cannot be listed keeps what the index holds under it (see `folder`).
            skipped.append(SkippedFile(path: directory, reason: "cannot list the folder: \(FileSystem.lastError)",
                                       root: root, id: relative, folder: true))
            return
        }
        for bad in listing.invalid {
            skipped.append(SkippedFile(path: directory + "/" + bad, reason: "the name is not valid UTF-8 — rename it"))
        }
        let names = listing.valid
        var ignores = ignores
        let components = relative.isEmpty ? [] : relative.split(separator: "/").map(String.init)
        if names.contains(".trawlignore"),
           let bytes = try? FileSystem.contents(of: directory + "/.trawlignore"),
           let (text, _) = TextDecoding.decode(bytes) {
            ignores.append((components.count, IgnoreRules(text)))
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            // The index keeps file names in records separated by 0x1F; no article's name needs control characters.
            if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                skipped.append(SkippedFile(path: directory + "/" + name, reason: "the name holds a control character — rename it"))
                continue
            }
            let path = directory + "/" + name
            let id = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else {
                if ArticleFormats.reader(for: name) != nil, !Self.ignored(components + [name], isDirectory: false, by: ignores) {
                    skipped.append(SkippedFile(path: path, reason: FileSystem.lastError, root: root, id: id))
                }
                continue
            }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            if Self.ignored(components + [name], isDirectory: isDirectory, by: ignores) { continue }
            if isDirectory {
                var linkInfo = stat()
                if lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK { continue }
                walk(root: root, directory: path, relative: id, ignores: ignores, files: &files, skipped: &skipped)
            } else if (info.st_mode & S_IFMT) == S_IFREG, ArticleFormats.reader(for: name) != nil {
                let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                files.append(CorpusFile(root: root, id: id, path: path, size: Int(info.st_size), modified: modified))
            }
        }
    }

    /// The deepest `.trawlignore` with a matching rule decides, as in git.
    private static func ignored(_ path: @autoclosure () -> [String], isDirectory: Bool, by ignores: Ignores) -> Bool {
        // Most corpora have no .trawlignore: then the path is not even made (an array a file).
        guard !ignores.isEmpty else { return false }
        let path = path()
        for (depth, rules) in ignores.reversed() {
            if let decision = rules.decision(for: Array(path[depth...]), isDirectory: isDirectory) { return decision }
        }
        return false
    }
}
