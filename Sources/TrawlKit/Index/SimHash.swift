/// Near-duplicate fingerprints: a 64-bit SimHash of an article's word shingles. Copies of one story, and light
/// rewrites of it, differ in few bits; unrelated articles in about half of them.
public enum SimHash {
    /// Articles whose fingerprints differ in at most this many bits are taken as copies of one story, when
    /// both are long enough for the fingerprint to be stable (see `allowedDistance`). Chosen on the BBC and
    /// Reuters corpora: copies and light rewrites of a story lie within 8 bits, unrelated long articles 12
    /// or more apart.
    public static let threshold = 8

    /// How far apart two fingerprints may be for articles of these lengths (in words) to be copies. Short
    /// texts have few shingles, so a few changed words move many bits, and templated short items (dividend
    /// notices, daily market reports) differ only in names and figures: those must match almost exactly.
    public static func allowedDistance(words a: Int, _ b: Int) -> Int {
        let shorter = min(a, b)
        if shorter < 60 { return 1 }
        if shorter < 150 { return 5 }
        return threshold
    }
    /// Words per shingle.
    public static let shingleSize = 2

    /// The fingerprint of a text: each shingle of `shingleSize` words votes on each bit by its hash.
    public static func fingerprint(_ text: String) -> UInt64 {
        fingerprint(words: Tokenizer.words(in: text).map(\.word))
    }

    /// The fingerprint of a sequence of normalised words.
    public static func fingerprint(words: [String]) -> UInt64 {
        var accumulator = Accumulator()
        for word in words { accumulator.add(word) }
        return accumulator.fingerprint
    }

    /// A fingerprint taken a word at a time, so that a long article need not be held as one list of words
    /// (a 50 MB article is millions of them). Gives what `fingerprint(words:)` gives for the same words.
    public struct Accumulator {
        /// How many shingles set each bit, eight bits to a word: byte `j` of `lanes[k]` counts bit `8k + j`,
        /// so a shingle is counted with eight additions rather than 64 (see `vote`).
        private var lanes = [UInt64](repeating: 0, count: 8)
        /// Shingles in `lanes` (each byte holds at most 255 before it goes into `ones`).
        private var inLanes = 0
        private var ones = [Int](repeating: 0, count: 64)
        private var shingles = 0
        /// FNV-1a over the previous word and a space: where its shingle with the next word continues from.
        private var previous: UInt64?
        /// Words added so far.
        public private(set) var count = 0

        public init() {}

        public mutating func add(_ word: String) {
            // A shingle's hash is FNV-1a over each word and a space, so it continues from the previous word's
            // state: no array (nor string) is made per word, which was an allocation per word of every article.
            var alone = Self.offset
            var shingle = previous ?? 0
            let hasPrevious = previous != nil
            for byte in word.utf8 {
                alone = (alone ^ UInt64(byte)) &* Self.prime
                if hasPrevious { shingle = (shingle ^ UInt64(byte)) &* Self.prime }
            }
            alone = (alone ^ 0x20) &* Self.prime
            if hasPrevious { vote(for: (shingle ^ 0x20) &* Self.prime) }
            previous = alone
            count += 1
        }

        /// The fingerprint of the words added (0 for none; a single word is its own shingle): each bit is set
        /// when more shingles set it than not.
        public var fingerprint: UInt64 {
            var copy = self
            if count == 1, let previous { copy.vote(for: previous) }
            guard count > 0 else { return 0 }
            copy.emptyLanes()
            var result: UInt64 = 0
            for bit in 0..<64 where 2 * copy.ones[bit] > copy.shingles { result |= 1 << UInt64(bit) }
            return result
        }

        private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
        private static let prime: UInt64 = 0x100_0000_01b3

        /// For each byte value, a word with its bit `j` in byte `j`.
        private static let spread: [UInt64] = (0..<256).map { (value: UInt64) in
            (0..<8).reduce(0) { word, j in word | ((value >> UInt64(j)) & 1) << UInt64(8 * j) }
        }

        /// Counts the bits of a shingle's FNV-1a hash (over its words, each followed by a space).
        private mutating func vote(for fnv: UInt64) {
            let hash = mix(fnv)
            Self.spread.withUnsafeBufferPointer { spread in
                lanes.withUnsafeMutableBufferPointer { lanes in
                    for k in 0..<8 { lanes[k] &+= spread[Int(truncatingIfNeeded: hash >> UInt64(8 * k)) & 0xFF] }
                }
            }
            shingles += 1
            inLanes += 1
            if inLanes == 255 { emptyLanes() }
        }

