import Foundation
import Testing
import TrawlTestSupport
import Xapian

/// `WritableDatabase.addSpelling(of:)` must leave the spelling data a term generator with spelling enabled
/// leaves, since the indexer uses it instead.
@Suite(.checksXapianHandles) struct SpellingByDocumentTests {
    /// Indexes `texts` into a new database at `path` the way the indexer does (a weighted title with
    /// positions, a prefixed copy, paragraphs with gaps, boolean terms), adding spelling one way or the other,
    /// committing after `commitEvery` documents. Returns the spelling data.
    private func index(_ texts: [(title: String, body: [String])], at path: String, byDocument: Bool,
                       commitEvery: Int) throws -> [(term: String, frequency: Int)] {
        let db = try WritableDatabase(path: path, mode: .createOrOverwrite)
        let generator = try TermGenerator()
        try generator.setStemmer(try Stem(language: "english"))
        try generator.setStemmingStrategy(.some)
        if !byDocument { try generator.enableSpelling(in: db) }
        for (number, text) in texts.enumerated() {
            let doc = try Document()
            try generator.setDocument(doc)
            try generator.indexText(text.title, wdfIncrement: 3)
            try generator.increaseTermPosition(by: 100)
            try generator.indexText(text.title, prefix: "S")
            try generator.increaseTermPosition(by: 100)
            for paragraph in text.body {
                try generator.indexText(paragraph)
                try generator.increaseTermPosition(by: 1)
            }
            try doc.addBooleanTerm("Q\(number)")
            try doc.addBooleanTerm("XSOURCEreuters")
            if byDocument { try db.addSpelling(of: doc) }
            _ = try db.replaceDocument(uniqueTerm: "Q\(number)", with: doc)
            if (number + 1) % commitEvery == 0 { try db.commit() }
        }
        try db.close()
        return try Database(path: path).spellings()
    }

    @Test func spellingByDocumentIsWhatTheTermGeneratorAdds() throws {
        try withTemporaryDirectory { dir in
            let texts: [(title: String, body: [String])] = [
                ("Drone attacks on Haifa", ["The drone attack on the port of Haifa, claimed by the group.",
                                            "A second drone: attacks, attacked, attacking. Haifa again!"]),
                ("Oil prices rise", ["Oil prices rose 2.5% as the U.S. said C++ and AT&T café naïve Zürich."]),
                ("Iran’s exports", ["Iran’s oil exports; oil, OIL and Oil.", ""]),
                ("", ["Haifa Haifa Haifa haifa", String(repeating: "x", count: 80) + " long word left out"]),
                ("Drone attacks on Haifa", ["Copies count twice."]),
            ]
            for commitEvery in [1, 2, 100] {
                let byGenerator = try index(texts, at: dir.appendingPathComponent("g\(commitEvery)").path,
                                            byDocument: false, commitEvery: commitEvery)
                let byDocument = try index(texts, at: dir.appendingPathComponent("d\(commitEvery)").path,
                                           byDocument: true, commitEvery: commitEvery)
                #expect(byDocument.map(\.term) == byGenerator.map(\.term))
                #expect(byDocument.map(\.frequency) == byGenerator.map(\.frequency))
                #expect(byGenerator.contains { $0.term == "haifa" && $0.frequency == 8 })
            }
        }
    }

    /// Enough distinct words for the shim's word table to grow many times (and words sharing its hash's low
    /// bits to collide), each seen a different number of times.
    @Test func manyWordsCountAsTheTermGeneratorCounts() throws {
        try withTemporaryDirectory { dir in
            var random = SeededRandom(state: 11)
            let words = (0..<6000).map { number in
                String((0..<Int.random(in: 2...9, using: &random)).map { _ in
                    Character(UnicodeScalar(UInt8(ascii: "a") + UInt8.random(in: 0..<26, using: &random)))
                }) + (number % 3 == 0 ? "é" : "")
            }
            let texts: [(title: String, body: [String])] = (0..<40).map { _ in
                ("", (0..<5).map { _ in
                    (0..<Int.random(in: 50...400, using: &random)).map { _ in
                        words[Int(Double(words.count) * pow(Double.random(in: 0..<1, using: &random), 3))]
                    }.joined(separator: " ")
                })
            }
            let byGenerator = try index(texts, at: dir.appendingPathComponent("g").path, byDocument: false, commitEvery: 15)
            let byDocument = try index(texts, at: dir.appendingPathComponent("d").path, byDocument: true, commitEvery: 15)
            #expect(byGenerator.count > 2000)
            #expect(byDocument.map(\.term) == byGenerator.map(\.term))
            #expect(byDocument.map(\.frequency) == byGenerator.map(\.frequency))
        }
    }

    @Test func pendingSpellingIsWrittenWhenTheHandleGoesWithoutClose() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("db").path
            do {
                let db = try WritableDatabase(path: path, mode: .createOrOverwrite)
                let generator = try TermGenerator()
                let doc = try Document()
                try generator.setDocument(doc)
                try generator.indexText("harbour drones")
                try db.addSpelling(of: doc)
                _ = try db.replaceDocument(uniqueTerm: "Qa", with: doc)
            }
            let words = try Database(path: path).spellings()
            #expect(words.map(\.term) == ["drones", "harbour"])
        }
    }

    @Test func countsGatheredApartAddUpToWhatEachDocumentAdds() throws {
        try withTemporaryDirectory { dir in
            let texts = ["Drone attacks on Haifa", "drone attack, attacks", "Oil prices: oil, OIL", "Haifa haifa"]
            let generator = try TermGenerator()
            let documents = try texts.map { text in
                let doc = try Document()
                try generator.setDocument(doc)
                try generator.indexText(text)
                return doc
            }
            let direct = try WritableDatabase(path: dir.appendingPathComponent("direct").path, mode: .createOrOverwrite)
            for doc in documents {
                try direct.addSpelling(of: doc)
                try direct.addDocument(doc)
            }
            try direct.close()
            // Two writers' counts, added to another database that holds documents already (as a merged index does).
            let apart = try WritableDatabase(path: dir.appendingPathComponent("apart").path, mode: .createOrOverwrite)
            try apart.addSpelling(of: documents[0])
            try apart.commit()
            let first = try SpellingCounts(), second = try SpellingCounts()
            try first.add(documents[1])
            try second.add(documents[2])
            try second.add(documents[3])
            #expect(second.wordCount == 3)  // oil, prices, haifa
            try apart.addSpelling(first)
            try apart.addSpelling(second)
            #expect(first.wordCount == 0 && second.wordCount == 0)
            try apart.close()
            let expected = try Database(path: dir.appendingPathComponent("direct").path).spellings()
            let got = try Database(path: dir.appendingPathComponent("apart").path).spellings()
            #expect(expected.contains { $0.term == "haifa" && $0.frequency == 3 })
            #expect(got.map(\.term) == expected.map(\.term))
            #expect(got.map(\.frequency) == expected.map(\.frequency))
        }
    }
}
