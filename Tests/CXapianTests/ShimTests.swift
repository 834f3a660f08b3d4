import CXapian
import Testing
import TrawlTestSupport

/// The C interface itself: statuses, messages, ownership rules.
@Suite(.checksXapianHandles) struct ShimTests {
    @Test func unknownStemmerLanguageIsAnInvalidArgumentWithXapiansMessage() {
        var stem: OpaquePointer? = nil
        var message: UnsafeMutablePointer<CChar>? = nil
        let status = "klingon".withCString { cx_stem_create($0, 7, &stem, &message) }
        #expect(status == CX_ERR_INVALID_ARGUMENT)
        #expect(stem == nil)
        let text = message.map { String(cString: $0) } ?? ""
        cx_free(message)
        #expect(text.contains("klingon"))
    }

    @Test func missingDatabaseIsNotFound() {
        var db: OpaquePointer? = nil
        var message: UnsafeMutablePointer<CChar>? = nil
        let path = "/nonexistent/trawl-shim-test"
        let status = path.withCString { cx_database_open($0, path.utf8.count, &db, &message) }
        #expect(status == CX_ERR_DATABASE_NOT_FOUND)
        #expect(db == nil)
        #expect(message != nil)
        cx_free(message)
    }

    @Test func nullErrorSlotIsAllowed() {
        var stem: OpaquePointer? = nil
        let status = "klingon".withCString { cx_stem_create($0, 7, &stem, nil) }
        #expect(status == CX_ERR_INVALID_ARGUMENT)
    }

    @Test func destroyingNullIsHarmless() {
        cx_database_destroy(nil)
        cx_document_destroy(nil)
        cx_stem_destroy(nil)
        cx_termgen_destroy(nil)
        cx_queryparser_destroy(nil)
        cx_query_destroy(nil)
        cx_enquire_destroy(nil)
        cx_mset_destroy(nil)
        cx_termlist_destroy(nil)
        cx_postlist_destroy(nil)
        cx_valuelist_destroy(nil)
        cx_free(nil)
    }

    @Test func stringsGoInAsPointerAndLengthNotNulTerminated() throws {
        var stem: OpaquePointer? = nil
        // "englishXYZ" with length 7 is "english".
        let status = "englishXYZ".withCString { cx_stem_create($0, 7, &stem, nil) }
        #expect(status == CX_OK)
        defer { cx_stem_destroy(stem) }
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        let word = "attacked!!"
        let applied = word.withCString { cx_stem_apply(stem, $0, 8, &out, &length, nil) }
        #expect(applied == CX_OK)
        #expect(String(cString: try #require(out)) == "attack")
        #expect(length == 6)
        cx_free(out)
    }

    @Test func queryParserSyntaxErrorIsItsOwnStatus() {
        var parser: OpaquePointer? = nil
        #expect(cx_queryparser_create(&parser, nil) == CX_OK)
        defer { cx_queryparser_destroy(parser) }
        var query: OpaquePointer? = nil
        var message: UnsafeMutablePointer<CChar>? = nil
        let text = "AND drone"
        let status = text.withCString {
            cx_queryparser_parse(parser, $0, text.utf8.count, UInt32(CX_QP_FLAG_BOOLEAN), &query, &message)
        }
        #expect(status == CX_ERR_QUERY_PARSER)
        #expect(message.map { String(cString: $0) }?.contains("Syntax") == true)
        cx_free(message)
    }

    @Test func versionIsXapian14() {
        #expect(String(cString: cx_version_string()).hasPrefix("1.4."))
    }
}
