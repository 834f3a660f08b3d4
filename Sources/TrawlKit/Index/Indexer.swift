import FoundationEssentials
import Xapian

/// What an index run did.
public struct IndexSummary: Sendable, Equatable {
    /// Articles new to the index.
    public var added = 0
    /// Articles whose file changed and were indexed again.
    public var updated = 0
    /// Articles whose file moved or was renamed: their documents were re-labelled, not indexed again.
    public var renamed = 0
    /// Articles whose file is gone (or no longer holds them), taken out of the index.
    public var removed = 0
    /// Articles whose file did not change (not read again, or read and found identical).
    public var unchanged = 0
    /// Files (or parts of files) under the corpus that were not indexed, with the reason.
    public var skipped: [SkippedFile] = []
    /// Files indexed whole but read another way than meant (front matter that is not YAML), with the reason.
    public var warnings: [SkippedFile] = []
    /// Articles in the index after the run.
    public var articles = 0
    /// Files read in this run (the rest were known unchanged from their size and modification time).
    public var filesRead = 0
    /// Near-duplicate clusters (of two or more articles) in the index after the run.
    public var clusters = 0
    /// Lines found to be page furniture (repeated across a source's or folder's articles).
    public var furnitureLines = 0
    public var seconds = 0.0
    /// The run was asked to stop (`Indexer.shouldStop`): what was done is committed, the rest is left for
    /// the next run.
    public var interrupted = false

    /// "5 added, 0 updated, 0 removed, 0 unchanged, 1 skipped" (and renamed, and read with warnings, when any were).
    public var counts: String {
        var parts = ["\(added) added", "\(updated) updated"]
        if renamed > 0 { parts.append("\(renamed) renamed") }
        parts += ["\(removed) removed", "\(unchanged) unchanged", "\(skipped.count) skipped"]
        if !warnings.isEmpty { parts.append("\(warnings.count) read with warnings") }
        return parts.joined(separator: ", ")
    }
}

/// How far an index run has got: files looked at of the files found, and articles indexed so far.
public struct IndexProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    public var articles: Int
}

/// Builds and updates an index from corpus folders.
///
/// A run reads only what changed: a file whose size and modification time are as last time is not read;
/// one whose bytes are the same is not indexed again; a renamed file's documents are re-labelled without
/// indexing them again; a changed file's documents are replaced, a deleted file's removed. So the index
/// always holds exactly one document per article. A file that cannot be read keeps what the index had of it.
public final class Indexer {
    public let indexPath: String
    private let shown: String
    /// Changes between commits: bounds memory and what a crash could lose.
    public var commitEvery = 1000
    /// The synonyms the index's synonym table should hold (trawl.toml's `[synonyms]`).
    public var synonyms: [Synonym] = []
    /// Asked between files: when it returns true the run commits what it has done and returns early, with
    /// `IndexSummary.interrupted` set (the CLI sets it from SIGINT and SIGTERM).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// When another writer holds the index's lock: nil to fail at once (`TrawlError.locked`), else called
    /// before each new try (five a second) until the lock is free or it returns false.
    public var waitingForLock: (() -> Bool)?
    /// Writers working at once. With more than one, a run with many files to index reads and indexes them in
    /// that many threads, each writing shards of its own, and merges the shards into the index at the end.
    public var jobs = 1
    /// The default number of writers: the processors online.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
    /// The fewest files to index for the parallel path to be worth merging the whole index once (it is also
    /// taken only when they are at least half as many as the documents already in the index).
    public var parallelMinimum = 500
    /// The most distinct words each parallel writer keeps in memory for the spelling data (see `Sharding`).
    var spellingWordsHeld = 100_000

    /// An indexer for the index at `indexPath` (absolute); `shownAs` is how messages name it.
    public init(indexPath: String, shownAs shown: String) {
        self.indexPath = indexPath
        self.shown = shown
    }

