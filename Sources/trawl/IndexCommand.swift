import ArgumentParser
import TrawlKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Trawl {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Build or update the index from corpus folders.",
            discussion: """
                Only what changed is read again: new files are added, changed ones replaced, deleted ones removed.
                With no CORPUS, the folders the index was built from are used, else Corpus/.
                """
        )

        @Argument(help: ArgumentHelp("Folders of articles (default: the index's own, else Corpus/).", valueName: "corpus"))
        var corpus: [String] = []

        @OptionGroup var indexOptions: IndexOptions

        @Flag(help: "Start from an empty index.")
        var rebuild = false

        @Option(help: ArgumentHelp("Stemming language (any Xapian stemmer, e.g. english, french). Default: the index's, else english.", valueName: "name"))
        var language: String?

        @Flag(help: "When another `trawl index` is writing the index, wait for it to finish instead of failing.")
        var wait = false

        @Flag(name: .shortAndLong, help: "No progress line.")
        var quiet = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Writers working at once on separate shards, merged at the end (default: the number of cores).", valueName: "n"))
        var jobs: Int?

        func validate() throws {
            try indexOptions.requireOne("index")
            if let jobs, jobs < 1 {
                throw ValidationError("--jobs must be at least 1, not \(jobs)")
            }
        }

        func run() throws {
            let workspace = try indexOptions.workspace()
            let indexPath = indexOptions.indexPath(in: workspace)
            var roots = corpus.map(workspace.absolute)
            if roots.isEmpty {
                // trawl.toml's [index] corpus, else the folders the index was built from, else Corpus/.
                let recorded = rebuild || !workspace.config.corpus.isEmpty ? [] : IndexStore.recordedRoots(indexPath)
                roots = recorded.isEmpty ? workspace.defaultCorpora : recorded
            }
            let indexer = Indexer(indexPath: indexPath, shownAs: IndexStore.shownName(indexPath, workspace: workspace))
            indexer.jobs = jobs ?? Indexer.defaultJobs
            indexer.synonyms = workspace.config.synonyms
            // For tests of crash safety: small batches put kills between commits.
            if let value = getenv("TRAWL_COMMIT_EVERY").flatMap({ Int(String(cString: $0)) }), value > 0 {
                indexer.commitEvery = value
            }
            let interrupts = Interrupts()
            if wait {
                let shown = workspace.display(indexPath)
                var told = false
                indexer.waitingForLock = {
                    if !told { Terminal.diagnostic("waiting for the other writer of \(shown)/ to finish...") }
                    told = true
                    return interrupts.requested == nil
                }
            }
            indexer.shouldStop = { interrupts.requested != nil }
            let showProgress = !quiet && Terminal.isTerminal(.standardError)
            let line = showProgress ? ProgressLine() : nil
            let summary: IndexSummary
            do {
                summary = try indexer.run(roots: roots, rebuild: rebuild, language: language ?? workspace.config.language) {
                    line?.show($0)
                }
                line?.clear()
            } catch let error as TrawlError where error.kind == .locked {
                // Interrupted while waiting for the lock: nothing was written.
                if let signal = interrupts.requested { Interrupts.die(of: signal) }
                throw error
            }
            for skip in summary.skipped {
                Terminal.error("skipped \(workspace.display(skip.path)): \(skip.reason)")
            }
            for warning in summary.warnings {
                Terminal.error("warning \(workspace.display(warning.path)): \(warning.reason)")
            }
            if summary.interrupted, let signal = interrupts.requested {
                if showProgress { Terminal.progress("\r\u{1B}[K") }
                Terminal.error("interrupted by \(Interrupts.name(signal)): \(summary.counts) were committed; "
                    + "\(summary.articles) articles in the index — run `trawl index` again to finish")
                Interrupts.die(of: signal)
            }
            let from = roots.map { workspace.display($0) + "/" }.joined(separator: ", ")
            var facts = ["\(summary.articles) articles in the index"]
            if summary.clusters > 0 {
                facts.append("\(summary.clusters) group\(summary.clusters == 1 ? "" : "s") of near-duplicates")
            }
            print("indexed \(from) into \(workspace.display(indexPath))/: \(summary.counts); "
                + facts.joined(separator: ", ") + " (\(Formatting.fixed(summary.seconds, 2)) s)")
        }
    }
}

/// The progress line on a terminal: files done of all, articles a second, time left; redrawn a few times a
/// second at most.
final class ProgressLine {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastShown: ContinuousClock.Instant?
    private var shown = false

    init() {
        started = clock.now
    }

    func show(_ progress: IndexProgress) {
        let now = clock.now
        if let lastShown, now - lastShown < .milliseconds(250) { return }
        guard progress.filesTotal > 0, progress.filesDone < progress.filesTotal else { return }
        lastShown = now
        let seconds = Self.seconds(now - started)
        var text = "indexing \(progress.filesDone)/\(progress.filesTotal) files"
        if seconds >= 0.5, progress.articles > 0 {
            text += " · \(Int(Double(progress.articles) / seconds)) articles/s"
        }
        if seconds >= 1, progress.filesDone > 0 {
            let left = seconds * Double(progress.filesTotal - progress.filesDone) / Double(progress.filesDone)
            text += " · about \(Self.duration(left)) left"
        }
        Terminal.progress("\r" + text + "\u{1B}[K")
        shown = true
    }

    /// Takes the line away, so the summary stands alone.
    func clear() {
        if shown { Terminal.progress("\r\u{1B}[K") }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// "42 s", "3 min 05 s".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        let rest = whole % 60
        return "\(whole / 60) min \(rest < 10 ? "0" : "")\(rest) s"
    }
}
