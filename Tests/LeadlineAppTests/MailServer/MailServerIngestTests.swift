import Foundation
import LeadlineApp
import LeadlineStore
import LeadlineTesting
import LeadlineTransport
import Testing

@Test("the loopback mail servers from Scripts/test are running (for the end-to-end ingest tests)")
func mailServersAreRunningForIngest() {
    #expect(MailServerEnvironment.current != nil, Comment(rawValue: MailServerEnvironment.missingMessage))
}

/// The worker against the real Dovecot and Postfix: mail delivered over SMTP, read over IMAPS by an account
/// configured as a user would, each test on its own mailbox and database.
@Suite("ingest from the loopback Dovecot, end to end", requiresMailServers)
struct MailServerIngestTests {
    let env = MailServerEnvironment.current!
    var postman: Postman { Postman(env: env) }

    func inquiries(_ range: Range<Int>, tag: String) -> [TestMail] {
        range.map { TestMail.inquiry($0, tag: tag, to: env.user) }
    }

    @Test("mail delivered over SMTP is ingested once, and a second pass adds nothing")
    func deliveredMailIsIngestedOnce() async throws {
        // Given three inquiries delivered to the account's mailbox
        let account = try ServerAccount(env: env, mailbox: uniqueMailboxName("e"))
        defer { account.remove() }
        let mail = inquiries(0 ..< 3, tag: account.mailbox)
        try await postman.deliver(mail, to: account.mailbox, expectTotal: 3)
        // When the worker runs twice
        let first = try ServerAccount.summary(try await account.runOnce().report)
        let (secondReport, store) = try await account.runOnce()
        let second = try ServerAccount.summary(secondReport)
        // Then the first pass stored each message once and made three leads, the second found nothing
        #expect(first.listed == 3 && first.stored == 3 && first.newLeads == 3, "\(first)")
        #expect(second.listed == 0 && second.stored == 0, "\(second)")
        let counts = try StoreCounts(store)
        #expect(counts.messages == 3 && counts.leads == 3 && counts.problems == 0)
        #expect(counts.rowsByMessageID == Dictionary(uniqueKeysWithValues: mail.map { ($0.messageID, 1) }))
    }

    @Test("more mail arrives and only it is ingested")
    func onlyNewMailIsIngested() async throws {
        let account = try ServerAccount(env: env, mailbox: uniqueMailboxName("e"))
        defer { account.remove() }
        let mail = inquiries(0 ..< 4, tag: account.mailbox)
        try await postman.deliver(Array(mail[0 ..< 2]), to: account.mailbox, expectTotal: 2)
        _ = try await account.runOnce()
        // When two more inquiries arrive
        try await postman.deliver(Array(mail[2 ..< 4]), to: account.mailbox, expectTotal: 4)
        let (report, store) = try await account.runOnce()
        // Then only those two are read
        let summary = try ServerAccount.summary(report)
        #expect(summary.listed == 2 && summary.newLeads == 2, "\(summary)")
        let counts = try StoreCounts(store)
        #expect(counts.messages == 4 && counts.leads == 4)
        #expect(counts.rowsByMessageID.values.allSatisfy { $0 == 1 })
    }

    @Test("a mailbox recreated by the server (new UIDVALIDITY) is read again without duplicating anything")
    func uidValidityChangeRereadsWithoutDuplicates() async throws {
        let account = try ServerAccount(env: env, mailbox: uniqueMailboxName("v"))
        defer { account.remove() }
        let mail = inquiries(0 ..< 4, tag: account.mailbox)
        try await postman.deliver(Array(mail[0 ..< 3]), to: account.mailbox, expectTotal: 3)
        let imap = postman.imap()
        let before = try await imap.status(of: account.mailbox)
        _ = try await account.runOnce()
        // When the mailbox is deleted and the same three messages arrive again, plus a new one
        try await imap.deleteMailbox(account.mailbox)
        try await postman.deliver(mail, to: account.mailbox, expectTotal: 4)
        let after = try await imap.status(of: account.mailbox)
        try #require(after.uidValidity != before.uidValidity)
        let (report, store) = try await account.runOnce()
        // Then the pass noticed the renumbering, recognised the three as copies, and made one new lead
        let summary = try ServerAccount.summary(report)
        #expect(summary.wasReset, "\(summary)")
        #expect(summary.listed == 4 && summary.duplicates == 3 && summary.newLeads == 1, "\(summary)")
        let counts = try StoreCounts(store)
        #expect(counts.leads == 4)
        #expect(counts.originalsByMessageID == Dictionary(uniqueKeysWithValues: mail.map { ($0.messageID, 1) }))
        // And a further pass reads nothing
        let again = try ServerAccount.summary(try await account.runOnce().report)
        #expect(again.listed == 0 && !again.wasReset, "\(again)")
    }

    @Test("a reply in the thread attaches to its lead (In-Reply-To), marks it engaged and makes no new lead")
    func replyThreadsOntoItsLead() async throws {
        let account = try ServerAccount(env: env, mailbox: uniqueMailboxName("r"))
        defer { account.remove() }
        let inquiry = TestMail.inquiry(0, tag: account.mailbox, to: env.user)
        try await postman.deliver([inquiry], to: account.mailbox, expectTotal: 1)
        _ = try await account.runOnce()
        // When a colleague of the buyer answers in the thread, from another address
        let reply = TestMail.reply(to: inquiry, tag: account.mailbox, to: env.user)
        try await postman.deliver([reply], to: account.mailbox, expectTotal: 2)
        let (report, store) = try await account.runOnce()
        // Then it is a reply on the buyer's lead
        let summary = try ServerAccount.summary(report)
        #expect(summary.replies == 1 && summary.newLeads == 0, "\(summary)")
        let leads = try store.listLeads()
        try #require(leads.count == 1)
        #expect(leads[0].lead.address == inquiry.sender)
        #expect(leads[0].lead.stage == .engaged)
        let leadID = try #require(leads[0].lead.id)
        let detail = try #require(try store.lead(id: leadID))
        #expect(detail.timeline.map(\.kind) == [.inquiry, .theirReply])
        #expect(detail.timeline.last?.messageID == reply.messageID)
    }

    @Test("unseen messages stay unseen after ingest, and read ones stay read")
    func unseenStaysUnseen() async throws {
        let account = try ServerAccount(env: env, mailbox: uniqueMailboxName("u"))
        defer { account.remove() }
        try await postman.deliver(inquiries(0 ..< 3, tag: account.mailbox), to: account.mailbox, expectTotal: 3)
        let imap = postman.imap()
        let status = try await imap.status(of: account.mailbox)
        let uids = try await imap.uids(in: account.mailbox, uidValidity: status.uidValidity, above: 0)
        // Given a salesperson has read the first one
        try await imap.setSeen(true, in: account.mailbox, uidValidity: status.uidValidity, uids: [uids[0]])
        // When the worker ingests all three
        let summary = try ServerAccount.summary(try await account.runOnce().report)
        #expect(summary.stored == 3)
        // Then exactly the two unread ones are still unread
        let unseen = try await imap.unseenUIDs(in: account.mailbox, uidValidity: status.uidValidity, among: uids)
        #expect(unseen == Set(uids[1...]))
    }
}
