internal import CXapian

/// An error reported by Xapian (or by the shim around it), with a kind that can be matched and Xapian's message.
///
/// ```swift
/// do { _ = try Database(path: "Index") }
/// catch let error as XapianError where error.kind == .databaseNotFound { print("run `trawl index` first") }
/// ```
public struct XapianError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, as a closed set that callers can switch over.
    public enum Kind: String, Sendable, CaseIterable {
        case invalidArgument, invalidOperation, unimplemented
        case databaseNotFound, databaseOpening, databaseVersion, databaseLocked, databaseModified
        case databaseCorrupt, databaseCreate, databaseClosed, database
        case documentNotFound, querySyntax, wildcard, range, network, featureUnavailable, serialisation
        case other, outOfMemory, unknown
    }

    /// The kind of failure.
    public let kind: Kind
    /// Xapian's own message, e.g. "Language code klingon unknown".
    public let message: String

    /// Creates an error; the wrapper makes these from the shim's status codes.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension XapianError.Kind {
    init(_ status: cx_status) {
        switch status {
        case CX_ERR_INVALID_ARGUMENT: self = .invalidArgument
        case CX_ERR_INVALID_OPERATION: self = .invalidOperation
        case CX_ERR_UNIMPLEMENTED: self = .unimplemented
        case CX_ERR_DATABASE_NOT_FOUND: self = .databaseNotFound
        case CX_ERR_DATABASE_OPENING: self = .databaseOpening
        case CX_ERR_DATABASE_VERSION: self = .databaseVersion
        case CX_ERR_DATABASE_LOCK: self = .databaseLocked
        case CX_ERR_DATABASE_MODIFIED: self = .databaseModified
        case CX_ERR_DATABASE_CORRUPT: self = .databaseCorrupt
        case CX_ERR_DATABASE_CREATE: self = .databaseCreate
        case CX_ERR_DATABASE_CLOSED: self = .databaseClosed
        case CX_ERR_DATABASE: self = .database
        case CX_ERR_DOC_NOT_FOUND: self = .documentNotFound
        case CX_ERR_QUERY_PARSER: self = .querySyntax
        case CX_ERR_WILDCARD: self = .wildcard
        case CX_ERR_RANGE: self = .range
        case CX_ERR_NETWORK: self = .network
        case CX_ERR_FEATURE_UNAVAILABLE: self = .featureUnavailable
        case CX_ERR_SERIALISATION: self = .serialisation
        case CX_ERR_XAPIAN: self = .other
        case CX_ERR_NO_MEMORY: self = .outOfMemory
        default: self = .unknown
        }
    }
}

/// The error out-parameter every shim function takes.
typealias ErrorSlot = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

/// Calls a shim function and turns a failure status and its message into a thrown `XapianError`.
/// The one place where status codes become Swift errors.
@inline(__always)
func check(_ body: (ErrorSlot) -> cx_status) throws {
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = body(&message)
    if status == CX_OK { return }
    defer { cx_free(message) }
    let text = message.map { String(cString: $0) } ?? "Xapian error \(status.rawValue)"
    throw XapianError(kind: XapianError.Kind(status), message: text)
}

/// Calls a shim function that creates a handle, returning the handle or throwing.
@inline(__always)
func create(_ body: (UnsafeMutablePointer<OpaquePointer?>, ErrorSlot) -> cx_status) throws
    -> OpaquePointer
{
    var handle: OpaquePointer? = nil
    try check { body(&handle, $0) }
    guard let handle else { preconditionFailure("shim reported success without a handle") }
    return handle
}

/// Passes a Swift string to C as pointer + length, without copying when the string is contiguous UTF-8.
@inline(__always)
func withBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>?, Int) throws -> R) rethrows -> R {
    var string = string
    return try string.withUTF8 { buffer in
        try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress, $0.count) }
    }
}

/// Passes bytes to C as pointer + length.
@inline(__always)
func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>?, Int) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { buffer in
        try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress, $0.count) }
    }
}

/// Calls a shim function that returns a malloc'd buffer, copies it into Swift bytes and frees it.
@inline(__always)
func takeBytes(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>, ErrorSlot)
    -> cx_status) throws -> [UInt8]
{
    var pointer: UnsafeMutablePointer<CChar>? = nil
    var length = 0
    try check { body(&pointer, &length, $0) }
    defer { cx_free(pointer) }
    guard let pointer, length > 0 else { return [] }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

/// As `takeBytes`, decoded as UTF-8 (invalid sequences repaired with U+FFFD).
@inline(__always)
func takeString(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>, ErrorSlot)
    -> cx_status) throws -> String
{
    var pointer: UnsafeMutablePointer<CChar>? = nil
    var length = 0
    try check { body(&pointer, &length, $0) }
    defer { cx_free(pointer) }
    guard let pointer, length > 0 else { return "" }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
}

/// Facts about the Xapian library in use.
public enum XapianLibrary {
    /// Xapian's version, e.g. "1.4.22".
    public static var version: String { String(cString: cx_version_string()) }

    /// How many shim handles are alive (created and not yet freed): 0 once every wrapper object is gone.
    /// For leak checks in tests.
    public static var liveHandles: Int { Int(cx_live_handles()) }
}
