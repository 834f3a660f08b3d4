import Foundation
import Testing
import TrawlTestSupport
@testable import TrawlKit

/// `Searcher.forEachMatch` (what `saved run --new` walks through) over more matches than its first pages hold.
@Suite(.checksXapianHandles) struct ForEachMatchTests {
    /// 700 articles that all hold "harbour", each of other words drawn at random (so none is a near-duplicate
    /// of another and each weighs differently).
    private func withHarbourIndex(_ body: (Searcher) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let words = ["ferry", "cargo", "crane", "quay", "tide", "storm", "pilot", "dock", "berth", "tanker",
                         "customs", "strike", "grain", "coal", "steel", "timber", "fishing", "trawler", "lighthouse",
                         "channel", "dredger", "tug", "anchor", "mooring", "container", "wharf", "barge", "salvage",
                         "harbourmaster", "pier", "breakwater", "marina", "yacht", "freight", "insurance", "toll"]
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            for n in 0..<700 {
                let filler = (0..<(20 + next(40))).map { _ in words[next(words.count)] }
                let text = "Report \(n)\n\nThe harbour \(filler.joined(separator: " ")) harbour \(n).\n"
                _ = try Fixtures.write(text, to: "Corpus/\(n).txt", in: dir)
            }
            let index = dir.appendingPathComponent("Index").path
            _ = try Indexer(indexPath: index, shownAs: "Index/").run(roots: [dir.appendingPathComponent("Corpus").path])
            try body(try Searcher(indexPath: index, workspace: Workspace(from: dir.path)))
        }
    }

    @Test func walksEveryMatchInResultOrderAcrossPages() throws {
        try withHarbourIndex { searcher in
            var options = SearchOptions(limit: 1000, passages: 0)
            let ranked = try searcher.search("harbour", options: options)
            // More than the first two pages (200, then 400), so a third is needed.
            #expect(ranked.hits.count > 600)
            options.limit = 10
            var seen: [(id: String, rank: Int)] = []
            let total = try searcher.forEachMatch("harbour", options: options) { match in
                seen.append((match.id, match.rank))
                return true
            }
            #expect(total == ranked.hits.count)
            #expect(seen.map(\.id) == ranked.hits.map(\.id))
            #expect(seen.map(\.rank) == Array(1...ranked.hits.count))
        }
    }

    @Test func hitsBuiltOnDemandMatchTheSearchOnesAndStopsWhenTold() throws {
        try withHarbourIndex { searcher in
            let options = SearchOptions(limit: 1000, passages: 2)
            let ranked = try searcher.search("harbour", options: options)
            var built: [Hit] = []
            var calls = 0
            _ = try searcher.forEachMatch("harbour", options: options) { match in
                calls += 1
                // Only a few hits are built, past the first page: the others are passed over by id.
                if [0, 250, 650].contains(calls - 1) { built.append(try match.hit()) }
                return calls < 651
            }
            #expect(calls == 651)
            #expect(built.map(\.id) == [0, 250, 650].map { ranked.hits[$0].id })
            #expect(built.map(\.passages) == [0, 250, 650].map { ranked.hits[$0].passages })
            #expect(built.map(\.score) == [0, 250, 650].map { ranked.hits[$0].score })
        }
    }
}
