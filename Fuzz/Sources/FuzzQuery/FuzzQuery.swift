import FoundationEssentials
import FuzzSupport
import TrawlKit

#if canImport(Glibc)
import Glibc
#endif

/// A small real index, made once per process in a temporary folder from articles that share words, so that
/// queries match, passages are cut and words highlighted.
nonisolated(unsafe) let searcher: Searcher = {
    let dir = "/tmp/trawl-fuzz-\(getpid())"
    let corpus = dir + "/Corpus"
    try! FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    let articles = [
        "Drone attack on Haifa port\n\ndate 2024-02-01\n\nThe Islamic Resistance in Iraq said it attacked the port of Haifa with drones. \"A one-way attack\", the group said.\n\nIsrael said the drone was intercepted near the port.",
        "Harbour reopens after storm\n\nThe harbour at Haifa reopened on Monday. Ships queued at the entrance; the port authority said damage was light.",
        "Budget talks stall\n\nThe minister's budget talks stalled again over energy subsidies, C++ and AT&T contracts and U.S. tariffs of 2,500 dollars.",
        "Café owners protest tax\n\nCafé owners in Zürich protested the new tax — «trop cher», said one. 東京 also saw protests.",
    ]
    for (n, text) in articles.enumerated() {
        try! Data(text.utf8).write(to: URL(fileURLWithPath: corpus + "/\(n).txt"))
    }
    _ = try! Indexer(indexPath: dir + "/Index", shownAs: "Index/").run(roots: [corpus])
    let searcher = try! Searcher(indexPath: dir + "/Index", workspace: Workspace(from: dir))
    atexit { _ = try? FileManager.default.removeItem(atPath: "/tmp/trawl-fuzz-\(getpid())") }
    return searcher
}()

/// One input: the first byte picks the options (any/all, expansion, passages, sort), the rest is the query.
/// A query either gives results or throws `TrawlError`; nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let flags = data[0]
    let query = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    var options = SearchOptions(limit: 5, passages: Int(flags & 3), matchAny: flags & 4 != 0,
                                allCopies: flags & 8 != 0, expand: flags & 16 != 0)
    options.sort = flags & 32 != 0 ? .date : .relevance
    if let results = try? searcher.search(query, options: options) {
        for hit in results.hits {
            for passage in hit.passages { for span in passage.highlights { _ = span.slice(of: passage.text) } }
            for span in hit.titleHighlights { _ = span.slice(of: hit.title) }
        }
    }
    return 0
}

@_cdecl("FuzzQuery_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzQuery)
}
