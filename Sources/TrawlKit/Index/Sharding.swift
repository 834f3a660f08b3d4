import Dispatch
import FoundationEssentials
import Xapian

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file to read and index in a shard writer, with what the index held of it.
struct ShardWork: Sendable {
    let file: CorpusFile
    let key: String
    let old: [Run.Known]
}

/// What the shard writers did, in total.
struct ShardResult: Sendable {
    var added = 0
    var updated = 0
    var removed = 0
    var filesRead = 0
    var skipped: [SkippedFile] = []
    var warnings: [SkippedFile] = []
    /// The index's old documents of files the writers indexed again: to delete before merging.
    var replaced: [DocumentID] = []
    /// The shard databases, in the order of the files they hold.
    var shards: [String] = []
}

/// Parallel indexing: the files to index are cut into runs of consecutive files, more runs than writers, and
/// each of `jobs` threads takes the next run, reads its files and writes their documents into a shard of its
/// own, with its own Xapian handles (Xapian objects are not shared between threads). At the end the shards are
/// merged into the index by Xapian's compaction, in file order, so documents get the ids a single writer would
/// have given them and the merged index ranks exactly as a single writer's.
struct Sharding: Sendable {
    let indexPath: String
    let jobs: Int
    let language: String
    let minimum: Int
    /// The most distinct words a writer's spelling counts hold: past that, at a commit, they go into its shard
    /// (compaction adds the shards' spelling data up), so memory stays bounded whatever the vocabulary.
    let spellingWordsHeld: Int

    /// The most articles a writer adds to its shard between commits (fewer when the index's `commitEvery` is).
    /// A shard is not synced, so a commit costs only Xapian's flush, and Xapian's postings held in memory stay
    /// small: at 100 a full index took about 10% less time and CPU than at 1,000, with the same index (README,
    /// Speed and scale). Fewer than 100 cost more system time (more blocks written) for no clear gain.
    static let commitEvery = 100

    /// Where shards are written while a run lasts: hidden, beside the index (so merging can rename).
    var workPath: String { Self.workPath(for: indexPath) }

    static func workPath(for indexPath: String) -> String {
        Paths.join(Paths.parent(indexPath), "." + Paths.lastComponent(indexPath) + ".trawl-shards")
    }

    /// A run killed while it swapped the merged index in (after moving the old one aside, before moving the
    /// merged one in) left no index at `indexPath`: put the merged one there when it is whole, else the old one.
    /// Nothing to do when the index is there.
    static func recover(indexPath: String) {
        let work = workPath(for: indexPath)
        guard !FileManager.default.fileExists(atPath: Paths.join(indexPath, "iamglass")) else { return }
        let merged = Paths.join(work, "merged"), old = Paths.join(work, "old")
        let source: String
        if FileManager.default.fileExists(atPath: Paths.join(work, "merged.done")),
           FileManager.default.fileExists(atPath: Paths.join(merged, "iamglass")) {
            source = merged
        } else if FileManager.default.fileExists(atPath: Paths.join(old, "iamglass")) {
            source = old
        } else {
            return
        }
        // An empty folder (or one holding only `.gitkeep`) may stand where the index was.
        FileSystem.moveHiddenEntries(from: indexPath, to: source)
        _ = rmdir(indexPath)
        if rename(source, indexPath) == 0 {
            FileSystem.moveHiddenEntries(from: old, to: indexPath)
            try? FileManager.default.removeItem(atPath: work)
        }
    }

