import ArgumentParser
import TrawlKit

/// Where the index is: shared by every command that reads or writes one.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder.", discussion: "Default: Index/ beside the nearest trawl.toml, else in the current directory.", valueName: "dir"))
    var index: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file.", discussion: "Default: the nearest trawl.toml in the current folder or its parents.", valueName: "file"))
    var config: String?

    /// The workspace, with its trawl.toml read.
    func workspace() throws -> Workspace {
        try Workspace.load(configFile: config)
    }

    /// The absolute index path.
    func indexPath(in workspace: Workspace) -> String {
        index.map(workspace.absolute) ?? workspace.defaultIndex
    }
}

extension SearchOrder: ExpressibleByArgument {}

/// How facts (stats) are written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// How search results are written.
enum SearchFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people: ranked hits with passages.
    case text
    /// One JSON document (an array of them with --batch).
    case json
    /// One JSON object per line: a hit per line; with --batch, begin/hit/end events.
    case jsonl
    /// A header and one row per hit.
    case csv
    /// TREC run lines: qid Q0 docid rank score trawl.
    case trec
}

/// When to colour text output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// Output options shared by commands that print results.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format.")
    var format: SearchFormat = .text

    @Option(help: ArgumentHelp("Colour text output: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    var useColor: Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: Terminal.isTerminal(.standardOutput) && !Terminal.noColorRequested
        }
    }
}
