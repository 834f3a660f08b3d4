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

        func run() throws {
            let workspace = try indexOptions.workspace()
            let indexPath = indexOptions.indexPath(in: workspace)
            var roots = corpus.map(workspace.absolute)
            if roots.isEmpty {
                // trawl.toml's [index] corpus, else the folders the index was built from, else Corpus/.
                let recorded = rebuild || !workspace.config.corpus.isEmpty ? [] : IndexStore.recordedRoots(indexPath)
                roots = recorded.isEmpty ? workspace.defaultCorpora : recorded
            }
            let indexer = Indexer(indexPath: indexPath, shownAs: workspace.display(indexPath) + "/")
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
            var lastShown = -1
            let summary: IndexSummary
            do {
                summary = try indexer.run(roots: roots, rebuild: rebuild, language: language ?? workspace.config.language) { done, total in
                    guard showProgress, total > 0 else { return }
                    let percent = done * 100 / total
                    if percent != lastShown || done == total {
                        lastShown = percent
                        Terminal.progress("\rindexing \(done)/\(total) files (\(percent)%)")
                        if done == total { Terminal.progress("\r\u{1B}[K") }
                    }
                }
            } catch let error as TrawlError where error.kind == .locked {
                // Interrupted while waiting for the lock: nothing was written.
                if let signal = interrupts.requested { Interrupts.die(of: signal) }
                throw error
            }
            for skip in summary.skipped {
                Terminal.error("skipped \(workspace.display(skip.path)): \(skip.reason)")
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
