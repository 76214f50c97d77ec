import LeadlineTesting
import Testing
@testable import LeadlineTransport

@Suite("SMTP send then IMAP fetch against the loopback servers", requiresMailServers)
struct SendAndFetchTests {
    let env = MailServerEnvironment.current!

    @Test("a message sent over submission with STARTTLS is fetched over IMAPS byte for byte")
    func sendThenFetchSameBytes() async throws {
        let mailbox = uniqueMailboxName()
        let to = env.address(forMailbox: mailbox)
        let sent = makeMessage(to: to, subject: "Inquiry: 20 t of cashew nuts", body: "Please quote CIF Lagos.\r\n")
        let smtp = SMTPClient(configuration: env.submission(), logger: testLogger())
        let delivery = try await smtp.send(OutgoingMail(sender: "buyer@example.ng", recipients: [to], data: sent))
        #expect(delivery.accepted == [to])
        #expect(delivery.refused.isEmpty)

        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        let status = try await waitForMessages(imap, mailbox: mailbox, count: 1)
        let uids = try await imap.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
        #expect(uids.count == 1)
        let fetched = try await imap.fetchMessage(in: mailbox, uidValidity: status.uidValidity, uid: uids[0])
        // The delivery chain prepends Return-Path, Delivered-To and Received; the sent bytes follow unchanged.
        #expect(fetched.count > sent.count)
        #expect(endsWith(fetched, sent))
    }
}
