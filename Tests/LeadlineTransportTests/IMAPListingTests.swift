import Foundation
import LeadlineTesting
import Testing
@testable import LeadlineTransport

@Suite("IMAP listing of large and empty mailboxes", requiresMailServers)
struct IMAPListingTests {
    let env = MailServerEnvironment.current!

    @Test("an empty mailbox lists no UIDs")
    func emptyMailbox() async throws {
        let mailbox = uniqueMailboxName("e")
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        try await imap.createTestMailbox(mailbox)
        let status = try await imap.status(of: mailbox)
        #expect(try await imap.uids(in: mailbox, uidValidity: status.uidValidity, above: 0).isEmpty)
        let listing = try await IMAPMailSource(client: imap, mailbox: mailbox).listNew(since: .start)
        #expect(listing.keys.isEmpty)
    }

    @Test("2,000 messages are all listed and all found unseen (one SEARCH answer for all would exceed what libcurl keeps of a line)")
    func largeMailboxListing() async throws {
        let mailbox = uniqueMailboxName("l")
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        try await imap.createTestMailbox(mailbox)
        let message = makeMessage(to: env.user, subject: "many", body: "x\r\n")
        for _ in 0 ..< 2000 { try await imap.append(message, to: mailbox) }
        let status = try await imap.status(of: mailbox)
        let uids = try await imap.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
        #expect(uids == Array(1 ... 2000))
        #expect(try await imap.uids(in: mailbox, uidValidity: status.uidValidity, above: 700) == Array(701 ... 2000))
        try await imap.setSeen(false, in: mailbox, uidValidity: status.uidValidity, uids: uids)
        #expect(try await imap.unseenUIDs(in: mailbox, uidValidity: status.uidValidity, among: uids).count == 2000)
    }
}
