/// How Trawl lays out an index in Xapian: term prefixes, value slots and metadata keys. One place, so the
/// indexer, the searcher and Xapian's own tools (`xapian-delve`, `quest`) agree.
public enum IndexSchema {
    /// Bumped when documents are written differently; an index of another version must be rebuilt.
    public static let version = "1"

    /// Term prefixes (Xapian's conventions where there is one).
    public enum Prefix {
        /// Unique id: `Q` + the article's path relative to the corpus root.
        public static let id = "Q"
        /// Title words, so `title:` queries search titles only.
        public static let title = "S"
    }

    /// Value slots.
    public enum Slot {
        /// Publication date, "YYYY-MM-DD" (sorts as text).
        public static let date: UInt32 = 0
        /// What the indexer needs to see whether a file changed: "size mtime hash id".
        public static let fileState: UInt32 = 2
    }

    /// Metadata keys.
    public enum Key {
        public static let schema = "trawl.schema"
        public static let language = "trawl.language"
        /// JSON array of the corpus roots' absolute paths.
        public static let roots = "trawl.roots"
        /// When the last index run finished (ISO 8601, UTC).
        public static let indexedAt = "trawl.indexed_at"
    }

    /// Title words count this many times in the body's free-text terms, so a title match ranks higher.
    public static let titleWeight: UInt32 = 3

    /// The stemming language when none is given.
    public static let defaultLanguage = "english"
}
