import FoundationEssentials

/// Where Trawl looks for things: `Corpus/` and `Index/` beside the nearest `trawl.toml` (searching up from
/// the current directory, as git looks for `.git`), else in the current directory.
public struct Workspace: Sendable, Equatable {
    /// The current directory.
    public let currentDirectory: String
    /// The folder holding `trawl.toml`, or the current directory.
    public let base: String
    /// The `trawl.toml` found, if any.
    public let configFile: String?
    /// What `trawl.toml` says (empty until `load` reads it).
    public private(set) var config = TrawlConfig.empty

    /// The workspace seen from `directory` (default: the process's current directory).
    public init(from directory: String? = nil) {
        let cwd = directory ?? FileManager.default.currentDirectoryPath
        currentDirectory = cwd
        var candidate = cwd
        while true {
            let config = Paths.join(candidate, "trawl.toml")
            if FileManager.default.fileExists(atPath: config) {
                base = candidate
                configFile = config
                return
            }
            let parent = Paths.parent(candidate)
            if parent == candidate { break }
            candidate = parent
        }
        base = cwd
        configFile = nil
    }

    /// The workspace with its `trawl.toml` read: the nearest one up from `directory`, or `configFile` when given
    /// (then its folder is the base).
    /// - Throws: `TrawlError` `.config` when the file is missing or has a mistake.
    public static func load(from directory: String? = nil, configFile: String? = nil) throws -> Workspace {
        var workspace = Workspace(from: directory)
        if let configFile {
            let path = workspace.absolute(configFile)
            guard FileManager.default.fileExists(atPath: path) else {
                throw TrawlError(.config, "no config file at \(configFile) — give the path of a trawl.toml")
            }
            workspace = Workspace(currentDirectory: workspace.currentDirectory, base: Paths.parent(path), configFile: path)
        }
        if let file = workspace.configFile {
            workspace.config = try TrawlConfig.load(file)
        }
        return workspace
    }

    private init(currentDirectory: String, base: String, configFile: String?) {
        self.currentDirectory = currentDirectory
        self.base = base
        self.configFile = configFile
    }

    /// Where `trawl.toml` is or would be created: the one found, else in the current directory.
    public var configPath: String { configFile ?? Paths.join(currentDirectory, "trawl.toml") }

    /// The default corpus folders: `[index] corpus` of trawl.toml, else Corpus/.
    public var defaultCorpora: [String] { config.corpus.isEmpty ? [Paths.join(base, "Corpus")] : config.corpus }
    /// The default index folder: `[index] path` of trawl.toml, else Index/.
    public var defaultIndex: String { config.indexPath ?? Paths.join(base, "Index") }

    /// `path` made absolute against the current directory.
    public func absolute(_ path: String) -> String {
        Paths.normalise(path.hasPrefix("/") ? path : Paths.join(currentDirectory, path))
    }

    /// `path` as a user would type it from the current directory: relative when under it, else absolute.
    public func display(_ path: String) -> String {
        let absolute = absolute(path)
        if absolute == currentDirectory { return "." }
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}

/// Small path helpers on strings (POSIX paths).
public enum Paths {
    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") { return b }
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// The last component of a path ("/a/b/" → "b").
    public static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Removes "." and ".." components and duplicate or trailing slashes.
    public static func normalise(_ path: String) -> String {
        // Most paths (every hit's, in search results) are normal already: no empty, "." or ".." component.
        if isNormal(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// Whether `normalise` would give `path` back as it is: "/" alone, or a path whose components (after one
    /// leading "/") are none of them empty, "." or "..". (Split at every "/" byte: `normalise` splits at fewer,
    /// never at a "/" that a combining mark follows, so its components hold these and are never "." or ".." either.)
    static func isNormal(_ path: String) -> Bool {
        if path == "/" { return true }
        func isName(_ length: Int, dots: Int) -> Bool { length > 0 && (dots != length || length > 2) }
        var length = 0, dots = 0
        for (index, byte) in path.utf8.enumerated() {
            if byte == UInt8(ascii: "/") {
                if index == 0 { continue }
                guard isName(length, dots: dots) else { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return isName(length, dots: dots)
    }
}