    /// Indexes `work` into shards under `workPath`, each committed every `commitEvery` articles or
    /// `Sharding.commitEvery`, whichever is fewer. `progress` is called on the calling thread with the number
    /// of files done and articles indexed, a few times a second.
    func index(_ work: [ShardWork], furniture: Set<UInt64>, commitEvery: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
               progress: (Int, Int) -> Void) throws -> ShardResult {
        try? FileManager.default.removeItem(atPath: workPath)
        try FileManager.default.createDirectory(atPath: workPath, withIntermediateDirectories: true)
        let runs = Self.schedule(work, jobs: jobs)
        let board = Board(runs: runs.count)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, runs.count) {
            DispatchQueue.global().async(group: group) {
                let spelling: SpellingCounts
                do {
                    spelling = try SpellingCounts()
                } catch {
                    board.fail(error)
                    return
                }
                var last: String?
                while let index = board.next() {
                    let shard = Paths.join(workPath, "shard-\(index)")
                    last = shard
                    do {
                        let result = try Self.write(runs[index], into: shard, language: language,
                                                    furniture: furniture, spelling: spelling,
                                                    spellingWordsHeld: spellingWordsHeld,
                                                    commitEvery: min(commitEvery, Self.commitEvery),
                                                    shouldStop: shouldStop, done: { board.fileDone(articles: $0) })
                        board.finish(index, result)
                    } catch {
                        board.fail(error)
                    }
                }
                // The writer's spelling data goes into its last shard, once, while the other writers still work:
                // compaction then merges one spelling table per writer.
                guard let last, spelling.wordCount > 0 else { return }
                do {
                    let shard = try WritableDatabase(path: last, mode: .open, durable: false)
                    try shard.addSpelling(spelling)
                    try shard.close()
                } catch {
                    board.fail(error)
                }
            }
        }
        while group.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
            let (files, articles) = board.counts
            progress(files, articles)
        }
        let (files, articles) = board.counts
        progress(files, articles)
        do {
            return try board.total()
        } catch {
            try? FileManager.default.removeItem(atPath: workPath)
            throw error
        }
    }

    /// Merges the index (committed, and still held open by `db` so that no other writer can start) with the
    /// shards, puts the merged index in its place, and returns it opened for writing.
    func merge(_ result: ShardResult, into db: WritableDatabase) throws -> WritableDatabase {
        defer { try? FileManager.default.removeItem(atPath: workPath) }
        let merged = Paths.join(workPath, "merged")
        let old = Paths.join(workPath, "old")
        try Database.compact([indexPath] + result.shards, into: merged)
        // From here a run killed between the two renames is finished by `recover`: the marker says the merged
        // index is whole.
        guard FileManager.default.createFile(atPath: Paths.join(workPath, "merged.done"), contents: Data()) else {
            throw Self.failure("mark the merged index complete")
        }
        guard rename(indexPath, old) == 0 else { throw Self.failure("move \(indexPath) aside") }
        guard rename(merged, indexPath) == 0 else {
            _ = rename(old, indexPath)
            throw Self.failure("move the merged index to \(indexPath)")
        }
        // Files of the user's kept in the index folder (a `.gitkeep`) stay with it.
        FileSystem.moveHiddenEntries(from: old, to: indexPath)
        try db.close()
        return try WritableDatabase(path: indexPath, mode: .open)
    }

    private static func failure(_ what: String) -> TrawlError {
        TrawlError(.failure, "cannot \(what): \(FileSystem.lastError) — check the folder is writable, then run "
            + "`trawl index` again")
    }

    /// The most shards a run writes: compaction opens every shard at once, each with up to six files, so 128
    /// shards stay under the usual limit of 1,024 open files. (64 made runs of 5.4 MB at 8x the benchmark
    /// corpus; 128 makes them 2.7 MB, and the index took 67-78 s instead of 79-82 s.)
    static let maxRuns = 128

    /// The most bytes of files a run takes, unless a corpus of more than `maxRuns / 2` times this needs bigger
    /// runs. A shard's commits cost more as it grows (each dirties more B-tree blocks: at 8x the benchmark
    /// corpus, runs of up to 43 MB spent 27-31 s of system time, runs of 5.4 MB 13-16 s, runs of 2.7 MB
    /// 12-14 s), and the merge reads every shard once however many there are (README, Speed and scale).
    static let maxRunBytes = 2_000_000

    /// Cuts `work` into runs of consecutive files for `jobs` writers, largest first (guided scheduling): each
    /// run takes a 2·jobs-th of the bytes not yet cut, none more than `maxRunBytes` (or a `maxRuns / 2`-th of
    /// all, if that is more) and none less than a 32·jobs-th of all. Writers take the runs in order, so the
    /// last ones, which decide when the writers finish, are small: the writers end within about one small run
    /// of each other, where runs of equal size left one writer idle for up to a whole run (about 2.5 s of a
    /// 21 s index) while the other finished.
    static func schedule(_ work: [ShardWork], jobs: Int) -> [ArraySlice<ShardWork>] {
        guard jobs > 1, work.count > 1 else { return [work[...]] }
        let total = work.reduce(0) { $0 + max($1.file.size, 1) }
        let smallest = max(1, total / (32 * jobs))
        let largest = max(maxRunBytes, total / (maxRuns / 2))
        var runs: [ArraySlice<ShardWork>] = []
        var start = 0
        var remaining = total
        while start < work.count {
            if runs.count == maxRuns - 1 {
                runs.append(work[start...])
                break
            }
            let target = min(max(remaining / (2 * jobs), smallest), largest)
            var end = start
            var bytes = 0
            while end < work.count, bytes < target {
                bytes += max(work[end].file.size, 1)
                end += 1
            }
            // A last run of less than half the smallest joins this one.
            if end < work.count, (remaining - bytes) * 2 < smallest {
                end = work.count
                bytes = remaining
            }
            runs.append(work[start..<end])
            remaining -= bytes
            start = end
        }
        return runs
    }

    /// One writer's run: reads each file and writes its articles' documents into a new shard at `path`, and
    /// counts their words in `spelling` (written to the writer's last shard when it is done), which go into this
    /// shard at a commit when they are more than `spellingWordsHeld`.
    static func write(_ run: ArraySlice<ShardWork>, into path: String, language: String, furniture: Set<UInt64>,
                      spelling: SpellingCounts, spellingWordsHeld: Int, commitEvery: Int,
                      shouldStop: @Sendable () -> Bool = { false }, done: (_ articles: Int) -> Void) throws -> ShardResult {
        var result = ShardResult(shards: [path])
        // Not synced: a shard is read back only by this run's merge, and a run that dies leaves its shards to
        // be removed by the next. Syncing every commit cost the writers about 0.7 s waiting on the disk.
        let shard = try WritableDatabase(path: path, mode: .createOrOverwrite, durable: false)
        let builder = try DocumentBuilder(stemmer: IndexStore.stemmer(language), spellingCounts: spelling)
        // The shard starts empty and its files are distinct, so an article's id is new to it unless the same
        // file gave it twice: added without looking for a document to replace.
        var written = Set<String>()
        var pending = 0
        let ahead = Readahead(run.map { ($0.file.path, $0.file.size) })
        defer { ahead.stop() }
        for work in run {
            ahead.advance()
            // A stop request (SIGINT, SIGTERM) between files: the shard keeps the files done so far (their old
            // documents are the only ones `replaced` lists), the files not reached keep what the index had.
            if shouldStop() { break }
            var articles = 0
            defer { done(articles) }
            let file = work.file
            guard let reader = ArticleFormats.reader(for: file.path) else { continue }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.contents(of: file.path)
            } catch {
                // Keep what the index had of it: the file may be readable next time.
                result.skipped.append(SkippedFile(path: file.path, reason: error.description))
                continue
            }
            result.filesRead += 1
            let hash = contentHash(bytes)
            result.replaced += work.old.map(\.docid)
            let read: ReadResult
            do {
                read = try reader.articles(in: bytes, id: work.key)
            } catch {
                // Not an article (any more): empty, binary.
                result.skipped.append(SkippedFile(path: file.path, reason: error.description))
                result.removed += work.old.count
                continue
            }
            result.skipped += read.problems.map { SkippedFile(path: file.path, reason: $0) }
            result.warnings += read.warnings.map { SkippedFile(path: file.path, reason: $0) }
            let oldIDs = Set(work.old.map(\.state.id))
            var newIDs = Set<String>()
            for article in read.articles {
                let (id, doc) = try Run.document(for: article, file: file, key: work.key, hash: hash,
                                                 furniture: furniture, builder: builder)
                newIDs.insert(id)
                if written.insert(id).inserted {
                    try shard.addDocument(doc)
                } else {
                    try shard.replaceDocument(uniqueTerm: IndexSchema.idTerm(id), with: doc)
                }
                if oldIDs.contains(id) { result.updated += 1 } else { result.added += 1 }
                articles += 1
                pending += 1
                if pending >= commitEvery {
                    if spelling.wordCount > spellingWordsHeld { try shard.addSpelling(spelling) }
                    try shard.commit()
                    pending = 0
                }
            }
            result.removed += oldIDs.subtracting(newIDs).count
        }
        try shard.close()
        return result
    }
}

