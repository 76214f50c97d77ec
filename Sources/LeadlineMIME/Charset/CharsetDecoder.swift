import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes bytes in a mail charset to a String: UTF-8 and windows-1252 in Swift, every other charset through glibc
/// iconv. Invalid sequences become U+FFFD and decoding goes on: a message is never lost to a bad byte.
public struct CharsetDecoder: Sendable {
    /// The outcome of one decode: the text, and whether the label was known and the bytes valid in it.
    public struct Result: Sendable, Equatable {
        /// The decoded text.
        public var text: String
        /// False when the label was unknown (the text then comes from a fallback).
        public var labelKnown: Bool
        /// Number of byte sequences that were invalid in the charset and became U+FFFD.
        public var invalidSequences: Int
    }

    public init() {}

    /// Decodes `bytes` labelled `label` (nil: no label). Unlabelled or unknown-labelled 8-bit text is read as UTF-8
    /// when valid, else as windows-1252; a `us-ascii` or `iso-8859-1` label with valid UTF-8 8-bit text reads as
    /// UTF-8, since that is what the sender's program wrote.
    public func decode<C: Collection<UInt8>>(_ bytes: C, label: String?) -> Result {
        let charset = label.flatMap(Charset.resolve)
        return decode(bytes, charset: charset, labelKnown: label == nil || charset != nil)
    }

    /// Decodes `bytes` in a resolved charset (nil: guess UTF-8, else windows-1252).
    func decode<C: Collection<UInt8>>(_ bytes: C, charset: Charset?, labelKnown: Bool) -> Result {
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        switch charset {
        case .utf8?:
            if isASCII { return Result(text: String(decoding: bytes, as: UTF8.self), labelKnown: true, invalidSequences: 0) }
            let (text, invalid) = Self.decodeUTF8(bytes)
            return Result(text: text, labelKnown: true, invalidSequences: invalid)
        case .windows1252?:
            if isASCII { return Result(text: String(decoding: bytes, as: UTF8.self), labelKnown: true, invalidSequences: 0) }
            return Result(text: Self.decodeWindows1252(bytes), labelKnown: true, invalidSequences: 0)
        case .ascii?, nil:
            if isASCII { return Result(text: String(decoding: bytes, as: UTF8.self), labelKnown: labelKnown, invalidSequences: 0) }
            let (text, invalid) = Self.decodeUTF8(bytes)
            if invalid == 0 { return Result(text: text, labelKnown: labelKnown, invalidSequences: 0) }
            return Result(text: Self.decodeWindows1252(bytes), labelKnown: labelKnown, invalidSequences: 0)
        case .iconv(let name)?:
            if isASCII && !Self.isStateful(name) {
                return Result(text: String(decoding: bytes, as: UTF8.self), labelKnown: true, invalidSequences: 0)
            }
            var decoded = Self.decodeIconv(Array(bytes), from: name)
            // The strict table first (as Python and most readers map it); the vendor superset only when the strict
            // one meets characters it lacks (NEC/IBM extensions in Japanese mail, HKSCS in Big5).
            if let (_, invalid) = decoded, invalid > 0, let wider = Self.wider(name, bytes: Array(bytes), isASCII: isASCII),
               wider.1 < invalid {
                decoded = wider
            }
            if let (text, invalid) = decoded {
                // QUIRK: a label the bytes are invalid in, while they are valid UTF-8: the sender's program wrote UTF-8.
                if invalid > 0 && !isASCII {
                    let (utf8, utf8Invalid) = Self.decodeUTF8(bytes)
                    if utf8Invalid == 0 { return Result(text: utf8, labelKnown: true, invalidSequences: 0) }
                }
                return Result(text: text, labelKnown: true, invalidSequences: invalid)
            }
            let (text, invalid) = Self.decodeUTF8(bytes)
            return Result(text: invalid == 0 ? text : Self.decodeWindows1252(bytes), labelKnown: false, invalidSequences: 0)
        }
    }

    private static func wider(_ name: String, bytes: [UInt8], isASCII: Bool) -> (String, Int)? {
        switch name {
        case "SHIFT_JIS": return decodeIconv(bytes, from: "CP932")
        case "EUC-JP": return decodeIconv(bytes, from: "EUC-JP-MS")
        case "BIG5": return decodeIconv(bytes, from: "BIG5-HKSCS")
        case "ISO-2022-JP" where isASCII: return decodeIconv(ISO2022JP.toEUCJP(bytes), from: "EUC-JP-MS")
        default: return nil
        }
    }

    private static func isStateful(_ name: String) -> Bool {
        name.hasPrefix("ISO-2022") || name.hasPrefix("UTF-7") || name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32")
    }

    /// UTF-8 with U+FFFD for each invalid sequence, and the count of those.
    static func decodeUTF8<C: Collection<UInt8>>(_ bytes: C) -> (String, Int) {
        var invalid = 0
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var codec = UTF8()
        loop: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: invalid += 1; scalars.append("\u{FFFD}")
            }
        }
        if invalid == 0 { return (String(decoding: bytes, as: UTF8.self), 0) }
        return (String(scalars), invalid)
    }

    private static let cp1252High: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Windows-1252 (a superset of ISO-8859-1 for printable text); never fails.
    static func decodeWindows1252<C: Collection<UInt8>>(_ bytes: C) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value: UInt32 = (0x80 ..< 0xA0).contains(byte) ? UInt32(cp1252High[Int(byte) - 0x80]) : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// Decodes through iconv; nil when iconv does not know `name`.
    static func decodeIconv(_ input: [UInt8], from name: String) -> (String, Int)? {
        let handle = iconv_open("UTF-8", name)
        if handle == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(handle) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2 + 16)
        var invalid = 0
        var buffer = [UInt8](repeating: 0, count: 16_384)
        input.withUnsafeBufferPointer { inBuffer in
            var inPointer = UnsafeMutablePointer(mutating: inBuffer.baseAddress).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var inLeft = inBuffer.count
            buffer.withUnsafeMutableBufferPointer { outBuffer in
                let outBase = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = outBuffer.count
                    let flushing = inLeft == 0
                    let result = flushing
                        ? iconv(handle, nil, nil, &outPointer, &outLeft)
                        : iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = outBuffer.count - outLeft
                    output.append(contentsOf: UnsafeBufferPointer(start: outBuffer.baseAddress, count: produced))
                    if result != -1 { if flushing { break } else { continue } }
                    let code = errno
                    if code == E2BIG { continue }
                    if flushing { break }
                    // EILSEQ or EINVAL (truncated sequence at the end): one replacement character, skip one byte.
                    invalid += 1
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    iconv(handle, nil, nil, nil, nil)
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), invalid)
    }
}
