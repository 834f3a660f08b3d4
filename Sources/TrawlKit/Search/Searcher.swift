import Xapian

/// The order of results.
public enum SearchOrder: String, Sendable, CaseIterable {
    /// Best match first.
    case relevance
    /// Newest first (articles with no date last), relevance breaking ties.
    case date
    /// Oldest first (articles with no date first), relevance breaking ties.
    case oldest
}

/// How to search.
public struct SearchOptions: Sendable, Equatable {
    /// The order of results.
    public var sort = SearchOrder.relevance
    /// Only articles published on or after this (a date, month, year, or `7d`/`3m`/`1y`), when set.
    public var since: String? = nil
    /// Only articles published on or before this, when set.
    public var until: String? = nil
    /// How many hits to return.
    public var limit = 10
    /// How many of the best hits to skip (for paging).
    public var offset = 0
    /// Passages to show per hit.
    public var passages = 2
    /// Match any word (OR) instead of every word (AND).
    public var matchAny = false
    /// Show every copy of a story instead of one per near-duplicate cluster.
    public var allCopies = false
    /// Pseudo-relevance feedback: add the terms that best characterise the top articles to the query.
    /// On by default: it raised MAP on all six test collections.
    public var expand = true

    public init(limit: Int = 10, offset: Int = 0, passages: Int = 2, matchAny: Bool = false, allCopies: Bool = false,
                expand: Bool = true) {
        self.limit = limit
        self.offset = offset
        self.passages = passages
        self.matchAny = matchAny
        self.allCopies = allCopies
        self.expand = expand
    }
}

/// Answers queries from an index: parses with Xapian's query parser, ranks with BM25, and picks each hit's
/// best passages with the matched words' spans.
///
/// ```swift
/// let searcher = try Searcher(indexPath: "/data/Index", workspace: Workspace())
/// let results = try searcher.search("drone attack Haifa")
/// ```
public final class Searcher {
    /// How many terms a wildcard may expand to before the query is refused as too broad.
    public static let maxWildcardExpansion: UInt32 = 1000
    /// Parameters of Xapian's BM25 for ranking articles.
    /// Parameters of Xapian's BM25 for ranking articles: k1 1.2 and b 0.75 did best over the six test
    /// collections together (k1 0.9-1.6 and b 0.4-0.8 were tried; see `make eval`).
    public static let weighting = Enquire.Weighting.bm25(k1: 1.2, k2: 0, k3: 1, b: 0.75, minNormalizedLength: 0.5)

    private var database: Database
    private let indexPath: String
    private let shown: String
    private let workspace: Workspace
    private let stemmer: Stem
    private let roots: [String]
    /// With several index folders, each one's corpus folders, by Xapian's rule for several databases: document
    /// `d` of the combined handle is in database `(d - 1) % count`. (A stub file's shards cannot be counted
    /// from here: its hits are shown with the first index's folders.)
    private var rootsByDatabase: [[String]] = []
    private let furniture: Set<UInt64>
    private var parsers: [Bool: QueryParser] = [:]

    /// Opens the index at `indexPath` (absolute).
    /// - Throws: `TrawlError` `.noIndex` or `.badIndex` with the fix.
    public convenience init(indexPath: String, workspace: Workspace) throws {
        try self.init(indexPaths: [indexPath], workspace: workspace)
    }

