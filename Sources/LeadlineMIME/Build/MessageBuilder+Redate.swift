public import Foundation

extension MessageBuilder {
    /// `message` (as ``build(_:)`` writes it) with its `Date` field saying `date`, every other byte unchanged: the
    /// time a message really leaves, when the outbox held it (a daily cap, a retry) after it was written. A message
    /// without a `Date` field gets one at the top.
    public static func redated(_ message: [UInt8], date: Date, offsetSeconds: Int = 0) -> [UInt8] {
        let field = Array("Date: \(rfc5322Date(date, offsetSeconds: offsetSeconds))\r\n".utf8)
        var lineStart = 0
        while lineStart < message.count {
            var lineEnd = lineStart
            while lineEnd < message.count, message[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, message.count)
            // The empty line ends the header: no Date field in it.
            if lineEnd == lineStart || (lineEnd == lineStart + 1 && message[lineStart] == 0x0D) { break }
            if isDateField(message, at: lineStart) {
                // The field's value goes on over continuation lines (starting with a space or a tab).
                var end = next
                while end < message.count, message[end] == 0x20 || message[end] == 0x09 {
                    while end < message.count, message[end] != 0x0A { end += 1 }
                    end = min(end + 1, message.count)
                }
                return Array(message[..<lineStart]) + field + Array(message[end...])
            }
            lineStart = next
        }
        return field + message
    }

    private static func isDateField(_ bytes: [UInt8], at start: Int) -> Bool {
        let name: [UInt8] = Array("date".utf8)
        guard start + 5 <= bytes.count else { return false }
        for offset in 0 ..< 4 where bytes[start + offset] | 0x20 != name[offset] { return false }
        var colon = start + 4
        while colon < bytes.count, bytes[colon] == 0x20 || bytes[colon] == 0x09 { colon += 1 }
        return colon < bytes.count && bytes[colon] == UInt8(ascii: ":")
    }
}
