import Testing
import Xapian

/// Checks that each test leaves no Xapian handle open: the shim's count of live handles must be 0 when the test
/// ends. The count is for the whole process, so the tests with this trait run one at a time (whatever suite they
/// are in); tests without it (those that only run the binary, which checks its own handles) still run beside them.
public struct XapianHandleCheck: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        await XapianTestLock.shared.acquire()
        let outcome: Result<Void, any Error>
        do {
            try await function()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        let live = XapianLibrary.liveHandles
        await XapianTestLock.shared.release()
        #expect(live == 0, "\(live) Xapian handles still open at the end of \(test.name)")
        try outcome.get()
    }
}

extension Trait where Self == XapianHandleCheck {
    /// The shim reports zero live Xapian handles at the end of each test.
    public static var checksXapianHandles: Self { Self() }
}

/// One test at a time among those that check the process-wide handle count.
actor XapianTestLock {
    static let shared = XapianTestLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
