import Foundation
import LeadlineMIME

/// A readable summary of one message for a salesperson.
enum MessageSummary {
    static func text(for record: ParsedMessageRecord) -> String {
        guard let message = record.message else { return "\(record.file)\n  could not be read: \(record.error ?? "unknown error")\n" }
        func people(_ list: [Mailbox]) -> String {
            list.isEmpty ? "(none)" : list.map { mailbox in mailbox.name.map { "\($0) <\(mailbox.address)>" } ?? mailbox.address }.joined(separator: ", ")
        }
        var lines = [record.file]
        lines.append("  From:     \(people(message.from))")
        lines.append("  To:       \(people(message.to))")
        if !message.cc.isEmpty { lines.append("  Cc:       \(people(message.cc))") }
        lines.append("  Subject:  \(message.subject ?? "(no subject)")")
        lines.append("  Date:     \(message.date.map(DateParser.iso8601UTC) ?? "(none or unreadable)")")
        let text = message.newText.trimmingCharacters(in: .whitespacesAndNewlines)
        let preview = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(12)
        lines.append("  Text:")
        lines.append(contentsOf: preview.isEmpty ? ["    (no readable text)"] : preview.map { "    \($0)" })
        for attachment in message.attachments {
            let size = attachment.size.map { "\($0) bytes" } ?? "enclosed message"
            lines.append("  Attached: \(attachment.filename ?? "(unnamed)") (\(attachment.contentType), \(size))")
        }
        for diagnostic in message.diagnostics { lines.append("  Note:     \(diagnostic)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
