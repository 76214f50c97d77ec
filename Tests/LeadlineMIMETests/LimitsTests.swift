import Testing
@testable import LeadlineMIME

@Suite("Limits give clear typed errors; below them the parser degrades and never drops")
struct LimitsTests {
    @Test("a message over the size limit fails with messageTooLarge and the sizes")
    func messageTooLarge() {
        let bytes = Array("Subject: x\n\n".utf8) + [UInt8](repeating: 0x61, count: 2000)
        #expect(throws: MIMEError(code: .messageTooLarge, offset: 0, limit: 1000, actual: bytes.count)) {
            try MIMEParser(options: MIMEOptions(maxMessageBytes: 1000)).parse(bytes)
        }
    }

    @Test("a header block over the limit fails with headerTooLarge")
    func headerTooLarge() throws {
        let bytes = Array(("Subject: x\n" + String(repeating: "X-Filler: 0123456789\n", count: 200) + "\nbody\n").utf8)
        do {
            _ = try MIMEParser(options: MIMEOptions(maxHeaderBytes: 1024)).parse(bytes)
            Issue.record("expected headerTooLarge")
        } catch {
            #expect(error.code == .headerTooLarge)
            #expect(error.description.contains("more than 1024 bytes"))
        }
    }

    @Test("an empty input fails with empty")
    func empty() {
        #expect(throws: MIMEError(code: .empty, offset: 0)) { try MIMEParser().parse([]) }
    }

    @Test("nesting beyond the depth limit is kept as a leaf with a diagnostic, or rejected when asked")
    func depth() throws {
        var text = "Content-Type: multipart/mixed; boundary=b0\n\n"
        for level in 1 ... 10 { text += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n" }
        text += "--b10\nContent-Type: text/plain\n\ndeep text\n"
        let bytes = Array(text.utf8)
        let message = try MIMEParser(options: MIMEOptions(maxPartDepth: 4)).parse(bytes)
        #expect(message.diagnostics.contains { $0.kind == .depthLimit })
        #expect(!message.attachments.isEmpty)
        #expect(throws: MIMEError.self) {
            try MIMEParser(options: MIMEOptions(maxPartDepth: 4, rejectExcessiveDepth: true)).parse(bytes)
        }
        #expect(try MIMEParser().parse(bytes).textPlain?.lf == "deep text")
    }

    @Test("garbage in never throws below the limits: it reads as a text body")
    func garbage() throws {
        let message = try MIMEParser().parse([0xFF, 0x00, 0x0A, 0x3A, 0x0A, 0x2D, 0x2D])
        #expect(message.textPlain != nil)
    }
}

@Suite("Pathological nesting")
struct NestingTests {
    @Test("thousands of nested multiparts and enclosed messages parse without exhausting the stack")
    func deepNesting() throws {
        var multipart = "Content-Type: multipart/mixed; boundary=b0\n\n"
        for level in 1 ... 3000 { multipart += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n" }
        let deepMultipart = try MIMEParser().parse(Array(multipart.utf8))
        #expect(deepMultipart.diagnostics.contains { $0.kind == .depthLimit })
        let enclosed = String(repeating: "Content-Type: message/rfc822\n\n", count: 5000) + "Subject: inner\n\ntext\n"
        let deepMessage = try MIMEParser().parse(Array(enclosed.utf8))
        #expect(deepMessage.diagnostics.contains { $0.kind == .depthLimit })
        #expect(deepMessage.attachments.count == 1)
    }
}
