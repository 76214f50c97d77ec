import Foundation
import Testing

/// The shipped sample inbox is a valid Maildir of realistic messages written for the project.
@Suite("Sample inbox")
struct SampleInboxTests {
    static let inbox = packageRoot.appendingPathComponent("Config/sample-inbox")

    static func messages() throws -> [(name: String, header: String)] {
        try ["cur", "new"].flatMap { folder -> [(String, String)] in
            let url = inbox.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted().map { name in
                let data = try Data(contentsOf: url.appendingPathComponent(name))
                let end = data.range(of: Data("\r\n\r\n".utf8))?.lowerBound ?? data.endIndex
                return (name, String(decoding: data[..<end], as: UTF8.self))
            }
        }
    }

    @Test("it is a Maildir with cur/, new/ and tmp/ and about fifteen messages")
    func maildirShape() throws {
        for folder in ["cur", "new", "tmp"] {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: Self.inbox.appendingPathComponent(folder).path, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
        }
        #expect(try Self.messages().count == 15)
    }

    @Test("every message has a unique Message-ID, a Date, a From and MIME-Version, with CRLF lines")
    func realisticHeaders() throws {
        var ids = Set<String>()
        for message in try Self.messages() {
            let header = message.header.lowercased()
            #expect(header.contains("\r\nmessage-id: <"), "\(message.name)")
            #expect(header.contains("\r\ndate: "), "\(message.name)")
            #expect(header.contains("\r\nfrom: "), "\(message.name)")
            #expect(header.contains("\r\nmime-version: 1.0"), "\(message.name)")
            let id = header.components(separatedBy: "\r\nmessage-id: ").dropFirst().first?.prefix { $0 != "\r" }
            ids.insert(String(id ?? ""))
        }
        #expect(ids.count == 15)
    }

    @Test("it holds the not-leads and the threaded reply the demo relies on")
    func demoCases() throws {
        let headers = try Self.messages().map { $0.header.lowercased() }
        #expect(headers.contains { $0.contains("auto-submitted: auto-replied") && $0.contains("x-autoreply") })
        #expect(headers.contains { $0.contains("content-type: multipart/report; report-type=delivery-status") })
        #expect(headers.contains { $0.contains("list-id: ") })
        #expect(headers.contains { $0.contains("charset=windows-1250") })
        #expect(headers.contains { $0.contains("charset=\"gbk\"") })
        let inquiry = "<cakx7qe1q0-okafor-20261109-0914@mail.okaforwaterprojects.com.ng>"
        #expect(headers.contains { $0.contains("message-id: \(inquiry)") })
        #expect(headers.contains { $0.contains("in-reply-to: \(inquiry)") })
    }
}
