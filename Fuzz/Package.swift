// swift-tools-version: 6.0
// libFuzzer targets for Trawl, kept apart from the main package because they are built only with
// `-sanitize=fuzzer` (libFuzzer supplies `main`): run them with `make fuzz` from the repository root.
import PackageDescription

let package = Package(
    name: "TrawlFuzz",
    dependencies: [.package(name: "Trawl", path: "..")],
    targets: [
        // Hands the entry point SwiftPM expects over to libFuzzer.
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
        // Bytes → every article reader (chosen by the first byte), then what the indexer does with the text.
        .executableTarget(name: "FuzzReaders", dependencies: ["FuzzSupport", .product(name: "TrawlKit", package: "Trawl")]),
        // Bytes → a query against a small real index: parsing, matching, passages and highlighting.
        .executableTarget(name: "FuzzQuery", dependencies: ["FuzzSupport", .product(name: "TrawlKit", package: "Trawl")]),
    ]
)