    /// Brings the index up to date with `roots` (absolute folder paths).
    /// - Parameters:
    ///   - rebuild: start from an empty index.
    ///   - language: the stemming language (default: the index's, else English); changing it needs `rebuild`.
    ///   - progress: called on the calling thread as files are processed (for a parallel run, a few times a
    ///     second), and once at the end with every file done.
    /// - Throws: `TrawlError` for a missing corpus, a locked or foreign index, a language change.
    public func run(roots: [String], rebuild: Bool = false, language: String? = nil,
                    progress: ((IndexProgress) -> Void)? = nil) throws -> IndexSummary {
        do {
            return try update(roots: roots, rebuild: rebuild, language: language, progress: progress)
        } catch let error as XapianError {
            throw IndexStore.writingError(error, shown: shown)
        } catch is DecodingError {
            throw TrawlError(.badIndex, "\(shown) holds a document this trawl cannot read — rebuild it with "
                + "`trawl index --rebuild`")
        }
    }

    private func update(roots: [String], rebuild: Bool, language: String?,
                        progress: ((IndexProgress) -> Void)?) throws -> IndexSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let roots = try Self.checkRoots(roots)
        // A bad language must fail before the index is opened: --rebuild empties it on opening.
        if let language { _ = try IndexStore.stemmer(language) }

        // A parallel run killed while it swapped in its merged index left it beside: put it back first.
        Sharding.recover(indexPath: indexPath)
        var db = try IndexStore.openForWriting(indexPath, shownAs: shown, rebuild: rebuild,
                                               waiting: waitingForLock)
        let storedLanguage = try db.metadata(IndexSchema.Key.language)
        if let language, !storedLanguage.isEmpty, language != storedLanguage, try db.documentCount > 0 {
            throw TrawlError(.usage, "\(shown) is stemmed for \(storedLanguage) — to change the language, rebuild: "
                + "`trawl index --rebuild --language \(language)`")
        }
        let languageUsed = language ?? (storedLanguage.isEmpty ? IndexSchema.defaultLanguage : storedLanguage)
        let run = try Run(db: db, builder: DocumentBuilder(stemmer: IndexStore.stemmer(languageUsed), spelling: db),
                          roots: roots, commitEvery: commitEvery, shouldStop: shouldStop)
        run.sharding = jobs > 1 ? Sharding(indexPath: indexPath, jobs: jobs, language: languageUsed,
                                           minimum: parallelMinimum, spellingWordsHeld: spellingWordsHeld) : nil

        // If the roots changed, ids may now mean other files: nothing known is trusted to be unchanged.
        let storedRoots = IndexStore.decodeRoots(try db.metadata(IndexSchema.Key.roots))
        // Written before the first batch is committed, so that an index killed mid-run is still Trawl's and
        // the next run finishes it. Roots that changed are recorded only at the end: until then the next run
        // must not trust what the index knows (an empty index has nothing to mistrust). Clusters are
        // recomputed by whichever run completes.
        try db.setMetadata(IndexSchema.Key.schema, IndexSchema.version)
        try db.setMetadata(IndexSchema.Key.language, languageUsed)
        if storedRoots != roots {
            try db.setMetadata(IndexSchema.Key.roots, try db.documentCount == 0 ? IndexStore.encodeRoots(roots) : "")
        }
        let storedClusters = Int(try db.metadata(IndexSchema.Key.clusters))
        try db.setMetadata(IndexSchema.Key.clusters, "")
        try run.update(trustKnown: storedRoots == roots, progress: progress)
        // The parallel path replaces the index with a merged one: carry on with that.
        db = run.db
        if run.summary.interrupted {
            try db.commit()
            var summary = run.summary
            summary.articles = try db.documentCount
            try db.close()
            let elapsed = clock.now - started
            summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return summary
        }
        let changed = run.summary.added + run.summary.updated + run.summary.renamed + run.summary.removed > 0
        if changed || storedClusters == nil {
            // Both passes read a value of every document: skip them when no document changed. A parallel run
            // assigned the clusters before its merge; otherwise they are recomputed only around the documents
            // that changed, when the last run's are known to be whole.
            if let clustersMerged = run.clustersMerged {
                run.summary.clusters = clustersMerged
            } else if let storedClusters, !run.merged {
                run.summary.clusters = try NearDuplicates.updateClusters(
                    in: db, changed: run.changedDocuments, before: run.clustersBefore, count: storedClusters)
            } else {
                run.summary.clusters = try NearDuplicates.assignClusters(in: db)
            }
            run.summary.furnitureLines = try Furniture.update(in: db).count
        } else {
            run.summary.clusters = storedClusters ?? 0
            run.summary.furnitureLines = try Furniture.load(from: db).count
        }
        try db.setMetadata(IndexSchema.Key.clusters, String(run.summary.clusters))

