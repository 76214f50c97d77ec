import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Logging
import LeadlineTesting
import Testing
@testable import LeadlineApp

/// The loopback servers of `Scripts/test`, with what these tests add: delivering as a buyer and reading a mailbox.
typealias AppMailServers = MailServerEnvironment

extension MailServerEnvironment {
    /// `sales+box@domain`: Dovecot files it into the sales user's mailbox `box`.
    func address(_ box: String) -> String { address(forMailbox: box) }

    var imapEndpoint: ServerEndpoint { imapStartTLS().endpoint }

    /// Delivers `text` as a buyer would, through the plain SMTP port.
    func deliver(_ text: String, from: String, to: String, logger: Logger) async throws {
        let client = SMTPClient(configuration: .init(endpoint: ServerEndpoint(
            host: host, port: smtpPort, security: .startTLS, credential: .password(user: user, password: password),
            caFile: caFile, connectTimeout: 5, stallTimeout: 20), heloName: "buyer.example"), logger: logger)
        _ = try await client.send(OutgoingMail(sender: from, recipients: [to],
                                               data: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)))
    }

    /// Every message in the sales user's mailbox `box` (empty when it does not exist), waiting up to `seconds` for
    /// at least `atLeast` to arrive (delivery through Postfix and LMTP takes milliseconds, not a fixed time).
    func messages(in box: String, atLeast: Int = 0, seconds: Double = 10, logger: Logger) async throws -> [ParsedMessage] {
        let deadline = Date() + seconds
        while true {
            var found: [ParsedMessage] = []
            let source = IMAPMailSource(client: IMAPClient(configuration: .init(endpoint: imapEndpoint), logger: logger), mailbox: box)
            do {
                let listing = try await source.listNew(since: SourceCheckpoint())
                _ = try await source.fetch(listing.keys) { found.append(try MIMEParser().parse($0.bytes)) }
            } catch let error as TransportError where error.code == .mailboxMissing {
                found = []
            }
            if found.count >= atLeast || Date() > deadline { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

@Suite("Sending end to end (real SMTP and IMAP servers)", .serialized)
struct SendingEndToEndTests {
    @Test("inquiries in, threaded acknowledgements out in the buyer's language; nothing to not_lead mail; a 5xx recipient and a buyer's reply stop their sequences",
          requiresMailServers)
    func inquiriesAnsweredOverSMTP() async throws {
        let servers = try #require(AppMailServers.current)
        var logger = Logger(label: "leadline.tests.e2e")
        logger.logLevel = .critical
        let tag = UUID().uuidString.prefix(8).lowercased()
        let inboxBox = "leads-\(tag)", buyerBox = "buyer-\(tag)", newsBox = "news-\(tag)"
        let ours = servers.address(inboxBox), buyer = servers.address(buyerBox), news = servers.address(newsBox)
        let nobody = "nobody-\(tag)@\(servers.domain)"
        let sentBox = "sent-\(tag)"
        try await IMAPClient(configuration: .init(endpoint: servers.imapEndpoint), logger: logger).createTestMailbox(sentBox)
        // Given a Polish inquiry, a newsletter and an inquiry from an address that does not exist
        try await servers.deliver(buyerMail(
            from: buyer, to: ours, id: "pl-\(tag)@hydrosolar.example", subject: "Zapytanie ofertowe: pompy słoneczne SP-750, 40 szt.",
            body: "Dzień dobry,\nprosimy o ofertę cenową na 40 szt. pomp słonecznych SP-750, dostawa DAP Warszawa, termin marzec.\n"
                + "Proszę o cenę i warunki płatności.\n\nPozdrawiam,\nŁukasz Wiśniewski\nHydroSolar Instalacje Sp. z o.o.\ntel. +48 22 555 01 02", date: Date()),
            from: buyer, to: ours, logger: logger)
        try await servers.deliver(buyerMail(from: news, to: ours, id: "n-\(tag)@news.example", subject: "Solar Trade Weekly #47",
                                            body: "This week: copper prices and port congestion.",
                                            extra: "List-Id: <weekly.news.example>\nList-Unsubscribe: <mailto:\(news)>\nPrecedence: bulk\n"),
                                  from: news, to: ours, logger: logger)
        let second = servers.address("\(buyerBox)-2")
        try await servers.deliver(buyerMail(from: second, to: ours, id: "en-\(tag)@lagos.example",
                                            subject: "RFQ: 40 units SP-750 solar pumps", body: seriousBody, date: Date()),
                                  from: second, to: ours, logger: logger)
        try await servers.deliver(buyerMail(from: nobody, to: ours, id: "x-\(tag)@lagos.example",
                                            subject: "RFQ: 40 units SP-750 solar pumps", body: seriousBody, date: Date()),
                                  from: nobody, to: ours, logger: logger)
        #expect(try await servers.messages(in: inboxBox, atLeast: 4, logger: logger).count == 4)

        // When Leadline runs one pass over IMAP, sending over SMTP submission
        let store = try LeadlineDatabase.inMemory()
        let clock = TestNow(Date())
        let reference = { (name: String) in
            CredentialReference(source: .passwordEnvironment(name), file: "test.yml", line: nil, key: "password_env")
        }
        let account = AccountConfiguration(
            name: "sales", address: ours, displayName: "Sunridge Sales",
            inbound: .imap(LeadlineApp.IMAPConfiguration(
                url: URL(string: "imap://\(servers.host):\(servers.imapPort)")!, username: servers.user,
                credential: reference("PW"), mailboxes: [inboxBox], allowInsecure: false, caFile: servers.caFile,
                markProcessed: false, sentMailbox: sentBox)),
            outbound: .smtp(LeadlineApp.SMTPConfiguration(
                url: URL(string: "smtp://\(servers.host):\(servers.submissionPort)")!, username: servers.user,
                credential: reference("PW"), allowInsecure: false, caFile: servers.caFile)))
        let configuration = LeadlineConfiguration(file: "test.yml", database: ":memory:", pollInterval: .seconds(60),
                                                  logLevel: .critical, accounts: [account], replies: Instance.replies)
        let connections = MailConnections(environment: ["PW": servers.password], logger: logger)
        let utc = TimeZone(identifier: "UTC")!
        let waits = Waits()
        let worker = Worker(
            configuration: configuration,
            pipeline: IngestPipeline(database: store, classifier: IngestPipelineTests.classifier, logger: logger, now: clock.closure),
            connections: connections, logger: logger,
            followUps: FollowUps(
                sequencer: Sequencer(database: store, configuration: configuration, kit: Instance.kit, logger: logger, fallbackZone: utc),
                sender: Sender(database: store, configuration: configuration, connections: connections, kit: Instance.kit,
                               throttle: SendThrottle(minimumSpacing: 30), logger: logger, fallbackZone: utc,
                               sleep: { duration in
                                   // The spacing rule waits on the injected clock: no real sleeping.
                                   waits.append(duration)
                                   let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                                   clock.advance(days: (seconds + 0.001) / 86400)
                               }),
                now: clock.closure))
        let pass = await worker.runOnce()
        #expect(pass.failures.isEmpty, "\(pass.failures)")
        // The unknown address is refused with 550. A temporary answer (Postfix may say 450 while it verifies an
        // address; a message right after a refused one on the same connection may fail temporarily) is retried
        // after the backoff, as in production.
        var sent = pass.replies?.sending.sent ?? 0
        var failed = pass.replies?.sending.failed ?? 0
        for _ in 0 ..< 6 where failed == 0 || sent < 2 {
            clock.advance(days: 0.01)
            let retry = await worker.runOnce()
            failed += retry.replies?.sending.failed ?? 0
            sent += retry.replies?.sending.sent ?? 0
        }
        #expect(failed == 1 && sent == 2, "\(String(describing: pass.replies))")
        // When both acknowledgements went out in the first pass, the second waited out the 30 s spacing after the
        // first, on the test clock (no real sleeping)
        if pass.replies?.sending.sent == 2 { #expect(!waits.all.isEmpty, "\(waits.all)") }
        #expect(waits.all.allSatisfy { $0 <= .seconds(30) && $0 >= .seconds(29) }, "\(waits.all)")

        // Then the buyer has one acknowledgement, threaded, in Polish, marked as an automatic reply
        let received = try await servers.messages(in: buyerBox, atLeast: 1, logger: logger)
        #expect(received.count == 1)
        let ack = try #require(received.first)
        #expect(ack.inReplyTo?.contains("pl-\(tag)@hydrosolar.example") == true)
        #expect(ack.subject == "Re: Zapytanie ofertowe: pompy słoneczne SP-750, 40 szt.")
        #expect(ack.header("Auto-Submitted") == "auto-replied")
        #expect(ack.textPlain?.contains("Dzień dobry") == true, "\(ack.textPlain ?? "")")
        #expect(ack.from.first?.address == ours)
        // A copy is in the Sent folder, for the salesperson's mail client
        #expect(try await servers.messages(in: sentBox, atLeast: 2, logger: logger).map(\.messageID).contains(ack.messageID))
        // Nothing went to the newsletter
        #expect(try await servers.messages(in: newsBox, seconds: 0.5, logger: logger).isEmpty)
        // The address that does not exist is marked bounced and its sequence stopped
        #expect(try store.suppression(of: nobody) == "bounced")
        let dead = try #require(try store.findLead(byAddress: nobody))
        #expect(try store.enrolment(leadID: dead.id!)?.state.status == .stopped(.permanentBounce, at: clock.date))

        // When the buyer answers the acknowledgement
        try await servers.deliver(buyerMail(
            from: buyer, to: ours, id: "pl-re-\(tag)@hydrosolar.example", subject: "Re: Zapytanie ofertowe",
            body: "Dziękuję, czekam na ofertę.", extra: "In-Reply-To: \(ack.messageID!)\nReferences: \(ack.messageID!)\n"),
            from: buyer, to: ours, logger: logger)
        _ = try await servers.messages(in: inboxBox, atLeast: 5, logger: logger)
        clock.advance(days: 0.01)
        _ = await worker.runOnce()
        // Then its sequence stops, and weeks later nothing more reaches the buyer
        let lead = try #require(try store.findLead(byAddress: buyer))
        #expect(try store.enrolment(leadID: lead.id!)?.state.status == .stopped(.buyerReplied, at: clock.date))
        clock.advance(days: 30)
        _ = await worker.runOnce()
        #expect(try await servers.messages(in: buyerBox, seconds: 0.5, logger: logger).count == 1)
    }

    @Test("after a crash in sending, a message found in the Sent folder is recorded sent; one not found is held; neither is resent",
          requiresMailServers)
    func crashRecoveryUsesSentFolder() async throws {
        let servers = try #require(AppMailServers.current)
        var logger = Logger(label: "leadline.tests.e2e")
        logger.logLevel = .critical
        let tag = UUID().uuidString.prefix(8).lowercased()
        let sentBox = "sent-\(tag)", buyerBox = "buyer-\(tag)"
        let imap = IMAPClient(configuration: .init(endpoint: servers.imapEndpoint), logger: logger)
        try await imap.createTestMailbox(sentBox)
        let clock = TestNow(Date())
        let leadline = try Instance(clock: clock)
        for n in 1 ... 2 {
            try leadline.inbox.deliver("\(n).M\(n).h", buyerMail(
                from: servers.address("\(buyerBox)-\(n)"), id: "inq-\(n)-\(tag)@lagos.example",
                subject: "RFQ: 40 units SP-750 solar pumps", body: seriousBody, date: Date()))
        }
        let reference = CredentialReference(source: .passwordEnvironment("PW"), file: "test.yml", line: nil, key: "password_env")
        var configuration = leadline.configuration
        configuration.accounts[0].outbound = .smtp(LeadlineApp.SMTPConfiguration(
            url: URL(string: "smtp://\(servers.host):\(servers.submissionPort)")!, username: servers.user,
            credential: reference, allowInsecure: false, caFile: servers.caFile))
        // The Sent folder lives on the IMAP server; inbound stays the local Maildir (only sent_mailbox is read).
        let connections = MailConnections(environment: ["PW": servers.password], logger: logger)
        var account = configuration.accounts[0]
        account.inbound = .imap(LeadlineApp.IMAPConfiguration(
            url: URL(string: "imap://\(servers.host):\(servers.imapPort)")!, username: servers.user, credential: reference,
            mailboxes: [], allowInsecure: false, caFile: servers.caFile, markProcessed: false, sentMailbox: sentBox))
        configuration.accounts[0] = account
        // Given both acknowledgements queued and marked sending, then a crash; only the first reached Sent
        _ = try await leadline.worker.pipeline.ingest(account: "sales", mailbox: "inbox", from: MaildirSource(path: leadline.inbox.path))
        let utc = TimeZone(identifier: "UTC")!
        _ = try Sequencer(database: leadline.store, configuration: configuration, kit: Instance.kit, logger: logger,
                          fallbackZone: utc).processInbound(now: clock.date)
        let queued = try leadline.store.dueOutbox(account: "sales", now: clock.date)
        #expect(queued.count == 2)
        for message in queued { #expect(try leadline.store.beginSending(outboxID: message.id, now: clock.date)) }
        try await imap.append(Array(queued[0].draft.bytes), to: sentBox)
        // When the sender starts again
        let sender = Sender(database: leadline.store, configuration: configuration, connections: connections,
                            kit: Instance.kit, logger: logger, fallbackZone: utc)
        let report = await sender.deliverDue(now: clock.closure)
        // Then the first is recorded sent (on the lead's timeline), the second held, and nothing was sent again
        #expect(report.recovered == 1 && report.held == 1 && report.sent == 0, "\(report)")
        #expect(try leadline.store.outbox(states: [.sent]).map(\.id) == [queued[0].id])
        #expect(try leadline.store.outbox(states: [.held]).map(\.id) == [queued[1].id])
        #expect(try await servers.messages(in: "\(buyerBox)-1", seconds: 0.5, logger: logger).isEmpty)
        #expect(try await servers.messages(in: "\(buyerBox)-2", seconds: 0.5, logger: logger).isEmpty)
    }
}

/// Records the spacing waits a test's sender asked for.
final class Waits: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Duration] = []
    func append(_ value: Duration) { lock.withLock { values.append(value) } }
    var all: [Duration] { lock.withLock { values } }
}
