import ArgumentParser
import FoundationEssentials
import TrawlKit

extension Trawl {
    struct Search: ParsableCommand {
        // `_superCommandName` matters only when this command is the root of a parse, as in a search parsed on its
        // own (DirectParse.swift): usage reads `trawl search`, and argument-parser skips the two trial parses
        // that look for --generate-completion-script, which never reaches a direct parse (1.1 M of 30 M
        // instructions of a search). Under `trawl`, the root's name is used and this one is not.
        static let configuration = CommandConfiguration(
            commandName: "search",
            _superCommandName: "trawl",
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

        @Flag(inversion: .prefixedNo, help: "Expand the query with the words that best characterise its top articles (pseudo-relevance feedback; on by default with --any, off otherwise).")
        var expand: Bool?

        @Option(help: ArgumentHelp("How much an article's best passage adds to its rank, from 0 (nothing) to 1.", valueName: "weight"))
        var passageWeight = Searcher.defaultPassageWeight

        @Option(help: "Order of results.")
        var sort: SearchOrder = .relevance

        @Option(help: ArgumentHelp("How articles are scored: ineb2 (divergence from randomness, the default) or bm25.", valueName: "scheme"))
        var weighting: WeightingScheme = .default

        @Option(help: ArgumentHelp("Only articles published on or after DATE: 2024-02-01, 2024-02, 2024, or 7d, 3m, 1y ago.", valueName: "date"))
        var since: String?

        @Option(help: ArgumentHelp("Only articles published on or before DATE (same forms as --since).", valueName: "date"))
        var until: String?

        @Option(help: ArgumentHelp("Run one query per line of FILE (- for standard input): `id<TAB>query` or just the query.", valueName: "file"))
        var batch: String?

        @Option(help: ArgumentHelp("Count the values of these fields among all matching articles: section, source, year, month (comma-separated). Text and JSON output.", valueName: "list"))
        var facets: String?

        @Flag(help: "Show what each query term adds to each article's score.")
        var explain = false

        @Option(help: ArgumentHelp("The fields of each hit to write, comma-separated: \(HitField.allCases.map(\.rawValue).joined(separator: ", ")). Text shows them on one line per hit.", valueName: "list"))
        var fields: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if batch == nil {
                guard !query.joined().allSatisfy(\.isWhitespace) else {
                    throw ValidationError("empty query: give words to search for, e.g. trawl search 'drone attack'")
                }
            } else if !query.isEmpty {
                throw ValidationError("give either a query or --batch, not both")
            }
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000") }
            guard (0...10_000_000).contains(offset) else { throw ValidationError("--offset must be from 0 to 10000000") }
            guard (0...100).contains(passages) else { throw ValidationError("--passages must be from 0 to 100") }
            guard (0...1).contains(passageWeight) else { throw ValidationError("--passage-weight must be from 0 to 1") }
            if facets != nil, output.format != .text, output.format != .json {
                throw ValidationError("--facets works with --format text or json, not \(output.format.rawValue)")
            }
            if fields != nil, output.format == .trec {
                throw ValidationError("--fields works with --format text, csv, json or jsonl, not trec")
            }
            for (option, value) in [("--since", since), ("--until", until)] {
                if let value, DateRange.bounds(value) == nil || value.contains("..") {
                    throw ValidationError("\(option) \(value) is not a date: give 2024-02-01, 2024-02, 2024, or 7d, 3m, 1y")
                }
            }
        }

        func run() throws {
            let facetList = try facets.map(Facet.list) ?? []
            let fieldList = try fields.map(HitField.list)
            let workspace = try indexOptions.workspace()
            let searcher = try Searcher(indexPaths: indexOptions.indexPaths(in: workspace), workspace: workspace)
            Terminal.warnIfSynonymsStale(searcher)
            // TREC runs show no passages, nor do --fields without the passages, the best one or the line it
            // starts on: do not spend time cutting them.
            let passagesShown = fieldList.map { $0.contains { [.passage, .passages, .line].contains($0) } } ?? true
            let passageCount = output.format == .trec || !passagesShown ? 0 : passages
            var options = SearchOptions(limit: limit, offset: offset, passages: passageCount, matchAny: any,
                                        allCopies: allCopies, expand: expand)
            options.sort = sort
            options.weighting = weighting
            options.passageWeight = passageWeight
            options.since = since
            options.until = until
            options.facets = facetList
            // Asking for the explain field asks for the explanation.
            options.explain = explain || fieldList?.contains(.explain) == true
            let renderer = ResultRenderer(format: output.format, color: output.useColor, fields: fieldList)
            if let batch {
                try runBatch(batch, searcher: searcher, options: options, renderer: renderer)
                return
            }
            let results = try searcher.search(query.joined(separator: " "), options: options)
            if output.format == .json {
                Terminal.writeOutput(try renderer.jsonLine(results, queryID: "1"))
            } else {
                print(try renderer.render(results, queryID: "1"), terminator: "")
            }
            if let suggestion = results.suggestion {
                Terminal.diagnostic(results.ranSuggestion
                    ? "no articles match '\(results.query)'; showing results for '\(suggestion)'"
                    : "did you mean: \(suggestion)")
            }
            if output.format == .text { Terminal.diagnostic(Self.footer(results)) }
            if results.hits.isEmpty { throw ExitCode(1) }
        }

