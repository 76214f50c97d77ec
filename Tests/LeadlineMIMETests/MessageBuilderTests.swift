import Foundation
import Testing
@testable import LeadlineMIME

@Suite("Writing messages: what Leadline sends reads back the same, in Leadline and in Python's email")
struct MessageBuilderTests {
    static let date = Date(timeIntervalSince1970: 1_717_408_920) // 2024-06-03T10:02:00Z

    static func reply(text: String = "Dzień dobry Pani Zofio,\nw załączeniu oferta na 3 kontenery.\n",
                      html: String? = "<p>Dzień dobry Pani Zofio,</p><p>w załączeniu oferta.</p>",
                      attachments: [OutgoingAttachment] = [OutgoingAttachment(filename: "oferta_łożyska 2024.pdf", contentType: "application/pdf", data: Array(0 ... 255))]) -> OutgoingMessage {
        OutgoingMessage(
            from: Mailbox(name: "Ola Eksport (Sales)", address: "ola@exporter.example"),
            to: [Mailbox(name: "Zofia Wójcik", address: "zofia@hurt.example.pl"), Mailbox(name: nil, address: "biuro@hurt.example.pl")],
            cc: [Mailbox(name: "王喆", address: "wang@trade.example.cn")],
            subject: "Re: Zamówienie próbne – łożyska kulkowe 6204 i 6205, dostawa do Gdańska w lipcu 2024 roku",
            date: date, dateOffsetSeconds: 7200,
            messageID: MessageBuilder.messageID(unique: "r-42", domain: "exporter.example"),
            inReplyTo: "<pl-88592@hurt.example.pl>", references: ["<first@hurt.example.pl>", "<pl-88592@hurt.example.pl>"],
            text: text, html: html, attachments: attachments)
    }

    @Test("build then parse gives back every field")
    func roundTrip() throws {
        let bytes = try MessageBuilder().build(Self.reply())
        let message = try MIMEParser().parse(bytes)
        #expect(message.subject == "Re: Zamówienie próbne – łożyska kulkowe 6204 i 6205, dostawa do Gdańska w lipcu 2024 roku")
        #expect(message.from == [Mailbox(name: "Ola Eksport (Sales)", address: "ola@exporter.example")])
        #expect(message.to == [Mailbox(name: "Zofia Wójcik", address: "zofia@hurt.example.pl"), Mailbox(name: nil, address: "biuro@hurt.example.pl")])
        #expect(message.cc == [Mailbox(name: "王喆", address: "wang@trade.example.cn")])
        #expect(message.date == Self.date)
        #expect(message.header("Date") == "Mon, 03 Jun 2024 12:02:00 +0200")
        #expect(message.messageID == "<r-42@exporter.example>")
        #expect(message.inReplyTo == "<pl-88592@hurt.example.pl>")
        #expect(message.references == ["<first@hurt.example.pl>", "<pl-88592@hurt.example.pl>"])
        #expect(message.contentType == "multipart/mixed")
        #expect(message.textPlain?.lf == "Dzień dobry Pani Zofio,\nw załączeniu oferta na 3 kontenery.\n")
        #expect(message.html?.lf == "<p>Dzień dobry Pani Zofio,</p><p>w załączeniu oferta.</p>\n")
        #expect(message.attachments == [AttachmentInfo(filename: "oferta_łożyska 2024.pdf", contentType: "application/pdf", size: 256)])
        let attachmentPart = try #require(message.root.children.last)
        #expect(message.decodedBody(of: attachmentPart) == Array(0 ... 255))
        #expect(message.diagnostics.isEmpty)
    }

    @Test("every line is CRLF-terminated, under 78 characters in headers and under 998 bytes anywhere")
    func lineLengths() throws {
        let longLine = String(repeating: "Długa linia bez końca ", count: 80)
        let bytes = try MessageBuilder().build(Self.reply(text: longLine, html: nil, attachments: []))
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count < 998 })
        let headerLines = lines.prefix { !$0.isEmpty }
        #expect(headerLines.allSatisfy { $0.count <= 78 })
        #expect(try MIMEParser().parse(bytes).textPlain?.lf == longLine + "\n")
    }

    @Test("CR and LF in a buyer's name or subject never start a new header")
    func noHeaderInjection() throws {
        var message = Self.reply(html: nil, attachments: [])
        message.subject = "Offer\r\nBcc: victim@example.com\r\n\r\nInjected body"
        message.to = [Mailbox(name: "Evil\nBcc: other@example.com", address: "buyer@example.com")]
        let bytes = try MessageBuilder().build(message)
        let parsed = try MIMEParser().parse(bytes)
        #expect(parsed.headers(named: "Bcc").isEmpty)
        #expect(parsed.subject == "Offer Bcc: victim@example.com Injected body")
        #expect(parsed.to == [Mailbox(name: "Evil Bcc: other@example.com", address: "buyer@example.com")])
    }

    @Test("an address with CR, LF or brackets is refused with the field named")
    func badAddress() {
        var message = Self.reply(html: nil, attachments: [])
        message.to = [Mailbox(name: nil, address: "a@b.example>\r\nBcc: x@y.example")]
        #expect(throws: MIMEBuildError.self) { try MessageBuilder().build(message) }
        do { _ = try MessageBuilder().build(message) } catch { #expect(error.field == "To") }
    }

    @Test("Python's email reads Leadline's messages with no defects and the same fields")
    func pythonReadsOurMessages() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("skipping Python check: python3 is not installed")
            return
        }
        let variants = [Self.reply(), Self.reply(html: nil, attachments: []), Self.reply(text: String(repeating: "x", count: 3000), html: nil)]
        for (index, variant) in variants.enumerated() {
            let path = NSTemporaryDirectory() + "leadline-built-\(getpid())-\(index).eml"
            try Data(try MessageBuilder().build(variant)).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let script = """
            import email, email.policy, sys, json
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            defects = [type(d).__name__ for p in m.walk() for d in p.defects]
            for h in m.keys(): defects += [type(d).__name__ for d in m[h].defects]
            body = m.get_body(('plain',))
            print(json.dumps({"defects": defects, "subject": str(m['subject']), "to": [a.display_name for a in m['to'].addresses],
                              "text": body.get_content() if body else None,
                              "files": [a.get_filename() for a in m.iter_attachments()]}))
            """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script, path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            #expect((json["defects"] as? [String]) == [], "variant \(index): \(json)")
            #expect(json["subject"] as? String == variant.subject)
            #expect(json["to"] as? [String] == ["Zofia Wójcik", ""])
            #expect((json["text"] as? String)?.lf == variant.text.lf + (variant.text.hasSuffix("\n") ? "" : "\n"))
            #expect(json["files"] as? [String] == variant.attachments.map(\.filename))
        }
    }
}