    /// Opens several indexes (absolute paths: index folders, or Xapian stub files listing local shards and
    /// `remote HOST:PORT` ones) and searches them as one: Xapian combines their statistics, so an article
    /// ranks as it would in one index holding them all. How hits are shown (corpus folders, furniture) comes
    /// from the first index.
    /// - Throws: `TrawlError` `.noIndex` or `.badIndex` with the fix, `.usage` when their languages differ.
    public init(indexPaths: [String], workspace: Workspace) throws {
        precondition(!indexPaths.isEmpty, "no index to search")
        let names = indexPaths.map { IndexStore.shownName($0, workspace: workspace) }
        indexPath = indexPaths[0]
        self.workspace = workspace
        shown = names.joined(separator: ", ")
        let combined = try IndexStore.openForReading(indexPaths[0], shownAs: names[0])
        let language = try IndexStore.language(combined)
        var otherRoots: [[String]] = []
        for (path, name) in zip(indexPaths, names).dropFirst() {
            let other = try IndexStore.openForReading(path, shownAs: name)
            let otherLanguage = try IndexStore.language(other)
            guard otherLanguage == language else {
                throw TrawlError(.usage, "\(names[0]) is stemmed for \(language) but \(name) for \(otherLanguage) — "
                    + "indexes searched together must share a language")
            }
            do { try combined.add(other) } catch let error as XapianError {
                throw IndexStore.openingError(error, shown: name)
            }
            otherRoots.append(IndexStore.decodeRoots(try other.metadata(IndexSchema.Key.roots)))
        }
        database = combined
        stemmer = try IndexStore.stemmer(language)
        roots = IndexStore.decodeRoots(try combined.metadata(IndexSchema.Key.roots))
        let allFolders = indexPaths.allSatisfy { FileSystem.names(in: $0) != nil }
        rootsByDatabase = indexPaths.count > 1 && allFolders ? [roots] + otherRoots : []
        furniture = try Furniture.load(from: combined)
    }

