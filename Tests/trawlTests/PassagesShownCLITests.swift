import Foundation
import Testing
import TrawlTestSupport

/// Passages are cut only when the output shows them: `--fields` without `passage`, `passages` or `line` skips
/// them, and the fields shown are the same.
@Suite struct PassagesShownCLITests {
    @Test func fieldsWithoutPassagesGiveTheSameValues() throws {
        try withTemporaryDirectory { dir in
            // The passages start on lines 6 and 5, the titles on line 2: a hit whose passages were skipped
            // would give its title's line.
            try Fixtures.write("---\ntitle: \"Oil prices climb\"\nsource: Reuters\n---\n\nOil prices rose in January.\n",
                               to: "Corpus/a.md", in: dir)
            try Fixtures.write("---\ntitle: \"Tanker seized\"\n---\n\nA tanker carrying oil was seized.\n",
                               to: "Corpus/b.md", in: dir)
            let indexed = try trawl(["index"], in: dir)
            try #require(indexed.status == 0, "\(indexed.stderr)")

            let full = try trawl(["search", "oil", "--format", "csv", "--fields", "rank,path,line,passage"], in: dir)
            #expect(full.status == 0)
            #expect(full.stdout == "rank,path,line,passage\r\n1,Corpus/a.md,6,Oil prices rose in January.\r\n"
                + "2,Corpus/b.md,5,A tanker carrying oil was seized.\r\n")
            let line = try trawl(["search", "oil", "--format", "csv", "--fields", "rank,line"], in: dir)
            #expect(line.stdout == "rank,line\r\n1,6\r\n2,5\r\n")
            let noPassages = try trawl(["search", "oil", "--format", "jsonl", "--fields", "rank,path,source"], in: dir)
            #expect(noPassages.status == 0)
            #expect(noPassages.stdout == "{\"path\":\"Corpus/a.md\",\"rank\":1,\"source\":\"Reuters\"}\n"
                + "{\"path\":\"Corpus/b.md\",\"rank\":2}\n")
        }
    }
}
