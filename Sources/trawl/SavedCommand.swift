import ArgumentParser
import FoundationEssentials
import TrawlKit

extension Trawl {
    struct Saved: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "saved",
            abstract: "Named queries kept in trawl.toml, and what is new since they last ran.",
            discussion: """
                Saved queries live in trawl.toml as [queries.NAME] tables (query, description, and any search \
                option by its long name). `run --new` shows only what earlier --new runs have not shown; what \
                they showed is kept in trawl.cursors.json beside trawl.toml.
                """,
            subcommands: [Add.self, List.self, Show.self, Remove.self, Run.self]
        )
    }
}

/// The search options a saved query may carry, as `trawl saved add` takes them (all optional: only the
/// ones given are written).
struct SavedSearchOptions: ParsableArguments {
    @Option(help: "How many articles to show.")
    var limit: Int?

    @Option(help: "How many of the best articles to skip.")
    var offset: Int?

    @Option(help: "Passages to show per article.")
    var passages: Int?

    @Flag(help: "Match articles with any of the words, not all of them.")
    var any = false

    @Flag(help: "Show every copy of a story, not one per group of near-duplicates.")
    var allCopies = false

    @Flag(inversion: .prefixedNo, help: "Expand the query with pseudo-relevance feedback, or not (the default: with --any only).")
    var expand: Bool?

    @Option(help: "Order of results: relevance, date or oldest.")
    var sort: SearchOrder?

