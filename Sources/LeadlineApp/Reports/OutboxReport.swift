import Foundation
import LeadlineStore

/// `leadline outbox` output: a table for people, JSON Lines for scripts.
public enum OutboxReport {
    /// One row per message, newest first, with the reason for held and failed mail.
    public static func table(_ messages: [OutboxMessage], timeZone: TimeZone = .current) -> String {
        guard !messages.isEmpty else { return "The outbox is empty: nothing queued, held or failed.\n" }
        let rows = messages.map { m -> [String] in
            let when = m.state == .sent ? m.sentAt ?? m.nextAttempt : m.nextAttempt
            return [String(m.id), m.state.rawValue, TextFormat.minute(when, timeZone), m.draft.leadID.map { "#\($0)" } ?? "-",
                    m.draft.recipient, "\(m.draft.template) (\(m.draft.language))", String(m.attempts), m.lastError ?? ""]
        }
        let table = TextTable(
            headers: ["ID", "STATE", "WHEN", "LEAD", "TO", "TEMPLATE", "TRIES", "LAST ERROR"],
            rows: rows, maxWidths: [4: 40, 5: 40, 7: 60])
        let counts = Dictionary(grouping: messages, by: \.state).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        return table.render() + "\(messages.count) message\(messages.count == 1 ? "" : "s"): \(counts.joined(separator: ", "))\n"
    }

    /// One JSON object per message (no body: the bytes stay in the store).
    public static func jsonLine(_ m: OutboxMessage) -> String {
        let format = ISO8601DateFormatter()
        var object: [String: Any] = [
            "id": m.id, "state": m.state.rawValue, "account": m.draft.account, "recipient": m.draft.recipient,
            "message_id": m.draft.messageID, "template": m.draft.template, "language": m.draft.language,
            "step": m.draft.stepIndex, "attempts": m.attempts, "next_attempt": format.string(from: m.nextAttempt),
            "queued_at": format.string(from: m.queuedAt), "subject": m.draft.subject,
        ]
        if let lead = m.draft.leadID { object["lead"] = lead }
        if let sent = m.sentAt { object["sent_at"] = format.string(from: sent) }
        if let error = m.lastError { object["error"] = error }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
