import Foundation
import Testing
@testable import LeadlineMIME

@Suite("The JSON reading printed by `leadline parse --json`")
struct ParsedMessageRecordTests {
    func json(_ record: ParsedMessageRecord) throws -> [String: Any] {
        let data = try JSONEncoder().encode(record)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a reading carries file and every corpus field, nulls included")
    func fields() throws {
        let message = try TestFiles.parseFixture("bounce.eml")
        let object = try json(ParsedMessageRecord(file: "in/bounce.eml", message: message))
        let expected: Set = ["file", "subject", "from", "to", "cc", "date", "message_id", "in_reply_to", "references",
                             "content_type", "text_plain", "html", "attachments", "diagnostics"]
        #expect(Set(object.keys) == expected)
        #expect(object["file"] as? String == "in/bounce.eml")
        #expect(object["date"] as? String == "2024-06-08T06:00:00Z")
        #expect(object["html"] is NSNull)
        #expect(object["in_reply_to"] is NSNull)
        let attachments = try #require(object["attachments"] as? [[String: Any]])
        #expect(attachments.count == 2)
        #expect(attachments.allSatisfy { $0["size"] is NSNull && $0["filename"] is NSNull })
        let from = try #require(object["from"] as? [[String: Any]])
        #expect(from.first?["name"] as? String == "Mail Delivery System")
    }

    @Test("a file that could not be parsed still gets a line with file and error")
    func errorLine() throws {
        let object = try json(ParsedMessageRecord(file: "x.eml", error: "x.eml: the message is empty (0 bytes)"))
        #expect(Set(object.keys) == ["file", "error"])
        #expect(object["error"] as? String == "x.eml: the message is empty (0 bytes)")
    }
}
