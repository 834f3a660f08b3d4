import Foundation
import Testing
import TrawlTestSupport
import Xapian

#if canImport(Glibc)
import Glibc
#endif

/// Runs trawl as a user the file system can refuse: the tests run as root, whom permissions do not stop,
/// so as root it runs as `nobody` through util-linux's `setpriv`.
func trawlUnprivileged(_ arguments: [String], in dir: URL) throws -> CommandResult {
    guard getuid() == 0 else { return try trawl(arguments, in: dir) }
    return try run(which("setpriv")!, ["--reuid=65534", "--regid=65534", "--clear-groups", Fixtures.trawlBinary.path] + arguments,
                   in: dir)
}

/// Whether `trawlUnprivileged` can drop privileges here.
let canRunUnprivileged = getuid() != 0 || which("setpriv") != nil

/// An index folder in a state Trawl did not leave it in: each gives one line that says what to do, exit 2,
/// and nothing there is changed.
@Suite(.checksXapianHandles) struct BrokenStateTests {
    private func withSeed(indexed: Bool, _ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try Fixtures.copySeedCorpus(to: dir)
            if indexed { #expect(try trawl(["index"], in: dir).status == 0) }
            try body(dir)
        }
    }

    private func expectError(_ arguments: [String], in dir: URL, _ message: String) throws {
        let result = try trawl(arguments, in: dir)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stdout == "")
        #expect(result.stderr == "trawl: " + message + "\n", "\(arguments)")
    }

    @Test func aFolderOfOtherThingsIsNeitherReadNorWritten() throws {
        try withSeed(indexed: false) { dir in
            try Fixtures.write("my notes\n", to: "Index/notes.txt", in: dir)
            try expectError(["search", "drone"], in: dir, "Index/ is not a Trawl index (no Xapian database there) — "
                + "point --index at an index, or move what is there away and run `trawl index`")
            try expectError(["index"], in: dir, "Index/ exists and is not a Xapian index — Trawl will not write into it; "
                + "choose another --index or move it away")
            try expectError(["index", "--rebuild"], in: dir, "Index/ exists and is not a Xapian index — Trawl will not "
                + "write into it; choose another --index or move it away")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Index").path) == ["notes.txt"])
        }
    }

    @Test func aDamagedDatabaseSaysRebuild() throws {
        try withSeed(indexed: true) { dir in
            // The glass version file overwritten with junk.
            try Data("not really glass".utf8).write(to: dir.appendingPathComponent("Index/iamglass"))
            for arguments in [["search", "drone"], ["stats"], ["index"]] {
                let result = try trawl(arguments, in: dir)
                #expect(result.status == 2)
                #expect(result.stderr.hasPrefix("trawl: Index/ cannot be opened as an index ("), "\(arguments)")
                #expect(result.stderr.hasSuffix(") — rebuild it with `trawl index --rebuild`\n"), "\(arguments)")
            }
            let rebuilt = try trawl(["index", "--rebuild"], in: dir)
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
            #expect(try trawl(["search", "drone"], in: dir).status == 0)
        }
    }

    @Test func aDatabaseAnotherToolWroteIsLeftAlone() throws {
        try withSeed(indexed: false) { dir in
            let other = try WritableDatabase(path: dir.appendingPathComponent("Index").path)
            let doc = try Document()
            try doc.addTerm("mail")
            try other.replaceDocument(uniqueTerm: "Qmail-1", with: doc)
            try other.close()
            let message = "Index/ is a Xapian database but not a Trawl index (another tool wrote it) — index into "
                + "another folder with --index, or replace it with `trawl index --rebuild`"
            try expectError(["search", "drone"], in: dir, message)
            try expectError(["index"], in: dir, message)
            try expectError(["stats"], in: dir, message)
            #expect(try Database(path: dir.appendingPathComponent("Index").path).documentCount == 1)
        }
    }

    @Test func anOlderSchemaSaysRebuild() throws {
        try withSeed(indexed: true) { dir in
            let db = try WritableDatabase(path: dir.appendingPathComponent("Index").path)
            try db.setMetadata("trawl.schema", "3")
            try db.commit()
            try db.close()
            let message = "Index/ was written by Trawl index schema 3; this trawl reads schema 5 — rebuild it with "
                + "`trawl index --rebuild`"
            try expectError(["search", "drone"], in: dir, message)
            try expectError(["index"], in: dir, message)
            #expect(try trawl(["index", "--rebuild"], in: dir).status == 0)
            #expect(try trawl(["search", "drone"], in: dir).status == 0)
        }
    }

    @Test(.enabled(if: canRunUnprivileged, "setpriv (util-linux) is needed to run as a user permissions apply to"))
    func anIndexInAPlaceThatCannotBeWrittenIsSearchedButNotWritten() throws {
        try withSeed(indexed: true) { dir in
            if getuid() != 0 {
                chmod(dir.appendingPathComponent("Index").path, 0o555)
                chmod(dir.path, 0o555)
            }
            defer {
                chmod(dir.path, 0o755)
                chmod(dir.appendingPathComponent("Index").path, 0o755)
            }
            #expect(try trawlUnprivileged(["search", "drone", "--passages", "0"], in: dir).status == 0)
            for arguments in [["index"], ["index", "--wait"]] {  // --wait must not wait for a lock no one holds
                let result = try trawlUnprivileged(arguments, in: dir)
                #expect(result.status == 2)
                #expect(result.stderr.hasPrefix("trawl: cannot write to Index/ (Unable to get write lock on "))
                #expect(result.stderr.hasSuffix("Permission denied) — make it writable, or index into another folder "
                    + "with --index DIR\n"))
            }
            let elsewhere = try trawlUnprivileged(["index", "--index", "new-index"], in: dir)
            #expect(elsewhere.status == 2)
            #expect(elsewhere.stderr.hasPrefix("trawl: cannot create an index at new-index/: "))
            #expect(elsewhere.stderr.hasSuffix(" — choose a writable place with --index DIR\n"))
        }
    }
}
