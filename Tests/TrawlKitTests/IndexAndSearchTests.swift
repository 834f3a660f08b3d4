import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// Indexing into a real Xapian index in a temporary directory, re-indexing, and searching it.
@Suite(.checksXapianHandles) struct IndexerTests {
    private func index(_ dir: URL, roots: [String]? = nil, rebuild: Bool = false, language: String? = nil) throws -> IndexSummary {
        let indexer = Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
        return try indexer.run(roots: roots ?? [dir.appendingPathComponent("Corpus").path], rebuild: rebuild, language: language)
    }

    private func documentCount(_ dir: URL) throws -> Int {
        try Database(path: dir.appendingPathComponent("Index").path).documentCount
    }

    @Test func indexesEverySeedArticleOnce() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let summary = try index(dir)
            #expect(summary.added == 5)
            #expect(summary.articles == 5)
            #expect(summary.skipped.isEmpty)
            let db = try Database(path: dir.appendingPathComponent("Index").path)
            #expect(try db.documentCount == 5)
            #expect(try db.metadata(IndexSchema.Key.schema) == IndexSchema.version)
            #expect(try db.metadata(IndexSchema.Key.language) == "english")
            #expect(try db.terms(withPrefix: "Q").count == 5)
            #expect(try db.termFrequency("Qz000_fff0fa8bcac6831c.txt") == 0)
            #expect(try db.termFrequency("Q000_fff0fa8bcac6831c.txt") == 1)
            #expect(try db.termFrequency("Shaifa") >= 2)  // title words under S
            #expect(try db.termFrequency("Zattack") == 5)  // stemmed, positions on the unstemmed
        }
    }

    @Test func reindexingUpdatesInPlace() throws {
        try withTemporaryDirectory { dir in
            let corpus = try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)

            // Nothing changed: nothing read again.
            var summary = try index(dir)
            #expect(summary.unchanged == 5)
            #expect(summary.added + summary.updated + summary.removed == 0)

            // One changed, one deleted, one added, one touched without changing.
            try Fixtures.write("Zanzibar ferry sinks\n\nA ferry sank off Zanzibar.\n", to: "000_fff0fa8bcac6831c.txt", in: corpus)
            try FileManager.default.removeItem(at: corpus.appendingPathComponent("001_9335ef90959a21c9.txt"))
            try Fixtures.write("Harbour reopens\n\nThe harbour reopened today.\n", to: "new/extra.txt", in: corpus)
            let touched = corpus.appendingPathComponent("002_4993c8e2996a26dc.txt")
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: touched.path)
            summary = try index(dir)
            #expect(summary.updated == 1)
            #expect(summary.removed == 1)
            #expect(summary.added == 1)
            #expect(summary.unchanged == 3)
            #expect(summary.articles == 5)
            #expect(try documentCount(dir) == 5)

            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            #expect(try searcher.search("Zanzibar").hits.map(\.id) == ["000_fff0fa8bcac6831c.txt"])
            #expect(try searcher.search("harbour").hits.map(\.id) == ["new/extra.txt"])
            #expect(try searcher.search("Alon Tavor").hits.isEmpty)  // only the old 000 had it
            #expect(try searcher.search("Stratofortress").hits.isEmpty)  // only the deleted 001 had it
        }
    }

    @Test func emptyAndBinaryFilesAreSkippedWithAReason() throws {
        try withTemporaryDirectory { dir in
            let corpus = try Fixtures.copySeedCorpus(to: dir)
            try Fixtures.write("   \n", to: "empty.txt", in: corpus)
            try Data([0x41, 0x00, 0x42]).write(to: corpus.appendingPathComponent("binary.txt"))
            try Fixtures.write("hidden\n", to: ".hidden/secret.txt", in: corpus)
            try Fixtures.write("not an article format\n", to: "notes.pdf", in: corpus)
            let summary = try index(dir)
            #expect(summary.added == 5)
            #expect(Set(summary.skipped.map(\.reason)) == ["empty", "binary file"])
            #expect(try documentCount(dir) == 5)
        }
    }

    @Test func aFileThatStopsBeingAnArticleLeavesTheIndex() throws {
        try withTemporaryDirectory { dir in
            let corpus = try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)
            try Fixtures.write("", to: "003_e3f78a58f49dd915.txt", in: corpus)
            let summary = try index(dir)
            #expect(summary.removed == 1)
            #expect(try documentCount(dir) == 4)
        }
    }

    @Test func rebuildStartsAfreshAndLanguageChangeNeedsIt() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            _ = try index(dir)
            #expect(throws: TrawlError.self) { _ = try index(dir, language: "french") }
            let summary = try index(dir, rebuild: true, language: "french")
            #expect(summary.added == 5)
            let db = try Database(path: dir.appendingPathComponent("Index").path)
            #expect(try db.metadata(IndexSchema.Key.language) == "french")
        }
    }

    @Test func unknownLanguageIsAUsageError() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            #expect {
                _ = try index(dir, language: "klingon")
            } throws: { error in
                let error = error as? TrawlError
                return error?.kind == .usage && error?.message.contains("english") == true
            }
        }
    }

    @Test func refusesToWriteIntoAFolderThatIsNotAnIndex() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            try Fixtures.write("precious\n", to: "Index/thesis.txt", in: dir)
            #expect {
                _ = try index(dir, rebuild: true)
            } throws: { ($0 as? TrawlError)?.kind == .badIndex }
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Index/thesis.txt").path))
        }
    }

    @Test func missingCorpusIsACorpusError() throws {
        try withTemporaryDirectory { dir in
            #expect {
                _ = try index(dir)
            } throws: { ($0 as? TrawlError)?.kind == .corpus }
        }
    }

    @Test func severalRootsPrefixIdsWithTheirNames() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.write("Alpha story\n\nText about alpha.\n", to: "one/a.txt", in: dir)
            try Fixtures.write("Beta story\n\nText about beta.\n", to: "two/a.txt", in: dir)
            let summary = try index(dir, roots: [dir.appendingPathComponent("one").path, dir.appendingPathComponent("two").path])
            #expect(summary.added == 2)
            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            let hit = try #require(try searcher.search("beta").hits.first)
            #expect(hit.id == "two/a.txt")
            #expect(hit.path == "two/a.txt")
        }
    }
}

