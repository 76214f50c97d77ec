import Foundation
import LeadlineCore
import LeadlineStore

/// How leads are printed: a table for people, JSON Lines for scripts (one object per lead).
///
/// A lead's JSON object always has the keys `id`, `address`, `name`, `company`, `country`, `language`, `kind`,
/// `kind_source`, `confidence`, `stage`, `owner`, `industry`, `region`, `value`, `first_seen`, `last_seen`
/// (ISO 8601, UTC) and `messages`; unknown values are `null`.
public enum LeadsReport {
    /// The JSON object of a lead, on one line.
    public static func jsonLine(_ summary: LeadSummary) -> String {
        JSONLine.encode(object(summary.lead, messages: summary.messageCount))
    }

    /// The lead with its timeline as one JSON object on one line (`timeline`: list of events).
    public static func jsonLine(_ detail: LeadDetail) -> String {
        var value = object(detail.lead, messages: detail.messageCount)
        value["timeline"] = detail.timeline.map { event -> [String: Any] in
            [
                "at": JSONLine.date(event.occurredAt), "kind": event.kind.rawValue, "summary": event.summary,
                "message_id": event.messageID ?? NSNull(), "message_row": event.messageRowID ?? NSNull(),
                "actor": event.actor ?? NSNull(),
            ]
        }
        return JSONLine.encode(value)
    }

    /// A table of leads, or a sentence when there are none.
    public static func table(_ leads: [LeadSummary], timeZone: TimeZone) -> String {
        guard !leads.isEmpty else { return "No leads.\n" }
        let rows = leads.map { item -> [String] in
            let lead = item.lead
            let who = [lead.name, lead.company].compactMap { $0 }.joined(separator: ", ")
            return [
                String(lead.id ?? 0), lead.kind.rawValue + (lead.kindSource == .person ? "*" : ""),
                String(format: "%.2f", lead.confidence), lead.stage.rawValue, lead.country ?? "-",
                String(item.messageCount), TextFormat.minute(lead.lastSeen, timeZone), lead.address, who,
            ]
        }
        let table = TextTable(
            headers: ["ID", "KIND", "CONF", "STAGE", "COUNTRY", "MSGS", "LAST SEEN", "ADDRESS", "NAME"],
            rows: rows, maxWidths: [7: 48, 8: 40])
        let corrected = leads.contains { $0.lead.kindSource == .person } ? "* kind set by a person\n" : ""
        return table.render() + corrected
    }

    /// A lead's card and timeline for people.
    /// - Parameter inquiry: the lead's latest inquiry, whose reasons and facts explain the kind.
    public static func text(_ detail: LeadDetail, inquiry: MessageRecord? = nil, timeZone: TimeZone) -> String {
        let lead = detail.lead
        var lines = ["Lead #\(lead.id ?? 0): \(lead.name.map { "\($0) <\(lead.address)>" } ?? lead.address)"]
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("  \(label.padding(toLength: 11, withPad: " ", startingAt: 0)) \(value)") }
        }
        add("Company", lead.company)
        add("Country", [lead.country, lead.region].compactMap { $0 }.joined(separator: ", "))
        add("Language", lead.language)
        add("Kind", "\(lead.kind.rawValue) (\(String(format: "%.2f", lead.confidence)), "
            + (lead.kindSource == .person ? "set by a person)" : "by the classifier)"))
        add("Stage", lead.stage.rawValue)
        add("Owner", lead.owner ?? "unassigned")
        add("Industry", lead.industry)
        add("Value", lead.value.map { String(format: "%.2f", $0) })
        add("First seen", TextFormat.minute(lead.firstSeen, timeZone))
        add("Last seen", TextFormat.minute(lead.lastSeen, timeZone))
        add("Messages", String(detail.messageCount))
        if let inquiry {
            let reasons = decodeJSON(inquiry.reasons) as? [String] ?? []
            if !reasons.isEmpty {
                lines.append("")
                lines.append("Why \(lead.kind.rawValue):")
                lines += reasons.map { "  - \($0)" }
            }
            if let facts = decodeJSON(inquiry.facts) as? [String: Any], !facts.isEmpty {
                lines.append("")
                lines.append("Facts of the latest inquiry:")
                for key in facts.keys.sorted() {
                    let value: String = switch facts[key] {
                    case let list as [Any]: list.map { "\($0)" }.joined(separator: ", ")
                    case let text as String: text
                    case let other?: "\(other)"
                    case nil: ""
                    }
                    let label = key.replacingOccurrences(of: "_", with: " ")
                    if !value.isEmpty { lines.append("  \(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)") }
                }
            }
        }
        lines.append("")
        lines.append("Timeline:")
        for event in detail.timeline {
            let actor = event.actor.map { " (by \($0))" } ?? ""
            lines.append("  \(TextFormat.minute(event.occurredAt, timeZone))  "
                + "\(event.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))  \(event.summary)\(actor)")
        }
        if detail.timeline.isEmpty { lines.append("  (empty)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func object(_ lead: LeadRecord, messages: Int) -> [String: Any] {
        [
            "id": lead.id ?? 0, "address": lead.address, "name": lead.name ?? NSNull(),
            "company": lead.company ?? NSNull(), "country": lead.country ?? NSNull(),
            "language": lead.language ?? NSNull(), "kind": lead.kind.rawValue, "kind_source": lead.kindSource.rawValue,
            "confidence": lead.confidence, "stage": lead.stage.rawValue, "owner": lead.owner ?? NSNull(),
            "industry": lead.industry ?? NSNull(), "region": lead.region ?? NSNull(), "value": lead.value ?? NSNull(),
            "first_seen": JSONLine.date(lead.firstSeen), "last_seen": JSONLine.date(lead.lastSeen),
            "messages": messages,
        ]
    }
}

/// One JSON object per line, keys sorted, for scripts.
enum JSONLine {
    static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func date(_ date: Date) -> String { date.formatted(.iso8601) }
}

/// Dates for people, in the reader's time zone.
enum TextFormat {
    static func minute(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

/// A JSON text stored in a column, decoded; nil when absent or malformed.
func decodeJSON(_ text: String?) -> Any? {
    guard let data = text?.data(using: .utf8) else { return nil }
    return try? JSONSerialization.jsonObject(with: data)
}