        private mutating func emptyLanes() {
            for k in 0..<8 {
                for j in 0..<8 { ones[8 * k + j] += Int(truncatingIfNeeded: lanes[k] >> UInt64(8 * j)) & 0xFF }
                lanes[k] = 0
            }
            inLanes = 0
        }
    }

    /// How many bits two fingerprints differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// 16 lower-case hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Groups fingerprints into clusters of near-duplicates (single-linkage within `threshold` bits, or
    /// `allowedDistance` when the texts' word counts are given). Returns, for each input index, the index of
    /// its cluster's first member. Fingerprints of 0 (no words) join no cluster.
    ///
    /// Compares only candidate pairs, found exactly: the 64 bits are cut into `threshold + 2` blocks, so two
    /// fingerprints within `threshold` bits differ in at most `threshold` blocks and agree on at least two.
    /// One table for each pair of blocks groups the fingerprints by those two blocks' bits, and only members of
    /// a group are compared. (Grouping by one of `threshold + 1` blocks instead makes groups of 1/128 of all
    /// the fingerprints at the default threshold, and comparisons that grow with the square of the corpus:
    /// 0.13 s at 23,071 articles, 4.5 s at 170,160. Pairs of blocks make groups about 64 times smaller.)
    public static func clusters(_ fingerprints: [UInt64], words: [Int]? = nil, threshold: Int = threshold) -> [Int] {
        precondition((0...62).contains(threshold), "a threshold of 0 to 62 bits")
        var sets = DisjointSets(count: fingerprints.count)
        let present = fingerprints.indices.filter { fingerprints[$0] != 0 }
        guard present.count > 1 else { return fingerprints.indices.map { sets.find($0) } }
        // Block k holds bits bounds[k]..<bounds[k + 1].
        let blocks = threshold + 2
        let bounds = (0...blocks).map { $0 * 64 / blocks }
        func bits(_ value: UInt64, block k: Int) -> UInt64 {
            let width = bounds[k + 1] - bounds[k]
            return (value >> UInt64(bounds[k])) & (width == 64 ? ~0 : (1 << UInt64(width)) - 1)
        }
        // A table's groups are counted into slots: one for each key when keys are at most `mostSlotBits` wide
        // (the default threshold's are 12 to 14 bits), else 2^16 slots or two to four times as many as there
        // are fingerprints, keys spread over them by a multiplicative hash (a slot may then hold more than one
        // group: members are compared, never assumed alike).
        let mostSlotBits = max(16, UInt64.bitWidth - UInt64(present.count).leadingZeroBitCount + 1)
        var slots = [Int](repeating: 0, count: present.count)
        var grouped = [Int](repeating: 0, count: present.count)
        var prints = [UInt64](repeating: 0, count: present.count)
        for first in 0..<blocks {
            for second in (first + 1)..<blocks {
                let shift = UInt64(bounds[second + 1] - bounds[second])
                let keyBits = Int(shift) + bounds[first + 1] - bounds[first]
                let slotBits = min(keyBits, mostSlotBits)
                for (n, index) in present.enumerated() {
                    let value = fingerprints[index]
                    let key = bits(value, block: first) << shift | bits(value, block: second)
                    slots[n] = Int(truncatingIfNeeded: slotBits == keyBits ? key
                                   : (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
                }
                // A counting sort of the fingerprints by slot.
                var start = [Int](repeating: 0, count: (1 << slotBits) + 1)
                for slot in slots { start[slot + 1] += 1 }
                for i in 1..<start.count { start[i] += start[i - 1] }
                var next = start
                for (n, slot) in slots.enumerated() {
                    grouped[next[slot]] = present[n]
                    prints[next[slot]] = fingerprints[present[n]]
                    next[slot] += 1
                }
                for slot in 0..<(start.count - 1) where start[slot + 1] - start[slot] > 1 {
                    for i in start[slot]..<start[slot + 1] {
                        for j in (i + 1)..<start[slot + 1] {
                            let apart = distance(prints[i], prints[j])
                            guard apart <= threshold else { continue }
                            let a = grouped[i], b = grouped[j]
                            if let words, apart > allowedDistance(words: words[a], words[b]) { continue }
                            sets.union(a, b)
                        }
                    }
                }
            }
        }
        return fingerprints.indices.map { sets.find($0) }
    }

    // A finaliser (from MurmurHash3) so that similar shingles spread over all bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}

/// Union-find over 0..<count with path halving; a set's root is its smallest member, so clusters come out the
/// same whatever order they were joined in.
struct DisjointSets {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
