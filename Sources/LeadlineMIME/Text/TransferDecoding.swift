/// Content-Transfer-Encoding decoders, lenient as mail readers must be: garbage is skipped, missing padding is
/// tolerated, invalid escapes are kept as written.
enum TransferDecoding {
    /// The base64 value of each byte; 0xFF for bytes outside the alphabet, 0xFE for `=`.
    static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        table[Int(UInt8(ascii: "="))] = 0xFE
        return table
    }()

    /// Decodes base64, skipping characters outside the alphabet, stopping at padding that ends a quantum, and
    /// keeping the whole bytes of a final incomplete quantum. `invalid` counts skipped characters (line breaks aside).
    static func decodeBase64<C: Collection<UInt8>>(_ input: C, invalid: inout Int) -> [UInt8] {
        var leftover = 0
        return decodeBase64(input, invalid: &invalid, leftover: &leftover)
    }

    /// As ``decodeBase64(_:invalid:)``; `leftover` is the count of data characters in the final incomplete quantum.
    static func decodeBase64<C: Collection<UInt8>>(_ input: C, invalid: inout Int, leftover: inout Int) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3 + 3)
        scanBase64(input, invalid: &invalid, leftover: &leftover) { output.append($0) }
        return output
    }

    /// The base64 reading shared by decoding and counting: hands each decoded byte to `emit`, in order.
    @inline(__always)
    static func scanBase64<C: Collection<UInt8>>(
        _ input: C, invalid: inout Int, leftover: inout Int, emit: (UInt8) -> Void
    ) {
        var accumulator: UInt32 = 0
        var quadPosition = 0
        var pads = 0
        for byte in input {
            let value = base64Table[Int(byte)]
            if value == 0xFE {
                if quadPosition >= 2 {
                    pads += 1
                    if quadPosition + pads >= 4 { break }
                }
                continue
            }
            if value == 0xFF {
                if byte != 0x0A && byte != 0x0D { invalid += 1 }
                continue
            }
            accumulator = accumulator << 6 | UInt32(value)
            quadPosition += 1
            if quadPosition == 4 {
                emit(UInt8(truncatingIfNeeded: accumulator >> 16))
                emit(UInt8(truncatingIfNeeded: accumulator >> 8))
                emit(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                quadPosition = 0
            }
        }
        leftover = quadPosition
        switch quadPosition {
        case 2: emit(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            emit(UInt8(truncatingIfNeeded: accumulator >> 10))
            emit(UInt8(truncatingIfNeeded: accumulator >> 2))
        default: break
        }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30 ... 0x39: return byte - 0x30
        case 0x41 ... 0x46: return byte - 0x41 + 10
        case 0x61 ... 0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// Decodes quoted-printable: `=XX` escapes (either case), soft line breaks (`=` before CRLF or LF, trailing
    /// whitespace allowed); an invalid escape is kept as written. With `underscoreIsSpace` (RFC 2047 Q) `_` is a space.
    static func decodeQuotedPrintable<C: RandomAccessCollection<UInt8>>(_ input: C, underscoreIsSpace: Bool = false) -> [UInt8]
        where C.Index == Int {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = input.startIndex
        let end = input.endIndex
        while index < end {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                // soft line break: "=" then optional spaces/tabs then CRLF or LF (or end of input)
                var probe = index + 1
                while probe < end && (input[probe] == 0x20 || input[probe] == 0x09) { probe += 1 }
                if probe == end { index = end; continue }
                if input[probe] == 0x0A { index = probe + 1; continue }
                if input[probe] == 0x0D {
                    index = probe + 1
                    if index < end && input[index] == 0x0A { index += 1 }
                    continue
                }
                if index + 2 < end {
                    if let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                        output.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                output.append(byte)
                index += 1
            } else if underscoreIsSpace && byte == UInt8(ascii: "_") {
                output.append(0x20)
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}

extension TransferDecoding {
    /// The number of bytes ``decodeBase64(_:invalid:)`` would produce, without producing them.
    static func base64DecodedCount<C: Collection<UInt8>>(_ input: C, invalid: inout Int, leftover: inout Int) -> Int {
        var count = 0
        scanBase64(input, invalid: &invalid, leftover: &leftover) { _ in count += 1 }
        return count
    }
}
