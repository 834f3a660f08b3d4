import ArgumentParser
import TrawlKit

extension Trawl {
    struct Similar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "similar",
            abstract: "List the articles most like a given one.",
            discussion: """
                ARTICLE is a path to an indexed file (as search results show it) or its id relative to the corpus
                folder. Exits 0 when something is similar, 1 when nothing is, 2 on an error.
                """
        )

        @Argument(help: ArgumentHelp("The article: a path from search results, or its id.", valueName: "article"))
        var article: String

        @OptionGroup var indexOptions: IndexOptions

        @Option(help: "How many articles to show.")
        var limit = 10

        @Option(help: "Passages to show per article.")
        var passages = 1

        @Flag(help: "Show every copy of a story, not one per group of near-duplicates.")
        var allCopies = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000") }
            guard (0...100).contains(passages) else { throw ValidationError("--passages must be from 0 to 100") }
        }

        func run() throws {
            let workspace = try indexOptions.workspace()
            let searcher = try Searcher(indexPaths: indexOptions.indexPaths(in: workspace), workspace: workspace)
            let id = searcher.articleID(forPath: workspace.absolute(article)) ?? article
            let options = SearchOptions(limit: limit, passages: passages, allCopies: allCopies)
            let results = try searcher.similar(to: id, options: options)
            print(try ResultRenderer(format: output.format, color: output.useColor).render(results, queryID: "1"), terminator: "")
            if output.format == .text { Terminal.diagnostic(Trawl.Search.footer(results)) }
            if results.hits.isEmpty { throw ExitCode(1) }
        }
    }
}