/// What the writer threads share: the next run to take, files done, each run's result, the first error.
private final class Board: @unchecked Sendable {
    // Every field is read and written only inside `lock`.
    private let lock = DispatchQueue(label: "trawl.sharding")
    private var nextRun = 0
    private var done = 0
    private var articles = 0
    private var results: [ShardResult?]
    private var error: (any Error)?

    init(runs: Int) {
        results = Array(repeating: nil, count: runs)
    }

    /// The next run to write, or nil when none is left or a writer failed.
    func next() -> Int? {
        lock.sync {
            guard error == nil, nextRun < results.count else { return nil }
            defer { nextRun += 1 }
            return nextRun
        }
    }

    func fileDone(articles count: Int) {
        lock.sync {
            done += 1
            articles += count
        }
    }

    /// Files done and articles indexed so far.
    var counts: (files: Int, articles: Int) { lock.sync { (done, articles) } }

    func finish(_ run: Int, _ result: ShardResult) { lock.sync { results[run] = result } }

    func fail(_ error: any Error) { lock.sync { if self.error == nil { self.error = error } } }

    /// The runs' results added up, shards in run order; or the first error.
    func total() throws -> ShardResult {
        try lock.sync {
            if let error { throw error }
            var total = ShardResult()
            for case let result? in results {
                total.added += result.added
                total.updated += result.updated
                total.removed += result.removed
                total.filesRead += result.filesRead
                total.skipped += result.skipped
                total.warnings += result.warnings
                total.replaced += result.replaced
                total.shards += result.shards
            }
            return total
        }
    }
}
