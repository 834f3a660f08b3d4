import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// `--jobs N`: several writers on shards merged at the end must give the index one writer gives.
@Suite(.checksXapianHandles) struct ShardedIndexTests {
    /// Articles that are not near-duplicates of each other: sentences drawn (deterministically) from a pool.
    private func writeArticles(_ count: Int, under folder: String, in dir: URL, seed: UInt64 = 7) throws {
        let words = ["oil", "prices", "drone", "attack", "port", "market", "shares", "minister", "election", "storm",
                     "harbour", "court", "ruling", "bank", "rates", "strike", "union", "border", "talks", "ceasefire",
                     "vaccine", "trial", "budget", "deficit", "exports", "grain", "pipeline", "reactor", "satellite",
                     "launch", "rebels", "capital", "protest", "police", "coalition", "parliament", "merger", "airline"]
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for n in 0..<count {
            let title = (0..<4).map { _ in words[next(words.count)] }.joined(separator: " ").capitalized
            var paragraphs: [String] = []
            for _ in 0..<(2 + next(4)) {
                let sentence = (0..<(8 + next(12))).map { _ in words[next(words.count)] }.joined(separator: " ")
                paragraphs.append(sentence.prefix(1).uppercased() + sentence.dropFirst() + ".")
            }
            // A sign-off every article of the folder carries: page furniture.
            paragraphs.append("Follow our coverage of \(folder) on the wire")
            try Fixtures.write(title + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n",
                               to: "Corpus/\(folder)/\(n).txt", in: dir)
        }
    }

    private func index(_ dir: URL, into name: String = "Index", jobs: Int, parallelMinimum: Int = 1,
                       rebuild: Bool = false, commitEvery: Int = 1000,
                       spellingWordsHeld: Int = 100_000) throws -> IndexSummary {
        let indexer = Indexer(indexPath: dir.appendingPathComponent(name).path, shownAs: name + "/")
        indexer.jobs = jobs
        indexer.parallelMinimum = parallelMinimum
        indexer.commitEvery = commitEvery
        indexer.spellingWordsHeld = spellingWordsHeld
        return try indexer.run(roots: [dir.appendingPathComponent("Corpus").path], rebuild: rebuild)
    }

    private func search(_ dir: URL, _ name: String, _ query: String) throws -> [Hit] {
        try Searcher(indexPath: dir.appendingPathComponent(name).path, workspace: Workspace(from: dir.path))
            .search(query, options: SearchOptions(limit: 50, passages: 1)).hits
    }

