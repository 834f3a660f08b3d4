import ArgumentParser
import TrawlKit

extension Trawl {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show what is in the index.")

        @OptionGroup var indexOptions: IndexOptions

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        func validate() throws {
            try indexOptions.requireOne("stats")
        }

        func run() throws {
            let workspace = try indexOptions.workspace()
            let stats = try IndexStats.read(indexPath: indexOptions.indexPath(in: workspace), workspace: workspace)
            switch format {
            case .json:
                print(try JSONOutput.encode(stats))
            case .text:
                let rows: [(String, String)] = [
                    ("index", stats.index + "/"),
                    ("articles", "\(stats.articles)"),
                    ("terms", "\(stats.terms)"),
                    ("avg length", "\(Formatting.fixed(stats.averageLength, 1)) terms"),
                    ("language", stats.language),
                    ("schema", stats.schema),
                    ("indexed at", stats.indexedAt ?? "unknown"),
                    ("corpus", stats.corpus.map { $0 + "/" }.joined(separator: ", ")),
                    ("size", Formatting.bytes(stats.bytes)),
                    ("xapian", stats.xapianVersion),
                ]
                for (name, value) in rows {
                    print(name.padding(12) + value)
                }
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
