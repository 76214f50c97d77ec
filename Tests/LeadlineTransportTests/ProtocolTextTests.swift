import LeadlineTesting
import Testing
@testable import LeadlineTransport

@Suite("IMAP and SMTP text handling (pure)")
struct ProtocolTextTests {
    @Test("UID sets collapse runs and split long sets")
    func uidSets() {
        #expect(IMAPSyntax.uidSet([1, 2, 3, 7, 9, 10]) == "1:3,7,9:10")
        #expect(IMAPSyntax.uidSet([5]) == "5")
        #expect(IMAPSyntax.uidSet([3, 1, 2, 2]) == "1:3")
        let chunks = IMAPSyntax.uidSetChunks(stride(from: 1, to: 20_000, by: 2).map(UInt32.init), maxLength: 1000)
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.count <= 1000 })
        #expect(chunks.joined(separator: ",").split(separator: ",").count == 10_000)
    }

    @Test("SEARCH and STATUS answers are read, other untagged lines ignored")
    func answers() {
        let search = Array("* 3 EXISTS\r\n* SEARCH 4 9 12\r\n".utf8)
        #expect(IMAPSyntax.searchResults(search) == [4, 9, 12])
        #expect(IMAPSyntax.searchResults(Array("* SEARCH\r\n".utf8)) == [])
        #expect(IMAPSyntax.searchResults(Array("* OK\r\n".utf8)) == nil)
        let status = Array("* STATUS \"Sent (old)\" (MESSAGES 3 UIDNEXT 10 UIDVALIDITY 1795465058 UNSEEN 1)\r\n".utf8)
        let items = IMAPSyntax.statusItems(status)
        #expect(items?["UIDVALIDITY"] == 1_795_465_058)
        #expect(items?["UIDNEXT"] == 10)
        #expect(items?["MESSAGES"] == 3)
    }

    @Test("mailbox names are quoted for commands and percent-encoded for URLs")
    func mailboxNames() {
        #expect(IMAPSyntax.quoted(#"Sent "x" \ y"#) == #""Sent \"x\" \\ y""#)
        #expect(IMAPSyntax.urlPath("INBOX/Anfragen 2026") == "INBOX/Anfragen%202026")
        #expect(IMAPSyntax.urlPath("a;b?c#d") == "a%3Bb%3Fc%23d")
    }

    @Test("refused recipients are read from the SMTP dialogue, multi-line replies included")
    func refusedFromDialogue() {
        let dialogue = [
            ProtocolLine(sent: true, text: "MAIL FROM:<ana@firma.pl>"),
            ProtocolLine(sent: false, text: "250 2.1.0 Ok"),
            ProtocolLine(sent: true, text: "RCPT TO:<good@example.ng>"),
            ProtocolLine(sent: false, text: "250 2.1.5 Ok"),
            ProtocolLine(sent: true, text: "RCPT TO:<gone@example.ng>"),
            ProtocolLine(sent: false, text: "550-5.1.1 <gone@example.ng>: Recipient address rejected:"),
            ProtocolLine(sent: false, text: "550 5.1.1 User unknown"),
            ProtocolLine(sent: true, text: "RCPT TO:<busy@example.ng>"),
            ProtocolLine(sent: false, text: "452 4.2.2 Mailbox full"),
            ProtocolLine(sent: true, text: "DATA"),
            ProtocolLine(sent: false, text: "354 End data with <CR><LF>.<CR><LF>"),
        ]
        let refused = SMTPDialogue.refusedRecipients(dialogue)
        #expect(refused.map(\.address) == ["gone@example.ng", "busy@example.ng"])
        #expect(refused.map(\.replyCode) == [550, 452])
        #expect(refused.map(\.isTemporary) == [false, true])
    }

    @Test("error descriptions say what to do and never contain the credential")
    func errorDescriptions() {
        let credential = MailCredential.password(user: "ana@firma.pl", password: "hunter2-secret")
        #expect(!credential.description.contains("hunter2"))
        #expect(!MailCredential.oauth2(user: "ana@firma.pl", accessToken: "ya29.token").description.contains("ya29"))
        let error = TransportError(.authenticationFailed, isTemporary: false, server: "imap.firma.pl:993", detail: "STATUS: Login denied (libcurl 67)")
        #expect(error.description.contains("imap.firma.pl:993"))
        #expect(error.description.contains("Check the user name and password"))
        let missing = TransportError(.messageMissing, isTemporary: false, server: "imap.firma.pl:993", mailbox: "INBOX", uid: 42)
        #expect(missing.description.contains("mailbox INBOX, UID 42"))
    }

    @Test("Maildir unique names drop the flags suffix")
    func maildirUniqueNames() {
        #expect(MaildirSource.uniqueName("1700000000.M1P1.host:2,RS") == "1700000000.M1P1.host")
        #expect(MaildirSource.uniqueName("1700000000.M1P1.host!2,S") == "1700000000.M1P1.host")
        #expect(MaildirSource.uniqueName("1700000000.M1P1.host") == "1700000000.M1P1.host")
    }

    @Test("message keys order numerically by UID within one validity")
    func keyOrder() {
        let keys = [MessageKey(validity: 5, uid: 10), MessageKey(validity: 5, uid: 9), MessageKey(validity: 4, uid: 100)]
        #expect(keys.sorted().map(\.id) == ["100", "9", "10"])
    }
}
