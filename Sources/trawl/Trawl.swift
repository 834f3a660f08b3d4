import ArgumentParser
import TrawlKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Trawl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl",
        abstract: "Index a folder of news articles and search it: ranked articles shown by their best passages.",
        discussion: """
            Exit codes: 0 something matched (or the command succeeded), 1 nothing matched, 2 an error.
            """,
        version: "0.1.0",
        subcommands: [Index.self, Search.self, Similar.self, Stats.self, Saved.self]
    )

    /// Runs the command, mapping every failure to the exit codes in DESIGN.md: errors are one line on
    /// stderr and exit 2 (argument-parser's own default for a usage error would be 64).
    static func main() {
        do {
            try runCommand()
            exitCheckingHandles(0)
        } catch let error as TrawlError {
            Terminal.error(error.message)
            exitCheckingHandles(2)
        } catch let code as ExitCode {
            exitCheckingHandles(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(fullMessage(for: error))
                exitCheckingHandles(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let subcommand = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? ""
            let help = ["index", "search", "similar", "stats", "saved"].contains(subcommand) ? "trawl \(subcommand) --help" : "trawl --help"
            Terminal.error("\(message.trimmingPrefix("Error: ")) — see `\(help)`")
            exitCheckingHandles(2)
        }
    }
}

/// Parses and runs the command; its values are released when this returns.
private func runCommand() throws {
    var command = try parseCommand(Array(CommandLine.arguments.dropFirst()))
    try command.run()
}

/// The command `arguments` ask for. A search is mostly start-up, and parsing from the root costs argument-parser
/// the argument sets of the root and of the command named (twice), each built by reflection. When the arguments
/// begin with the names of a command that has no subcommands (`search ...`, `saved run ...`) and hold none of the
/// parser's built-in flags, that command is parsed on its own, as the root parse would after those names: the
/// same values, validation and first line of every error (the only line shown), in less time.
/// A search with plain arguments is read without argument-parser at all (`Search.plainParse`).
/// `TRAWL_PARSE_FROM_ROOT` set turns both off, so that the tests can compare.
private func parseCommand(_ arguments: [String]) throws -> ParsableCommand {
    if getenv("TRAWL_PARSE_FROM_ROOT") == nil, let (command, rest) = DirectParse.leafCommand(arguments) {
        if ObjectIdentifier(command) == ObjectIdentifier(Trawl.Search.self), let search = Trawl.Search.plainParse(rest) {
            return search
        }
        return try command.parseAsRoot(rest)
    }
    return try Trawl.parseAsRoot(arguments)
}

/// Ends the process with `code` once the command's values are released. With `TRAWL_DEBUG_HANDLES` set (the tests
/// set it on every run), a Xapian handle still open is a leak: it is named on stderr and the exit is 70.
private func exitCheckingHandles(_ code: Int32) -> Never {
    if getenv("TRAWL_DEBUG_HANDLES") != nil, case let live = Diagnostics.liveXapianHandles, live != 0 {
        Terminal.error("\(live) Xapian handles still open at exit (a leak)")
        terminate(70)
    }
    terminate(code)
}

/// Ends the process (flushing stdout) with `code`.
func terminate(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}
