import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

#if canImport(Glibc)
import Glibc
#endif

/// `Readahead` asks the kernel for files ahead of their reader: files out of the page cache are back in it
/// before the reader gets to them, and files it cannot open are passed over.
struct ReadaheadTests {
    /// How many of a file's pages are in the page cache, and how many it has.
    private func resident(_ path: String) throws -> (cached: Int, pages: Int) {
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var info = stat()
        try #require(fstat(fd, &info) == 0)
        let size = Int(info.st_size)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (size + page - 1) / page
        let map = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0)
        try #require(map != MAP_FAILED)
        defer { munmap(map, size) }
        var vector = [UInt8](repeating: 0, count: pages)
        try #require(mincore(map, size, &vector) == 0)
        return (vector.filter { $0 & 1 != 0 }.count, pages)
    }

    @Test func filesOutOfThePageCacheAreAskedForAheadOfTheirReader() throws {
        try withTemporaryDirectory { dir in
            let paths = (0..<40).map { dir.appendingPathComponent("article-\($0).txt").path }
            for (n, path) in paths.enumerated() {
                try Data(String(repeating: "Oil prices rose in article \(n). ", count: 2_000).utf8)
                    .write(to: URL(fileURLWithPath: path))
            }
            // Written out, then dropped from the page cache (where the file system allows it: tmpfs keeps files
            // only there, so there is nothing to show).
            for path in paths {
                let fd = open(path, O_RDONLY)
                fsync(fd)
                posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
                close(fd)
            }
            guard try paths.allSatisfy({ try resident($0).cached == 0 }) else {
                print("skipped: the temporary folder's file system keeps these files in the page cache")
                return
            }
            let sizes = try paths.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int }
            /// Waits up to 10 s for a file to be wholly in the page cache.
            func waitForCache(_ path: String) throws -> Bool {
                let deadline = ContinuousClock.now + .seconds(10)
                while ContinuousClock.now < deadline {
                    let (cached, pages) = try resident(path)
                    if cached == pages { return true }
                    usleep(5_000)
                }
                return false
            }
            // A file that is gone by the time its turn comes is passed over.
            let ahead = Readahead([(dir.appendingPathComponent("gone.txt").path, 100)] + Array(zip(paths, sizes)))
            defer { ahead.stop() }
            // Before the reader starts, the first batch is asked for (the gone file and 31 others), not more.
            #expect(try waitForCache(paths[30]))
            #expect(try resident(paths[0]).cached == resident(paths[0]).pages)
            #expect(try resident(paths[31]).cached == 0)
            // The reader starts: the next batch is asked for.
            ahead.advance()
            #expect(try waitForCache(paths[39]))
        }
    }
}
