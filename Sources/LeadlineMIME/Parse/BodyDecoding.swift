/// Undoes a part's Content-Transfer-Encoding.
enum BodyDecoding {
    /// The decoded bytes of an encoded body; an unknown encoding leaves the bytes as they are.
    static func decode(_ body: ArraySlice<UInt8>, transferEncoding: String, isText: Bool = false) -> [UInt8] {
        switch transferEncoding {
        case "base64":
            var invalid = 0
            var leftover = 0
            let decoded = TransferDecoding.decodeBase64(body, invalid: &invalid, leftover: &leftover)
            // QUIRK: text labelled base64 that is not (spaces and punctuation throughout) reads as written.
            return looksUnencoded(invalid: invalid, leftover: leftover, length: body.count, isText: isText) ? Array(body) : decoded
        case "quoted-printable":
            return TransferDecoding.decodeQuotedPrintable(Array(body))
        case "x-uuencode", "uuencode", "x-uue", "uue":
            return decodeUU(body) ?? Array(body)
        default:
            return Array(body)
        }
    }

    /// The decoded size of an encoded body, without keeping a decoded copy of base64 content.
    static func decodedCount(_ body: ArraySlice<UInt8>, transferEncoding: String, isText: Bool = false) -> Int {
        if transferEncoding == "base64" {
            var invalid = 0
            var leftover = 0
            let count = TransferDecoding.base64DecodedCount(body, invalid: &invalid, leftover: &leftover)
            return looksUnencoded(invalid: invalid, leftover: leftover, length: body.count, isText: isText) ? body.count : count
        }
        return decode(body, transferEncoding: transferEncoding, isText: isText).count
    }

    /// True when a base64 body cannot be base64: many characters outside the alphabet (spaces and punctuation
    /// throughout, as in text), and for a non-text part also a dangling final character (which no encoder writes).
    /// Such a body is read as written.
    static func looksUnencoded(invalid: Int, leftover: Int, length: Int, isText: Bool) -> Bool {
        invalid > 8 && invalid * 20 > length && (isText || leftover == 1)
    }

    /// uuencode (`begin 644 name` ... `end`); nil when there is no begin line.
    static func decodeUU(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard let beginIndex = lines.firstIndex(where: { $0.starts(with: Array("begin ".utf8)) }) else { return nil }
        var output: [UInt8] = []
        for var line in lines[(beginIndex + 1)...] {
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: Array("end".utf8)) { break }
            guard let first = line.first else { continue }
            let count = Int((first &- 0x20) & 0x3F)
            if count == 0 { continue }
            var values: [UInt8] = line.dropFirst().map { ($0 &- 0x20) & 0x3F }
            while values.count % 4 != 0 { values.append(0) }
            var produced: [UInt8] = []
            var index = 0
            while index + 3 < values.count {
                produced.append(values[index] << 2 | values[index + 1] >> 4)
                produced.append(values[index + 1] << 4 | values[index + 2] >> 2)
                produced.append(values[index + 2] << 6 | values[index + 3])
                index += 4
            }
            output.append(contentsOf: produced.prefix(count))
        }
        return output
    }
}
