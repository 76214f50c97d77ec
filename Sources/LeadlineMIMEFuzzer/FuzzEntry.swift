import LeadlineMIME

// libFuzzer entry point over the MIME parser (built only with LEADLINE_FUZZ=1; see Scripts/fuzz-mime).
// Every input must parse or fail with a MIMEError, and every derived view must be computable without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIMEParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = MIMEParser(options: MIMEOptions(maxMessageBytes: 1 << 20, maxPartDepth: 32))
    guard let message = try? parser.parse(bytes) else { return 0 }
    _ = message.readableText
    _ = message.newText
    for attachment in message.attachments { _ = attachment.size }
    message.root.walk { part in _ = message.decodedBody(of: part) }
    return 0
}

// SwiftPM links an executable's entry point as `<Target>_main`; hand control to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("LeadlineMIMEFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, { data, size in fuzzMIMEParser(data, size) })
}
