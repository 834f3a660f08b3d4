import Xapian

/// What of a parsed query can be seen in text: its terms, phrases and near-groups, read from the Xapian
/// query tree, so that passages are scored and highlighted by what actually made a document match.
///
/// Words after `-` or `NOT` are left out; a phrase matches only where its words stand together; a stemmed
/// term (`Zattack`) matches every word with that stem (`attacks`, `attacked`); `title:` terms match only titles.
public final class QueryMatcher {
    /// One word of a query as it can match a word of text.
    public struct TermPattern: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// The word itself (unstemmed terms, and words in phrases).
            case exact
            /// Any word with this stem.
            case stem
            /// Any word starting with this (wildcards).
            case prefix
        }

        public let kind: Kind
        public let text: String
        /// True for `title:` terms, which match the title and not the body.
        public let titleOnly: Bool

        public init(kind: Kind, text: String, titleOnly: Bool = false) {
            self.kind = kind
            self.text = text
            self.titleOnly = titleOnly
        }
    }

    /// One unit of the query that scores and highlights on its own.
    public enum Clause: Hashable, Sendable {
        case term(TermPattern)
        /// Words that must stand in this order, next to each other.
        case phrase([TermPattern])
        /// Words that must all stand within `window` consecutive positions, in any order (`NEAR/n`).
        case near([TermPattern], window: Int)
        /// Words that must stand in this order within `window` consecutive positions (`ADJ/n`).
        case ordered([TermPattern], window: Int)

        var patterns: [TermPattern] {
            switch self {
            case let .term(p): [p]
            case let .phrase(ps), let .near(ps, _), let .ordered(ps, _): ps
            }
        }
    }

    /// Where a clause matched in a text.
    public struct Match: Sendable, Equatable {
        /// Index into `clauses`.
        public let clause: Int
        /// Scalar offsets of the matched words (a whole phrase is one match).
        public let start: Int
        public let end: Int
        /// Index of the first matched token.
        public let token: Int
    }

    /// Which text is being matched: titles also match `title:` terms.
    public enum Field: Sendable { case body, title }

    /// The clauses, in query order, without duplicates.
    public let clauses: [Clause]
    /// The Xapian terms behind each clause (for collection statistics); empty for wildcards.
    public let clauseTerms: [[String]]

    private let stemmer: Stem
    private let stems: StemCache
    /// Passes text that may hold a match (in a body).
    let screen: MatchScreen
    /// Passes text that may hold a match in a title (where `title:` patterns match too).
    let titleScreen: MatchScreen
    /// For each pattern of each clause that is an English stem, the beginning every word with that stem has
    /// (`MatchScreen.stemPrefix`), so that most words are told apart from a stem without stemming them; empty
    /// for other patterns and languages.
    private let clausePrefixes: [[[UInt8]]]
    /// Whether a pattern's text is empty (only through `init(clauses:)`): then an unread word may match it.
    private let hasEmptyPattern: Bool

    /// Words already stemmed, shared by the matchers of one stemmer (a searcher's queries) so that a batch
    /// stems each word of its articles once.
    public final class StemCache {
        var stems: [String: String] = [:]
        public init() {}
    }

    /// The matcher for a query made by Trawl's query parser, stemming with `stemmer`.
    /// `cache` must only ever be used with this same stemmer.
    public convenience init(query: Query, stemmer: Stem, cache: StemCache = StemCache()) throws {
        var clauses: [Clause] = []
        var terms: [[String]] = []
        try Self.collect(query, into: &clauses, terms: &terms)
        self.init(clauses: clauses, clauseTerms: terms, stemmer: stemmer, cache: cache)
    }

    /// A matcher for given clauses (for tests and callers that build their own).
    public init(clauses: [Clause], clauseTerms: [[String]], stemmer: Stem, cache: StemCache = StemCache()) {
        var seen: Set<Clause> = []
        var keptClauses: [Clause] = []
        var keptTerms: [[String]] = []
        for (index, clause) in clauses.enumerated() where seen.insert(clause).inserted {
            keptClauses.append(clause)
            keptTerms.append(index < clauseTerms.count ? clauseTerms[index] : [])
        }
        self.clauses = keptClauses
        self.clauseTerms = keptTerms
        self.stemmer = stemmer
        self.stems = cache
        let english = stemmer.language == "english" || stemmer.language == "en"
        screen = MatchScreen(clauses: keptClauses, englishStems: english)
        titleScreen = MatchScreen(clauses: keptClauses, englishStems: english, forTitles: true)
        clausePrefixes = keptClauses.map { clause in
            clause.patterns.map { english && $0.kind == .stem ? Array(MatchScreen.stemPrefix($0.text).utf8) : [] }
        }
        hasEmptyPattern = keptClauses.contains { $0.patterns.contains { $0.text.isEmpty } }
    }

    /// True when nothing in the query can be highlighted (e.g. only a boolean filter).
    public var isEmpty: Bool { clauses.isEmpty }

    /// Every match of every clause in `tokens` (from `Tokenizer`), in text order.
    public func matches(in tokens: [Token], field: Field) -> [Match] {
        // Words left unread (empty, see `Tokenizer`: most of a passage's) match no pattern whose text is not
        // empty, so only the others are tried.
        let read = hasEmptyPattern ? Array(tokens.indices) : tokens.indices.filter { !tokens[$0].word.isEmpty }
        // Each token's stem is looked up at most once, however many clauses ask for it: `stemOf[t]` indexes
        // `stemValues` (-1 until known). Integers, so that the table costs no reference counting.
        var stemOf = [Int32](repeating: -1, count: tokens.count)
        var stemValues: [String] = []
        func test(_ pattern: TermPattern, _ prefix: [UInt8], _ t: Int) -> Bool {
            if pattern.titleOnly && field != .title { return false }
            switch pattern.kind {
            case .exact: return tokens[t].word == pattern.text
            case .prefix: return tokens[t].word.hasPrefix(pattern.text)
            case .stem:
                if stemOf[t] >= 0 { return stemValues[Int(stemOf[t])] == pattern.text }
                // Most words of a passage are not read (empty, see `Tokenizer`): they begin with no prefix.
                if !prefix.isEmpty, tokens[t].word.isEmpty || !tokens[t].word.utf8.starts(with: prefix) { return false }
                let value = stem(tokens[t].word)
                stemOf[t] = Int32(stemValues.count)
                stemValues.append(value)
                return value == pattern.text
            }
        }
        var result: [Match] = []
        for (index, clause) in clauses.enumerated() {
            // Each stem's beginning, looked up once per matcher rather than once per word.
            let prefixes = clausePrefixes[index]
            switch clause {
            case let .term(pattern):
                let prefix = prefixes[0]
                for t in read where test(pattern, prefix, t) {
                    result.append(Match(clause: index, start: tokens[t].start, end: tokens[t].end, token: t))
                }
            case let .phrase(patterns):
                guard !patterns.isEmpty, tokens.count >= patterns.count else { continue }
                // Left to right, a match's words not starting another (a phrase starts only at a word read).
                var next = 0
                for t in read where t >= next && t + patterns.count <= tokens.count {
                    if patterns.indices.allSatisfy({ test(patterns[$0], prefixes[$0], t + $0) }) {
                        result.append(Match(clause: index, start: tokens[t].start,
                                            end: tokens[t + patterns.count - 1].end, token: t))
                        next = t + patterns.count
                    }
                }
            case let .near(patterns, window):
                result += nearMatches(patterns, window: window, clause: index, tokens: tokens, read: read) {
                    test(patterns[$0], prefixes[$0], $1)
                }
            case let .ordered(patterns, window):
                result += orderedMatches(patterns, window: window, clause: index, tokens: tokens, read: read) {
                    test(patterns[$0], prefixes[$0], $1)
                }
            }
        }
        return result.sorted { ($0.start, $0.clause) < ($1.start, $1.clause) }
    }

    /// `test(p, t)`: whether pattern `p` (an index into `patterns`) matches token `t`; `read`: the tokens that may
    /// match, in order.
    private func nearMatches(_ patterns: [TermPattern], window: Int, clause: Int, tokens: [Token], read: [Int],
                             test: (Int, Int) -> Bool) -> [Match] {
        let positions = patterns.indices.map { p in read.filter { test(p, $0) } }
        guard positions.allSatisfy({ !$0.isEmpty }) else { return [] }
        var marked = Set<Int>()
        let width = max(window, patterns.count)
        // Every window of `width` positions holding each pattern marks the occurrences inside it.
        for first in Set(positions.joined()).sorted() {
            let range = first..<(first + width)
            let inside = positions.map { $0.filter { range.contains($0) } }
            if inside.allSatisfy({ !$0.isEmpty }) { inside.joined().forEach { marked.insert($0) } }
        }
        return marked.sorted().map { Match(clause: clause, start: tokens[$0].start, end: tokens[$0].end, token: $0) }
    }

    private func orderedMatches(_ patterns: [TermPattern], window: Int, clause: Int, tokens: [Token], read: [Int],
                                test: (Int, Int) -> Bool) -> [Match] {
        guard !patterns.isEmpty else { return [] }
        var marked = Set<Int>()
        let width = max(window, patterns.count)
        // From each occurrence of the first word, the earliest following occurrence of each next word: if
        // the last of them is still inside the window, the words stand in order and near enough.
        for (k, start) in read.enumerated() where test(0, start) {
            var chain = [start]
            var after = k + 1  // where in `read` the next word is looked for
            for pattern in patterns.indices.dropFirst() {
                guard let found = read[after...].firstIndex(where: { test(pattern, $0) }), case let next = read[found],
                      next < start + width else { chain = []; break }
                chain.append(next)
                after = found + 1
            }
            chain.forEach { marked.insert($0) }
        }
        return marked.sorted().map { Match(clause: clause, start: tokens[$0].start, end: tokens[$0].end, token: $0) }
    }

    private func stem(_ word: String) -> String {
        if let known = stems.stems[word] { return known }
        let value = stemmer(word)
        stems.stems[word] = value
        return value
    }

    // MARK: Reading the query tree

    private static func collect(_ query: Query, into clauses: inout [Clause], terms: inout [[String]]) throws {
        switch query.op {
        case .term:
            guard let term = try query.terms.first, let pattern = pattern(for: term) else { return }
            clauses.append(.term(pattern))
            terms.append([term])
        case .phrase, .near:
            let subqueries = try query.subqueries
            let leaves = try subqueries.map { sub -> (String, TermPattern)? in
                guard sub.op == .term, let term = try sub.terms.first, let p = pattern(for: term) else { return nil }
                return (term, p)
            }
            if leaves.allSatisfy({ $0 != nil }) {
                let pairs = leaves.compactMap { $0 }
                let window = query.window ?? pairs.count
                if query.op == .phrase && window <= pairs.count {
                    clauses.append(.phrase(pairs.map(\.1)))
                } else if query.op == .phrase {
                    clauses.append(.ordered(pairs.map(\.1), window: window))
                } else {
                    clauses.append(.near(pairs.map(\.1), window: window))
                }
                terms.append(pairs.map(\.0))
            } else {
                for sub in subqueries { try collect(sub, into: &clauses, terms: &terms) }
            }
        case .wildcard:
            guard let raw = query.wildcardPattern, let p = pattern(for: raw) else { return }
            clauses.append(.term(TermPattern(kind: .prefix, text: p.text, titleOnly: p.titleOnly)))
            terms.append([])
        case .andNot:
            // Only the positive side: excluded words are never highlighted.
            if let first = try query.subqueries.first { try collect(first, into: &clauses, terms: &terms) }
        case .filter:
            // The filter side is boolean (metadata), not text.
            if let first = try query.subqueries.first { try collect(first, into: &clauses, terms: &terms) }
        case .and, .or, .xor, .andMaybe, .synonym, .max, .eliteSet, .scaleWeight:
            for sub in try query.subqueries { try collect(sub, into: &clauses, terms: &terms) }
        default:
            return
        }
    }

    /// A term as Trawl's index writes it, turned into a pattern: `Z` marks a stem, the title prefix marks a
    /// title-only term; terms under any other prefix (ids, filters) are not text and give nil.
    static func pattern(for term: String) -> TermPattern? {
        var rest = Substring(term)
        var stemmed = false
        if rest.hasPrefix("Z") {
            stemmed = true
            rest = rest.dropFirst()
        }
        var titleOnly = false
        if rest.hasPrefix(IndexSchema.Prefix.title) {
            titleOnly = true
            rest = rest.dropFirst(IndexSchema.Prefix.title.count)
        }
        guard let first = rest.unicodeScalars.first, !(first.isASCII && first.properties.isUppercase) else { return nil }
        return TermPattern(kind: stemmed ? .stem : .exact, text: String(rest), titleOnly: titleOnly)
    }
}
