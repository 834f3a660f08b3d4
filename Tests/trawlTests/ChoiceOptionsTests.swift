import Foundation
import Testing
import TrawlTestSupport

/// Closed choices (`--sort`, `--weighting`, `--format`, `--color`) spell out what argument-parser would work out
/// by reflection at every start (`NamedChoice`): help, errors and completions must list them as before.
@Suite struct ChoiceOptionsTests {
    @Test func helpListsEachChoiceAndItsDefault() throws {
        try withTemporaryDirectory { dir throws in
            let help = try trawl(["search", "--help"], in: dir)
            #expect(help.status == 0)
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("--sort <sort> Order of results. (values: relevance, date, oldest; default: relevance)"))
            #expect(text.contains("or bm25. (values: ineb2, bm25; default: ineb2)"))
            #expect(text.contains("--format <format> Output format. (values: text, json, jsonl, csv, trec; default: text)"))
            #expect(text.contains("always or never. (values: auto, always, never; default: auto)"))
            let stats = try trawl(["stats", "--help"], in: dir)
            #expect(stats.stdout.contains("--format <format>       Output format. (values: text, json; default: text)"))
        }
    }

    @Test func aWrongChoiceNamesTheRightOnes() throws {
        try withTemporaryDirectory { dir throws in
            let sort = try trawl(["search", "oil", "--sort", "nope"], in: dir)
            #expect(sort.status == 2)
            #expect(sort.stderr == "trawl: The value 'nope' is invalid for '--sort <sort>'. Please provide one of 'relevance', 'date' or 'oldest'. — see `trawl search --help`\n")
            let format = try trawl(["stats", "--format", "yaml"], in: dir)
            #expect(format.stderr == "trawl: The value 'yaml' is invalid for '--format <format>'. Please provide one of 'text' and 'json'. — see `trawl stats --help`\n")
            let color = try trawl(["search", "oil", "--color=sometimes"], in: dir)
            #expect(color.stderr == "trawl: The value 'sometimes' is invalid for '--color <when>'. Please provide one of 'auto', 'always' or 'never'. — see `trawl search --help`\n")
        }
    }

    @Test func completionsOfferEachChoice() throws {
        try withTemporaryDirectory { dir throws in
            let fish = try trawl(["--generate-completion-script", "fish"], in: dir)
            #expect(fish.stdout.contains("-l 'sort' -d 'Order of results.' -rfka 'relevance date oldest'"))
            #expect(fish.stdout.contains("-rfka 'ineb2 bm25'"))
            #expect(fish.stdout.contains("-rfka 'text json jsonl csv trec'"))
            #expect(fish.stdout.contains("-rfka 'auto always never'"))
        }
    }
}
