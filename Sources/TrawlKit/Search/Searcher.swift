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
    /// nil leaves it to `matchAny` (see `expands`).
    public var expand: Bool? = nil
    /// Fields whose values are counted among all matches (not only the page shown).
    public var facets: [Facet] = []
    /// Give each hit the contribution of each query term to its score.
    public var explain = false
    /// The weighting scheme articles are ranked with.
    public var weighting = WeightingScheme.default
    /// Passage evidence in ranking: how much an article's best passage adds to its score, relative to the
    /// best article's (0 turns it off). Only the top `Searcher.passageRankingDepth` articles are re-ranked.
    public var passageWeight = Searcher.defaultPassageWeight

    public init(limit: Int = 10, offset: Int = 0, passages: Int = 2, matchAny: Bool = false, allCopies: Bool = false,
                expand: Bool? = nil) {
        self.limit = limit
        self.offset = offset
        self.passages = passages
        self.matchAny = matchAny
        self.allCopies = allCopies
        self.expand = expand
    }

    /// Whether the search uses feedback: as `expand` says, else only when any word may match. With --any it
    /// raised MAP on all six test collections (`make eval`). With every word required it only reorders the
    /// matches, and on keyword versions of the same queries it left the top 10's quality as it was while
    /// taking half of a query's time (`make eval-keywords`; docs/ranking-experiments.md).
    public var expands: Bool { expand ?? matchAny }
}

