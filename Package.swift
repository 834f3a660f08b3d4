// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Trawl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trawl", targets: ["trawl"]),
        .library(name: "TrawlKit", targets: ["TrawlKit"]),
        .library(name: "Xapian", targets: ["Xapian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML front matter of Markdown articles.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C++ → C shim over libxapian (Debian: libxapian-dev).
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        // C++ → C reader of TOML documents over toml++ 3, header-only (Debian: libtomlplusplus-dev): trawl.toml.
        .target(name: "CTOML"),
        // Swift wrapper: general-purpose, no C types in public signatures.
        .target(name: "Xapian", dependencies: ["CXapian"]),
        // The domain: articles, indexing, searching, passages.
        .target(name: "TrawlKit", dependencies: [
            "Xapian",
            .product(name: "Yams", package: "Yams"),
            "CTOML",
        ]),
        // The command-line tool.
        .executableTarget(
            name: "trawl",
            dependencies: [
                "TrawlKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers the test targets share: temporary directories, fixture paths, running the built binary.
        .target(name: "TrawlTestSupport", dependencies: ["Xapian"], path: "Tests/TrawlTestSupport"),
        .testTarget(name: "CXapianTests", dependencies: ["CXapian", "TrawlTestSupport"]),
        .testTarget(name: "XapianTests", dependencies: ["Xapian", "TrawlTestSupport"]),
        .testTarget(name: "TrawlKitTests", dependencies: ["TrawlKit", "Xapian", "TrawlTestSupport"]),
        // Runs the built `trawl` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "trawlTests", dependencies: ["trawl", "Xapian", "TrawlTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
