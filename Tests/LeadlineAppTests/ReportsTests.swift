import Foundation
import LeadlineCore
import LeadlineStore
import Testing
@testable import LeadlineApp

let day0 = Date(timeIntervalSince1970: 1_763_900_000)  // 2025-11-23T12:13:20Z

func sampleLead(id: Int64 = 3, name: String? = "Adebayo Okafor") -> LeadRecord {
    LeadRecord(
        id: id, address: "adebayo@okaforwater.example", name: name, company: "Okafor Water Projects", country: "NG",
        language: "en", kind: .seriousBuyer, confidence: 0.875, firstSeen: day0, lastSeen: day0.addingTimeInterval(3600))
}

@Suite("Reports")
struct ReportsTests {
    @Test("a lead's JSON line has every documented key, with null for unknown values")
    func leadJSONKeys() throws {
        let line = LeadsReport.jsonLine(LeadSummary(lead: sampleLead(name: nil), messageCount: 2))
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in ["id", "address", "name", "company", "country", "language", "kind", "confidence", "stage", "owner",
                    "first_seen", "last_seen", "messages"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["name"] is NSNull)
        #expect(object["kind"] as? String == "serious_buyer")
        #expect(object["messages"] as? Int == 2)
        #expect(object["first_seen"] as? String == "2025-11-23T12:13:20Z")
    }

    @Test("the leads table shows one row per lead and marks kinds set by a person")
    func leadsTable() {
        var corrected = sampleLead(id: 4)
        corrected.kindSource = .person
        let text = LeadsReport.table(
            [LeadSummary(lead: sampleLead(), messageCount: 2), LeadSummary(lead: corrected, messageCount: 1)],
            timeZone: TimeZone(identifier: "UTC")!)
        let lines = text.split(separator: "\n")
        #expect(lines[0].hasPrefix("ID  KIND"))
        #expect(lines[1].hasPrefix("3   serious_buyer   0.88  prospect  NG"))
        #expect(lines[1].contains("2025-11-23 13:13"))
        #expect(lines[2].contains("serious_buyer*"))
        #expect(lines.last == "* kind set by a person")
        #expect(LeadsReport.table([], timeZone: .current) == "No leads.\n")
    }

    @Test("a lead's card shows its timeline in order, with who made corrections")
    func leadCard() {
        let timeline = [
            TimelineEvent(leadID: 3, kind: .inquiry, occurredAt: day0, summary: "Inquiry: 200 units SP-1500"),
            TimelineEvent(leadID: 3, kind: .kindCorrection, occurredAt: day0.addingTimeInterval(60),
                          summary: "price_comparer → serious_buyer", actor: "anna"),
        ]
        let text = LeadsReport.text(LeadDetail(lead: sampleLead(), messageCount: 1, timeline: timeline),
                                    timeZone: TimeZone(identifier: "UTC")!)
        #expect(text.hasPrefix("Lead #3: Adebayo Okafor <adebayo@okaforwater.example>\n"))
        #expect(text.contains("  2025-11-23 12:13  inquiry          Inquiry: 200 units SP-1500\n"))
        #expect(text.contains("kind_correction  price_comparer → serious_buyer (by anna)"))
        let json = LeadsReport.jsonLine(LeadDetail(lead: sampleLead(), messageCount: 1, timeline: timeline))
        #expect(json.contains(#""timeline":[{"#))
    }

    @Test("--since accepts dates, ISO times and spans, and rejects anything else", arguments: [
        ("2025-11-01", "2025-11-01T00:00:00Z"),
        ("2025-11-01T09:30:00Z", "2025-11-01T09:30:00Z"),
        ("7d", "2025-11-16T12:13:20Z"),
        ("36h", "2025-11-22T00:13:20Z"),
        ("2w", "2025-11-09T12:13:20Z"),
    ])
    func sinceForms(text: String, expected: String) {
        let date = SinceParser.parse(text, now: day0, timeZone: TimeZone(identifier: "UTC")!)
        #expect(date.map { $0.formatted(.iso8601) } == expected)
    }

    @Test("--since refuses words and impossible dates", arguments: ["yesterday", "2025-13-01", "7x", ""])
    func sinceRefused(text: String) {
        #expect(SinceParser.parse(text, now: day0, timeZone: .current) == nil)
    }
}