        try SynonymTable.sync(synonyms, into: db)
        try db.setMetadata(IndexSchema.Key.schema, IndexSchema.version)
        try db.setMetadata(IndexSchema.Key.language, languageUsed)
        try db.setMetadata(IndexSchema.Key.roots, IndexStore.encodeRoots(roots))
        try db.setMetadata(IndexSchema.Key.indexedAt, Date.now.formatted(.iso8601))
        try db.commit()
        var summary = run.summary
        summary.articles = try db.documentCount
        try db.close()
        let elapsed = clock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }

    /// Roots must be existing folders; with several, their last components must differ (they prefix ids).
    static func checkRoots(_ roots: [String]) throws -> [String] {
        guard !roots.isEmpty else { throw TrawlError(.usage, "no corpus folder given") }
        var names = Set<String>()
        for root in roots {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw TrawlError(.corpus, "no corpus at \(root) — put articles there or name a folder: "
                    + "`trawl index PATH`")
            }
            guard isDirectory else {
                throw TrawlError(.corpus, "\(root) is a file, not a folder — name the folder that holds the articles")
            }
            guard FileSystem.listing(of: root) != nil else {
                throw TrawlError(.corpus, "cannot read the corpus folder \(root): \(FileSystem.lastError) — check that "
                    + "it is mounted and readable (the index is left as it was)")
            }
            if roots.count > 1, !names.insert(Paths.lastComponent(root)).inserted {
                throw TrawlError(.usage, "two corpus folders are both named '\(Paths.lastComponent(root))' — "
                    + "article ids are prefixed with the folder name, so they must differ")
            }
        }
        return roots
    }
}

/// One index run's work over the scanned files.
final class Run {
    /// A document the index holds, as its file-state value describes it.
    struct Known: Sendable {
        let docid: DocumentID
        let state: FileState
    }

    private(set) var db: WritableDatabase
    let builder: DocumentBuilder
    /// Set for a parallel run: files to index wait in `deferred` until the scan is done.
    var sharding: Sharding?
    private var deferred: [ShardWork] = []
    let roots: [String]
    let commitEvery: Int
    let shouldStop: @Sendable () -> Bool
    var summary = IndexSummary()
    private var pending = 0
    /// Furniture known when the run starts: left out of the documents it writes.
    private var furniture: Set<UInt64> = []
    /// The documents this run wrote or deleted (not those only re-labelled or touched), for the clusters.
    private(set) var changedDocuments = Set<DocumentID>()
    /// The near-duplicate cluster keys when the run started, by document.
    private(set) var clustersBefore: [DocumentID: String] = [:]
    /// The parallel path merged shards into the index: `changedDocuments` does not cover their documents.
    private(set) var merged = false
    /// The number of clusters the merged index holds, when they were assigned before the merge.
    private(set) var clustersMerged: Int?

    init(db: WritableDatabase, builder: DocumentBuilder, roots: [String], commitEvery: Int,
         shouldStop: @escaping @Sendable () -> Bool) {
        self.shouldStop = shouldStop
        self.db = db
        self.builder = builder
        self.roots = roots
        self.commitEvery = commitEvery
    }

