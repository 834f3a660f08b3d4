import ArgumentParser
import TrawlKit

/// Where the index is: shared by every command that reads or writes one.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder.", discussion: "Default: Index/ beside the nearest trawl.toml, else in the current directory. To search several indexes as one, give --index more than once, or a Xapian stub database file listing them (local paths and `remote HOST:PORT` shards served by xapian-tcpsrv).", valueName: "dir"))
    var index: [String] = []

    @Option(name: .long, help: ArgumentHelp("The configuration file.", discussion: "Default: the nearest trawl.toml in the current folder or its parents.", valueName: "file"))
    var config: String?

    /// The workspace, with its trawl.toml read.
    func workspace() throws -> Workspace {
        try Workspace.load(configFile: config)
    }

    /// The absolute index path (the first, when several were given).
    func indexPath(in workspace: Workspace) -> String {
        indexPaths(in: workspace)[0]
    }

    /// Every index given, absolute; the default index when none was.
    func indexPaths(in workspace: Workspace) -> [String] {
        index.isEmpty ? [workspace.defaultIndex] : index.map(workspace.absolute)
    }

    /// For commands that work on one index.
    func requireOne(_ command: String) throws {
        if index.count > 1 {
            throw ValidationError("--index is given \(index.count) times; trawl \(command) works on one index "
                + "(only search and similar read several)")
        }
    }
}

extension SearchOrder: ExpressibleByArgument {}
extension WeightingScheme: ExpressibleByArgument {}

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

/// Closed choices named by their raw values. argument-parser's defaults for these members go through generic
/// string interpolation and `String(describing:)`, whose dynamic casts make the Swift runtime scan every protocol
/// conformance in the binary, once per type and protocol, when the command's arguments are first set up (that
/// is, at every start): spelled out, they give the same strings (the help and errors are unchanged) for less.
protocol NamedChoice: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension NamedChoice {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

extension SearchOrder: NamedChoice {}
extension WeightingScheme: NamedChoice {}
extension OutputFormat: NamedChoice {}
extension SearchFormat: NamedChoice {}
extension ColorChoice: NamedChoice {}
