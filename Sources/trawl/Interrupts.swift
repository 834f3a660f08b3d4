import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM taken as a request to stop: the first is recorded (the indexer asks between files,
/// commits what it has done and returns); a second one ends the process at once, as if nothing caught it.
///
/// The signals are received by a dispatch source, not a handler in signal context, so recording one is
/// ordinary code; the flag is guarded by the source's serial queue.
final class Interrupts: @unchecked Sendable {
    private let queue = DispatchQueue(label: "trawl.interrupts")
    private var sources: [any DispatchSourceSignal] = []
    /// The first signal received (0: none yet). Read and written only on `queue`.
    private var received: Int32 = 0

    init(signals: [Int32] = [SIGINT, SIGTERM]) {
        for number in signals {
            signal(number, SIG_IGN)  // delivered to the source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                if received != 0 { Self.die(of: number) }
                received = number
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that asked to stop, or nil.
    var requested: Int32? {
        queue.sync { received == 0 ? nil : received }
    }

    /// Ends the process by `number` with its default action, so that a shell sees the signal (and stops a
    /// loop running trawl), rather than an exit status.
    static func die(of number: Int32) -> Never {
        signal(number, SIG_DFL)
        // Dispatch may have blocked the signal in this thread; a blocked signal would not end it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        terminate(128 + number)
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