    func update(trustKnown: Bool, progress: ((IndexProgress) -> Void)?) throws {
        furniture = try Furniture.load(from: db)
        clustersBefore = try NearDuplicates.keys(in: db)
        // What the index holds, by file.
        var known: [String: [Known]] = [:]
        try db.forEachValue(inSlot: IndexSchema.Slot.fileState) { docid, bytes in
            if let state = FileState(bytes: bytes) { known[state.file, default: []].append(Known(docid: docid, state: state)) }
        }

        let scan = CorpusScanner(roots: roots).scan()
        summary.skipped = scan.skipped
        let prefixWithRoot = roots.count > 1
        // Once, not per file: splitting each root's path for each file was a sixth of a run.
        let rootNames = roots.map(Paths.lastComponent)
        let fileKey = { (file: CorpusFile) in
            prefixWithRoot ? Paths.join(rootNames[file.root], file.id) : file.id
        }
        // Files and folders the scanner could not look at count as present: the index keeps what it had of them.
        var unreadable: [String] = []
        var unreadableFolders: [String] = []
        for skip in scan.skipped {
            guard let root = skip.root, let id = skip.id else { continue }
            let key = prefixWithRoot ? Paths.join(rootNames[root], id) : id
            if skip.folder { unreadableFolders.append(key.isEmpty ? "" : key + "/") } else { unreadable.append(key) }
        }
        let fileKeys = scan.files.map(fileKey)
        var scannedKeys = Set(fileKeys + unreadable)
        if !unreadableFolders.isEmpty {
            for key in known.keys where unreadableFolders.contains(where: { key.hasPrefix($0) }) { scannedKeys.insert(key) }
        }
        // Files that are gone, by content hash: a new file with the same bytes is one of them renamed.
        var goneByHash: [UInt64: [String]] = [:]
        if trustKnown {
            // Sorted, so that which of several identical gone files a new one takes is the same every run.
            for key in known.keys.filter({ !scannedKeys.contains($0) }).sorted(by: >) {
                if let hash = known[key]?.first?.state.hash { goneByHash[hash, default: []].append(key) }
            }
        }
        var consumed = Set<String>()
        // With one writer the new files are read in this loop, in this order: ask for them ahead of it (the
        // parallel writers ask for theirs, so then nothing is looked up here).
        let ahead = sharding == nil
            ? Readahead(zip(scan.files, fileKeys).filter { !trustKnown || known[$1] == nil }.map { ($0.0.path, $0.0.size) })
            : nil
        defer { ahead?.stop() }

        for (done, file) in scan.files.enumerated() {
            if shouldStop() {
                // The files not reached keep what the index had of them; nothing is removed this run.
                summary.interrupted = true
                return
            }
            progress?(IndexProgress(filesDone: done - deferred.count, filesTotal: scan.files.count,
                                    articles: summary.added + summary.updated))
            let key = fileKeys[done]
            let old = trustKnown ? known[key] ?? [] : []
            if old.isEmpty { ahead?.advance() }
            if !old.isEmpty, old.allSatisfy({ $0.state.size == file.size && $0.state.modified == file.modified }) {
                summary.unchanged += old.count
                continue
            }
            // New, and no gone file it could be a rename of: its bytes are needed only to index it.
            if sharding != nil, old.isEmpty, goneByHash.isEmpty {
                deferred.append(ShardWork(file: file, key: key, old: known[key] ?? []))
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.contents(of: file.path)
            } catch {
                // Keep what the index had of it: the file may be readable next time.
                summary.skipped.append(SkippedFile(path: file.path, reason: error.description))
                continue
            }
            summary.filesRead += 1
            let hash = contentHash(bytes)
            if !old.isEmpty, old[0].state.hash == hash {
                try touch(old, size: file.size, modified: file.modified)
                summary.unchanged += old.count
            } else if old.isEmpty, let source = goneByHash[hash]?.last, Self.sameFormat(source, key),
                      let moved = known[source] {
                goneByHash[hash]?.removeLast()
                consumed.insert(source)
                try rename(moved, to: file, key: key)
                summary.renamed += moved.count
            } else if sharding != nil {
                deferred.append(ShardWork(file: file, key: key, old: known[key] ?? []))
            } else {
                try reindex(file, key: key, bytes: bytes, hash: hash, old: known[key] ?? [])
            }
            try commitIfDue()
        }
        if deferred.isEmpty { progress?(IndexProgress(filesDone: scan.files.count, filesTotal: scan.files.count,
                                                      articles: summary.added + summary.updated)) }

        for (key, docs) in known where !scannedKeys.contains(key) && !consumed.contains(key) {
            for doc in docs { try delete(doc.docid) }
            summary.removed += docs.count
            try commitIfDue()
        }
        if let sharding, !deferred.isEmpty {
            let base = scan.files.count - deferred.count
            let before = summary.added + summary.updated
            let report = { (done: Int, articles: Int) -> Void in
                progress?(IndexProgress(filesDone: base + done, filesTotal: scan.files.count, articles: before + articles))
            }
            let existing = try db.documentCount
            if deferred.count >= sharding.minimum, deferred.count * 2 >= existing {
                try db.commit()
                let result = try sharding.index(deferred, furniture: furniture, commitEvery: commitEvery,
                                                shouldStop: shouldStop, progress: report)
                try merge(result, sharding: sharding)
                // Asked to stop while the writers ran: what they finished is merged, the rest waits for the next run.
                if shouldStop() {
                    summary.interrupted = true
                    return
                }
            } else {
                // Too few to be worth merging the index: index them here, one by one.
                let ahead = Readahead(deferred.map { ($0.file.path, $0.file.size) })
                defer { ahead.stop() }
                for (done, work) in deferred.enumerated() {
                    if shouldStop() {
                        summary.interrupted = true
                        return
                    }
                    ahead.advance()
                    report(done, summary.added + summary.updated - before)
                    try reindex(work)
                    try commitIfDue()
                }
            }
            deferred = []
            progress?(IndexProgress(filesDone: scan.files.count, filesTotal: scan.files.count,
                                    articles: summary.added + summary.updated))
        }
    }

