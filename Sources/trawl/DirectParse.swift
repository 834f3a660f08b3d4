import ArgumentParser

/// Which command to parse on its own, skipping the root parse (see `parseCommand` in Trawl.swift).
enum DirectParse {
    /// Long names argument-parser answers itself, in any command (help, version, completion scripts). An array:
    /// the first `Set<Substring>` of a process costs the Swift runtime a scan of every protocol conformance.
    private static let builtInNames = [
        "help", "help-hidden", "version", "generate-completion-script", "experimental-dump-help",
    ]

    /// The command without subcommands that `arguments` name first, and the arguments after its names; nil when
    /// the root parse could differ: no such command, or an argument that is a built-in flag or could hide one
    /// (any single-dash option, since `-h` may sit in a group of short flags such as `-xh`).
    static func leafCommand(_ arguments: [String]) -> (ParsableCommand.Type, [String])? {
        var command: ParsableCommand.Type = Trawl.self
        var rest = arguments[...]
        while case let subcommands = command.configuration.subcommands, !subcommands.isEmpty {
            guard let name = rest.first,
                  let next = subcommands.first(where: { $0.configuration.commandName == name })
            else { return nil }
            command = next
            rest = rest.dropFirst()
        }
        for argument in rest where argument.hasPrefix("-") && argument != "-" && argument != "--" {
            guard argument.hasPrefix("--"), !argument.hasPrefix("---"),
                  !builtInNames.contains(String(argument.dropFirst(2).prefix { $0 != "=" }))
            else { return nil }
        }
        return (command, Array(rest))
    }
}
