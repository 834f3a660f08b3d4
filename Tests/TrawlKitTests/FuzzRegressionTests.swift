import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// Replays the fuzzers' seeds and every input they found crashing (`Fuzz/Seeds`, `Fuzz/Crashes`), the way
/// the fuzz targets run them (see `Fuzz/Sources`): each must give articles or an error, never trap.
@Suite(.checksXapianHandles) struct FuzzRegressionTests {
    static let fuzz = Fixtures.repository.appendingPathComponent("Fuzz")

    /// The files of a target: its seeds and its crashes (named `TARGET-crash-...` by libFuzzer).
    static func inputs(_ target: String) -> [URL] {
        let seeds = (try? FileManager.default.contentsOfDirectory(at: fuzz.appendingPathComponent("Seeds/\(target)"),
                                                                   includingPropertiesForKeys: nil)) ?? []
        let crashes = ((try? FileManager.default.contentsOfDirectory(at: fuzz.appendingPathComponent("Crashes"),
                                                                      includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasPrefix(target + "-") }
        return (seeds + crashes).sorted { $0.path < $1.path }
    }

    @Test func readerInputsAreReadWithoutTrapping() throws {
        let inputs = Self.inputs("readers")
        #expect(inputs.count >= 10)
        let names = ["a.txt", "a.md", "a.html", "a.jsonl", "a.json", "a.htm"]
        var articles = 0
        for url in inputs {
            let data = Array(try Data(contentsOf: url))
            guard let first = data.first else { continue }
            let name = names[Int(first) % names.count]
            let reader = try #require(ArticleFormats.reader(for: name))
            guard let result = try? reader.articles(in: Array(data.dropFirst()), id: name) else { continue }
            for article in result.articles {
                let paragraphs = Boilerplate.clean(article.paragraphs)
                _ = SimHash.fingerprint(words: Tokenizer.words(in: article.bodyText).map(\.word))
                _ = PassageSegmenter().passages(of: paragraphs)
                articles += 1
            }
        }
        #expect(articles >= 10)
    }

    @Test func queryInputsRunWithoutTrapping() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            let index = dir.appendingPathComponent("Index").path
            _ = try Indexer(indexPath: index, shownAs: "Index/").run(roots: [dir.appendingPathComponent("Corpus").path])
            let searcher = try Searcher(indexPath: index, workspace: Workspace(from: dir.path))
            var matched = 0
            for url in Self.inputs("query") {
                let data = Array(try Data(contentsOf: url))
                guard let flags = data.first else { continue }
                var options = SearchOptions(limit: 5, passages: Int(flags & 3), matchAny: flags & 4 != 0,
                                            allCopies: flags & 8 != 0, expand: flags & 16 != 0)
                options.sort = flags & 32 != 0 ? .date : .relevance
                let query = String(decoding: data.dropFirst(), as: UTF8.self)
                do {
                    let results = try searcher.search(query, options: options)
                    if !results.hits.isEmpty { matched += 1 }
                    for hit in results.hits {
                        for passage in hit.passages {
                            for span in passage.highlights { #expect(!span.slice(of: passage.text).isEmpty) }
                        }
                    }
                } catch is TrawlError {
                    // A one-line error is a fine answer to a strange query.
                }
            }
            #expect(matched >= 5)
        }
    }
}