@Suite(.checksXapianHandles) struct SearcherTests {
    /// An index of the seed corpus, built once per test in its own directory.
    private func withSeedIndex(_ body: (Searcher, URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            try body(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path)), dir)
        }
    }

    @Test func dronesOnHaifaRankFirstWithHighlightedPassages() throws {
        try withSeedIndex { searcher, _ throws in
            let results = try searcher.search("drone attack Haifa")
            // 003 reports drone attacks elsewhere; the other four report the attack on Haifa.
            #expect(Set(results.hits.map(\.id)) == ["000_fff0fa8bcac6831c.txt", "001_9335ef90959a21c9.txt",
                                                   "002_4993c8e2996a26dc.txt", "004_d52ae03f719e3373.txt"])
            #expect(results.estimatedMatches == 4)
            for hit in results.hits {
                #expect(hit.passages.count == 2)
                #expect(hit.path == "Corpus/" + hit.id)
                for passage in hit.passages {
                    #expect(!passage.highlights.isEmpty)
                    let words = Set(passage.highlights.map { $0.slice(of: passage.text).lowercased() })
                    #expect(words.isSubset(of: ["drone", "drones", "attack", "attacks", "attacked", "attacking", "haifa"]))
                }
                #expect(hit.passages[0].score >= hit.passages[1].score)
            }
            let allWords = Set(results.hits.flatMap { hit in hit.passages.flatMap { p in p.highlights.map { $0.slice(of: p.text).lowercased() } } })
            #expect(allWords.contains("attacks") || allWords.contains("attacked"))
        }
    }

    @Test func phraseSpansGiveExactlyThePhrase() throws {
        try withSeedIndex { searcher, _ throws in
            let results = try searcher.search(#""Islamic Resistance in Iraq""#)
            #expect(!results.hits.isEmpty)
            for hit in results.hits {
                for passage in hit.passages {
                    #expect(passage.highlights.allSatisfy {
                        $0.slice(of: passage.text).lowercased() == "islamic resistance in iraq"
                    })
                }
            }
        }
    }

    @Test func lineNumbersPointAtThePassageInTheFile() throws {
        try withSeedIndex { searcher, dir throws in
            let hit = try #require(try searcher.search("Stratofortress").hits.first)
            let lines = try String(contentsOf: dir.appendingPathComponent(hit.path), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let passage = try #require(hit.passages.first)
            let firstWords = passage.text.split(separator: " ").prefix(4).joined(separator: " ")
            #expect(lines[passage.line - 1].contains(firstWords))
            #expect(hit.line == passage.line)
        }
    }

    @Test func passagesDoNotDependOnTheRestOfTheResults() throws {
        try withSeedIndex { searcher, _ throws in
            let all = try searcher.search("drone attack Haifa", options: SearchOptions(limit: 10, passages: 3))
            let last = try #require(all.hits.last)
            let alone = try searcher.search("drone attack Haifa",
                                            options: SearchOptions(limit: 1, offset: all.hits.count - 1, passages: 3))
            #expect(alone.hits.first?.passages == last.passages)
            #expect(alone.hits.first?.rank == last.rank)
        }
    }

    @Test func everyWordIsRequiredUnlessAny() throws {
        try withSeedIndex { searcher, _ throws in
            #expect(try searcher.search("Stratofortress Zanzibar").hits.isEmpty)
            #expect(try searcher.search("Stratofortress Zanzibar", options: SearchOptions(matchAny: true)).hits.count >= 1)
        }
    }

    @Test func booleanOperatorsExclusionAndWildcards() throws {
        try withSeedIndex { searcher, _ throws in
            let withB52 = Set(try searcher.search("Stratofortress").hits.map(\.id))
            let without = Set(try searcher.search("Haifa -Stratofortress").hits.map(\.id))
            #expect(!withB52.isEmpty)
            #expect(without.isDisjoint(with: withB52))
            #expect(try searcher.search("Stratofort*").hits.count == withB52.count)
            #expect(try searcher.search("Haifa NOT Stratofortress").hits.map(\.id).sorted() == without.sorted())
            #expect(try searcher.search("title:haifa").hits.count >= 2)
        }
    }

    @Test func queryErrorsAreOneLineTrawlErrors() throws {
        try withSeedIndex { searcher, _ throws in
            for bad in ["AND drone", "   "] {
                #expect {
                    _ = try searcher.search(bad)
                } throws: { error in
                    let error = error as? TrawlError
                    return error?.kind == .query && error?.message.contains("\n") == false
                }
            }
        }
    }

    @Test func overBroadWildcardIsRefusedNotHung() throws {
        try withTemporaryDirectory { dir in
            let words = (0..<1100).map { "zq\($0)" }.joined(separator: " ")
            try Fixtures.write("Many words\n\n\(words).\n", to: "Corpus/many.txt", in: dir)
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            #expect {
                _ = try searcher.search("zq*")
            } throws: { error in
                let error = error as? TrawlError
                return error?.kind == .query && error?.message.contains("more than 1000 words") == true
            }
            #expect(try searcher.search("zq10*").hits.count == 1)
        }
    }

    @Test func noIndexAndForeignIndexAreClearErrors() throws {
        try withTemporaryDirectory { dir in
            let workspace = Workspace(from: dir.path)
            #expect {
                _ = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: workspace)
            } throws: { error in
                (error as? TrawlError)?.message == "no index at Index/ — run `trawl index` first"
            }
            // A Xapian database that some other tool wrote.
            let other = try WritableDatabase(path: dir.appendingPathComponent("Other").path)
            let doc = try Document()
            try doc.addTerm("x")
            try other.replaceDocument(uniqueTerm: "Qx", with: doc)
            try other.close()
            #expect {
                _ = try Searcher(indexPath: dir.appendingPathComponent("Other").path, workspace: workspace)
            } throws: { ($0 as? TrawlError)?.kind == .badIndex }
        }
    }

    @Test func statsDescribeTheIndex() throws {
        try withSeedIndex { _, dir throws in
            let stats = try IndexStats.read(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            #expect(stats.articles == 5)
            #expect(stats.language == "english")
            #expect(stats.corpus == ["Corpus"])
            #expect(stats.terms > 1000)
            #expect(stats.bytes > 0)
        }
    }
}

