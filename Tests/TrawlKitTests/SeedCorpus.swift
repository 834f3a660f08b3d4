import Foundation
import TrawlTestSupport

/// The seed articles committed in the repository's Corpus/.
enum SeedCorpus {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.seedCorpus.appendingPathComponent(name)))
    }
}