    @Test func parallelIndexRanksAsOneWriter() throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            try writeArticles(40, under: "world", in: dir)
            try writeArticles(30, under: "business", in: dir, seed: 11)
            let one = try index(dir, into: "one", jobs: 1)
            let three = try index(dir, into: "three", jobs: 3)
            #expect(three.added == 75 && three.articles == 75 && three.filesRead == 75)
            #expect(three.counts == one.counts)
            #expect(three.clusters == one.clusters)
            #expect(three.furnitureLines == one.furnitureLines && one.furnitureLines == 2)
            for query in ["drone attack", "oil prices", "\"oil prices\"", "title:storm", "Haifa", "court ruling OR strike",
                          "election -parliament"] {
                let expected = try search(dir, "one", query)
                let hits = try search(dir, "three", query)
                #expect(!expected.isEmpty, "\(query)")
                #expect(hits.map(\.id) == expected.map(\.id), "\(query)")
                for (hit, reference) in zip(hits, expected) {
                    #expect(abs(hit.score - reference.score) < 1e-9, "\(query): \(hit.id)")
                    #expect(hit.passages == reference.passages, "\(query): \(hit.id)")
                }
            }
            // Documents have the same ids, statistics and spelling data.
            let a = try Database(path: dir.appendingPathComponent("one").path)
            let b = try Database(path: dir.appendingPathComponent("three").path)
            #expect(try b.documentCount == a.documentCount)
            #expect(try b.averageLength == a.averageLength)
            #expect(try b.postings("Qworld/17.txt") == a.postings("Qworld/17.txt"))
            #expect(try b.termCount() == a.termCount())
            #expect(try b.metadata(IndexSchema.Key.furniture) == a.metadata(IndexSchema.Key.furniture))
            let spellings = try a.spellings()
            #expect(spellings.contains { $0.term == "harbour" })
            #expect(try b.spellings().map(\.term) == spellings.map(\.term))
            #expect(try b.spellings().map(\.frequency) == spellings.map(\.frequency))
            // Writers that hold few words in memory put them in their shards at each commit: the same data.
            _ = try index(dir, into: "few", jobs: 2, commitEvery: 5, spellingWordsHeld: 3)
            let few = try Database(path: dir.appendingPathComponent("few").path)
            #expect(try few.spellings().map(\.term) == spellings.map(\.term))
            #expect(try few.spellings().map(\.frequency) == spellings.map(\.frequency))
            // No working files are left beside the index.
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".three.trawl-shards").path))
        }
    }

    @Test func incrementalRunsWorkOnAParallelIndex() throws {
        try withTemporaryDirectory { dir in
            let corpus = try Fixtures.copySeedCorpus(to: dir)
            try writeArticles(20, under: "world", in: dir)
            let index = dir.appendingPathComponent("Index")
            try FileManager.default.createDirectory(at: index, withIntermediateDirectories: true)
            try Data().write(to: index.appendingPathComponent(".gitkeep"))
            #expect(try self.index(dir, jobs: 2).added == 25)
            #expect(FileManager.default.fileExists(atPath: index.appendingPathComponent(".gitkeep").path))

            // Nothing changed: nothing read.
            let again = try self.index(dir, jobs: 2)
            #expect(again.filesRead == 0 && again.unchanged == 25)

            // A change, a rename, a removal, and more new files than the index holds: the parallel path again,
            // merged with the index as it is.
            try Fixtures.write("Harbour storm\n\nA storm closed the harbour of Valletta overnight.\n", to: "Corpus/world/3.txt", in: dir)
            try FileManager.default.moveItem(at: corpus.appendingPathComponent("world/4.txt"),
                                            to: corpus.appendingPathComponent("world/moved.txt"))
            try FileManager.default.removeItem(at: corpus.appendingPathComponent("world/5.txt"))
            try writeArticles(30, under: "sport", in: dir, seed: 99)
            let summary = try self.index(dir, jobs: 2)
            #expect(summary.added == 30 && summary.updated == 1 && summary.renamed == 1 && summary.removed == 1)
            #expect(summary.articles == 54)
            #expect(FileManager.default.fileExists(atPath: index.appendingPathComponent(".gitkeep").path))
            let db = try Database(path: index.path)
            #expect(try db.documentCount == 54)
            for term in ["Qworld/3.txt", "Qworld/moved.txt", "Qsport/29.txt", "Q000_fff0fa8bcac6831c.txt"] {
                #expect(try db.termFrequency(term) == 1, "\(term)")
            }
            #expect(try db.termFrequency("Qworld/4.txt") == 0 && db.termFrequency("Qworld/5.txt") == 0)
            #expect(try search(dir, "Index", "Valletta").map(\.id) == ["world/3.txt"])
            // Furniture counts cover the old documents and the merged ones.
            #expect(try Furniture.load(from: db).contains(Furniture.fingerprint("Follow our coverage of sport on the wire")))

            // A small change after that goes through the single writer, on the merged index.
            try Fixtures.write("Late news\n\nThe ferry to Gozo resumed.\n", to: "Corpus/late.txt", in: dir)
            let small = try self.index(dir, jobs: 2)
            #expect(small.added == 1 && small.unchanged == 54 && small.filesRead == 1)
            #expect(try search(dir, "Index", "Gozo").map(\.id) == ["late.txt"])
        }
    }

    /// Near-duplicate clusters are assigned before the shards are merged, across the index and every shard: the
    /// keys a single writer gives, and a merged index as packed as compaction leaves it (keys written into it
    /// afterwards split the blocks they land in).
    @Test func clustersAcrossShardsAreThoseOfOneWriterAndLeaveTheIndexPacked() throws {
        try withTemporaryDirectory { dir in
            let words = ["oil", "prices", "drone", "attack", "port", "market", "shares", "minister", "election",
                         "storm", "harbour", "court", "ruling", "bank", "rates", "strike", "union", "border", "talks",
                         "ceasefire", "vaccine", "trial", "budget", "deficit", "exports", "grain", "pipeline"]
            var state: UInt64 = 3
            func next(_ bound: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int((state >> 33) % UInt64(bound))
            }
            // Stories of 120 words, and copies with one word changed in other folders, so in other shards.
            var stories: [String] = []
            for n in 0..<12 {
                let body = (0..<120).map { _ in words[next(words.count)] }.joined(separator: " ")
                stories.append(body)
                try Fixtures.write("Story \(n)\n\n\(body).\n", to: "Corpus/a/\(n).txt", in: dir)
            }
            try writeArticles(10, under: "m", in: dir)
            func copies(_ range: Range<Int>, under folder: String) throws {
                for n in range {
                    let body = stories[n].replacingOccurrences(of: " ", with: " grain ", options: [],
                                                               range: stories[n].range(of: " "))
                    try Fixtures.write("Story \(n) again\n\n\(body).\n", to: "Corpus/\(folder)/\(n).txt", in: dir)
                }
            }
            try copies(0..<6, under: "z")

            func keys(_ name: String) throws -> [String: String] {
                let db = try Database(path: dir.appendingPathComponent(name).path)
                var byID: [DocumentID: String] = [:]
                for (term, _) in try db.terms(withPrefix: "Q") {
                    for id in try db.postings(term) { byID[id] = term }
                }
                var result: [String: String] = [:]
                for (id, value) in try db.values(inSlot: IndexSchema.Slot.cluster) {
                    result[try #require(byID[id])] = String(decoding: value, as: UTF8.self)
                }
                return result
            }
            // The termlist table (no run writes it after the merge) is no larger than a compaction of it makes it.
            func expectPacked(_ name: String) throws {
                let path = dir.appendingPathComponent(name).path
                let copy = dir.appendingPathComponent(name + "-compacted").path
                try? FileManager.default.removeItem(atPath: copy)
                try Database.compact([path], into: copy)
                let size = { (folder: String) in
                    try FileManager.default.attributesOfItem(atPath: folder + "/termlist.glass")[.size] as? Int
                }
                #expect(try size(path) == size(copy), "\(name)")
            }

            let one = try index(dir, into: "one", jobs: 1)
            let two = try index(dir, into: "two", jobs: 2)
            #expect(one.clusters == 6 && two.clusters == 6)
            let expected = try keys("one")
            #expect(expected.count == 12)
            #expect(try keys("two") == expected)
            try expectPacked("two")

            // More new files than the index holds: the parallel path, merged with the index as it is. The new
            // copies join clusters whose first member is in the index, whose key must be written there; story 2
            // is rewritten, so its old document (deleted, not yet committed, when the clusters are worked out)
            // leaves its group, and its copies keep a group of their own under another key.
            try copies(6..<12, under: "y")
            try copies(0..<6, under: "x")
            try writeArticles(14, under: "n", in: dir, seed: 5)
            try Fixtures.write("Story 2\n\nRewritten from scratch: the harbour reopened after the storm.\n",
                               to: "Corpus/a/2.txt", in: dir)
            let before = try keys("two")
            let more = try index(dir, into: "two", jobs: 2)
            #expect(more.added == 26 && more.updated == 1 && more.articles == 54)
            let reference = try index(dir, into: "reference", jobs: 1)
            // Eleven clusters: story 8's copy is one word too far from it (SimHash; the same with one writer).
            #expect(more.clusters == 11 && reference.clusters == 11)
            let after = try keys("two")
            #expect(after == (try keys("reference")))
            #expect(after.count == 27 && after["Qa/2.txt"] == nil)
            #expect(after["Qz/2.txt"] != before["Qz/2.txt"] && after["Qz/2.txt"] == after["Qx/2.txt"])
            try expectPacked("two")
        }
    }

    @Test func scheduleKeepsFileOrderAndEndsWithSmallRuns() {
        func files(_ sizes: [Int]) -> [ShardWork] {
            sizes.enumerated().map { n, size in
                ShardWork(file: CorpusFile(root: 0, id: "\(n)", path: "/\(n)", size: size, modified: 0), key: "\(n)", old: [])
            }
        }
        let work = files(Array(repeating: 100, count: 1000))
        let runs = Sharding.schedule(work, jobs: 2)
        #expect(runs.flatMap { $0.map(\.key) } == work.map(\.key))
        // Each run a quarter of what is left (250, 188, 141, ...), down to the smallest, a 64th of all (16 files).
        #expect(runs.prefix(3).map(\.count) == [250, 188, 141])
        #expect(runs.dropFirst().allSatisfy { $0.count <= 188 })
        let allButLast = runs.dropLast()
        #expect(zip(allButLast, allButLast.dropFirst()).allSatisfy { $0.count >= $1.count })
        #expect(allButLast.allSatisfy { $0.count >= 16 })
        // The last run takes in a remainder of less than half the smallest.
        #expect(runs.last!.count < 24 && runs.count == 13)
        // Bytes, not files: one big file is a run of its own.
        #expect(Sharding.schedule(files([1000] + Array(repeating: 10, count: 100)), jobs: 2).first?.count == 1)
        // Never more than maxRuns (128) shards, however many writers.
        let many = Sharding.schedule(work, jobs: 64)
        #expect(many.count == Sharding.maxRuns && many.flatMap { $0.map(\.key) } == work.map(\.key))
        #expect(Sharding.schedule(files([100, 100]), jobs: 2).map(\.count) == [1, 1])
        #expect(Sharding.schedule(work, jobs: 1).map(\.count) == [1000])
    }

    @Test func runsStaySmallWhateverTheCorpusWithinTheMostShards() {
        func files(_ count: Int, of size: Int) -> [ShardWork] {
            (0..<count).map { n in
                ShardWork(file: CorpusFile(root: 0, id: "\(n)", path: "/\(n)", size: size, modified: 0), key: "\(n)", old: [])
            }
        }
        func bytes(_ run: ArraySlice<ShardWork>) -> Int { run.reduce(0) { $0 + $1.file.size } }
        // 40 MB in 10 kB files: runs of at most 2 MB (200 files) until a quarter of what is left is less.
        let work = files(4000, of: 10_000)
        let runs = Sharding.schedule(work, jobs: 2)
        #expect(runs.flatMap { $0.map(\.key) } == work.map(\.key))
        #expect(runs.allSatisfy { bytes($0) <= Sharding.maxRunBytes })
        #expect(runs.prefix(10).allSatisfy { bytes($0) == Sharding.maxRunBytes })
        #expect(runs.count <= Sharding.maxRuns)
        // The runs at the end still shrink to the smallest, a 64th of all (63 files), the last taking the rest.
        let tail = runs.suffix(6).dropLast()
        #expect(zip(tail, tail.dropFirst()).allSatisfy { $0.count >= $1.count })
        #expect(runs.dropLast().last!.count == 63)
        // 1 GB: runs of a 64th of all (maxRuns / 2) rather than 2 MB, so no more than maxRuns of them.
        let huge = Sharding.schedule(files(10_000, of: 100_000), jobs: 2)
        #expect(huge.count <= Sharding.maxRuns)
        #expect(huge.prefix(20).allSatisfy { $0.count == 10_000 / 64 + 1 })
        #expect(huge.allSatisfy { $0.count <= 10_000 / 64 + 1 })
    }
}

@Suite(.checksXapianHandles) struct BoundedMemoryTests {
    @Test func fingerprintTakenWordByWordEqualsTheWholeText() {
        let paragraphs = ["The drone attack on the port of Haifa was claimed on Thursday.",
                          "Officials said the harbour reopened; shipping resumed by noon.", "U.S. officials declined."]
        var accumulator = SimHash.Accumulator()
        for paragraph in paragraphs {
            for token in Tokenizer.words(in: paragraph) { accumulator.add(token.word) }
        }
        let whole = Tokenizer.words(in: paragraphs.joined(separator: "\n\n")).map(\.word)
        #expect(accumulator.count == whole.count)
        #expect(accumulator.fingerprint == SimHash.fingerprint(paragraphs.joined(separator: "\n\n")))
        var one = SimHash.Accumulator()
        one.add("haifa")
        #expect(one.fingerprint != 0 && one.fingerprint == SimHash.fingerprint("Haifa"))
        #expect(SimHash.Accumulator().fingerprint == 0)
    }
}