    /// Runs `query`.
    /// - Throws: `TrawlError` `.query` for an empty query, a syntax error or an over-broad wildcard.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        guard query.contains(where: { !$0.isWhitespace }) else {
            throw TrawlError(.query, "empty query — give words to search for, e.g. `trawl search 'drone attack'`")
        }
        // A writer may move the index on while we read: Xapian then asks us to reopen and try again.
        var attempt = 0
        while true {
            do {
                var results = try run(query, options)
                // Nothing matched but a spelling correction might: run that, and say so.
                if results.hits.isEmpty, results.estimatedMatches == 0, let suggestion = results.suggestion {
                    var corrected = try run(suggestion, options)
                    if !corrected.hits.isEmpty {
                        corrected = SearchResults(query: query, parsedQuery: corrected.parsedQuery,
                                                  estimatedMatches: corrected.estimatedMatches, offset: corrected.offset,
                                                  limit: corrected.limit, hits: corrected.hits,
                                                  suggestion: suggestion, ranSuggestion: true)
                        return corrected
                    }
                }
                return results
            } catch let error as XapianError where error.kind == .databaseModified && attempt < 3 {
                attempt += 1
                do { try database.reopen() } catch let error as XapianError { throw searchError(error, query: query) }
            } catch let error as XapianError {
                throw searchError(error, query: query)
            } catch is DecodingError {
                throw TrawlError(.badIndex, "\(shown) holds a document this trawl cannot read — rebuild it with "
                    + "`trawl index --rebuild`")
            }
        }
    }

    private func run(_ text: String, _ options: SearchOptions) throws -> SearchResults {
        let (parsed, suggestion) = try parseWithSuggestion(text, matchAny: options.matchAny)
        return try execute(parsed, shownAs: text, suggestion: suggestion, options: options)
    }

    /// The articles most like the article `id` (its path relative to the corpus root, as in results): the
    /// terms that best tell it from the rest of the index (Xapian's ESet), searched for together.
    /// - Throws: `TrawlError` `.query` when the index holds no such article.
    public func similar(to id: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        do {
            let idTerm = IndexSchema.idTerm(id)
            guard let docid = try database.postings(idTerm).first else {
                throw TrawlError(.query, "no article '\(id)' in \(shown) — give its path as search results show it")
            }
            let enquire = try Enquire(database: database)
            let terms = try enquire.expansionTerms(count: 40, relevant: [docid], prefix: "Z")
            guard !terms.isEmpty else {
                return SearchResults(query: "similar:\(id)", parsedQuery: "", estimatedMatches: 0, offset: options.offset,
                                     limit: options.limit, hits: [])
            }
            let likeIt = try Query(combining: .or, terms.map { try Query(term: $0.term) })
            let query = try Query(combining: .andNot, [likeIt, try Query(term: idTerm)])
            var plain = options
            plain.expand = false
            return try execute(query, shownAs: "similar:\(id)", suggestion: nil, options: plain)
        } catch let error as XapianError {
            throw searchError(error, query: "similar:\(id)")
        }
    }

    /// Runs a parsed query: filters, feedback, order, collapsing, then hits with their passages.
    private func execute(_ parsed: Query, shownAs text: String, suggestion: String?, options: SearchOptions) throws -> SearchResults {
        let query = try filtered(parsed, since: options.since, until: options.until)
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        try enquire.setWeighting(Self.weighting)
        if options.expand {
            try enquire.setQuery(try expanded(query, enquire: enquire, matchAny: options.matchAny))
        }
        switch options.sort {
        case .relevance: try enquire.setSortByValue(nil)
        case .date: try enquire.setSortByValue(IndexSchema.Slot.date, descending: true)
        case .oldest: try enquire.setSortByValue(IndexSchema.Slot.date, descending: false)
        }
        // One article per near-duplicate cluster, the best-ranked one standing for the others.
        try enquire.setCollapseKey(options.allCopies ? nil : IndexSchema.Slot.cluster)
        // Xapian counts in 32 bits; clamp so that no sum overflows.
        let offset = min(max(options.offset, 0), 1 << 30), limit = min(max(options.limit, 0), 1 << 30)
        let mset = try enquire.mset(offset: offset, limit: limit, checkAtLeast: max(offset + limit, 1000))

        let matcher = try QueryMatcher(query: parsed, stemmer: stemmer)
        let documents = try database.documentCount
        let weights = try matcher.clauseTerms.map { terms -> Double in
            guard !terms.isEmpty else { return 1 }
            return try terms.reduce(0) { sum, term in
                sum + PassageScorer.idf(frequency: try mset.termFrequency(term), documents: documents)
            }
        }
        let picker = PassagePicker(matcher: matcher, scorer: PassageScorer(clauseWeights: weights))

        var hits: [Hit] = []
        for (index, item) in try mset.items.enumerated() {
            let stored = try StoredArticle.decode(try mset.document(at: index).data())
            let article = stored.article
            let passages = picker.pick(options.passages, from: Furniture.remove(furniture, from: article.paragraphs))
            hits.append(Hit(
                rank: item.rank + 1,
                score: item.weight,
                id: article.id,
                path: displayPath(stored, docid: item.id),
                line: passages.first?.line ?? article.titleLine ?? 1,
                title: article.title,
                titleHighlights: Highlighter.titleSpans(article.title, matcher: matcher),
                date: article.date,
                source: article.source,
                author: article.author,
                url: article.url,
                section: article.section,
                similar: item.collapsed,
                passages: passages
            ))
        }
        return SearchResults(query: text, parsedQuery: parsed.description,
                             estimatedMatches: mset.matchesEstimated.estimate,
                             offset: options.offset, limit: options.limit, hits: hits, suggestion: suggestion)
    }

    /// The query restricted to a publication-date range (`--since`, `--until`).
    private func filtered(_ query: Query, since: String?, until: String?) throws -> Query {
        guard since != nil || until != nil else { return query }
        func bound(_ text: String?, _ option: String, upper: Bool) throws -> String? {
            guard let text else { return nil }
            guard let (low, high) = DateRange.bounds(text) else {
                throw TrawlError(.usage, "\(option) \(text) is not a date — give 2024-02-01, 2024-02, 2024, or 7d, 3m, 1y")
            }
            return upper ? (high ?? low) : low
        }
        let low = try bound(since, "--since", upper: false), high = try bound(until, "--until", upper: true)
        let range = try Query(valueIn: IndexSchema.Slot.date, from: low, to: high)
        return try Query(combining: .filter, [query, range])
    }

    /// The query parser for one default operator, set up once and kept: a batch parses many queries.
    private func queryParser(matchAny: Bool) throws -> QueryParser {
        if let parser = parsers[matchAny] { return parser }
        let parser = try QueryParser()
        try parser.setStemmer(stemmer)
        try parser.setStemmingStrategy(.some)
        try parser.setDatabase(database)
        try parser.setDefaultOperator(matchAny ? .or : .and)
        try parser.setStopwords(Stopwords.english)
        try parser.addPrefix("title", IndexSchema.Prefix.title)
        try parser.addPrefix("author", IndexSchema.Prefix.author)
        try parser.addLowercaseBooleanPrefix("source", IndexSchema.Prefix.source)
        try parser.addLowercaseBooleanPrefix("section", IndexSchema.Prefix.section)
        try parser.addLowercaseBooleanPrefix("category", IndexSchema.Prefix.section)
        try parser.addLowercaseBooleanPrefix("tag", IndexSchema.Prefix.tag)
        try parser.addLowercaseBooleanPrefix("lang", IndexSchema.Prefix.language)
        try parser.addRangePrefix("date", slot: IndexSchema.Slot.date)
        try parser.setMaxWildcardExpansion(Self.maxWildcardExpansion)
        parsers[matchAny] = parser
        return parser
    }

    /// Pseudo-relevance feedback: the query joined by the stemmed terms (Xapian's ESet) that best tell its
    /// top `Feedback.documents` articles from the rest. With every word required the expansion only reorders
    /// what the query matches (AND_MAYBE); with --any it may also bring in articles (OR).
    private func expanded(_ query: Query, enquire: Enquire, matchAny: Bool) throws -> Query {
        let top = try enquire.mset(offset: 0, limit: Feedback.documents).items.map(\.id)
        guard !top.isEmpty else { return query }
        let terms = try enquire.expansionTerms(count: Feedback.terms, relevant: top, prefix: "Z")
        guard !terms.isEmpty else { return query }
        let expansion = try Query(combining: .or, terms.map { try Query(term: $0.term) })
        return try Query(combining: matchAny ? .or : .andMaybe, [query, try Query(scaling: expansion, by: Feedback.weight)])
    }

    /// Settings of pseudo-relevance feedback, chosen on all six test collections together (see `make eval`
    /// and the README): the top 5 articles, their 10 best terms, at 0.15 of the query's weight.
    enum Feedback {
        static let documents = 5
        static let terms = 10
        static let weight = 0.15
    }

    /// The query as Xapian's parser reads it, with Trawl's settings.
    public func parse(_ text: String, matchAny: Bool = false) throws -> Query {
        try parseWithSuggestion(text, matchAny: matchAny).query
    }

    /// The parsed query, and a correction of its misspelt words from the index's spelling data (nil if none).
    func parseWithSuggestion(_ text: String, matchAny: Bool) throws -> (query: Query, suggestion: String?) {
        let parser = try queryParser(matchAny: matchAny)
        let rewritten = try DateRange.rewriteQuery(text)
        let query = try parser.parse(rewritten, flags: [.boolean, .phrase, .loveHate, .wildcard, .pureNot, .spellingCorrection])
        let corrected = parser.correctedQuery
        return (query, corrected.isEmpty || corrected == rewritten ? nil : corrected)
    }

    /// The article id of a file under one of the index's corpus roots (absolute path), or nil.
    public func articleID(forPath path: String) -> String? {
        for root in roots {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            return roots.count > 1 ? Paths.join(Paths.lastComponent(root), relative) : relative
        }
        return nil
    }

    private func displayPath(_ stored: StoredArticle, docid: DocumentID) -> String {
        let roots = rootsByDatabase.isEmpty ? roots : rootsByDatabase[Int(docid - 1) % rootsByDatabase.count]
        guard stored.root < roots.count else { return stored.article.id }
        return workspace.display(Paths.join(roots[stored.root], stored.path))
    }

    private func searchError(_ error: XapianError, query: String) -> TrawlError {
        switch error.kind {
        case .querySyntax:
            TrawlError(.query, "cannot parse the query '\(query)': \(error.message) — check quotes, parentheses "
                + "and AND/OR/NOT")
        case .wildcard:
            TrawlError(.query, "a wildcard in '\(query)' matches more than \(Self.maxWildcardExpansion) words — "
                + "give it more letters")
        default:
            IndexStore.openingError(error, shown: shown)
        }
    }
}

/// Words the query parser leaves out of queries (outside phrases), so "attacks on the port" asks for
/// "attacks" and "port" even when every word is required.
enum Stopwords {
    static let english = [
        "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do",
        "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it",
        "its", "it's", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "us", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your",
    ]
}
