import Foundation
import Testing
@testable import LeadlineMIME

/// Where Leadline reads a message differently from Python's `email` on purpose (the corpus JSON is Python's reading;
/// see ../shared/corpus/mime/SOURCES.md, "Oracle caveats"). Each test names the class, why ours is the better
/// reading, and the corpus files in that class.
@Suite("Deliberate disagreements with Python's email, and why")
struct PythonDisagreementTests {
    func parse(_ text: String) throws -> ParsedMessage { try MIMEParser().parse(Array(text.utf8)) }

    @Test("an unquoted boundary containing '=' is honoured (Python truncates it and loses every part; mailgem illegal_boundary, bad_time)")
    func unquotedBoundaryWithEquals() throws {
        let message = try parse("Content-Type: multipart/alternative; boundary=----=_NextPart_000_0093\n\n------=_NextPart_000_0093\nContent-Type: text/plain\n\nHello\n------=_NextPart_000_0093\nContent-Type: text/html\n\n<p>Hello</p>\n------=_NextPart_000_0093--\n")
        #expect(message.textPlain == "Hello")
        #expect(message.html == "<p>Hello</p>")
    }

    @Test("adjacent encoded words in a display name join without spaces, per RFC 2047 section 6.2 (Python keeps the spaces; mailgem bad_subject, phpmimeparser m0124)")
    func adjacentEncodedWordsInNames() throws {
        let message = try parse("From: =?UTF-8?B?TXlTdXJ2ZXk=?=\n =?UTF-8?B?LmNvbSAmIEM=?=\n =?UTF-8?B?YXJvbCBBZGE=?= <carol@example.com>\n\nbody\n")
        #expect(message.from == [Mailbox(name: "MySurvey.com & Carol Ada", address: "carol@example.com")])
    }

    @Test("an address in angle brackets is the mailbox even when the name looks like an address (Python takes the name; mimekit issue358, spamscope mail_test_19)")
    func angleAddressWins() throws {
        // Replies go to the bracketed address; showing the name part as the sender would hide a spoofed From.
        let message = try parse("From: alice@example.com <bob@example.com>\n\nbody\n")
        #expect(message.from == [Mailbox(name: "alice@example.com", address: "bob@example.com")])
    }

    @Test("base64 with one stray character still decodes (Python returns the encoded text; enmime extra-base64-character)")
    func strayBase64Character() throws {
        let message = try parse("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVsbG8gV29ybGQhA\n")
        #expect(message.textPlain == "Hello World!")
    }

    @Test("text labelled base64 that is not base64 keeps its line breaks (Python joins all lines; enmime bad-content-transfer-encoding)")
    func notBase64KeepsLines() throws {
        let message = try parse("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nthis is plain text, not base64 at all!\nsecond line of plain text here, truly.\n")
        #expect(message.textPlain?.lf == "this is plain text, not base64 at all!\nsecond line of plain text here, truly.\n")
    }

    @Test("an encoded word as an unquoted file name is decoded, as mail clients do (Python gives no name; mailgem attachment_with_base64_encoded_name, mime4j russian-headers)")
    func unquotedEncodedWordFilename() throws {
        let message = try parse("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b\nContent-Type: application/pdf; name==?utf-8?B?VGhpcyBpcyBhIHRlc3QucGRm?=\nContent-Transfer-Encoding: base64\n\nJVBE\n--b--\n")
        #expect(message.attachments.first?.filename == "This is a test.pdf")
    }

    @Test("ISO-2022-JP with NEC extensions decodes as CP50221 does (Python leaves the encoded word raw; phpmimeparser issue116)")
    func iso2022jpExtensions() throws {
        let message = try parse("Subject: =?iso-2022-jp?B?GyRCJygnJS1iGyhCNDEgGyRCJ2AnZBsoQiAyOC4wOS4yMDE2?=\n\nbody\n")
        #expect(message.subject == "ЖД№41 от 28.09.2016")
    }

    @Test("a Message-ID is kept as written, for threading (Python truncates ids with two @; mailgem double_at_in_header)")
    func messageIDAsWritten() throws {
        let message = try parse("Message-Id: <d3b8@0c28@f473e@37signals.com>\n\nbody\n")
        #expect(message.messageID == "<d3b8@0c28@f473e@37signals.com>")
    }

    @Test("an unquoted file name with '/' is kept whole (Python cuts it at the '/'; phpmimeparser issue133)")
    func filenameWithSlash() throws {
        let message = try parse("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=attach/01\n\nxx\n--b--\n")
        #expect(message.attachments.first?.filename == "attach/01")
    }
}