@Suite(.checksXapianHandles) struct SharedCorpusTests {
    @Test(.enabled(if: Fixtures.hasSharedCorpus("reuters"), "../shared/corpora/reuters is not here (it is not part of the repository)"))
    func reutersMonthIndexesCompletelyAndCollapsesCopies() throws {
        try withTemporaryDirectory { dir in
            let month = Fixtures.sharedCorpora.appendingPathComponent("reuters/1987-10").path
            let index = dir.appendingPathComponent("Index").path
            let summary = try Indexer(indexPath: index, shownAs: "Index/").run(roots: [month])
            #expect(summary.added == 1586)
            #expect(summary.skipped.isEmpty)
            #expect(summary.clusters >= 10)
            let searcher = try Searcher(indexPath: index, workspace: Workspace(from: dir.path))
            let hit = try #require(try searcher.search("Mexican stockmarket crisis").hits.first)
            #expect(hit.similar == 1)
            #expect(hit.date == "1987-10-20")
            #expect(hit.source == "Reuters")
            // Nothing changed: nothing is read again.
            let again = try Indexer(indexPath: index, shownAs: "Index/").run(roots: [month])
            #expect(again.filesRead == 0)
            #expect(again.unchanged == 1586)
        }
    }

    @Test(.enabled(if: Fixtures.hasSharedCorpus("bbc"), "../shared/corpora/bbc is not here (it is not part of the repository)"))
    func bbcSportIndexesWithItsLatin1File() throws {
        try withTemporaryDirectory { dir in
            let sport = Fixtures.sharedCorpora.appendingPathComponent("bbc/sport").path
            let summary = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/").run(roots: [sport])
            #expect(summary.added == 511)
            #expect(summary.skipped.isEmpty)
            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            let results = try searcher.search("Wenger Arsenal")
            #expect(results.hits.count == 10)
            #expect(results.hits.allSatisfy { !$0.passages.isEmpty })
            let article = try PlainTextReader().read(Array(try Data(contentsOf: URL(fileURLWithPath: sport + "/199.txt"))), id: "199.txt")
            #expect(article.bodyText.contains("£"))
        }
    }
}
