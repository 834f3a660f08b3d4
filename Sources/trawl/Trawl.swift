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
            // For leak checks: every Xapian handle the command opened must be freed by now.
            if getenv("TRAWL_DEBUG_HANDLES") != nil {
                Terminal.diagnostic("trawl: live Xapian handles: \(Diagnostics.liveXapianHandles)")
            }
        } catch let error as TrawlError {
            Terminal.error(error.message)
            terminate(2)
        } catch let code as ExitCode {
            terminate(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(fullMessage(for: error))
                terminate(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let subcommand = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? ""
            let help = ["index", "search", "similar", "stats", "saved"].contains(subcommand) ? "trawl \(subcommand) --help" : "trawl --help"
            Terminal.error("\(message.trimmingPrefix("Error: ")) — see `\(help)`")
            terminate(2)
        }
    }
}

/// Parses and runs the command; its values are released when this returns.
private func runCommand() throws {
    var command = try Trawl.parseAsRoot()
    try command.run()
}

/// Ends the process (flushing stdout) with `code`.
func terminate(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}