/// Answers queries from an index: parses with Xapian's query parser, ranks with Xapian's IneB2 (or BM25: see
/// `WeightingScheme`), and picks each hit's best passages with the matched words' spans.
///
/// ```swift
/// let searcher = try Searcher(indexPath: "/data/Index", workspace: Workspace())
/// let results = try searcher.search("drone attack Haifa")
/// ```
public final class Searcher {
    /// How many terms a wildcard may expand to before the query is refused as too broad.
    public static let maxWildcardExpansion: UInt32 = 1000
    /// How many articles a `path:` glob may match before the query is refused as too broad.
    public static let maxPathMatches: UInt32 = 10_000
    /// The default `SearchOptions.passageWeight`.
    public static let defaultPassageWeight = 0.0
    /// How many of the best articles passage evidence re-ranks.
    public static let passageRankingDepth = 100

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
    /// Words stemmed by earlier queries' matchers (the stemmer never changes).
    private let stems = QueryMatcher.StemCache()

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
        synonymsStale = try combined.metadata(IndexSchema.Key.synonyms) != SynonymTable.fingerprint(workspace.config.synonyms)
    }

    /// True when trawl.toml's `[synonyms]` differ from those the index holds: `trawl index` applies them.
    public let synonymsStale: Bool

    /// Runs `query`.
    /// - Throws: `TrawlError` `.query` for an empty query, a syntax error or an over-broad wildcard.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        try checkSize(query)
        // A writer may move the index on while we read: Xapian then asks us to reopen and try again.
        var attempt = 0
        while true {
            do {
                let results = try run(query, options)
                // Nothing matched but a spelling correction might: run that, and say so.
                if results.hits.isEmpty, results.estimatedMatches == 0, let suggestion = results.suggestion {
                    var corrected = try run(suggestion, options)
                    if !corrected.hits.isEmpty {
                        corrected = SearchResults(query: query, parsedQuery: corrected.parsedQuery,
                                                  estimatedMatches: corrected.estimatedMatches, offset: corrected.offset,
                                                  limit: corrected.limit, hits: corrected.hits,
                                                  suggestion: suggestion, ranSuggestion: true, facets: corrected.facets)
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
                throw unreadableDocument
            }
        }
    }

    /// Refuses an empty query, and a very long one at once: Xapian's matcher slows down faster than linearly
    /// with the number of OR'd words (4,000 took 5 s), so more are refused, as Lucene's clause limit does.
    private func checkSize(_ query: String) throws {
        guard query.contains(where: { !$0.isWhitespace }) else {
            throw TrawlError(.query, "empty query — give words to search for, e.g. `trawl search 'drone attack'`")
        }
        let words = Tokenizer.words(in: query).count { !Self.operatorWords.contains($0.word) }
        if words > Self.maxQueryWords {
            throw TrawlError(.query, "the query has \(words) words; at most \(Self.maxQueryWords) are searched — "
                + "shorten it")
        }
    }

    private var unreadableDocument: TrawlError {
        TrawlError(.badIndex, "\(shown) holds a document this trawl cannot read — rebuild it with `trawl index --rebuild`")
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
        let run = try prepare(parsed, options: options)
        let enquire = run.enquire
        // Xapian counts in 32 bits; clamp so that no sum overflows.
        let offset = min(max(options.offset, 0), 1 << 30), limit = min(max(options.limit, 0), 1 << 30)
        // Facets count every match the matcher sees: have it look at them all. (Added after feedback, whose
        // own run must not count.)
        for facet in options.facets { try enquire.addValueCount(slot: facet.slot) }
        var checkAtLeast = max(offset + limit, 1000)
        if !options.facets.isEmpty { checkAtLeast = max(checkAtLeast, try database.documentCount) }
        // Passage evidence re-ranks the top articles, so those are fetched whatever the page.
        let rerank = options.sort == .relevance && options.passageWeight > 0
        let fetchOffset = rerank ? 0 : offset
        let fetchLimit = rerank ? max(offset + limit, Self.passageRankingDepth) : limit
        let mset = try enquire.mset(offset: fetchOffset, limit: fetchLimit, checkAtLeast: checkAtLeast)
        let picker = try run.picker(for: mset, documents: try database.documentCount)

        var items = try mset.items.enumerated().map { (index: $0.offset, item: $0.element, score: $0.element.weight) }
        var decoded: [Int: StoredArticle] = [:]
        func stored(_ index: Int) throws -> StoredArticle {
            if let known = decoded[index] { return known }
            let value = try StoredArticleReader.decode(try mset.document(at: index).data())
            decoded[index] = value
            return value
        }
        // Passages picked for re-ranking, by item index, kept for the hits shown: the best passage is the first
        // of the best few, so they are picked once.
        var picked: [Int: [Passage]] = [:]
        if rerank {
            let top = min(items.count, Self.passageRankingDepth)
            let best = try (0..<top).map { i -> Double in
                let article = try stored(items[i].index).article
                let passages = picker.pick(max(options.passages, 1), from: Furniture.remove(furniture, from: article.paragraphs))
                picked[items[i].index] = passages
                return passages.first?.score ?? 0
            }
            // score + weight × (best weight) × passage / (best passage): never below the article's own score,
            // so the articles past the re-ranked ones stay below them and scores still follow the order.
            let maxWeight = items.prefix(top).map(\.score).max() ?? 0, maxPassage = best.max() ?? 0
            if maxWeight > 0, maxPassage > 0 {
                for i in 0..<top { items[i].score += options.passageWeight * maxWeight * best[i] / maxPassage }
                items[..<top].sort { ($0.score, -$0.index) > ($1.score, -$1.index) }
            }
            items = Array(items.dropFirst(offset).prefix(limit))
        }

        // Every hit's explanation at once: one small run per piece of the query serves them all.
        let explained = options.explain
            ? try explanations(items.map(\.item.id), articles: try items.map { try stored($0.index).article },
                               query: run.query, expansion: run.expansion, enquire: enquire)
            : []
        var hits: [Hit] = []
        for (rank, entry) in items.enumerated() {
            let article = try stored(entry.index)
            var hit = hit(article, item: entry.item, matcher: run.matcher, picker: picker, passages: options.passages,
                          rank: rerank ? offset + rank + 1 : entry.item.rank + 1, score: entry.score,
                          picked: picked[entry.index].map { Array($0.prefix(options.passages)) })
            if options.explain {
                var parts = explained[rank]
                if entry.score > entry.item.weight {
                    parts.append(ScoreContribution(term: "(best passage)", weight: entry.score - entry.item.weight,
                                                   wdf: nil, expansion: false))
                }
                hit.explain = parts
            }
            hits.append(hit)
        }
        var results = SearchResults(query: text, parsedQuery: parsed.description,
                                    estimatedMatches: mset.matchesEstimated.estimate,
                                    offset: options.offset, limit: options.limit, hits: hits, suggestion: suggestion)
        if !options.facets.isEmpty {
            results.facets = Facets(fields: try options.facets.map { facet in
                Facets.Field(facet: facet, counts: Facets.ordered(try enquire.valueCounts(slot: facet.slot)))
            })
        }
        return results
    }

    /// A query ready to run: the Enquire with filters, feedback, order and collapsing set, and what picks passages.
    private struct Prepared {
        let enquire: Enquire
        let matcher: QueryMatcher
        /// The query with its date filters, before feedback.
        let query: Query
        /// The feedback terms added to it, when any (kept apart so --explain can mark them).
        let expansion: Query?

        /// Passage scoring weighs each clause by the idf of its terms, from the collection statistics.
        func picker(for mset: MSet, documents: Int) throws -> PassagePicker {
            let weights = try matcher.clauseTerms.map { terms -> Double in
                guard !terms.isEmpty else { return 1 }
                return try terms.reduce(0) { sum, term in
                    sum + PassageScorer.idf(frequency: try mset.termFrequency(term), documents: documents)
                }
            }
            return PassagePicker(matcher: matcher, scorer: PassageScorer(clauseWeights: weights))
        }
    }

    private func prepare(_ parsed: Query, options: SearchOptions) throws -> Prepared {
        let query = try filtered(parsed, since: options.since, until: options.until)
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        try enquire.setWeighting(options.weighting.xapian)
        var expansion: Query? = nil
        if options.expands {
            expansion = try self.expansion(of: query, enquire: enquire, terms: options.weighting.feedbackTerms)
            if let expansion {
                try enquire.setQuery(try Query(combining: options.matchAny ? .or : .andMaybe, [query, expansion]))
            }
        }
        switch options.sort {
        case .relevance: try enquire.setSortByValue(nil)
        case .date: try enquire.setSortByValue(IndexSchema.Slot.date, descending: true)
        case .oldest: try enquire.setSortByValue(IndexSchema.Slot.date, descending: false)
        }
        // One article per near-duplicate cluster, the best-ranked one standing for the others.
        try enquire.setCollapseKey(options.allCopies ? nil : IndexSchema.Slot.cluster)
        return Prepared(enquire: enquire, matcher: try QueryMatcher(query: parsed, stemmer: stemmer, cache: stems), query: query,
                        expansion: expansion)
    }

    /// The hit for an article; `picked`, when given, are its passages already picked.
    private func hit(_ stored: StoredArticle, item: MSet.Item, matcher: QueryMatcher, picker: PassagePicker,
                     passages count: Int, rank: Int? = nil, score: Double? = nil, picked: [Passage]? = nil) -> Hit {
        let article = stored.article
        let passages = picked ?? picker.pick(count, from: Furniture.remove(furniture, from: article.paragraphs))
        return Hit(
            rank: rank ?? item.rank + 1,
            score: score ?? item.weight,
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
        )
    }

    /// One match seen by `forEachMatch`: who it is and which version of its file, with its hit built on demand.
    public struct Match {
        /// The article's id (its path relative to the corpus root, `#n` for a record of a multi-record file).
        public let id: String
        /// The content hash of the article's file: changes whenever its text does.
        public let version: String
        /// The article's rank in the whole result list, from 1.
        public let rank: Int
        private let build: () throws -> Hit

        init(id: String, version: String, rank: Int, build: @escaping () throws -> Hit) {
            self.id = id
            self.version = version
            self.rank = rank
            self.build = build
        }

        /// The hit with its passages (the costly part: ask only for the matches you show).
        public func hit() throws -> Hit { try build() }
    }

    /// Every match of `query` in result order (`options.offset` and `limit` are ignored), handed to `body`
    /// until it returns false. Returns how many articles match (after collapsing near-duplicates).
    /// - Throws: `TrawlError` `.query` as `search` does.
    public func forEachMatch(_ query: String, options: SearchOptions, _ body: (Match) throws -> Bool) throws -> Int {
        try checkSize(query)
        do {
            let run = try prepare(try parse(query, matchAny: options.matchAny), options: options)
            let documents = try database.documentCount
            // Each page is a run of the whole match (every match is looked at, for the exact total), so the
            // pages double: going through M matches takes about log2(M / 200) runs instead of M / 200.
            var page = 200
            var offset = 0
            var total = 0
            while true {
                let mset = try run.enquire.mset(offset: offset, limit: page, checkAtLeast: documents)
                if offset == 0 { total = mset.matchesEstimated.estimate }
                let items = try mset.items
                let picker = try run.picker(for: mset, documents: documents)
                for (index, item) in items.enumerated() {
                    let document = try mset.document(at: index)
                    let state = FileState(try document.value(IndexSchema.Slot.fileState))
                    // The document data (the article's text) is read only for a match whose hit is asked for:
                    // `saved run --new` passes over the matches it has shown before by id and version alone.
                    let match = Match(id: state?.id ?? "#\(item.id)", version: state.map { String($0.hash, radix: 16) } ?? "",
                                      rank: item.rank + 1) { [self] in
                        hit(try StoredArticleReader.decode(try document.data()), item: item, matcher: run.matcher,
                            picker: picker, passages: options.passages)
                    }
                    guard try body(match) else { return total }
                }
                if items.count < page { return total }
                offset += page
                page *= 2
            }
        } catch let error as XapianError {
            throw searchError(error, query: query)
        } catch is DecodingError {
            throw unreadableDocument
        }
    }

    /// What each term of `query` (then of the feedback `expansion`) adds to the score of each document of
    /// `ids` (whose articles are `articles`), in their order. The two are joined by AND_MAYBE or OR, which add
    /// their weights, so each document's parts add up to its score.
    private func explanations(_ ids: [DocumentID], articles: [Article], query: Query, expansion: Query?,
                              enquire: Enquire) throws -> [[ScoreContribution]] {
        guard !ids.isEmpty else { return [] }
        let only = try Query(combining: .or, articles.map { try Query(term: IndexSchema.idTerm($0.id)) })
        func parts(_ query: Query, expansion: Bool) throws -> [[ScoreContribution]] {
            try enquire.explain(ids, in: query, filter: only).map { pieces in
                // A term the query holds twice (a word typed twice, or in a phrase and alone) weighs twice: one line.
                var merged: [ScoreContribution] = []
                for part in pieces {
                    var term = part.term
                    // A wildcard, "WILDCARD SYNONYM refin", as typed: "refin*".
                    if term.hasPrefix("WILDCARD "), let pattern = term.split(separator: " ").last { term = pattern + "*" }
                    if let index = merged.firstIndex(where: { $0.term == term }) {
                        let previous = merged[index]
                        merged[index] = ScoreContribution(term: term, weight: previous.weight + part.weight,
                                                          wdf: previous.wdf, expansion: expansion)
                    } else {
                        merged.append(ScoreContribution(term: term, weight: part.weight,
                                                        wdf: part.wdf > 0 ? part.wdf : nil, expansion: expansion))
                    }
                }
                return merged
            }
        }
        let result = try parts(query, expansion: false)
        guard let expansion else { return result }
        return zip(result, try parts(expansion, expansion: true)).map { $0 + $1.sorted { $0.weight > $1.weight } }
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
        // Globs over the id terms, whose text is the corpus-relative path (cut and hashed past 240 bytes).
        try parser.addGlobPrefix("path", termPrefix: IndexSchema.Prefix.id, database: database, limit: Self.maxPathMatches)
        try parser.setMaxWildcardExpansion(Self.maxWildcardExpansion)
        parsers[matchAny] = parser
        return parser
    }

    /// Pseudo-relevance feedback: the `terms` stemmed terms (Xapian's ESet) that best tell the query's top
    /// `Feedback.documents` articles from the rest, scaled to `Feedback.weight`; nil when there are none.
    /// With every word required the expansion only reorders what the query matches (joined with AND_MAYBE);
    /// with --any it may also bring in articles (OR).
    private func expansion(of query: Query, enquire: Enquire, terms count: Int) throws -> Query? {
        let top = try enquire.mset(offset: 0, limit: Feedback.documents).items.map(\.id)
        guard !top.isEmpty else { return nil }
        // Stop words and title stems ("ZS...") are left in: leaving them out lowered MAP on adi (0.430 → 0.395)
        // and cacm, and raised it on no collection by more than 0.002 (BM25; make eval, all six collections).
        let terms = try enquire.expansionTerms(count: count, relevant: top, prefix: "Z")
        guard !terms.isEmpty else { return nil }
        let expansion = try Query(combining: .or, terms.map { try Query(term: $0.term) })
        return try Query(scaling: expansion, by: Feedback.weight)
    }

    /// Settings of pseudo-relevance feedback, chosen on all six test collections together (see `make eval`
    /// and docs/ranking-experiments.md): the top 5 articles, at 0.15 of the query's weight. How many of their
    /// best terms depends on the weighting scheme (`WeightingScheme.feedbackTerms`).
    enum Feedback {
        static let documents = 5
        static let weight = 0.15
    }

    /// The query as Xapian's parser reads it, with Trawl's settings.
    public func parse(_ text: String, matchAny: Bool = false) throws -> Query {
        try parseWithSuggestion(text, matchAny: matchAny).query
    }

    /// The parsed query, and a correction of its misspelt words from the index's spelling data (nil if none).
    func parseWithSuggestion(_ text: String, matchAny: Bool) throws -> (query: Query, suggestion: String?) {
        let parser = try queryParser(matchAny: matchAny)
        try QuerySyntax.check(text)
        let rewritten = try DateRange.rewriteQuery(text)
        // A correction is only offered for a word the index does not hold (see replacesUnknownWord), and
        // Xapian's spelling search is most of the time of a short query: skip it when every word is known.
        // (It only fills in the corrected query; the parsed query is the same either way.)
        let everyWordKnown = try Self.words(rewritten).allSatisfy { try database.termFrequency($0) > 0 }
        var flags: QueryParser.Flags = [.boolean, .phrase, .loveHate, .wildcard, .pureNot, .autoSynonyms, .autoMultiwordSynonyms]
        if !everyWordKnown { flags.insert(.spellingCorrection) }
        let query = try parser.parse(rewritten, flags: flags).phrasingSpacedTerms()
        guard !everyWordKnown else { return (query, nil) }
        let corrected = parser.correctedQuery
        guard !corrected.isEmpty, corrected != rewritten, try replacesUnknownWord(rewritten, with: corrected) else {
            return (query, nil)
        }
        return (query, corrected)
    }

    /// Whether the correction replaces a word the index does not hold: Xapian also offers a more frequent
    /// neighbour of a word it knows ("iri" → "iraq"), which is no misspelling.
    private func replacesUnknownWord(_ original: String, with corrected: String) throws -> Bool {
        let kept = Set(Self.words(corrected))
        for word in Self.words(original) where !kept.contains(word) {
            if try database.termFrequency(word) == 0 { return true }
        }
        return false
    }

    /// The words of a query as spelling correction compares them.
    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
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

    /// Words a query may have (not counting AND, OR, NOT, NEAR ...).
    public static let maxQueryWords = 1000
    static let operatorWords: Set<String> = ["and", "or", "not", "xor", "near", "adj"]

    /// A query as error messages quote it: control characters shown as U+FFFD (they could drive the
    /// terminal), and at most 80 characters, since a query can be 100 KB.
    static func quoted(_ query: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in query.unicodeScalars.prefix(81) {
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            scalars.append(control ? "\u{FFFD}" : scalar)
        }
        return scalars.count > 80 ? String(String(scalars).unicodeScalars.prefix(79)) + "…" : String(scalars)
    }

    private func searchError(_ error: XapianError, query: String) -> TrawlError {
        let query = Self.quoted(query)
        return switch error.kind {
        case .querySyntax:
            QuerySyntax.error(fromXapian: error.message, query: query)
        case .wildcard where error.message.hasPrefix("path:"):
            TrawlError(.query, "\(error.message.replacing(" terms", with: " articles")) — narrow the path")
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
