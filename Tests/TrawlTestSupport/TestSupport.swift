import Foundation

/// A fresh temporary directory for one test, removed when the test's closure returns.
@discardableResult
public func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("trawl-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Where things are: the repository, its seed corpus, the shared corpora beside it, the built binary.
public enum Fixtures {
    /// The repository root (found from this file's path).
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The five seed articles committed in `Corpus/`.
    public static let seedCorpus = repository.appendingPathComponent("Corpus", isDirectory: true)

    /// `../shared/corpora` beside the repository: present on developers' and CI's machines, not users'.
    public static let sharedCorpora = repository.deletingLastPathComponent()
        .appendingPathComponent("shared/corpora", isDirectory: true)

    /// Whether a shared corpus folder (e.g. "bbc") is there.
    public static func hasSharedCorpus(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: sharedCorpora.appendingPathComponent(name).path)
    }

    /// Copies the seed corpus to `directory/Corpus` and returns that folder.
    @discardableResult
    public static func copySeedCorpus(to directory: URL, as name: String = "Corpus") throws -> URL {
        let target = directory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.copyItem(at: seedCorpus, to: target)
        return target
    }

    /// Writes `text` to `directory/relative`, creating folders as needed.
    @discardableResult
    public static func write(_ text: String, to relative: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The `trawl` binary built beside the test bundle.
    public static var trawlBinary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("trawl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/trawl")
    }
}

/// What a run of the binary printed and how it exited.
public struct CommandResult: Sendable {
    public let stdout: String
    public let stderr: String
    public let status: Int32
}

/// Runs `executable` with `arguments` in `directory`, with the environment of this process (less NO_COLOR)
/// plus `environment`, and no standard input.
public func run(_ executable: URL, _ arguments: [String], in directory: URL,
                environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "NO_COLOR")
    env.merge(environment) { $1 }
    process.environment = env
    // Files, not pipes: a pipe that fills up while we wait would block the child.
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-out-\(UUID().uuidString)")
    let err = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return CommandResult(
        stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
        status: process.terminationStatus
    )
}

/// Runs the built `trawl` binary.
public func trawl(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
    // Every run checks its own Xapian handles at exit: one left open fails the run (exit 70, one line).
    try run(Fixtures.trawlBinary, arguments, in: directory,
            environment: ["TRAWL_DEBUG_HANDLES": "1"].merging(environment) { $1 })
}

/// Whether a program is on the PATH (for tests that compare with Xapian's own tools).
public func which(_ program: String) -> URL? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(program)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}
