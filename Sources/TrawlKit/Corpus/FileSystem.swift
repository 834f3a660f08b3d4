import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file-system calls Trawl makes, in one place.
enum FileSystem {
    /// The names in a folder (without "." and ".."), or nil when it cannot be read (errno says why).
    /// A name that is not valid UTF-8 comes back with its bad bytes replaced (U+FFFD): use `listing` to
    /// tell such names apart, since the repaired name does not open the file.
    static func names(in directory: String) -> [String]? {
        listing(of: directory).map { $0.valid + $0.invalid }
    }

    /// The names in a folder, the valid UTF-8 ones apart from the others (repaired for display), or nil when
    /// the folder cannot be read to the end (errno says why).
    static func listing(of directory: String) -> (valid: [String], invalid: [String])? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var valid: [String] = [], invalid: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                // NULL with errno set is a read error, not the end of the folder.
                return errno == 0 ? (valid, invalid) : nil
            }
            // The name is read in place, up to its NUL: the last entry of a buffer may be shorter than a whole
            // `dirent`, so copying `d_name` (256 bytes) read past it (AddressSanitizer found this).
            let raw = (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self)
            if let name = String(validatingCString: raw) {
                if name != "." && name != ".." { valid.append(name) }
            } else {
                invalid.append(String(cString: raw))
            }
        }
    }

    /// The last system error as text.
    static var lastError: String { String(cString: strerror(errno)) }

    /// Moves the hidden entries of `folder` (a user's `.gitkeep` in an index folder) into `destination`,
    /// as far as it can: an index swapped or made anew keeps them.
    static func moveHiddenEntries(from folder: String, to destination: String) {
        for name in names(in: folder) ?? [] where name.hasPrefix(".") {
            _ = rename(Paths.join(folder, name), Paths.join(destination, name))
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a crash leaves either the
    /// old file or the new one, never half of one.
    /// - Throws: `TrawlError` `.config` naming the file (trawl.toml and the cursor file are what it writes).
    static func replace(_ path: String, with bytes: some DataProtocol) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw TrawlError(.config, "cannot write \(temporary) — check that \(Paths.parent(path)) is writable")
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError
            unlink(temporary)
            throw TrawlError(.config, "cannot replace \(path): \(reason)")
        }
    }

    /// Files larger than this are not read: no news article is, and the whole text is kept in the index.
    static let maximumFileSize = 256 << 20

    /// Reads a whole file.
    static func contents(of path: String) throws(ArticleReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(lastError) }
        defer { close(fd) }
        var size = stat()
        if fstat(fd, &size) == 0, Int(size.st_size) > maximumFileSize {
            throw .unreadable("too large (\(Int(size.st_size) >> 20) MB; articles over \(maximumFileSize >> 20) MB are not read)")
        }
        var bytes: [UInt8] = []
        var info = stat()
        if fstat(fd, &info) == 0 { bytes.reserveCapacity(Int(info.st_size)) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(lastError)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }
}
