import Foundation
import Testing
import TrawlTestSupport
import Xapian

/// The Swift wrapper over a real Xapian database in a temporary directory.
@Suite(.checksXapianHandles) struct WrapperTests {
    @Test func unknownStemmerLanguageThrowsInvalidArgumentWithXapiansMessage() {
        #expect {
            _ = try Stem(language: "klingon")
        } throws: { error in
            guard let error = error as? XapianError else { return false }
            return error.kind == .invalidArgument && error.message.contains("klingon")
        }
    }

    @Test func missingDatabaseThrowsNotFoundWithXapiansMessage() {
        #expect {
            _ = try Database(path: "/nonexistent/trawl-wrapper-test")
        } throws: { error in
            guard let error = error as? XapianError else { return false }
            return error.kind == .databaseNotFound && error.message.contains("/nonexistent/trawl-wrapper-test")
        }
    }

    @Test func stemmerStemsVariantsAlike() throws {
        let stem = try Stem(language: "english")
        #expect(stem("attacks") == "attack")
        #expect(stem("attacked") == "attack")
        #expect(stem("attacking") == "attack")
        #expect(Stem.availableLanguages.contains("english"))
        #expect(Stem.availableLanguages.contains("french"))
    }

    @Test func writeCommitAndReadBack() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("db").path
            do {
                let db = try WritableDatabase(path: path, mode: .create)
                let generator = try TermGenerator()
                try generator.setStemmer(try Stem(language: "english"))
                try generator.setStemmingStrategy(.some)
                for (id, text) in [("a", "Drone attacks on Haifa"), ("b", "The port of Haifa"), ("c", "Oil prices rose")] {
                    let doc = try Document()
                    try generator.setDocument(doc)
                    try generator.indexText(text)
                    try doc.addBooleanTerm("Q" + id)
                    try doc.setData(Array("data-\(id)".utf8))
                    try doc.setValue(2, Array("state-\(id)".utf8))
                    try db.replaceDocument(uniqueTerm: "Q" + id, with: doc)
                }
                try db.setMetadata("schema", "1")
                try db.commit()
                try db.close()
            }
            let db = try Database(path: path)
            #expect(try db.documentCount == 3)
            #expect(try db.termFrequency("haifa") == 2)
            #expect(try db.termFrequency("Zattack") == 1)
            #expect(try db.metadata("schema") == "1")
            #expect(try db.metadata("missing") == "")
            #expect(try db.terms(withPrefix: "Q").map(\.term) == ["Qa", "Qb", "Qc"])
            let id = try #require(try db.postings("Qb").first)
            #expect(try db.document(id).data() == Array("data-b".utf8))
            #expect(try db.document(id).value(2) == Array("state-b".utf8))
            #expect(try db.values(inSlot: 2).map { String(decoding: $0.value, as: UTF8.self) } == ["state-a", "state-b", "state-c"])
            #expect(try db.documentLength(id) > 0)
            #expect {
                _ = try db.document(999)
            } throws: { ($0 as? XapianError)?.kind == .documentNotFound }
        }
    }

    @Test func scratchDatabaseKeepsItsModeAndReadsBackWhatItCommitted() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("scratch").path
            do {
                let db = try WritableDatabase(path: path, mode: .create, durable: false)
                let doc = try Document()
                try doc.addBooleanTerm("Qa")
                try doc.setData(Array("kept".utf8))
                try db.addDocument(doc)
                try db.commit()
                try db.close()
            }
            // Not syncing is all it changes: `.create` still refuses a database that is there, `.open` opens it.
            #expect {
                _ = try WritableDatabase(path: path, mode: .create, durable: false)
            } throws: { $0 is XapianError }
            do {
                let db = try WritableDatabase(path: path, mode: .open, durable: false)
                #expect(try db.documentCount == 1)
                try db.close()
            }
            let db = try Database(path: path)
            let id = try #require(try db.postings("Qa").first)
            #expect(try db.document(id).data() == Array("kept".utf8))
        }
    }

    @Test func replaceByUniqueTermKeepsOneDocumentAndDeleteRemovesIt() throws {
        try withTemporaryDirectory { dir in
            let db = try WritableDatabase(path: dir.appendingPathComponent("db").path)
            for text in ["first", "second"] {
                let doc = try Document()
                try doc.addTerm(text)
                try doc.addBooleanTerm("Qx")
                try db.replaceDocument(uniqueTerm: "Qx", with: doc)
            }
            try db.commit()
            #expect(try db.documentCount == 1)
            #expect(try db.termFrequency("second") == 1)
            #expect(try db.termFrequency("first") == 0)
            try db.deleteDocuments(uniqueTerm: "Qx")
            try db.commit()
            #expect(try db.documentCount == 0)
        }
    }

    @Test func addDocumentAddsWithoutReplacing() throws {
        try withTemporaryDirectory { dir in
            let db = try WritableDatabase(path: dir.appendingPathComponent("db").path)
            var ids: [DocumentID] = []
            for text in ["first", "second"] {
                let doc = try Document()
                try doc.addTerm(text)
                try doc.addBooleanTerm("Qx")
                ids.append(try db.addDocument(doc))
            }
            try db.commit()
            // Unlike replaceDocument(uniqueTerm:with:), the same unique term gives a second document.
            #expect(ids == [1, 2])
            #expect(try db.documentCount == 2)
            #expect(try db.postings("Qx") == [1, 2])
        }
    }

    @Test func secondWriterGetsLockError() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("db").path
            let first = try WritableDatabase(path: path)
            #expect {
                _ = try WritableDatabase(path: path)
            } throws: { ($0 as? XapianError)?.kind == .databaseLocked }
            try first.close()
            _ = try WritableDatabase(path: path)
        }
    }

    @Test func parseRankAndReadMatchSet() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("db").path
            let db = try WritableDatabase(path: path)
            let stem = try Stem(language: "english")
            let generator = try TermGenerator()
            try generator.setStemmer(stem)
            let texts = ["drone attack on Haifa port, drone attack again", "drones over the sea", "oil prices"]
            for text in texts {
                let doc = try Document()
                try generator.setDocument(doc)
                try generator.indexText(text)
                try doc.setData(Array(text.utf8))
                _ = try db.replaceDocument(uniqueTerm: "Q\(text)", with: doc)
            }
            try db.commit()

            let parser = try QueryParser()
            try parser.setStemmer(stem)
            try parser.setStemmingStrategy(.some)
            try parser.setDatabase(db)
            try parser.setDefaultOperator(.or)
            let query = try parser.parse("drones attacked", flags: .default)
            #expect(query.description.contains("Zdrone"))
            let enquire = try Enquire(database: db)
            try enquire.setQuery(query)
            try enquire.setWeighting(.bm25())
            let mset = try enquire.mset(offset: 0, limit: 10)
            #expect(mset.count == 2)
            #expect(mset.matchesEstimated.estimate == 2)
            let items = try mset.items
            #expect(items.map(\.rank) == [0, 1])
            #expect(items[0].weight >= items[1].weight)
            #expect(try String(decoding: mset.document(at: 0).data(), as: UTF8.self) == texts[0])
            #expect(try mset.termFrequency("Zdrone") == 2)
            #expect(try enquire.matchingTerms(items[0].id).contains("Zattack"))
        }
    }

    @Test func queryTreeCanBeWalked() throws {
        let parser = try QueryParser()
        try parser.setStemmer(try Stem(language: "english"))
        try parser.setStemmingStrategy(.some)
        let query = try parser.parse(#""islamic resistance" -attacks"#, flags: .default)
        #expect(query.op == .andNot)
        let sides = try query.subqueries
        #expect(sides.count == 2)
        #expect(sides[0].op == .phrase)
        #expect(sides[0].window == 2)
        #expect(try sides[0].subqueries.map { try $0.terms } == [["islamic"], ["resistance"]])
        #expect(try sides[1].terms == ["Zattack"])

        let near = try parser.parse("drone NEAR/3 haifa", flags: .default)
        #expect(near.op == .near)
        #expect(near.window == 4)

        let built = try Query(combining: .or, [try Query(term: "a"), try Query(term: "b")])
        #expect(built.op == .or)
        #expect(try built.terms == ["a", "b"])
        #expect(try Query(combining: .and, []).isEmpty)
    }

    @Test func wildcardPatternAndExpansionLimit() throws {
        try withTemporaryDirectory { dir in
            let db = try WritableDatabase(path: dir.appendingPathComponent("db").path)
            let doc = try Document()
            for term in ["drone", "drones", "droned", "dry"] { try doc.addTerm(term) }
            try db.replaceDocument(uniqueTerm: "Q1", with: doc)
            try db.commit()
            let parser = try QueryParser()
            try parser.setDatabase(db)
            try parser.setMaxWildcardExpansion(2)
            let query = try parser.parse("dron*", flags: [.wildcard])
            #expect(query.op == .wildcard)
            #expect(query.wildcardPattern == "dron")
            let enquire = try Enquire(database: db)
            try enquire.setQuery(query)
            #expect {
                _ = try enquire.mset(offset: 0, limit: 10)
            } throws: { ($0 as? XapianError)?.kind == .wildcard }
        }
    }

    @Test func globPrefixMatchesTermsAnywhereWithinItsLimit() throws {
        try withTemporaryDirectory { dir in
            let db = try WritableDatabase(path: dir.appendingPathComponent("db").path)
            for id in ["bbc/business/1.txt", "bbc/business/2.txt", "bbc/sport/3.txt", "ap/2024/4.txt"] {
                let doc = try Document()
                try doc.addBooleanTerm("Q" + id)
                try db.replaceDocument(uniqueTerm: "Q" + id, with: doc)
            }
            try db.commit()
            let parser = try QueryParser()
            try parser.addGlobPrefix("path", termPrefix: "Q", database: db, limit: 3)
            func matches(_ text: String) throws -> Int {
                let enquire = try Enquire(database: db)
                try enquire.setQuery(try parser.parse(text))
                return try enquire.mset(offset: 0, limit: 10).items.count
            }
            #expect(try matches("path:bbc/business/*") == 2)
            #expect(try matches("path:*2024*") == 1)        // `*` crosses `/`
            #expect(try matches("path:bbc/*/?.txt") == 3)
            #expect(try matches("path:bbc/[bs]*/1.txt") == 1)
            #expect(try matches("path:ap/2024/4.txt") == 1)  // no wildcard: the path itself
            #expect(try matches("path:nowhere/*") == 0)
            #expect {
                _ = try parser.parse("path:*")
            } throws: { error in
                let error = error as? XapianError
                return error?.kind == .wildcard && error?.message == "path:* matches more than 3 terms"
            }
        }
    }

    @Test func syntaxErrorThrowsQuerySyntax() throws {
        let parser = try QueryParser()
        #expect {
            _ = try parser.parse("drone AND", flags: .default)
        } throws: { ($0 as? XapianError)?.kind == .querySyntax }
    }

    @Test func readerSeesItsSnapshotUntilReopened() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            try writer.commit()
            let reader = try Database(path: path)
            #expect(!(reader is WritableDatabase))
            let doc = try Document()
            try doc.addTerm("new")
            try writer.replaceDocument(uniqueTerm: "Qnew", with: doc)
            try writer.commit()
            #expect(try reader.documentCount == 0)
            #expect(try reader.reopen() == true)
            #expect(try reader.documentCount == 1)
        }
    }
}