    @Option(help: ArgumentHelp("Only articles published on or after DATE (2024-02-01, 2024-02, 2024, 7d, 3m, 1y).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only articles published on or before DATE.", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Count matches by section, source, year, month (comma-separated).", valueName: "names"))
    var facets: String?

    @Flag(help: "Show each query term's contribution to each hit's score.")
    var explain = false

    @Option(help: ArgumentHelp("How much an article's best passage adds to its score (0 to 1).", valueName: "weight"))
    var passageWeight: Double?

    @Option(help: ArgumentHelp("How articles are scored: ineb2 (the default) or bm25.", valueName: "scheme"))
    var weighting: WeightingScheme?

    /// The settings given, in the order trawl.toml shows them.
    var settings: [(String, ConfigValue)] {
        var out: [(String, ConfigValue)] = []
        if let since { out.append(("since", .string(since))) }
        if let until { out.append(("until", .string(until))) }
        if let sort { out.append(("sort", .string(sort.rawValue))) }
        if let limit { out.append(("limit", .int(limit))) }
        if let offset { out.append(("offset", .int(offset))) }
        if let passages { out.append(("passages", .int(passages))) }
        if any { out.append(("any", .bool(true))) }
        if allCopies { out.append(("all-copies", .bool(true))) }
        if let expand { out.append(("expand", .bool(expand))) }
        if let facets { out.append(("facets", .strings(facets.split(separator: ",").map { $0.trimmingBlanks() }))) }
        if explain { out.append(("explain", .bool(true))) }
        if let passageWeight { out.append(("passage-weight", .double(passageWeight))) }
        if let weighting { out.append(("weighting", .string(weighting.rawValue))) }
        return out
    }
}

extension Trawl.Saved {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Save a query in trawl.toml (created in the current folder when there is none).",
            discussion: "Example: trawl saved add haifa-drones 'drone (Haifa OR \"port of Haifa\")' --since 30d --sort date"
        )

        @Argument(help: "The name: letters, digits, - and _.")
        var name: String

        @Argument(help: "The query, as `trawl search` takes it.")
        var query: [String]

        @Option(help: "What the query is for (shown by `saved list`).")
        var description: String?

        @OptionGroup var searchOptions: SavedSearchOptions
        @OptionGroup var indexOptions: IndexOptions

        func validate() throws {
            guard SavedQuery.isValidName(name) else {
                throw ValidationError("the name \(name) is not allowed: use letters, digits, - and _ (e.g. haifa-drones)")
            }
            guard !query.joined().allSatisfy(\.isWhitespace) else {
                throw ValidationError("empty query: give words to search for, e.g. trawl saved add \(name) 'drone attack'")
            }
        }

        func run() throws {
            let workspace = try indexOptions.workspace()
            var saved = SavedQuery(name: name, query: query.joined(separator: " "), description: description)
            for (key, value) in searchOptions.settings { try saved.apply(key, value) }
            // Check the query against the index when there is one, so that a typo shows now, not at 7 am.
            if let searcher = try? Searcher(indexPath: indexOptions.indexPath(in: workspace), workspace: workspace) {
                _ = try searcher.parse(saved.query, matchAny: saved.options.matchAny)
            }
            let path = workspace.configPath
            try ConfigFile.add(saved, to: path)
            Terminal.diagnostic("saved \(name) in \(workspace.display(path))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the saved queries: name, how many articles match now, description."
        )

        @OptionGroup var indexOptions: IndexOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let workspace = try indexOptions.workspace()
            let queries = workspace.config.queries
            var searcher: Searcher? = nil
            do {
                searcher = try Searcher(indexPath: indexOptions.indexPath(in: workspace), workspace: workspace)
            } catch let error as TrawlError {
                if !queries.isEmpty { Terminal.error("cannot count matches: \(error.message)") }
            }
            var rows: [Row] = []
            for saved in queries {
                var count: Int? = nil
                if let searcher {
                    do {
                        count = try searcher.forEachMatch(saved.query, options: saved.options) { _ in false }
                    } catch let error as TrawlError {
                        Terminal.error("\(saved.name): \(error.message)")
                    }
                }
                rows.append(Row(name: saved.name, description: saved.description, query: saved.query, matches: count))
            }
            switch format {
            case .json:
                print(try JSONOutput.encode(rows))
            case .text:
                guard !rows.isEmpty else {
                    Terminal.diagnostic(workspace.configFile == nil
                        ? "no trawl.toml here or above — add a query with `trawl saved add NAME 'words'`"
                        : "no saved queries in \(workspace.display(workspace.configPath)) — add one with `trawl saved add NAME 'words'`")
                    return
                }
                let width = rows.map(\.name.count).max() ?? 0
                let counts = rows.map { $0.matches.map(String.init) ?? "?" }
                let countWidth = counts.map(\.count).max() ?? 0
                for (row, count) in zip(rows, counts) {
                    let name = row.name + String(repeating: " ", count: width - row.name.count)
                    let padded = String(repeating: " ", count: countWidth - count.count) + count
                    print("\(name)  \(padded)  \(row.description ?? row.query)")
                }
            }
        }

        struct Row: Encodable {
            let name: String
            let description: String?
            let query: String
            let matches: Int?
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a saved query as trawl.toml has it, and its --new cursor.")

        @Argument(help: "The saved query's name.", completion: .savedQueryNames)
        var name: String

        @OptionGroup var indexOptions: IndexOptions

        func run() throws {
            let workspace = try indexOptions.workspace()
            let saved = try Trawl.Saved.find(name, in: workspace)
            let path = workspace.configPath
            for line in ConfigFile.block(of: name, in: path) ?? saved.tomlLines { print(line) }
            let cursor = try Cursors.load(Cursors.path(forConfig: path)).queries[name]
            if let cursor, !cursor.seen.isEmpty {
                print("# --new has shown \(cursor.seen.count) article\(cursor.seen.count == 1 ? "" : "s")"
                    + (cursor.updated.map { ", last at \($0)" } ?? ""))
            } else {
                print("# --new has shown nothing yet")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a saved query from trawl.toml, and its --new cursor.")

        @Argument(help: "The saved query's name.", completion: .savedQueryNames)
        var name: String

        @OptionGroup var indexOptions: IndexOptions

        func run() throws {
            let workspace = try indexOptions.workspace()
            _ = try Trawl.Saved.find(name, in: workspace)
            let path = workspace.configPath
            try ConfigFile.remove(name, from: path)
            let cursorPath = Cursors.path(forConfig: path)
            var cursors = try Cursors.load(cursorPath)
            if cursors.queries.removeValue(forKey: name) != nil { try cursors.save(cursorPath) }
            Terminal.diagnostic("removed \(name) from \(workspace.display(path))")
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run saved queries: all their matches, or with --new only what earlier --new runs have not shown.",
            discussion: """
                Exits 0 when any query reported something, 1 when none did, 2 on an error.
                --new remembers what it showed in trawl.cursors.json beside trawl.toml; an article shown before \
                is shown again, marked "changed", when its text changed and it now matches through a new passage.
                """
        )

        @Argument(help: "The saved queries to run.", completion: .savedQueryNames)
        var names: [String] = []

        @Flag(help: "Run every saved query.")
        var all = false

        @Flag(help: "Only articles that earlier --new runs of the query have not shown; remember these.")
        var new = false

        @Flag(help: "With --new: show what is new without remembering it.")
        var dryRun = false

        @Flag(help: "Forget what --new has shown for these queries (then, with --new, everything is new).")
        var reset = false

        @OptionGroup var indexOptions: IndexOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if all && !names.isEmpty { throw ValidationError("give query names or --all, not both") }
            if !all && names.isEmpty { throw ValidationError("give the names of saved queries to run, or --all") }
            if dryRun && !new { throw ValidationError("--dry-run goes with --new: it shows what is new without remembering it") }
        }

        func run() throws {
            let workspace = try indexOptions.workspace()
            let queries = try all ? workspace.config.queries : names.map { try Trawl.Saved.find($0, in: workspace) }
            if all && queries.isEmpty {
                throw TrawlError(.config, "no saved queries in \(workspace.display(workspace.configPath)) — add one with `trawl saved add NAME 'words'`")
            }
            let cursorPath = Cursors.path(forConfig: workspace.configPath)
            var cursors = try Cursors.load(cursorPath)
            if reset {
                for saved in queries { cursors.queries[saved.name] = nil }
                if !dryRun { try cursors.save(cursorPath) }
                if !new {
                    Terminal.diagnostic("forgot what --new has shown for \(queries.map(\.name).joined(separator: ", "))")
                    return
                }
            }
            let searcher = try Searcher(indexPath: indexOptions.indexPath(in: workspace), workspace: workspace)
            Terminal.warnIfSynonymsStale(searcher)
            let renderer = ResultRenderer(format: output.format, color: output.useColor)
            var reported = false
            var failed = false
            var all: [SavedRunJSON] = []
            for (index, saved) in queries.enumerated() {
                let outcome: SavedRun.Outcome
                do {
                    var plain = saved
                    // TREC runs and CSV rows show no passages beyond the first: the cursor still needs them.
                    if output.format == .trec && !new { plain.options.passages = 0 }
                    outcome = new
                        ? try SavedRun.new(plain, searcher: searcher, cursor: cursors.queries[saved.name] ?? Cursors.Cursor())
                        : try SavedRun.all(plain, searcher: searcher)
                } catch let error as TrawlError {
                    failed = true
                    Terminal.error("\(saved.name): \(error.message)")
                    continue
                }
                reported = reported || !outcome.results.hits.isEmpty
                if new { cursors.queries[saved.name] = outcome.cursor }
                switch output.format {
                case .json:
                    all.append(SavedRunJSON(saved: saved, outcome: outcome, onlyNew: new))
                case .jsonl:
                    print(try QueryEvents(id: saved.name, results: outcome.results, saved: saved,
                                          statuses: outcome.statuses, onlyNew: new).lines(), terminator: "")
                case .text:
                    print(heading(saved, outcome), terminator: "")
                    let notes = outcome.statuses.map { $0.map { $0 == .new ? "new" : "changed: matches through a new passage" } }
                    let text = TextRenderer(color: output.useColor)
                    print(text.render(outcome.results, notes: notes), terminator: "")
                    if let facets = outcome.results.facets { print(text.render(facets), terminator: "") }
                case .csv, .trec:
                    print(try renderer.render(outcome.results, queryID: saved.name, batch: true, first: index == 0), terminator: "")
                }
            }
            if output.format == .json { print(try JSONOutput.encode(all)) }
            if new && !dryRun { try cursors.save(cursorPath) }
            if failed { throw ExitCode(2) }
            if !reported { throw ExitCode(1) }
        }

        private func heading(_ saved: SavedQuery, _ outcome: SavedRun.Outcome) -> String {
            let shown = outcome.results.hits.count
            let what: String
            if new {
                let changed = outcome.statuses.count { $0 == .changed }
                what = shown == 0 ? "nothing new" : changed == 0 ? "\(shown) new" : "\(shown - changed) new, \(changed) changed"
            } else {
                what = "\(shown) shown"
            }
            let title = saved.description.map { "\(saved.name): \($0)" } ?? saved.name
            return "# \(title) — \(what), \(outcome.total) matching '\(saved.query)'\n\n"
        }
    }

    /// The saved query `name` of the workspace's trawl.toml.
    static func find(_ name: String, in workspace: Workspace) throws -> SavedQuery {
        guard workspace.configFile != nil else {
            throw TrawlError(.config, "no trawl.toml here or above — add a query with `trawl saved add \(name) 'words'`")
        }
        guard let saved = workspace.config.query(named: name) else {
            let names = workspace.config.queries.map(\.name)
            throw TrawlError(.config, "no saved query named \(name) in \(workspace.display(workspace.configPath))"
                + (names.isEmpty ? "" : " — it has \(names.joined(separator: ", "))"))
        }
        return saved
    }
}

/// A saved query's run in `--format json`.
struct SavedRunJSON: Encodable {
    let name: String
    let description: String?
    let query: String
    let total: Int
    let new: Bool
    let hits: [StatusHit]

    init(saved: SavedQuery, outcome: SavedRun.Outcome, onlyNew: Bool) {
        name = saved.name
        description = saved.description
        query = saved.query
        total = outcome.total
        new = onlyNew
        hits = outcome.results.hits.enumerated().map { index, hit in
            StatusHit(hit: hit, status: index < outcome.statuses.count ? outcome.statuses[index]?.rawValue : nil)
        }
    }

    /// A hit with, under --new, why it is reported.
    struct StatusHit: Encodable {
        let hit: Hit
        let status: String?

        private enum Keys: String, CodingKey { case status }

        func encode(to encoder: any Encoder) throws {
            try hit.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeIfPresent(status, forKey: .status)
        }
    }
}

extension CompletionKind {
    /// The names of the saved queries in the nearest trawl.toml, for shell completion.
    static var savedQueryNames: CompletionKind {
        .custom { _, _, prefix in
            ((try? Workspace.load())?.config.queries.map(\.name) ?? []).filter { $0.hasPrefix(prefix) }
        }
    }
}

