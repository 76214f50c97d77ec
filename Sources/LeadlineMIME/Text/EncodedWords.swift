/// RFC 2047 encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`) in header text.
///
/// Lenient as mail readers are: words are found anywhere (even inside a token), whitespace between two adjacent
/// encoded words is dropped, adjacent words in the same charset are joined before decoding (so a multi-byte
/// character split across words survives), and a malformed word is left as written.
enum EncodedWords {
    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var range: Range<Int>
    }

    /// Decodes every encoded word in `text` (already unfolded).
    static func decode(_ text: String, decoder: CharsetDecoder = CharsetDecoder()) -> String {
        guard text.contains("=?") else { return text }
        let scalars = Array(text.utf8)
        var words: [Word] = []
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == UInt8(ascii: "="), scalars[index + 1] == UInt8(ascii: "?"), let word = parseWord(scalars, at: index) {
                words.append(word)
                index = word.range.upperBound
            } else {
                index += 1
            }
        }
        if words.isEmpty { return text }
        var output = ""
        var cursor = 0
        var pendingCharset: String?
        var pending: [UInt8] = []
        func flush() {
            if let charset = pendingCharset {
                output += decoder.decode(pending, label: charset).text
            }
            pendingCharset = nil
            pending.removeAll(keepingCapacity: true)
        }
        for word in words {
            let between = scalars[cursor ..< word.range.lowerBound]
            let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if pendingCharset != nil && onlySpace {
                if pendingCharset!.lowercased() != word.charset.lowercased() { flush() }
            } else {
                flush()
                output += String(decoding: between, as: UTF8.self)
            }
            if pendingCharset == nil { pendingCharset = word.charset }
            pending.append(contentsOf: word.bytes)
            cursor = word.range.upperBound
        }
        flush()
        output += String(decoding: scalars[cursor...], as: UTF8.self)
        return output
    }

    /// Parses one encoded word starting at `start` (`=?`), or nil when it is not a well-formed word.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            let byte = bytes[index]
            if byte <= 0x20 || byte == UInt8(ascii: "=") && index == charsetStart { return nil }
            index += 1
        }
        guard index + 2 < bytes.count, index > charsetStart else { return nil }
        let charset = String(decoding: bytes[charsetStart ..< index], as: UTF8.self)
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let textStart = index + 3
        var end = textStart
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: "=")) {
            // Encoded text has no whitespace; Q text never holds "?".
            if bytes[end] == 0x20 && encoding == UInt8(ascii: "b") { return nil }
            if bytes[end] == UInt8(ascii: "?") { return nil }
            end += 1
        }
        guard end + 1 < bytes.count else { return nil }
        let text = bytes[textStart ..< end]
        var decoded: [UInt8]
        if encoding == UInt8(ascii: "b") {
            var invalid = 0
            decoded = TransferDecoding.decodeBase64(text, invalid: &invalid)
        } else {
            decoded = TransferDecoding.decodeQuotedPrintable(Array(text), underscoreIsSpace: true)
        }
        return Word(charset: charset, bytes: decoded, range: start ..< end + 2)
    }
}
