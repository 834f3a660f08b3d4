import Xapian

/// Turns an article into a Xapian document, as `IndexSchema` lays it out.
struct DocumentBuilder {
    private let generator: TermGenerator
    private let spelling: WritableDatabase?
    private let spellingCounts: SpellingCounts?

    /// With `spelling`, the words of titles and bodies also go into that database's spelling data, from which
    /// search suggests corrections; with `spellingCounts`, they are counted there, for a database to get later.
    init(stemmer: Stem, spelling: WritableDatabase? = nil, spellingCounts: SpellingCounts? = nil) throws {
        generator = try TermGenerator()
        try generator.setStemmer(stemmer)
        try generator.setStemmingStrategy(.some)
        // Added per document (its unprefixed words are exactly the title's and the body's), not by the
        // generator word by word: the same data for much less of Xapian's time.
        self.spelling = spelling
        self.spellingCounts = spellingCounts
    }

    /// - Parameter furniture: the article's furniture candidates (`Furniture.value`), taken before furniture
    ///   was removed from its paragraphs.
    func document(for stored: StoredArticle, state: FileState, simhash: (print: UInt64, words: Int),
                  furniture: [UInt8]) throws -> Document {
        let article = stored.article
        let doc = try Document()
        try generator.setDocument(doc)
        // A headline counts among the free text, with extra weight, and alone under its prefix for `title:`.
        // A title made from the first sentence only repeats the body: it is searchable as `title:`, no more.
        if !article.titleIsDerived {
            try generator.indexText(article.title, wdfIncrement: IndexSchema.titleWeight)
            try generator.increaseTermPosition(by: 100)
        }
        try generator.indexText(article.title, prefix: IndexSchema.Prefix.title)
        try generator.increaseTermPosition(by: 100)
        if let author = article.author {
            try generator.indexText(author, prefix: IndexSchema.Prefix.author)
            try generator.increaseTermPosition(by: 100)
        }
        for paragraph in article.paragraphs {
            try generator.indexText(paragraph.text)
            // A gap, so that a phrase cannot match across the end of a paragraph.
            try generator.increaseTermPosition(by: 1)
        }
        for term in Self.filterTerms(article) { try doc.addBooleanTerm(term) }
        if let date = article.date { try doc.setValue(IndexSchema.Slot.date, Array(date.utf8)) }
        try doc.setValue(IndexSchema.Slot.fileState, state.encoded)
        try doc.setValue(IndexSchema.Slot.simhash, Array("\(SimHash.hex(simhash.print)) \(simhash.words)".utf8))
        try doc.setValue(IndexSchema.Slot.furniture, furniture)
        for (slot, value) in Self.facetValues(article) { try doc.setValue(slot, Array(value.utf8)) }
        try doc.setData(try stored.encoded())
        try spelling?.addSpelling(of: doc)
        try spellingCounts?.add(doc)
        return doc
    }

    /// The article's facet values by slot: section, source, year and month, those it has.
    static func facetValues(_ article: Article) -> [(slot: UInt32, value: String)] {
        var values: [(slot: UInt32, value: String)] = []
        if let section = article.section, !section.isEmpty { values.append((IndexSchema.Slot.section, section)) }
        if let source = article.source, !source.isEmpty { values.append((IndexSchema.Slot.source, source)) }
        if let date = article.date {
            let parts = date.split(separator: "-")
            if let year = parts.first, year.count == 4, year.allSatisfy(\.isNumber) {
                values.append((IndexSchema.Slot.year, String(year)))
                if parts.count > 1, parts[1].count == 2, parts[1].allSatisfy(\.isNumber) {
                    values.append((IndexSchema.Slot.month, "\(year)-\(parts[1])"))
                }
            }
        }
        return values
    }

    /// The boolean terms of an article: its unique id and its filters.
    static func filterTerms(_ article: Article) -> [String] {
        var terms = [IndexSchema.idTerm(article.id)]
        if let source = article.source { terms.append(IndexSchema.Prefix.source + source.lowercased()) }
        if let section = article.section { terms.append(IndexSchema.Prefix.section + section.lowercased()) }
        if let language = article.language { terms.append(IndexSchema.Prefix.language + language.lowercased()) }
        for tag in article.tags { terms.append(IndexSchema.Prefix.tag + tag.lowercased()) }
        if let date = article.date, date.count == 10 {
            let digits = date.filter(\.isNumber)
            terms.append(IndexSchema.Prefix.day + digits)
            terms.append(IndexSchema.Prefix.month + digits.prefix(6))
            terms.append(IndexSchema.Prefix.year + digits.prefix(4))
        }
        // Xapian limits terms to 245 bytes; a longer filter value cannot be a term (the id term is bounded).
        return [terms[0]] + terms.dropFirst().filter { $0.utf8.count <= 240 }
    }
}
