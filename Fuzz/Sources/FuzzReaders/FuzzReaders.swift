import FuzzSupport
import TrawlKit

/// The formats, by the file name that selects their reader.
let names = ["a.txt", "a.md", "a.html", "a.jsonl", "a.json", "a.htm"]

/// One input: the first byte picks the format, the rest is the file. Every reader must return articles or
/// throw `ArticleReadError`, never trap; what the indexer then does with the text must not trap either.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let name = names[Int(data[0]) % names.count]
    guard let reader = ArticleFormats.reader(for: name) else { fatalError("no reader for \(name)") }
    guard let result = try? reader.articles(in: bytes, id: name) else { return 0 }
    for article in result.articles {
        let paragraphs = Boilerplate.clean(article.paragraphs)
        let words = Tokenizer.words(in: article.bodyText).map(\.word)
        _ = SimHash.fingerprint(words: words)
        _ = PassageSegmenter().passages(of: paragraphs)
        _ = Tokenizer.words(in: article.title)
    }
    return 0
}

@_cdecl("FuzzReaders_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzReaders)
}
