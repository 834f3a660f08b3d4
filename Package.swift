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
        // libyaml (Debian: libyaml-dev), for the YAML front matter of Markdown articles: a C library, so a module
        // map is all Swift needs. Unlike a Swift YAML package, it does not pull all of Foundation into the binary.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // YAML nodes composed from libyaml's events: general-purpose, no C types in public signatures.
        .target(name: "YAML", dependencies: ["CYAML"]),
        // The domain: articles, indexing, searching, passages.
        .target(name: "TrawlKit", dependencies: [
            "Xapian",
            "YAML",
            "CTOML",
        ]),
        // The command-line tool. A search is mostly start-up: linked as a position-dependent executable in
        // release builds, it has 0.6k relocations for ld.so to apply instead of 42k, and about 90 fewer page
        // faults per search (README). Only there: ThreadSanitizer wants a PIE, and the flag changes no compile
        // step, so debug and sanitizer builds are as before.
        .executableTarget(
            name: "trawl",
            dependencies: [
                "TrawlKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(configuration: .release))]
        ),
        // Helpers the test targets share: temporary directories, fixture paths, running the built binary.
        .target(name: "TrawlTestSupport", dependencies: ["Xapian"], path: "Tests/TrawlTestSupport"),
        .testTarget(name: "CXapianTests", dependencies: ["CXapian", "TrawlTestSupport"]),
        .testTarget(name: "XapianTests", dependencies: ["Xapian", "TrawlTestSupport"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "TrawlKitTests", dependencies: ["TrawlKit", "Xapian", "TrawlTestSupport"]),
        // Runs the built `trawl` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "trawlTests", dependencies: ["trawl", "Xapian", "TrawlTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
