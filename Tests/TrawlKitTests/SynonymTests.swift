import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// trawl.toml's [synonyms], kept in Xapian's synonym table and expanded by its query parser.
@Suite(.checksXapianHandles) struct SynonymTests {
    private let groups = [Synonym(term: "IRI", alternatives: ["Islamic Resistance in Iraq"]),
                          Synonym(term: "IDF", alternatives: ["Israel  Defense Forces", "Tsahal"])]

    /// Three short articles; the index built with `synonyms`, the searcher seeing trawl.toml's `configured`.
    private func withCorpus(synonyms: [Synonym], configured: [Synonym]? = nil, _ body: (Searcher, URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.write("Claims\n\nThe Islamic Resistance in Iraq claimed the strike on Haifa.\n", to: "Corpus/long.txt", in: dir)
            try Fixtures.write("Short\n\nThe IRI said it launched drones.\n", to: "Corpus/short.txt", in: dir)
            try Fixtures.write("Apart\n\nResistance grew in Iraq, where Islamic groups met.\n", to: "Corpus/apart.txt", in: dir)
            try Fixtures.write("Army\n\nThe Israel Defense Forces said Tsahal units moved.\n", to: "Corpus/army.txt", in: dir)
            let toml = (configured ?? synonyms).map { group in
                "\(group.term) = [" + group.alternatives.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            }
            try Fixtures.write("[synonyms]\n" + toml.joined(separator: "\n") + "\n", to: "trawl.toml", in: dir)
            let indexer = Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
            indexer.synonyms = synonyms
            _ = try indexer.run(roots: [dir.appendingPathComponent("Corpus").path])
            let workspace = try Workspace.load(from: dir.path)
            try body(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: workspace), dir)
        }
    }

    private func ids(_ results: SearchResults) -> [String] { results.hits.map(\.id).sorted() }
    private let plain = SearchOptions(expand: false)

    @Test func everyMemberOfAGroupListsTheOthersLowerCased() {
        let entries = SynonymTable.entries(groups).map { "\($0.key) → \($0.synonym)" }
        #expect(entries == [
            "idf → israel defense forces", "idf → tsahal",
            "iri → islamic resistance in iraq",
            "islamic resistance in iraq → iri",
            "israel defense forces → idf", "israel defense forces → tsahal",
            "tsahal → idf", "tsahal → israel defense forces",
        ])
    }

    @Test func anAbbreviationFindsItsPhraseOnlyWhereItIsAPhrase() throws {
        try withCorpus(synonyms: groups) { searcher, _ throws in
            let results = try searcher.search("IRI", options: plain)
            #expect(ids(results) == ["long.txt", "short.txt"])
            #expect(!searcher.synonymsStale)
            #expect(results.suggestion == nil)
            let long = try #require(results.hits.first { $0.id == "long.txt" })
            let passage = try #require(long.passages.first)
            #expect(passage.highlights.map { $0.slice(of: passage.text) } == ["Islamic Resistance in Iraq"])
            let short = try #require(results.hits.first { $0.id == "short.txt" })
            #expect(short.passages.first.map { p in p.highlights.map { $0.slice(of: p.text) } } == ["IRI"])
        }
    }

    @Test func aPhraseTypedOutFindsItsAbbreviation() throws {
        try withCorpus(synonyms: groups) { searcher, _ throws in
            #expect(ids(try searcher.search("Islamic Resistance in Iraq", options: plain)) == ["apart.txt", "long.txt", "short.txt"])
            #expect(ids(try searcher.search("tsahal", options: plain)) == ["army.txt"])
            // In quotes a phrase is only itself.
            #expect(ids(try searcher.search("\"Islamic Resistance in Iraq\"", options: plain)) == ["long.txt"])
        }
    }

    @Test func withoutSynonymsAWordIsOnlyItself() throws {
        try withCorpus(synonyms: []) { searcher, _ throws in
            #expect(ids(try searcher.search("IRI", options: plain)) == ["short.txt"])
            #expect(!searcher.synonymsStale)
        }
    }

    @Test func synonymsChangedSinceIndexingAreStaleUntilTheNextRun() throws {
        try withCorpus(synonyms: [], configured: groups) { searcher, dir throws in
            #expect(searcher.synonymsStale)
            let indexer = Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
            indexer.synonyms = groups
            _ = try indexer.run(roots: [dir.appendingPathComponent("Corpus").path])
            let again = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: try Workspace.load(from: dir.path))
            #expect(!again.synonymsStale)
            #expect(ids(try again.search("IRI", options: plain)) == ["long.txt", "short.txt"])
            // Emptying [synonyms] empties the table.
            indexer.synonyms = []
            _ = try indexer.run(roots: [dir.appendingPathComponent("Corpus").path])
            let none = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            #expect(ids(try none.search("IRI", options: plain)) == ["short.txt"])
        }
    }

    @Test func aKnownWordIsNotCorrectedToAMoreFrequentOne() throws {
        try withCorpus(synonyms: []) { searcher, _ throws in
            #expect(try searcher.search("IRI").suggestion == nil)
            #expect(try searcher.search("Iraw").suggestion == "iraq")
        }
    }
}
