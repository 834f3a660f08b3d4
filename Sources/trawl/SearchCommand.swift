import ArgumentParser
import FoundationEssentials
import TrawlKit

extension Trawl {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the index: the best articles first, each with its best passages.",
            discussion: """
                Words are stemmed (attack finds attacks, attacked) and all are required unless --any is given.
                Query syntax: "a phrase", AND, OR, NOT, parentheses, +required, -excluded, wild*, title:word.
                Exits 0 when something matched, 1 when nothing did, 2 on an error.
                """
        )

        @Argument(help: "The query; several words are joined with spaces.")
        var query: [String] = []

        @OptionGroup var indexOptions: IndexOptions

        @Option(help: "How many articles to show.")
        var limit = 10

        @Option(help: "How many of the best articles to skip (for paging).")
        var offset = 0

        @Option(help: "Passages to show per article.")
        var passages = 2

        @Flag(help: "Match articles with any of the words, not all of them.")
        var any = false

        @Flag(help: "Show every copy of a story, not one per group of near-duplicates.")
        var allCopies = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !query.joined().allSatisfy(\.isWhitespace) else {
                throw ValidationError("empty query: give words to search for, e.g. trawl search 'drone attack'")
            }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
            guard offset >= 0 else { throw ValidationError("--offset cannot be negative") }
            guard passages >= 0 else { throw ValidationError("--passages cannot be negative") }
        }

        func run() throws {
            let workspace = Workspace()
            let searcher = try Searcher(indexPath: indexOptions.indexPath(in: workspace), workspace: workspace)
            let options = SearchOptions(limit: limit, offset: offset, passages: passages, matchAny: any,
                                        allCopies: allCopies)
            let results = try searcher.search(query.joined(separator: " "), options: options)
            switch output.format {
            case .json:
                print(try JSONOutput.encode(results))
            case .text:
                print(TextRenderer(color: output.useColor).render(results), terminator: "")
                Terminal.diagnostic(Self.footer(results))
            }
            if results.hits.isEmpty { throw ExitCode(1) }
        }
    }
}

extension Trawl.Search {
    /// The line under text results, on stderr: how many were shown of how many.
    static func footer(_ results: SearchResults) -> String {
        if results.hits.isEmpty {
            return results.estimatedMatches > 0
                ? "no articles past --offset \(results.offset) (about \(results.estimatedMatches) match in all)"
                : "no matching articles"
        }
        let first = results.offset + 1, last = results.offset + results.hits.count
        return "articles \(first)-\(last) of about \(results.estimatedMatches) matching"
    }
}

enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
