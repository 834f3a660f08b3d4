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
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        if size > maximumFileSize {
            throw .unreadable("too large (\(size >> 20) MB; articles over \(maximumFileSize >> 20) MB are not read)")
        }
        // Read straight into an array of the file's size and a byte more (so that the read finding the end
        // needs no more room), rather than into a zeroed 64 kB buffer for each file, copied from.
        var bytes: [UInt8] = []
        var room = size + 1
        while true {
            var failure: Int32 = 0
            var ended = false
            // Appends what reads give until the end of the file or `room` bytes, whichever comes first.
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                while count < room {
                    let got = read(fd, buffer.baseAddress! + count, room - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 {
                        ended = true
                        return
                    }
                    count += got
                }
            }
            if failure != 0 {
                errno = failure
                throw .unreadable(lastError)
            }
            if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            if ended { return bytes }
            // The file grew since fstat: go on in pieces.
            room = 1 << 16
        }
    }
}
