/// Quoted-printable (RFC 2045 6.7) for text bodies: lines at most 76 characters with soft breaks, `=`, 8-bit and
/// control bytes escaped, trailing whitespace escaped, CRLF line endings.
enum QuotedPrintableEncoder {
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func encode(_ lines: [[UInt8]]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(lines.reduce(0) { $0 + $1.count + 2 } * 3 / 2)
        for (lineIndex, line) in lines.enumerated() {
            var length = 0
            for (index, byte) in line.enumerated() {
                let isLast = index == line.count - 1
                let literal = (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !isLast)
                let width = literal ? 1 : 3
                // leave room for a soft break "=" (and for a final escape on the last characters)
                if length + width > 75 {
                    output.append(contentsOf: [UInt8(ascii: "="), 0x0D, 0x0A])
                    length = 0
                }
                // a line must not start with "From " or a lone "." after a soft break: escape the first byte
                if literal && !(length == 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "F"))) {
                    output.append(byte)
                    length += 1
                } else {
                    output.append(UInt8(ascii: "="))
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0F)])
                    length += 3
                }
            }
            if lineIndex < lines.count - 1 { output.append(contentsOf: [0x0D, 0x0A]) }
        }
        return output
    }
}
