/// How Trawl lays out an index in Xapian: term prefixes, value slots and metadata keys. One place, so the
/// indexer, the searcher and Xapian's own tools (`xapian-delve`, `quest`) agree.
public enum IndexSchema {
    /// Bumped when documents are written differently; an index of another version must be rebuilt.
    public static let version = "5"

    /// Term prefixes (Xapian's conventions where there is one).
    public enum Prefix {
        /// Unique id: `Q` + the article's path relative to the corpus root.
        public static let id = "Q"
        /// Title words, so `title:` queries search titles only.
        public static let title = "S"
        /// Author words (free text).
        public static let author = "A"
        /// Boolean filters, values lower-cased: the source or site, the section (first folder under the corpus
        /// root), tags, the language code.
        public static let source = "XSOURCE"
        public static let section = "XSECTION"
        public static let tag = "K"
        public static let language = "L"
        /// Boolean date filters: day `D20240201`, month `M202402`, year `Y2024` (Xapian omega's conventions).
        public static let day = "D"
        public static let month = "M"
        public static let year = "Y"
    }

    /// Value slots.
    public enum Slot {
        /// Publication date, "YYYY-MM-DD" (sorts as text).
        public static let date: UInt32 = 0
        /// Near-duplicate cluster (Xapian's collapse key): the same for copies and light rewrites of a story.
        public static let cluster: UInt32 = 1
        /// What the indexer needs to see whether a file changed (see `FileState`).
        public static let fileState: UInt32 = 2
        /// The body's 64-bit SimHash (16 hex digits) and its length in words, from which clusters are made.
        public static let simhash: UInt32 = 3
        /// The article's furniture group and candidate-line fingerprints (see `Furniture`).
        public static let furniture: UInt32 = 4
        /// Facets, counted among all matches by `trawl search --facets`: the section and the source as the
        /// article gives them, the publication year ("2024") and month ("2024-02"). Absent when unknown.
        public static let section: UInt32 = 5
        public static let source: UInt32 = 6
        public static let year: UInt32 = 7
        public static let month: UInt32 = 8
    }

    /// Metadata keys.
    public enum Key {
        public static let schema = "trawl.schema"
        public static let language = "trawl.language"
        /// JSON array of the corpus roots' absolute paths.
        public static let roots = "trawl.roots"
        /// When the last index run finished (ISO 8601, UTC).
        public static let indexedAt = "trawl.indexed_at"
        /// How many near-duplicate clusters the last run found.
        public static let clusters = "trawl.clusters"
        /// Fingerprints of the lines found to be page furniture (see `Furniture`).
        public static let furniture = "trawl.furniture"
        /// A fingerprint of the synonyms in the synonym table (see `SynonymTable`), "" for none.
        public static let synonyms = "trawl.synonyms"
    }

    /// The unique-id term of an article. Xapian's terms hold at most 245 bytes, so a longer id is cut at a
    /// character boundary and completed with a hash of the whole id, which keeps it unique.
    public static func idTerm(_ id: String) -> String {
        let term = Prefix.id + id
        guard term.utf8.count > 240 else { return term }
        var cut = Substring(term)
        while cut.utf8.count > 220 { cut = cut.dropLast() }
        return cut + "#" + String(contentHash(Array(id.utf8)), radix: 16)
    }

    /// Title words count this many times in the body's free-text terms, so a title match ranks higher.
    public static let titleWeight: UInt32 = 3

    /// The stemming language when none is given.
    public static let defaultLanguage = "english"
}