        /// Every query of the batch; a query that fails is reported with its line and the rest still run.
        private func runBatch(_ path: String, searcher: Searcher, options: SearchOptions, renderer: ResultRenderer) throws {
            let queries = BatchQuery.parse(try Self.readBatch(path))
            var matched = false
            var failed = false
            var all: [(id: String, results: SearchResults)] = []
            for (index, item) in queries.enumerated() {
                do {
                    let results = try searcher.search(item.query, options: options)
                    matched = matched || !results.hits.isEmpty
                    if output.format == .json {
                        all.append((item.id, results))
                    } else {
                        print(try renderer.render(results, queryID: item.id, batch: true, first: index == 0), terminator: "")
                    }
                } catch let error as TrawlError {
                    failed = true
                    Terminal.error("\(path == "-" ? "stdin" : path) line \(item.line) (query \(item.id)): \(error.message)")
                }
            }
            if output.format == .json { Terminal.writeOutput(try renderer.jsonLine(all)) }
            if failed { throw ExitCode(2) }
            if !matched { throw ExitCode(1) }
        }

        private static func readBatch(_ path: String) throws -> String {
            var bytes: [UInt8] = []
            if path == "-" {
                while let line = readLine(strippingNewline: false) { bytes += Array(line.utf8) }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TrawlError(.usage, "cannot read the batch file \(path) — give a file of queries, one per line, or - for standard input")
            }
            return String(decoding: data, as: UTF8.self)
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
        try encoded(value, pretty: true)
    }

    /// One line of JSON.
    static func line<T: Encodable>(_ value: T) throws -> String {
        try encoded(value, pretty: false)
    }

    /// Search results as `encode` writes them, by `ResultsJSONWriter` (the encoder when it cannot).
    static func encode(_ results: SearchResults) throws -> String {
        try written(pretty: true, { try $0.write(results) }, else: results)
    }

    /// A batch's results as `encode` writes them, by `ResultsJSONWriter` (the encoder when it cannot).
    static func encode(_ all: [SearchResults]) throws -> String {
        try written(pretty: true, { try $0.write(all) }, else: all)
    }

    /// `encode(results)`'s UTF-8.
    static func encodedBytes(_ results: SearchResults) throws -> [UInt8] {
        try writtenBytes(pretty: true, { try $0.write(results) }, else: results)
    }

    /// `encode(all)`'s UTF-8.
    static func encodedBytes(_ all: [SearchResults]) throws -> [UInt8] {
        try writtenBytes(pretty: true, { try $0.write(all) }, else: all)
    }

    /// A hit as `line` writes it, by `ResultsJSONWriter` (the encoder when it cannot).
    static func line(_ hit: Hit) throws -> String {
        try written(pretty: false, { try $0.write(hit) }, else: hit)
    }

    /// `{"event":"hit","hit":HIT,"id":ID[,"status":STATUS]}` as `line` writes a `QueryEvents.HitEvent` with all
    /// of the hit's fields, by `ResultsJSONWriter` (the encoder when it cannot).
    static func hitEvent(id: String, hit: Hit, status: String?) throws -> String {
        try written(pretty: false, { try $0.writeHitEvent(id: id, hit: hit, status: status) },
                    else: QueryEvents.HitEvent(id: id, hit: hit, selected: nil, status: status))
    }

    /// What `write` gives, or `value` through the encoder when the writer cannot write it as the encoder would.
    private static func written<T: Encodable>(pretty: Bool, _ write: (inout ResultsJSONWriter) throws -> Void,
                                              else value: @autoclosure () -> T) throws -> String {
        String(decoding: try writtenBytes(pretty: pretty, write, else: value()), as: UTF8.self)
    }

    /// `written`'s UTF-8.
    private static func writtenBytes<T: Encodable>(pretty: Bool, _ write: (inout ResultsJSONWriter) throws -> Void,
                                                   else value: @autoclosure () -> T) throws -> [UInt8] {
        var writer = ResultsJSONWriter(pretty: pretty)
        do { try write(&writer) } catch is ResultsJSONWriter.Unwritable { return Array(try encoded(value(), pretty: pretty).utf8) }
        return writer.bytes
    }

    /// `value` through `JSONEncoder`: sorted keys, slashes as they are, pretty-printed or on one line.
    static func encoded<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
