import ArgumentParser
import TrawlKit

extension Trawl.Search {
    /// The search that plain arguments ask for, read without argument-parser; nil for anything else, which
    /// argument-parser then parses as before (help, errors, completions and every other command are its).
    ///
    /// argument-parser builds a command's arguments by reflection at every start: for `search`'s 22, about
    /// 10 M of the 25 M instructions of a whole search process (callgrind), mostly the Swift runtime scanning
    /// every protocol conformance in the binary for each type and protocol it casts to. Plain arguments are
    /// query words and the long options below, each value given once (`--index` may repeat) and read as
    /// argument-parser reads it (`Int(_:)`, `Double(_:)`, a raw value); a search that its own `validate()`
    /// refuses goes to argument-parser too, so every error is still its. The tests compare the values of both
    /// parses on many argument lists, and that every option of the command is known here.
    static func plainParse(_ arguments: [String]) -> Trawl.Search? {
        var query: [String] = [], index: [String] = [], config: String?
        var limit = 10, offset = 0, passages = 2, passageWeight = Searcher.defaultPassageWeight
        var any = false, allCopies = false, expand: Bool?, explain = false
        var sort = SearchOrder.relevance, weighting = WeightingScheme.default
        var since: String?, until: String?, batch: String?, facets: String?, fields: String?
        var format = SearchFormat.text, color = ColorChoice.auto
        var given: [Substring] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-") else {
                query.append(argument)
                continue
            }
            guard argument.hasPrefix("--"), !argument.hasPrefix("---") else { return nil }
            let body = argument.dropFirst(2)
            let name = body.prefix { $0 != "=" }
            let inline = name.endIndex < body.endIndex ? String(body[body.index(after: name.endIndex)...]) : nil
            // argument-parser reads "--name=" as "--name" with the next argument for its value.
            guard inline != "" else { return nil }
            // The flag names that set the same value count as one (--expand and --no-expand).
            let key = name == "no-expand" ? "expand" : name
            guard name != "index" ? !given.contains(key) : true else { return nil }
            given.append(key)
            if Self.flagNames.contains(name) {
                guard inline == nil else { return nil }
                switch name {
                case "any": any = true
                case "all-copies": allCopies = true
                case "expand": expand = true
                case "no-expand": expand = false
                default: explain = true
                }
                continue
            }
            guard Self.optionNames.contains(name) else { return nil }
            // A value is the rest after "=", or the next argument unless that looks like an option.
            guard let value = inline ?? rest.first.flatMap({ $0 == "-" || !$0.hasPrefix("-") ? $0 : nil }) else {
                return nil
            }
            if inline == nil { rest = rest.dropFirst() }
            switch name {
            case "index": index.append(value)
            case "config": config = value
            case "limit": guard let number = Int(value) else { return nil }; limit = number
            case "offset": guard let number = Int(value) else { return nil }; offset = number
            case "passages": guard let number = Int(value) else { return nil }; passages = number
            case "passage-weight": guard let number = Double(value) else { return nil }; passageWeight = number
            case "sort": guard let choice = SearchOrder(rawValue: value) else { return nil }; sort = choice
            case "weighting": guard let choice = WeightingScheme(rawValue: value) else { return nil }; weighting = choice
            case "since": since = value
            case "until": until = value
            case "batch": batch = value
            case "facets": facets = value
            case "fields": fields = value
            case "format": guard let choice = SearchFormat(rawValue: value) else { return nil }; format = choice
            default: guard let choice = ColorChoice(rawValue: value) else { return nil }; color = choice
            }
        }
        var search = Trawl.Search()
        search.query = query
        var indexOptions = IndexOptions()
        indexOptions.index = index
        indexOptions.config = config
        search.indexOptions = indexOptions
        search.limit = limit
        search.offset = offset
        search.passages = passages
        search.any = any
        search.allCopies = allCopies
        search.expand = expand
        search.passageWeight = passageWeight
        search.sort = sort
        search.weighting = weighting
        search.since = since
        search.until = until
        search.batch = batch
        search.facets = facets
        search.explain = explain
        search.fields = fields
        var output = OutputOptions()
        output.format = format
        output.color = color
        search.output = output
        guard (try? search.validate()) != nil else { return nil }
        return search
    }

    /// The long names read above: flags, then options with a value. Arrays, not sets: the first `Set<String>`
    /// of a process costs the Swift runtime a scan of every protocol conformance.
    static let flagNames: [Substring] = ["any", "all-copies", "expand", "no-expand", "explain"]
    static let optionNames: [Substring] = [
        "index", "config", "limit", "offset", "passages", "passage-weight", "sort", "weighting", "since", "until",
        "batch", "facets", "fields", "format", "color",
    ]
}
