import Foundation
import Testing
import TrawlTestSupport

/// `trawl search --weighting`: the scheme articles are ranked with, through the built binary.
@Suite struct WeightingCLITests {
    /// Four articles about tankers and oil, indexed into Index/.
    private func withWorkspace(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let articles = [
                ("a.md", "Tanker seized", "A tanker carrying crude oil was seized in the strait at dawn."),
                ("b.md", "Oil prices", "Oil prices rose. Crude oil and more crude oil, said the traders of oil."),
                ("c.md", "Harbour", "The harbour saw a tanker, a ferry and a tanker again, with no oil spilt."),
                ("d.md", "Wheat", "The wheat harvest was early this year."),
            ]
            for (path, title, body) in articles {
                try Fixtures.write("---\ntitle: \"\(title)\"\n---\n\n\(body)\n", to: "Corpus/\(path)", in: dir)
            }
            let indexed = try trawl(["index"], in: dir)
            try #require(indexed.status == 0, "\(indexed.stderr)")
            try body(dir)
        }
    }

    /// docid → score of a TREC run.
    private func scores(_ trec: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in trec.split(separator: "\n") {
            let cells = line.split(separator: " ")
            if cells.count == 6, let score = Double(cells[4]) { result[String(cells[2])] = score }
        }
        return result
    }

    @Test func ineb2IsTheDefaultAndBm25TheOtherChoice() throws {
        try withWorkspace { dir in
            let query = ["search", "tanker", "crude", "oil", "--any", "--no-expand", "--format", "trec"]
            let byDefault = try trawl(query, in: dir)
            let ineb2 = try trawl(query + ["--weighting", "ineb2"], in: dir)
            let bm25 = try trawl(query + ["--weighting", "bm25"], in: dir)
            for result in [byDefault, ineb2, bm25] {
                #expect(result.status == 0)
                #expect(result.stderr == "")
            }
            #expect(byDefault.stdout == ineb2.stdout)
            let a = scores(ineb2.stdout), b = scores(bm25.stdout)
            // The same articles match (the scheme only weighs them), with other scores.
            #expect(Set(a.keys) == ["a", "b", "c"])
            #expect(Set(b.keys) == Set(a.keys))
            #expect(a.allSatisfy { abs($0.value - b[$0.key]!) > 1e-6 })
            #expect(try trawl(["search", "--help"], in: dir).stdout.contains("--weighting <scheme>"))
        }
    }

    @Test func aSavedQueryKeepsItsWeighting() throws {
        try withWorkspace { dir in
            let add = try trawl(["saved", "add", "crude", "tanker crude oil", "--any", "--weighting", "bm25"], in: dir)
            #expect(add.status == 0, "\(add.stderr)")
            let toml = try String(contentsOf: dir.appendingPathComponent("trawl.toml"), encoding: .utf8)
            #expect(toml.contains("weighting = 'bm25'\n"), "\(toml)")
            // The saved query ranks as the search with the same options does, not as the default.
            let saved = try trawl(["saved", "run", "crude"], in: dir)
            let bm25 = try trawl(["search", "tanker crude oil", "--any", "--weighting", "bm25"], in: dir)
            let ineb2 = try trawl(["search", "tanker crude oil", "--any"], in: dir)
            #expect(saved.status == 0)
            func scoreLines(_ text: String) -> [String] {
                text.split(separator: "\n").filter { $0.contains(" · score ") }.map(String.init)
            }
            #expect(!scoreLines(saved.stdout).isEmpty)
            #expect(scoreLines(saved.stdout) == scoreLines(bm25.stdout), "\(saved.stdout)")
            #expect(scoreLines(saved.stdout) != scoreLines(ineb2.stdout))
        }
    }

    @Test func anUnknownSchemeIsOneLineExitTwo() throws {
        try withWorkspace { dir in
            let result = try trawl(["search", "oil", "--weighting", "tfidf"], in: dir)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("trawl: "))
            #expect(result.stderr.contains("'tfidf'"))
            #expect(result.stderr.contains("ineb2"))
            #expect(result.stderr.contains("bm25"))
        }
    }
}
