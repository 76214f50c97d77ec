import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Parses RFC 5322 / MIME messages: bytes in, a ``ParsedMessage`` out.
///
/// Lenient by design: broken boundaries, bad base64, unknown charsets and malformed headers still give the best
/// reading, with ``ParsedMessage/diagnostics`` saying what was repaired. Only the limits of ``MIMEOptions`` make a
/// parse fail, with a ``MIMEError`` that says which limit and where; the caller keeps the raw message.
///
/// ```swift
/// let message = try MIMEParser().parse(Array(data))
/// print(message.subject ?? "(no subject)", message.from.first?.address ?? "")
/// ```
public struct MIMEParser: Sendable {
    /// The limits and fallbacks in force.
    public var options: MIMEOptions

    /// A parser with the given options (``MIMEDefaults`` when omitted).
    public init(options: MIMEOptions = MIMEOptions()) {
        self.options = options
    }

    /// Parses one message.
    /// - Parameter bytes: the message as received (CRLF, LF or mixed line endings; an mbox `From ` line is skipped).
    /// - Throws: ``MIMEError`` when the message is empty or beyond a limit of ``options``.
    public func parse(_ bytes: [UInt8]) throws(MIMEError) -> ParsedMessage {
        guard !bytes.isEmpty else { throw MIMEError(code: .empty, offset: 0) }
        guard bytes.count <= options.maxMessageBytes else {
            throw MIMEError(code: .messageTooLarge, offset: 0, limit: options.maxMessageBytes, actual: bytes.count)
        }
        let options = self.options
        // QUIRK: old Mac mail ends lines with a lone CR; read those as line ends (as Python does) by turning each
        // lone CR into LF, which keeps every offset and size.
        let bytes = Self.hasLoneCR(bytes) ? Self.loneCRToLF(bytes) : bytes
        let result: Result<(MIMEPart, [MIMEDiagnostic]), MIMEError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = EntityScanner(bytes: buffer, options: options)
            do throws(MIMEError) {
                let (root, _) = try scanner.readEntity(path: "", depth: 0, defaultType: "text/plain")
                return .success((root, scanner.diagnostics))
            } catch {
                return .failure(error)
            }
        }
        let (root, scanDiagnostics) = try result.get()
        return MessageReader(source: bytes, root: root, diagnostics: scanDiagnostics).read()
    }

    static func hasLoneCR(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count, let found = memchr(buffer.baseAddress! + offset, 0x0D, buffer.count - offset) {
                let index = UnsafeRawPointer(found) - UnsafeRawPointer(buffer.baseAddress!)
                if index + 1 >= buffer.count || buffer[index + 1] != 0x0A { return true }
                offset = index + 1
            }
            return false
        }
    }

    static func loneCRToLF(_ bytes: [UInt8]) -> [UInt8] {
        var output = bytes
        for index in output.indices where output[index] == 0x0D && (index + 1 == output.count || output[index + 1] != 0x0A) {
            output[index] = 0x0A
        }
        return output
    }
}
