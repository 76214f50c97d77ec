import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Logging
import Testing
@testable import LeadlineApp

/// The ingest pipeline over a local Maildir: exactly once, replies threaded, problems kept.
@Suite struct IngestPipelineTests {
    static let classifier = LeadClassifier(model: try! LeadModel.bundled())

    /// A Maildir in a fresh temporary folder, removed when the last test holding it is done.
    final class Maildir: Sendable {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "leadline-ingest-\(UUID().uuidString)"
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true)
            }
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func deliver(_ name: String, _ text: String) throws {
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: URL(fileURLWithPath: "\(path)/new/\(name)"))
        }
    }

    func pipeline(_ store: LeadlineDatabase, parser: MIMEParser = MIMEParser()) -> IngestPipeline {
        var logger = Logger(label: "leadline.tests.ingest")
        logger.logLevel = .critical
        return IngestPipeline(database: store, parser: parser, classifier: Self.classifier, logger: logger,
                              now: { Date(timeIntervalSince1970: 1_795_000_000) })
    }

    static func inquiry(from: String, id: String, subject: String, body: String, extra: String = "") -> String {
        """
        From: Buyer <\(from)>
        To: sales@supplier.example
        Subject: \(subject)
        Date: Mon, 16 Nov 2026 09:30:00 +0100
        Message-ID: <\(id)>
        \(extra)MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        \(body)
        """
    }

    static let serious = inquiry(
        from: "adaeze@lagos-pumps.example", id: "inq-1@lagos-pumps.example", subject: "RFQ: 40 units SP-750 solar pumps",
        body: "Dear Sir,\nPlease send your proforma invoice for 40 units of model SP-750, CIF Lagos, payment by L/C.\n"
            + "We need delivery before 20 January.\n\nAdaeze Obi\nProcurement, Lagos Pumps Ltd\n+234 803 555 0101")

    @Test("a second pass over an unchanged Maildir stores nothing")
    func secondPassAddsNothing() async throws {
        // Given a Maildir with one inquiry, ingested once
        let maildir = try Maildir()
        try maildir.deliver("1.M1.host", Self.serious)
        let store = try LeadlineDatabase.inMemory()
        let first = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // When the pipeline runs again
        let second = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // Then the first pass made one lead and the second stored nothing
        #expect(first.newLeads == 1 && first.stored == 1)
        #expect(second.listed == 0 && second.stored == 0)
        #expect(try store.listLeads().count == 1)
    }

    @Test("only mail that arrived since the last pass is ingested")
    func onlyNewMailIsIngested() async throws {
        let maildir = try Maildir()
        try maildir.deliver("1.M1.host", Self.serious)
        let store = try LeadlineDatabase.inMemory()
        _ = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // When a second buyer writes
        try maildir.deliver("2.M2.host", Self.inquiry(
            from: "jan@hurt-pl.example", id: "inq-2@hurt-pl.example", subject: "Cennik",
            body: "Dzień dobry, proszę o najniższą cenę i pełny cennik. Pozdrawiam, Jan"))
        let summary = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // Then only that message is read
        #expect(summary.listed == 1 && summary.newLeads == 1)
        #expect(try store.listLeads().count == 2)
    }

    @Test("a threaded answer attaches to the lead as a reply and makes no new lead")
    func threadedReplyAttachesToLead() async throws {
        let maildir = try Maildir()
        try maildir.deliver("1.M1.host", Self.serious)
        let store = try LeadlineDatabase.inMemory()
        _ = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // When a colleague of the buyer answers in the thread, from another address
        try maildir.deliver("2.M2.host", Self.inquiry(
            from: "chidi@lagos-pumps.example", id: "re-1@lagos-pumps.example", subject: "Re: RFQ: 40 units SP-750",
            body: "Please also quote 10 spare controllers.",
            extra: "In-Reply-To: <inq-1@lagos-pumps.example>\nReferences: <inq-1@lagos-pumps.example>\n"))
        let summary = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // Then it is a reply on the first lead, which is now engaged
        #expect(summary.replies == 1 && summary.newLeads == 0, "\(summary)")
        let leads = try store.listLeads()
        #expect(leads.count == 1)
        #expect(leads.first?.lead.stage == .engaged)
    }

    @Test("mail from our own account is never a lead; an answer in a lead's thread goes on its timeline as ours")
    func ownMailIsNeverALead() async throws {
        let maildir = try Maildir()
        try maildir.deliver("1.M1.host", Self.serious)
        try maildir.deliver("2.M2.host", Self.inquiry(
            from: "sales@supplier.example", id: "ours-1@supplier.example", subject: "Re: RFQ: 40 units SP-750",
            body: "Dear Adaeze, please find our quotation attached.", extra: "In-Reply-To: <inq-1@lagos-pumps.example>\n"))
        try maildir.deliver("3.M3.host", Self.inquiry(
            from: "Sales@Supplier.example", id: "ours-2@supplier.example", subject: "Price list 2027",
            body: "Our new price list for all dealers."))
        let store = try LeadlineDatabase.inMemory()
        var logger = Logger(label: "leadline.tests.ingest")
        logger.logLevel = .critical
        let pipeline = IngestPipeline(database: store, classifier: Self.classifier, logger: logger,
                                      now: { Date(timeIntervalSince1970: 1_795_000_000) },
                                      ownAddresses: ["sales@supplier.example"])
        let summary = try await pipeline.ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        #expect(summary.newLeads == 1 && summary.ourMail == 2 && summary.replies == 0)
        let leads = try store.listLeads()
        #expect(leads.map(\.lead.address) == ["adaeze@lagos-pumps.example"])
        #expect(leads.first?.lead.stage == .prospect)
        let timeline = try store.lead(id: leads[0].lead.id!)?.timeline.map(\.kind)
        #expect(timeline == [.inquiry, .ourReply])
    }

    @Test("an auto-reply is stored as not a lead and creates no lead")
    func autoReplyIsNotALead() async throws {
        let maildir = try Maildir()
        try maildir.deliver("1.M1.host", Self.inquiry(
            from: "maria@empresa.example", id: "ooo-1@empresa.example", subject: "Fuera de la oficina",
            body: "Estoy fuera de la oficina hasta el 5 de enero.", extra: "Auto-Submitted: auto-replied\n"))
        let store = try LeadlineDatabase.inMemory()
        let summary = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        #expect(summary.notLeads == 1 && summary.newLeads == 0)
        #expect(try store.listLeads().isEmpty)
    }

    @Test("a message over the size limit is kept as a problem and the pass goes on")
    func unparseableMessageIsKeptAsProblem() async throws {
        let maildir = try Maildir()
        try maildir.deliver("1.M1.host", Self.serious)
        try maildir.deliver("2.M2.host", Self.inquiry(
            from: "big@example.com", id: "big@example.com", subject: "Huge",
            body: String(repeating: "x", count: 20_000)))
        let store = try LeadlineDatabase.inMemory()
        var options = MIMEOptions()
        options.maxMessageBytes = 10_000
        let summary = try await pipeline(store, parser: MIMEParser(options: options))
            .ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        // Then the big one is a problem with its raw bytes kept, and the inquiry still made a lead
        #expect(summary.problems == 1 && summary.newLeads == 1)
        let problems = try store.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.location.key == "2.M2.host")
        let raw = try problems.first.flatMap { try store.rawMessage(rowID: $0.messageRowID) }
        #expect((raw?.count ?? 0) > 20_000)
        // And a later pass does not read it again
        let again = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: maildir.path))
        #expect(again.listed == 0)
    }

    @Test("the same message in two mailboxes is one lead and one duplicate")
    func copyInAnotherMailboxIsADuplicate() async throws {
        let inbox = try Maildir()
        let archive = try Maildir()
        try inbox.deliver("1.M1.host", Self.serious)
        try archive.deliver("9.M9.host", Self.serious)
        let store = try LeadlineDatabase.inMemory()
        _ = try await pipeline(store).ingest(account: "demo", mailbox: "inbox", from: MaildirSource(path: inbox.path))
        let summary = try await pipeline(store).ingest(account: "demo", mailbox: "archive", from: MaildirSource(path: archive.path))
        #expect(summary.duplicates == 1 && summary.newLeads == 0)
        #expect(try store.listLeads().first?.messageCount == 1)
    }
}
