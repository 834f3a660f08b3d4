import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the kernel to start reading files a little ahead of the thread that reads them, from a thread of its
/// own, so that a file that is not in the page cache is on its way by the time its turn comes. A writer reading
/// thousands of small files one by one otherwise waits on the disk for each one it misses: on the benchmark
/// corpus with a cold cache that was 2-4 s of an index's 10-12 s (README, Speed and scale).
///
/// ```swift
/// let ahead = Readahead(files.map { ($0.path, $0.size) })
/// defer { ahead.stop() }
/// for file in files {
///     ahead.advance()
///     let bytes = try FileSystem.contents(of: file.path)
/// }
/// ```
///
/// Only advice: a file that cannot be opened is passed over (its reader reports it), and nothing is read into
/// the process's own memory.
final class Readahead: @unchecked Sendable {
    /// Files are asked for in batches of this many, each when the reader starts the batch before it, so the
    /// advice runs 32 to 64 files ahead: enough requests in flight to keep the disk busy, and one wake-up
    /// of the advising thread every 32 files (a wake-up for each file cost more than it saved on a warm cache).
    static let batch = 32
    /// The most of one file that is asked for ahead: the reader's own sequential reads bring in the rest of a
    /// big file, and the page cache taken ahead stays under 64 times this.
    static let mostBytesAhead = 1 << 20

    /// One credit for each batch the advice may take: one at the start (the first batch), one more each time
    /// the reader starts a batch (the next one).
    private let credits = DispatchSemaphore(value: 0)
    private let lock = DispatchQueue(label: "trawl.readahead.lock")
    /// Read and written only inside `lock`.
    private var stopped = false
    /// Files the reader has started; only the reader's thread touches it.
    private var started = 0

    /// Starts advising `files` (path, size) in the order they will be read.
    init(_ files: [(path: String, size: Int)]) {
        credits.signal()
        guard files.count > 1 else { return }
        // A serial queue of its own gets a thread even while every core runs a writer; the global queue would
        // wait for one of them to finish.
        DispatchQueue(label: "trawl.readahead").async { [self] in
            for (n, file) in files.enumerated() {
                if n % Self.batch == 0 {
                    credits.wait()
                    if lock.sync(execute: { stopped }) { return }
                }
                Self.advise(file.path, size: file.size)
            }
        }
    }

    /// The reader is on to its next file.
    func advance() {
        if started % Self.batch == 0 { credits.signal() }
        started += 1
    }

    /// The reader is done (or gave up): no more advice.
    func stop() {
        lock.sync { stopped = true }
        credits.signal()
    }

    private static func advise(_ path: String, size: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, off_t(min(size, mostBytesAhead)), POSIX_FADV_WILLNEED)
        #endif
        close(fd)
    }
}
