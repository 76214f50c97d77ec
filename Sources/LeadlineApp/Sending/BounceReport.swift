import Foundation

/// Reads the few facts the sequencer needs from a delivery report (RFC 3464) or a plain bounce text.
enum BounceReport {
    /// A permanent failure: `Action: failed`, or (without any Action field) a 5.x.x status or a 55x reply.
    /// `Action: delayed` alone is temporary.
    static func isPermanent(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.range(of: #"action:\s*failed"#, options: .regularExpression) != nil { return true }
        if lower.range(of: #"action:\s*(delayed|delivered|relayed|expanded)"#, options: .regularExpression) != nil { return false }
        return lower.range(of: #"(^|[^0-9.])5\.[0-9]{1,3}\.[0-9]{1,3}([^0-9]|$)|(^|[^0-9])55[0-4][ -]"#,
                           options: .regularExpression) != nil
    }

    /// The `Final-Recipient` (or `Original-Recipient`) addresses of the report, lower-case.
    static func failedRecipients(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let lower = line.lowercased()
            guard lower.hasPrefix("final-recipient:") || lower.hasPrefix("original-recipient:") else { continue }
            let value = lower.split(separator: ";", maxSplits: 1).last.map(String.init) ?? ""
            let address = value.trimmingCharacters(in: CharacterSet(charactersIn: " <>\t\r"))
            if address.contains("@"), !found.contains(address) { found.append(address) }
        }
        return found
    }

    /// Every `<id@domain>` token of the text (the original message's Message-ID, quoted in the report).
    static func messageIDs(_ text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"<[^<>\s@]+@[^<>\s@]+>"#) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).prefix(50).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}