@Suite("Header text written by hand matches what Foundation would write")
struct HeaderTextTests {
    @Test("the Date field is Foundation's RFC 5322 date for random instants and offsets, before 1970 too")
    func dateMatchesFormatter() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 500 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: -2_000_000_000 ... 4_000_000_000, using: &generator)))
            let offset = [0, 3600, -18000, 19800, 20700, -12600, 50400][Int.random(in: 0 ..< 7, using: &generator)]
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: offset)
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
            #expect(MessageBuilder.rfc5322Date(date, offsetSeconds: offset) == formatter.string(from: date), "\(date) \(offset)")
        }
    }

    @Test("sanitizing keeps clean values as they are and folds control characters and space runs to one space")
    func sanitize() {
        #expect(HeaderEncoding.sanitize("Re: Quote for SP-1500") == "Re: Quote for SP-1500")
        #expect(HeaderEncoding.sanitize("  Re:\tQuote\r\n  for  ") == "Re: Quote for")
        #expect(HeaderEncoding.sanitize("Zapytanie ofertowe – pompy") == "Zapytanie ofertowe – pompy")
        #expect(HeaderEncoding.sanitize("a\u{7F}b") == "a b")
        #expect(HeaderEncoding.sanitize("") == "")
        #expect(HeaderEncoding.sanitize(" ") == "")
    }
}

@Suite("A held message is sent with the time it leaves")
struct RedateTests {
    static let queued = Date(timeIntervalSince1970: 1_768_291_500)  // Tue, 13 Jan 2026 08:05:00
    static let sent = Date(timeIntervalSince1970: 1_768_381_200)  // Wed, 14 Jan 2026 09:00:00

    @Test("the Date field says the new time; every other byte, the body's 'Date:' lines included, stays")
    func replacesDateOnly() throws {
        let message = try MessageBuilder().build(OutgoingMessage(
            from: Mailbox(name: "Sunridge Sales", address: "sales@sunridge.example"),
            to: [Mailbox(name: "Adaeze", address: "adaeze@lagos.example")], subject: "Re: RFQ", date: Self.queued,
            messageID: "<a@sunridge.example>", text: "Date: tomorrow\nregards\n"))
        let text = String(decoding: message, as: UTF8.self)
        #expect(text.contains("Date: Tue, 13 Jan 2026 08:05:00 +0000\r\n"))
        let redated = String(decoding: MessageBuilder.redated(message, date: Self.sent), as: UTF8.self)
        #expect(redated == text.replacingOccurrences(of: "Date: Tue, 13 Jan 2026 08:05:00 +0000\r\n",
                                                     with: "Date: Wed, 14 Jan 2026 09:00:00 +0000\r\n"))
        #expect(redated.contains("Date: tomorrow"))
    }

    @Test("a folded or lower-case Date field is replaced whole; a message without one gets one at the top")
    func foldedAndMissing() {
        let folded = Array("Subject: x\r\ndate : Tue,\r\n 13 Jan 2026 08:05:00 +0000\r\nTo: a@b.example\r\n\r\nDate: body\r\n".utf8)
        #expect(String(decoding: MessageBuilder.redated(folded, date: Self.sent), as: UTF8.self)
            == "Subject: x\r\nDate: Wed, 14 Jan 2026 09:00:00 +0000\r\nTo: a@b.example\r\n\r\nDate: body\r\n")
        let none = Array("Subject: x\r\n\r\nDate: body\r\n".utf8)
        #expect(String(decoding: MessageBuilder.redated(none, date: Self.sent), as: UTF8.self)
            == "Date: Wed, 14 Jan 2026 09:00:00 +0000\r\nSubject: x\r\n\r\nDate: body\r\n")
        let dated = Array("Dated-By: x\r\nDate: old\r\n\r\n".utf8)
        #expect(String(decoding: MessageBuilder.redated(dated, date: Self.sent), as: UTF8.self)
            == "Dated-By: x\r\nDate: Wed, 14 Jan 2026 09:00:00 +0000\r\n\r\n")
    }
}