    /// A file whose bytes were not read yet: read it, and index it as `reindex` does.
    private func reindex(_ work: ShardWork) throws {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.contents(of: work.file.path)
        } catch {
            summary.skipped.append(SkippedFile(path: work.file.path, reason: error.description))
            return
        }
        summary.filesRead += 1
        try reindex(work.file, key: work.key, bytes: bytes, hash: contentHash(bytes), old: work.old)
    }

    /// Takes in what the shard writers did: their counts, the old documents of the files they indexed
    /// (deleted here, since their new ones are in the shards), then the index merged with the shards.
    private func merge(_ result: ShardResult, sharding: Sharding) throws {
        summary.added += result.added
        summary.updated += result.updated
        summary.removed += result.removed
        summary.filesRead += result.filesRead
        summary.skipped += result.skipped
        for docid in result.replaced { try db.deleteDocument(docid) }
        // The clusters go into the index and the shards before they are merged, so the merge packs them too.
        // A run asked to stop leaves them to the next run, which recomputes them all.
        if !shouldStop() {
            let shards = try result.shards.map { try WritableDatabase(path: $0, mode: .open, durable: false) }
            defer { for shard in shards { try? shard.close() } }
            clustersMerged = try NearDuplicates.assignClusters(across: [db] + shards)
            for shard in shards { try shard.commit() }
        }
        try db.commit()
        db = try sharding.merge(result, into: db)
        merged = true
    }

    /// Same bytes, new size or time: remember them so the next run need not read the file.
    private func touch(_ docs: [Known], size: Int, modified: Int64) throws {
        for known in docs {
            var state = known.state
            state.size = size
            state.modified = modified
            let doc = try db.document(known.docid)
            try doc.setValue(IndexSchema.Slot.fileState, state.encoded)
            try db.replaceDocument(known.docid, with: doc)
        }
    }

    /// A file with the bytes of one that is gone: re-label its documents (id, path, section), keep the terms.
    private func rename(_ docs: [Known], to file: CorpusFile, key: String) throws {
        for known in docs {
            let doc = try db.document(known.docid)
            var stored = try StoredArticle.decode(try doc.data())
            let oldTerms = DocumentBuilder.filterTerms(stored.article)
            let suffix = stored.article.id.dropFirst(known.state.file.count)  // "" or "#n"
            stored.article.id = key + suffix
            stored.article.section = Self.section(of: file.id)
            stored.root = file.root
            stored.path = file.id
            let newTerms = DocumentBuilder.filterTerms(stored.article)
            for term in oldTerms where !newTerms.contains(term) { try doc.removeTerm(term) }
            for term in newTerms where !oldTerms.contains(term) { try doc.addBooleanTerm(term) }
            var state = known.state
            state.file = key
            state.id = stored.article.id
            state.size = file.size
            state.modified = file.modified
            try doc.setValue(IndexSchema.Slot.fileState, state.encoded)
            try doc.setData(try stored.encoded())
            try db.replaceDocument(known.docid, with: doc)
        }
    }

    /// New or changed bytes: read the file's articles and index each; drop articles the file no longer holds.
    private func reindex(_ file: CorpusFile, key: String, bytes: [UInt8], hash: UInt64, old: [Known]) throws {
        guard let reader = ArticleFormats.reader(for: file.path) else { return }
        let result: ReadResult
        do {
            result = try reader.articles(in: bytes, id: key)
        } catch {
            // Not an article (any more): empty, binary.
            summary.skipped.append(SkippedFile(path: file.path, reason: error.description))
            for doc in old { try delete(doc.docid) }
            summary.removed += old.count
            return
        }
        summary.skipped += result.problems.map { SkippedFile(path: file.path, reason: $0) }
        summary.warnings += result.warnings.map { SkippedFile(path: file.path, reason: $0) }
        let oldIDs = Set(old.map(\.state.id))
        var newIDs = Set<String>()
        for article in result.articles {
            let (id, doc) = try Self.document(for: article, file: file, key: key, hash: hash, furniture: furniture,
                                              builder: builder)
            newIDs.insert(id)
            changedDocuments.insert(try db.replaceDocument(uniqueTerm: IndexSchema.idTerm(id), with: doc))
            if oldIDs.contains(id) { summary.updated += 1 } else { summary.added += 1 }
        }
        for doc in old where !newIDs.contains(doc.state.id) {
            try delete(doc.docid)
            summary.removed += 1
        }
    }

    /// How much of an article's text its near-duplicate fingerprint is made from (about 35,000 words).
    static let fingerprintScalars = 200_000

    /// The document for one article read from `file`: clutter and known furniture taken out, its section,
    /// file state, near-duplicate fingerprint and furniture candidates recorded. Returns the article's id too.
    static func document(for article: Article, file: CorpusFile, key: String, hash: UInt64, furniture: Set<UInt64>,
                         builder: DocumentBuilder) throws -> (id: String, doc: Document) {
        var article = article
        article.section = article.section ?? section(of: file.id)
        // Candidates are recorded before furniture is removed, so the counts see every copy of a line.
        article.paragraphs = Boilerplate.clean(article.paragraphs)
        let candidates = Furniture.value(for: article)
        article.paragraphs = Furniture.remove(furniture, from: article.paragraphs)
        let state = FileState(size: file.size, modified: file.modified, hash: hash, file: key, id: article.id)
        let stored = StoredArticle(article: article, root: file.root, path: file.id)
        // Paragraph by paragraph (words never span one), so a huge article is never one list of words; and
        // only its start (a copy shares that too): all of a 10 MB article took 73 s.
        var shingles = SimHash.Accumulator()
        var budget = fingerprintScalars
        for text in article.paragraphs.isEmpty ? [article.title] : article.paragraphs.map(\.text) where budget > 0 {
            // A paragraph that does not fit ends the loop, so only what fits is decoded.
            let scalars = Tokenizer.scalars(of: text, atMost: budget)
            budget = scalars.count < budget ? budget - scalars.count : 0
            for token in Tokenizer.words(in: scalars) { shingles.add(token.word) }
        }
        let doc = try builder.document(for: stored, state: state, simhash: (shingles.fingerprint, shingles.count),
                                       furniture: candidates)
        return (article.id, doc)
    }

    private func delete(_ docid: DocumentID) throws {
        try db.deleteDocument(docid)
        changedDocuments.insert(docid)
    }

    private func commitIfDue() throws {
        pending += 1
        if pending >= commitEvery {
            try db.commit()
            pending = 0
        }
    }

    /// Whether two files are read by the same reader (a renamed `a.txt` → `a.md` must be read again).
    static func sameFormat(_ a: String, _ b: String) -> Bool {
        func ext(_ path: String) -> String {
            let name = Paths.lastComponent(path)
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
            return name[name.index(after: dot)...].lowercased()
        }
        return ext(a) == ext(b)
    }

    /// The first folder under the corpus root, if the file is in one.
    static func section(of relativePath: String) -> String? {
        let parts = relativePath.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : nil
    }
}
