import FoundationEssentials
import Xapian

/// What an index run did.
public struct IndexSummary: Sendable, Equatable {
    /// Articles new to the index.
    public var added = 0
    /// Articles whose file changed and were indexed again.
    public var updated = 0
    /// Articles whose file is gone (or no longer an article), taken out of the index.
    public var removed = 0
    /// Articles whose file did not change (not read again, or read and found identical).
    public var unchanged = 0
    /// Files under the corpus that were not indexed, with the reason.
    public var skipped: [SkippedFile] = []
    /// Articles in the index after the run.
    public var articles = 0
    public var seconds = 0.0

    /// "5 added, 0 updated, 0 removed, 0 unchanged, 1 skipped"
    public var counts: String {
        "\(added) added, \(updated) updated, \(removed) removed, \(unchanged) unchanged, \(skipped.count) skipped"
    }
}

/// Builds and updates an index from corpus folders.
///
/// A run reads only what changed: a file whose size and modification time are as last time is not read;
/// one whose bytes are the same is not indexed again; a changed file's document is replaced, a deleted
/// file's document removed. So the index always holds exactly one document per article.
public final class Indexer {
    public let indexPath: String
    private let shown: String
    /// Changes between commits: bounds memory and what a crash could lose.
    public var commitEvery = 1000

    /// An indexer for the index at `indexPath` (absolute); `shownAs` is how messages name it.
    public init(indexPath: String, shownAs shown: String) {
        self.indexPath = indexPath
        self.shown = shown
    }

    /// Brings the index up to date with `roots` (absolute folder paths).
    /// - Parameters:
    ///   - rebuild: start from an empty index.
    ///   - language: the stemming language (default: the index's, else English); changing it needs `rebuild`.
    ///   - progress: called with (files done, files total) as files are processed.
    /// - Throws: `TrawlError` for a missing corpus, a locked or foreign index, a language change.
    public func run(roots: [String], rebuild: Bool = false, language: String? = nil,
                    progress: ((Int, Int) -> Void)? = nil) throws -> IndexSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let roots = try Self.checkRoots(roots)

        let db = try IndexStore.openForWriting(indexPath, shownAs: shown, rebuild: rebuild)
        let existing = try db.documentCount
        let storedLanguage = try db.metadata(IndexSchema.Key.language)
        if let language, !storedLanguage.isEmpty, language != storedLanguage, existing > 0 {
            throw TrawlError(.usage, "\(shown) is stemmed for \(storedLanguage) — to change the language, rebuild: "
                + "`trawl index --rebuild --language \(language)`")
        }
        let languageUsed = language ?? (storedLanguage.isEmpty ? IndexSchema.defaultLanguage : storedLanguage)
        let stem = try IndexStore.stemmer(languageUsed)
        let builder = try DocumentBuilder(stemmer: stem)

        // What the index holds now. If the roots changed, ids may mean other files: treat everything as new
        // (documents are replaced by id, and what is not seen again is removed).
        let storedRoots = IndexStore.decodeRoots(try db.metadata(IndexSchema.Key.roots))
        var known: [String: (id: DocumentID, state: FileState)] = [:]
        for (docid, bytes) in try db.values(inSlot: IndexSchema.Slot.fileState) {
            if let state = FileState(bytes) { known[state.id] = (docid, state) }
        }
        let trustStates = storedRoots == roots

        let scan = CorpusScanner(roots: roots).scan()
        var summary = IndexSummary()
        summary.skipped = scan.skipped
        var seen = Set<String>()
        var pending = 0
        let prefixWithRoot = roots.count > 1

        for (done, file) in scan.files.enumerated() {
            progress?(done, scan.files.count)
            let id = prefixWithRoot ? Paths.join(lastComponent(roots[file.root]), file.id) : file.id
            seen.insert(id)
            let old = known[id]
            if trustStates, let old, old.state.size == file.size, old.state.modified == file.modified {
                summary.unchanged += 1
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.contents(of: file.path)
            } catch {
                summary.skipped.append(SkippedFile(path: file.path, reason: error.description))
                continue
            }
            let state = FileState(size: file.size, modified: file.modified, hash: contentHash(bytes), id: id)
            if trustStates, let old, old.state.hash == state.hash {
                // Touched but identical: remember the new size and time, keep the terms.
                let doc = try db.document(old.id)
                try doc.setValue(IndexSchema.Slot.fileState, state.encoded)
                try db.replaceDocument(old.id, with: doc)
                summary.unchanged += 1
            } else {
                let article: Article
                do {
                    guard let reader = ArticleFormats.reader(for: file.path) else { continue }
                    guard let first = try reader.articles(in: bytes, id: id).articles.first else { throw ArticleReadError.empty }
                    article = first
                } catch {
                    summary.skipped.append(SkippedFile(path: file.path, reason: "\(error)"))
                    if let old {
                        try db.deleteDocument(old.id)
                        summary.removed += 1
                    }
                    continue
                }
                let doc = try builder.document(for: article, root: file.root, path: file.id, state: state)
                try db.replaceDocument(uniqueTerm: IndexSchema.Prefix.id + id, with: doc)
                if old == nil { summary.added += 1 } else { summary.updated += 1 }
            }
            pending += 1
            if pending >= commitEvery {
                try db.commit()
                pending = 0
            }
        }
        progress?(scan.files.count, scan.files.count)

        for (id, entry) in known where !seen.contains(id) {
            try db.deleteDocument(entry.id)
            summary.removed += 1
        }

        try db.setMetadata(IndexSchema.Key.schema, IndexSchema.version)
        try db.setMetadata(IndexSchema.Key.language, languageUsed)
        try db.setMetadata(IndexSchema.Key.roots, IndexStore.encodeRoots(roots))
        try db.setMetadata(IndexSchema.Key.indexedAt, Date.now.formatted(.iso8601))
        try db.commit()
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
            if roots.count > 1, !names.insert(lastComponent(root)).inserted {
                throw TrawlError(.usage, "two corpus folders are both named '\(lastComponent(root))' — "
                    + "article ids are prefixed with the folder name, so they must differ")
            }
        }
        return roots
    }
}

private func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

/// Turns an article into a Xapian document, as `IndexSchema` lays it out.
struct DocumentBuilder {
    private let generator: TermGenerator

    init(stemmer: Stem) throws {
        generator = try TermGenerator()
        try generator.setStemmer(stemmer)
        try generator.setStemmingStrategy(.some)
    }

    func document(for article: Article, root: Int, path: String, state: FileState) throws -> Document {
        let doc = try Document()
        try generator.setDocument(doc)
        // The title counts among the free text, with extra weight, and alone under its prefix for `title:`.
        try generator.indexText(article.title, wdfIncrement: IndexSchema.titleWeight)
        try generator.increaseTermPosition(by: 100)
        try generator.indexText(article.title, prefix: IndexSchema.Prefix.title)
        try generator.increaseTermPosition(by: 100)
        for paragraph in article.paragraphs {
            try generator.indexText(paragraph.text)
        }
        try doc.addBooleanTerm(IndexSchema.Prefix.id + article.id)
        if let date = article.date { try doc.setValue(IndexSchema.Slot.date, Array(date.utf8)) }
        try doc.setValue(IndexSchema.Slot.fileState, state.encoded)
        try doc.setData(try StoredArticle(article: article, root: root, path: path).encoded())
        return doc
    }
}
