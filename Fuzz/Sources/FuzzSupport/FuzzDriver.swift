import CFuzzDriver

/// A libFuzzer entry point: `LLVMFuzzerTestOneInput`'s signature.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer on `target` with the command line, and returns its exit code.
///
/// SwiftPM links an executable target's entry point as `<Module>_main`, which `-parse-as-library` leaves
/// undefined; each target defines that symbol and hands over to libFuzzer's driver here.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ target: FuzzTarget) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, target)
}
