import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Field prefixes, date filters and sorting, on a small corpus where the answers are known.
@Suite(.checksXapianHandles) struct QueryLanguageTests {
    /// Four Markdown articles with dates, sources, tags and authors.
    private func withCorpus(_ body: (Searcher) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let articles = [
                ("world/a.md", "2024-01-15", "Reuters", "Jane Roe", "energy", "Oil prices climb in January"),
                ("world/b.md", "2024-02-20", "AP", "John Doe", "energy", "Oil prices fall in February"),
                ("sport/c.md", "2023-12-31", "Reuters", "Jane Roe", "football", "Cup final ends the year"),
                ("sport/d.md", "2024-02-01", "BBC Sport", "Sam Poe", "tennis", "Tennis star wins in February"),
            ]
            for (path, date, source, author, tag, title) in articles {
                try Fixtures.write("""
                    ---
                    title: "\(title)"
                    date: \(date)
                    source: \(source)
                    author: \(author)
                    tags: [\(tag)]
                    ---

                    \(title). The report came in on \(date) and was filed by \(author).
                    """, to: "Corpus/\(path)", in: dir)
            }
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            try body(try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path)))
        }
    }

    private func ids(_ searcher: Searcher, _ query: String, _ options: SearchOptions = SearchOptions()) throws -> [String] {
        try searcher.search(query, options: options).hits.map(\.id).sorted()
    }

    @Test func fieldPrefixesFilterWhateverTheCase() throws {
        try withCorpus { searcher throws in
            #expect(try ids(searcher, "report source:reuters") == ["sport/c.md", "world/a.md"])
            #expect(try ids(searcher, "report source:Reuters") == ["sport/c.md", "world/a.md"])
            #expect(try ids(searcher, #"report source:"BBC Sport""#) == ["sport/d.md"])
            #expect(try ids(searcher, "report section:sport") == ["sport/c.md", "sport/d.md"])
            #expect(try ids(searcher, "report category:WORLD") == ["world/a.md", "world/b.md"])
            #expect(try ids(searcher, "report tag:energy") == ["world/a.md", "world/b.md"])
            #expect(try ids(searcher, "report author:roe") == ["sport/c.md", "world/a.md"])
            #expect(try ids(searcher, "title:February") == ["sport/d.md", "world/b.md"])
        }
    }

    @Test func dateFiltersInTheQuery() throws {
        try withCorpus { searcher throws in
            #expect(try ids(searcher, "report date:2024") == ["sport/d.md", "world/a.md", "world/b.md"])
            #expect(try ids(searcher, "report date:2024-02") == ["sport/d.md", "world/b.md"])
            #expect(try ids(searcher, "report date:2024-01-15") == ["world/a.md"])
            #expect(try ids(searcher, "report date:2024-01..2024-02-01") == ["sport/d.md", "world/a.md"])
            #expect(try ids(searcher, "report date:..2023") == ["sport/c.md"])
            #expect(try ids(searcher, "report date:2024-02-01..") == ["sport/d.md", "world/b.md"])
            #expect(throws: TrawlError.self) { try searcher.search("report date:2024-13") }
        }
    }

    @Test func sinceAndUntilMeanTheSame() throws {
        try withCorpus { searcher throws in
            var options = SearchOptions()
            options.since = "2024-01"
            options.until = "2024-02-01"
            #expect(try ids(searcher, "report", options) == ["sport/d.md", "world/a.md"])
            options.since = "1000y"
            options.until = nil
            #expect(try ids(searcher, "report", options).count == 4)
        }
    }

    @Test func sortByDateEitherWay() throws {
        try withCorpus { searcher throws in
            var options = SearchOptions()
            options.sort = .date
            #expect(try searcher.search("report", options: options).hits.map(\.date) == ["2024-02-20", "2024-02-01", "2024-01-15", "2023-12-31"])
            options.sort = .oldest
            #expect(try searcher.search("report", options: options).hits.map(\.date) == ["2023-12-31", "2024-01-15", "2024-02-01", "2024-02-20"])
        }
    }
}

@Suite(.checksXapianHandles) struct DateRangeTests {
    private let today = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01 UTC

    @Test func partialDatesCoverTheirWholeSpan() {
        #expect(DateRange.bounds("2024", today: today)! == ("2024", "2024-99-99"))
        #expect(DateRange.bounds("2024-02", today: today)! == ("2024-02", "2024-02-99"))
        #expect(DateRange.bounds("2024-02-29", today: today)! == ("2024-02-29", "2024-02-29"))
        #expect(DateRange.bounds("2023-02-29", today: today) == nil)
        #expect(DateRange.bounds("..2024", today: today)! == (nil, "2024-99-99"))
    }

    @Test func relativeDatesCountBackFromToday() {
        #expect(DateRange.bounds("7d", today: today)! == ("2024-02-23", nil))
        #expect(DateRange.bounds("1m", today: today)! == ("2024-02-01", nil))
        #expect(DateRange.bounds("1y", today: today)! == ("2023-03-01", nil))
        #expect(DateRange.bounds("2w..", today: today)! == ("2024-02-16", nil))
        #expect(DateRange.civil(Date(timeIntervalSince1970: 0)) == (1970, 1, 1))
    }

    @Test func queriesAreRewrittenOnlyWhereTheyNameDates() throws {
        #expect(try DateRange.rewriteQuery("oil date:2024-02 prices", today: today) == "oil date:2024-02..2024-02-99 prices")
        #expect(try DateRange.rewriteQuery("update:2024 oil", today: today) == "update:2024 oil")
        #expect(throws: TrawlError.self) { try DateRange.rewriteQuery("date:soon", today: today) }
    }
}

@Suite(.checksXapianHandles) struct SpellingTests {
    @Test func aMisspeltQueryRunsItsCorrectionAndSaysSo() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            let results = try searcher.search("drone Hifa")
            #expect(results.suggestion == "drone haifa")
            #expect(results.ranSuggestion)
            #expect(results.query == "drone Hifa")
            #expect(results.hits.count == 4)
            // Words the index knows are left alone.
            let right = try searcher.search("drone Haifa")
            #expect(right.suggestion == nil)
            #expect(!right.ranSuggestion)
        }
    }
}

@Suite(.checksXapianHandles) struct SimilarTests {
    @Test func theRewriteOfAStoryIsTheMostSimilarArticle() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            _ = try Indexer(indexPath: dir.appendingPathComponent("Index").path, shownAs: "Index/")
                .run(roots: [dir.appendingPathComponent("Corpus").path])
            let searcher = try Searcher(indexPath: dir.appendingPathComponent("Index").path, workspace: Workspace(from: dir.path))
            // 002 retells 001's story in other words.
            let results = try searcher.similar(to: "001_9335ef90959a21c9.txt")
            #expect(results.hits.first?.id == "002_4993c8e2996a26dc.txt")
            #expect(!results.hits.contains { $0.id == "001_9335ef90959a21c9.txt" })
            #expect(searcher.articleID(forPath: dir.appendingPathComponent("Corpus/001_9335ef90959a21c9.txt").path)
                == "001_9335ef90959a21c9.txt")
            #expect(throws: TrawlError.self) { try searcher.similar(to: "nope.txt") }
        }
    }
}
