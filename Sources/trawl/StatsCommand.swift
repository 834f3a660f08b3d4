import ArgumentParser
import TrawlKit

extension Trawl {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what is in the index.")

        @OptionGroup var indexOptions: IndexOptions

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            let workspace = Workspace()
            let stats = try IndexStats.read(indexPath: indexOptions.indexPath(in: workspace), workspace: workspace)
            switch format {
            case .json:
                print(try JSONOutput.encode(stats))
            case .text:
                let rows: [(String, String)] = [
                    ("index", stats.index + "/"),
                    ("articles", "\(stats.articles)"),
                    ("terms", "\(stats.terms)"),
                    ("avg length", "\((stats.averageLength * 10).rounded() / 10) terms"),
                    ("language", stats.language),
                    ("schema", stats.schema),
                    ("indexed at", stats.indexedAt ?? "unknown"),
                    ("corpus", stats.corpus.map { $0 + "/" }.joined(separator: ", ")),
                    ("size", formatBytes(stats.bytes)),
                    ("xapian", stats.xapianVersion),
                ]
                for (name, value) in rows {
                    print(name.padding(12) + value)
                }
            }
        }

        private func formatBytes(_ bytes: Int) -> String {
            if bytes < 1024 { return "\(bytes) B" }
            let units = ["KB", "MB", "GB", "TB"]
            var value = Double(bytes) / 1024
            var unit = 0
            while value >= 1024, unit < units.count - 1 {
                value /= 1024
                unit += 1
            }
            return "\((value * 10).rounded() / 10) \(units[unit])"
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
