import Foundation
import Testing
import TrawlTestSupport
import Xapian
@testable import TrawlKit

/// `NearDuplicates.updateClusters`, which a run uses when few documents changed, must leave exactly the keys and
/// count that recomputing every cluster (`assignClusters`) gives.
@Suite(.checksXapianHandles) struct ClusterUpdateTests {
    /// A document holding only a fingerprint (and a unique term to find it by).
    private func put(_ name: String, print: UInt64, words: Int, in db: WritableDatabase) throws -> DocumentID {
        let doc = try Document()
        try doc.addBooleanTerm("Q" + name)
        try doc.setValue(IndexSchema.Slot.simhash, Array("\(SimHash.hex(print)) \(words)".utf8))
        return try db.replaceDocument(uniqueTerm: "Q" + name, with: doc)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func incrementalUpdateGivesWhatARecountGives(seed: UInt64) throws {
        try withTemporaryDirectory { dir in
            var random = SeededRandom(state: seed)
            let db = try WritableDatabase(path: dir.appendingPathComponent("db").path, mode: .createOrOverwrite)
            defer { try? db.close() }
            // Stories with copies and chains of light rewrites (linked only through each other), short items
            // that must match almost exactly, and unrelated articles; some with no fingerprint (0).
            var names: [String: (print: UInt64, words: Int)] = [:]
            var serial = 0
            func add(_ print: UInt64, _ words: Int) throws {
                serial += 1
                names["d\(serial)"] = (print, words)
                _ = try put("d\(serial)", print: print, words: words, in: db)
            }
            for _ in 0..<40 {
                let story = random.next()
                let words = [40, 100, 300].randomElement(using: &random)!
                var print = story
                for _ in 0..<Int.random(in: 1...5, using: &random) {
                    try add(print, words)
                    print = near(print, bits: Int.random(in: 0...6, using: &random), using: &random)
                }
            }
            for _ in 0..<5 { try add(0, 0) }
            var count = try NearDuplicates.assignClusters(in: db)
            try db.setMetadata(IndexSchema.Key.clusters, String(count))
            try db.commit()

            for _ in 0..<6 {
                // A run: some deleted, some replaced by near or far fingerprints, some added near others.
                let before = try NearDuplicates.keys(in: db)
                var changed = Set<DocumentID>()
                for _ in 0..<Int.random(in: 0...6, using: &random) {
                    guard let name = names.keys.sorted().randomElement(using: &random) else { break }
                    let id = try #require(try db.postings("Q" + name).first)
                    try db.deleteDocument(id)
                    names[name] = nil
                    changed.insert(id)
                }
                for _ in 0..<Int.random(in: 0...6, using: &random) {
                    guard let name = names.keys.sorted().randomElement(using: &random), let old = names[name] else { break }
                    let print = Bool.random(using: &random) ? near(old.print, bits: 3, using: &random) : random.next()
                    names[name] = (print, old.words)
                    changed.insert(try put(name, print: print, words: old.words, in: db))
                }
                for _ in 0..<Int.random(in: 0...6, using: &random) {
                    guard let other = names.keys.sorted().randomElement(using: &random).flatMap({ names[$0] }) else { break }
                    serial += 1
                    let name = "d\(serial)"
                    let print = near(other.print, bits: Int.random(in: 0...3, using: &random), using: &random)
                    names[name] = (print, other.words)
                    changed.insert(try put(name, print: print, words: other.words, in: db))
                }
                count = try NearDuplicates.updateClusters(in: db, changed: changed, before: before, count: count)
                let incremental = try NearDuplicates.keys(in: db)
                // A recount finds nothing to rewrite and the same number of clusters.
                #expect(try NearDuplicates.assignClusters(in: db) == count)
                #expect(try NearDuplicates.keys(in: db) == incremental)
                try db.commit()
            }
            #expect(count > 0)
        }
    }
}

/// The accumulator hashes shingles without building them; it must give the fingerprints it gave when it built
/// each shingle as an array of words (stored fingerprints are compared with new ones).
@Suite(.checksXapianHandles) struct SimHashAccumulatorTests {
    /// The fingerprint as first written: FNV-1a over each shingle's words, each followed by a space.
    private func reference(_ words: [String]) -> UInt64 {
        func mix(_ value: UInt64) -> UInt64 {
            var k = value
            k ^= k >> 33
            k &*= 0xff51_afd7_ed55_8ccd
            k ^= k >> 33
            k &*= 0xc4ce_b9fe_1a85_ec53
            k ^= k >> 33
            return k
        }
        var votes = [Int](repeating: 0, count: 64)
        func vote(_ shingle: [String]) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for word in shingle {
                for byte in word.utf8 {
                    hash ^= UInt64(byte)
                    hash &*= 0x100_0000_01b3
                }
                hash ^= 0x20
                hash &*= 0x100_0000_01b3
            }
            hash = mix(hash)
            for bit in 0..<64 { votes[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        guard !words.isEmpty else { return 0 }
        if words.count == 1 { vote(words) }
        for i in words.indices.dropFirst() { vote([words[i - 1], words[i]]) }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    @Test(arguments: [
        "",
        "Haifa",
        "The drone attack on the port of Haifa was claimed by the group on Thursday morning.",
        "Iran’s oil exports rose 2,500 barrels; the U.S. said C++ and AT&T — café naïve 東京 words.",
        String(repeating: "Oil prices rose as cold weather gripped the United States and stocks fell. ", count: 40),
    ])
    func accumulatorGivesTheFingerprintOfItsShingles(text: String) {
        let words = Tokenizer.words(in: text).map(\.word)
        #expect(SimHash.fingerprint(words: words) == reference(words))
        #expect(SimHash.fingerprint(text) == reference(words))
    }

    /// Random word lists, from none to past several hundred shingles (where the counts move out of their
    /// eight-bit lanes), from a small vocabulary so that shingles repeat and votes often tie.
    @Test func randomWordListsGiveTheFingerprintOfTheirShingles() {
        let vocabulary = ["oil", "price", "rose", "the", "a", "haifa", "u.s", "2,500", "café", "東京", "c++"]
        var random = SeededRandom(state: 5)
        for n in 0..<300 {
            let length = n < 12 ? n : Int.random(in: 0...1_200, using: &random)
            let words = (0..<length).map { _ in vocabulary.randomElement(using: &random)! }
            #expect(SimHash.fingerprint(words: words) == reference(words), "\(words.count) words")
        }
    }
}

/// `SimHash.clusters`, which finds its candidate pairs by blocks of bits, must join exactly the pairs that
/// comparing every pair joins.
struct SimHashClusterTests {
    /// What `SimHash.clusters` must give: every pair compared, as it was before candidate pairs were found by
    /// blocks of bits.
    private func referenceClusters(_ prints: [UInt64], words: [Int]?, threshold: Int) -> [Int] {
        var sets = DisjointSets(count: prints.count)
        for a in prints.indices where prints[a] != 0 {
            for b in prints.indices.dropFirst(a + 1) where prints[b] != 0 {
                let allowed = words.map { min(threshold, SimHash.allowedDistance(words: $0[a], $0[b])) } ?? threshold
                if SimHash.distance(prints[a], prints[b]) <= allowed { sets.union(a, b) }
            }
        }
        return prints.indices.map { sets.find($0) }
    }

    /// Stories with copies and chains of rewrites up to a few bits past the threshold, unrelated fingerprints
    /// (and a crowd of fingerprints alike in most bits, so that many share blocks), some 0, at every threshold
    /// from 0 to 12 and the default: the clusters are those of comparing every pair.
    @Test func clustersAreThoseOfComparingEveryPair() {
        var random = SeededRandom(state: 11)
        for round in 0..<60 {
            let threshold = round < 13 ? round : SimHash.threshold
            var prints: [UInt64] = []
            var words: [Int] = []
            let crowd = random.next()
            for _ in 0..<Int.random(in: 0...150, using: &random) {
                var print = [random.next(), crowd ^ random.next() & random.next() & random.next()]
                    .randomElement(using: &random)!
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    prints.append(Int.random(in: 0..<20, using: &random) == 0 ? 0 : print)
                    words.append([10, 59, 60, 149, 150, 400].randomElement(using: &random)!)
                    print = near(print, bits: Int.random(in: 0...(threshold + 3), using: &random), using: &random)
                }
            }
            let withWords = round % 2 == 0 ? words : nil
            #expect(SimHash.clusters(prints, words: withWords, threshold: threshold)
                    == referenceClusters(prints, words: withWords, threshold: threshold),
                    "round \(round): \(prints.count) fingerprints, threshold \(threshold)")
        }
    }
}

/// A fingerprint `bits` bits away from `print`.
private func near(_ print: UInt64, bits: Int, using random: inout SeededRandom) -> UInt64 {
    var result = print
    for bit in (0..<64).shuffled(using: &random).prefix(bits) { result ^= 1 << UInt64(bit) }
    return result
}
