import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Testing
@testable import LeadlineApp

/// The worker answers and follows up: acknowledgements once per new lead, nothing for non-inquiries, no loops,
/// no blind resend after a crash, limits across restarts, stop rules. Injected clock, file outbox, no sleeping.
@Suite("Follow-ups in the worker")
struct FollowUpsTests {
    static let start = Date(timeIntervalSince1970: 1_795_340_000)  // Sun 2026-11-22 09:33 UTC

    @Test("a new inquiry gets one threaded acknowledgement; a second pass writes nothing more")
    func acknowledgementOnce() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        let first = await leadline.worker.runOnce()
        let second = await leadline.worker.runOnce()
        #expect(first.replies?.sending.written == 1, "\(String(describing: first.replies))")
        #expect(second.replies?.sending.written == 0)
        let files = try leadline.written()
        #expect(files.count == 1)
        let raw = try Data(contentsOf: URL(fileURLWithPath: files[0]))
        let message = try MIMEParser().parse(Array(raw))
        #expect(message.subject == "Re: RFQ: 40 units SP-750 solar pumps")
        #expect(message.inReplyTo?.contains("inq-1@lagos-pumps.example") == true)
        #expect(message.header("Auto-Submitted") == "auto-replied")
        #expect(message.header("List-Unsubscribe") == nil)
        #expect(message.to.first?.address == "adaeze@lagos-pumps.example")
        #expect(message.from.first?.address == "sales@supplier.example")
        #expect(message.messageID?.hasSuffix("@supplier.example>") == true || message.messageID?.hasSuffix("@supplier.example") == true)
        let text = message.textPlain ?? ""
        #expect(text.contains("SP-750") && text.contains("Anna Kowalska") && !text.contains("{{"), "\(text)")
        // The lead's timeline has our reply, so the buyer's answer threads.
        let lead = try #require(try leadline.store.findLead(byAddress: "adaeze@lagos-pumps.example"))
        #expect(try leadline.store.lead(id: lead.id!)?.timeline.map(\.kind) == [.inquiry, .ourReply])
    }

    @Test("not_lead mail (a newsletter, an auto-reply) gets nothing")
    func nothingForNotLead() async throws {
        let leadline = try Instance(clock: TestNow(Self.start))
        try leadline.inbox.deliver("1.M1.h", buyerMail(
            from: "news@trade-weekly.example", id: "n-1@trade-weekly.example", subject: "Trade Weekly #47",
            body: "This week: copper prices, port congestion.", extra: "List-Id: <weekly.trade-weekly.example>\nPrecedence: bulk\n"))
        try leadline.inbox.deliver("2.M2.h", buyerMail(
            from: "buyer@lagos-pumps.example", id: "ooo-1@lagos-pumps.example", subject: "Out of office",
            body: "I am out of the office until 3 December.", extra: "Auto-Submitted: auto-replied\n"))
        let report = await leadline.worker.runOnce()
        #expect(report.replies?.sequencing.acknowledgementsQueued == 0)
        #expect(try leadline.written().isEmpty)
    }

    @Test("two Leadline instances pointed at each other exchange at most one message each")
    func noLoopBetweenInstances() async throws {
        let clock = TestNow(Self.start)
        let a = try Instance(name: "a", address: "sales@alpha-pumps.example", clock: clock)
        let b = try Instance(name: "b", address: "sales@beta-trading.example", clock: clock)
        // Each receives an inquiry written by the other's address (as a person would).
        try a.inbox.deliver("1.M1.h", buyerMail(from: b.address, to: a.address, id: "b-1@beta-trading.example",
                                                subject: "RFQ: 40 units SP-750", body: seriousBody))
        try b.inbox.deliver("1.M1.h", buyerMail(from: a.address, to: b.address, id: "a-1@alpha-pumps.example",
                                                subject: "RFQ: 40 units SP-750", body: seriousBody))
        var moved = Set<String>()
        for round in 0 ..< 4 {
            _ = await a.worker.runOnce()
            _ = await b.worker.runOnce()
            // Deliver each instance's outbox into the other's inbox.
            for (from, to) in [(a, b), (b, a)] {
                for file in try from.written() where !moved.contains(file) {
                    moved.insert(file)
                    try Data(contentsOf: URL(fileURLWithPath: file))
                        .write(to: URL(fileURLWithPath: "\(to.inbox.path)/new/\(round).\(moved.count).eml"))
                }
            }
            clock.advance(days: 0.01)
        }
        #expect(try a.written().count == 1)
        #expect(try b.written().count == 1)
    }

    @Test("a message found in sending after a crash is held, never resent")
    func crashInSendingIsHeld() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        // Given an acknowledgement queued, then a crash right after it was marked sending
        let sequencer = try #require(leadline.worker.followUps?.sequencer)
        _ = try await leadline.worker.pipeline.ingest(account: "sales", mailbox: "inbox", from: MaildirSource(path: leadline.inbox.path))
        _ = try sequencer.processInbound(now: clock.date)
        let queued = try #require(try leadline.store.dueOutbox(account: "sales", now: clock.date).first)
        #expect(try leadline.store.beginSending(outboxID: queued.id, now: clock.date))
        // When the service starts again
        let report = await leadline.worker.runOnce()
        // Then the message is held for a person and nothing is written
        #expect(report.replies?.sending.held == 1)
        #expect(try leadline.written().isEmpty)
        #expect(try leadline.store.outbox(states: [.held]).map(\.id) == [queued.id])
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().isEmpty)
    }

    @Test("the daily cap holds across restarts and lifts the next day")
    func dailyCapAcrossRestarts() async throws {
        let clock = TestNow(Self.start)
        let path = NSTemporaryDirectory() + "leadline-cap-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var first = try Instance(store: try LeadlineDatabase.open(path: path), clock: clock)
        first.throttle = SendThrottle(dailyCap: 2, minimumSpacing: 0, buyerCap: 5)
        for n in 1 ... 3 {
            try first.inbox.deliver("\(n).M\(n).h", buyerMail(from: "buyer\(n)@lagos-pumps\(n).example", id: "inq-\(n)@x\(n).example",
                                                             subject: "RFQ: 40 units SP-750", body: seriousBody))
        }
        let day1 = await first.worker.runOnce()
        #expect(day1.replies?.sending.written == 2 && day1.replies?.sending.deferred == 1)
        // A restart (new process, same database file) the same day sends nothing more
        var restarted = try Instance(store: try LeadlineDatabase.open(path: path), clock: clock, inbox: first.inbox,
                                     outbox: first.outbox)
        restarted.throttle = first.throttle
        clock.advance(days: 0.1)
        #expect(await restarted.worker.runOnce().replies?.sending.written == 0)
        // The next day the third goes out, dated that day (not the day it was written and held)
        clock.advance(days: 1)
        #expect(await restarted.worker.runOnce().replies?.sending.written == 1)
        let written = try restarted.written()
        #expect(written.count == 3)
        let dates = try written.map { try restarted.text($0) }
            .compactMap { $0.split(separator: "\r\n").first(where: { $0.hasPrefix("Date: ") }) }
        #expect(Set(dates).count == 2)
        #expect(dates.contains("Date: \(MessageBuilder.rfc5322Date(clock.date, offsetSeconds: 0))"))
    }

    @Test("the buyer's reply stops the sequence: no follow-up goes out afterwards")
    func replyStopsSequence() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        _ = await leadline.worker.runOnce()
        let ack = try MIMEParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: try leadline.written()[0]))))
        // When the buyer answers our acknowledgement
        try leadline.inbox.deliver("2.M2.h", buyerMail(
            from: "adaeze@lagos-pumps.example", id: "re-1@lagos-pumps.example", subject: "Re: RFQ: 40 units SP-750 solar pumps",
            body: "Thank you. Port is Apapa, FOB is fine.", extra: "In-Reply-To: \(ack.messageID!)\nReferences: \(ack.messageID!)\n"))
        clock.advance(days: 0.1)
        let report = await leadline.worker.runOnce()
        #expect(report.replies?.sequencing.stopped.count == 1)
        let lead = try #require(try leadline.store.findLead(byAddress: "adaeze@lagos-pumps.example"))
        #expect(try leadline.store.enrolment(leadID: lead.id!)?.state.status == .stopped(.buyerReplied, at: clock.date))
        // Then weeks later nothing more is written
        clock.advance(days: 30)
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().count == 1)
    }

    @Test("a salesperson's own answer seen in a mailbox (e.g. Sent) stops the sequence and makes no lead")
    func manualReplyStopsSequence() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        _ = await leadline.worker.runOnce()
        // When the salesperson answers the buyer by hand, from the account's own address, and a copy is read
        try leadline.inbox.deliver("2.M2.h", buyerMail(
            from: "sales@supplier.example", to: "adaeze@lagos-pumps.example", id: "manual-1@supplier.example",
            subject: "Re: RFQ: 40 units SP-750 solar pumps", body: "Dear Adaeze, our quotation is attached.",
            extra: "In-Reply-To: <inq-1@lagos-pumps.example>\n"))
        clock.advance(days: 0.1)
        let report = await leadline.worker.runOnce()
        // Then the lead's sequence stops (a person took over), the lead is not marked as answered by the buyer,
        // and no lead is made for our own address
        #expect(report.replies?.sequencing.stopped.count == 1)
        let lead = try #require(try leadline.store.findLead(byAddress: "adaeze@lagos-pumps.example"))
        #expect(try leadline.store.enrolment(leadID: lead.id!)?.state.status == .stopped(.salespersonReplied, at: clock.date))
        #expect(lead.stage == .prospect)
        #expect(try leadline.store.findLead(byAddress: "sales@supplier.example") == nil)
        #expect(try leadline.store.lead(id: lead.id!)?.timeline.contains { $0.kind == .ourReply && $0.messageRowID != nil } == true)
        clock.advance(days: 30)
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().count == 1)
    }

    @Test("a follow-up held until the buyer's night waits for their next window; the acknowledgement never waits")
    func heldFollowUpWaitsForTheWindow() async throws {
        let clock = TestNow(Self.start)  // Sunday 09:33 UTC, 10:33 in Lagos
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().count == 1)  // the acknowledgement, on a Sunday
        // A follow-up that was held (a cap, retries) and is due again at 04:03 in Lagos, Monday
        clock.advance(days: 17.5 / 24)
        let lead = try #require(try leadline.store.findLead(byAddress: "adaeze@lagos-pumps.example"))
        let id = try leadline.store.queue(OutboxDraft(
            account: "sales", leadID: lead.id, stepIndex: 1, template: "serious_buyer/2-follow-up", language: "en",
            sender: "sales@supplier.example", recipient: "adaeze@lagos-pumps.example", messageID: "<held-1@supplier.example>",
            subject: "Re: RFQ", bytes: Data("Date: x\r\nSubject: Re: RFQ\r\n\r\nStill interested?\r\n".utf8),
            isAutoReply: false, sendAt: clock.date.addingTimeInterval(-86400)), enrolment: nil, now: clock.date)
        let night = await leadline.worker.runOnce()
        #expect(night.replies?.sending.deferred == 1)
        #expect(try leadline.written().count == 1)
        let waiting = try #require(try leadline.store.outbox(states: [.queued]).first { $0.id == id })
        #expect(waiting.nextAttempt == Date(timeIntervalSince1970: 1_795_420_800))  // Monday 09:00 in Lagos
        #expect(waiting.lastError == "waits for the buyer's hours")
        clock.advance(days: 4.0 / 24)  // 08:03 in Lagos: still waiting
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().count == 1)
        clock.advance(days: 1.0 / 24)  // 09:03 in Lagos
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().count == 2)
    }

    @Test("without an answer the follow-up goes out later, in the buyer's window, threaded, with List-Unsubscribe")
    func followUpIsPlanned() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        _ = await leadline.worker.runOnce()
        clock.advance(days: 1)
        _ = await leadline.worker.runOnce()
        let before = try leadline.written()
        #expect(before.count == 1)
        clock.advance(days: 4)
        _ = await leadline.worker.runOnce()
        let files = try leadline.written()
        #expect(files.count == 2)
        let newFile = try #require(files.first { !before.contains($0) })
        let followUp = try MIMEParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: newFile))))
        #expect(followUp.header("Auto-Submitted") == "auto-generated")
        #expect(followUp.header("List-Unsubscribe") == "<mailto:sales@supplier.example?subject=unsubscribe>")
        #expect(followUp.inReplyTo?.contains("inq-1@lagos-pumps.example") == true)
        #expect(followUp.subject == "Re: RFQ: 40 units SP-750 solar pumps")
    }

    @Test("one tick queues every follow-up due, across several batches, and the next tick queues none again")
    func tickQueuesEveryDueStep() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        for n in 1 ... 5 {
            try leadline.inbox.deliver("\(n).M\(n).h", buyerMail(
                from: "buyer\(n)@lagos-pumps.example", id: "inq-\(n)@lagos-pumps.example",
                subject: "RFQ \(n): 40 units SP-750 solar pumps", body: seriousBody))
        }
        let first = await leadline.worker.runOnce()
        #expect(first.replies?.sending.written == 5, "\(String(describing: first.replies))")
        let sequencer = try #require(leadline.worker.followUps?.sequencer)
        clock.advance(days: 5)
        let tick = try sequencer.tick(now: clock.date, batchSize: 2)
        #expect(tick.followUpsQueued == 5, "\(tick)")
        #expect(tick.errors.isEmpty, "\(tick.errors)")
        #expect(try leadline.store.dueEnrolmentIDs(now: clock.date).isEmpty)
        let again = try sequencer.tick(now: clock.date, batchSize: 2)
        #expect(again.followUpsQueued == 0)
        let queued = try leadline.store.dueOutbox(account: "sales", now: clock.date)
        #expect(queued.count == 5)
        #expect(Set(queued.map(\.draft.stepIndex)) == [1])
        #expect(Set(queued.map(\.draft.recipient)).count == 5)
    }

    @Test("an unsubscribe by mail stops the sequence and the address gets nothing again")
    func unsubscribeByMail() async throws {
        let clock = TestNow(Self.start)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        _ = await leadline.worker.runOnce()
        let ack = try MIMEParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: try leadline.written()[0]))))
        try leadline.inbox.deliver("2.M2.h", buyerMail(
            from: "adaeze@lagos-pumps.example", id: "u-1@lagos-pumps.example", subject: "unsubscribe", body: "",
            extra: "In-Reply-To: \(ack.messageID!)\n"))
        _ = await leadline.worker.runOnce()
        #expect(try leadline.store.suppression(of: "adaeze@lagos-pumps.example") == "unsubscribed")
        clock.advance(days: 40)
        _ = await leadline.worker.runOnce()
        #expect(try leadline.written().count == 1)
    }

    @Test("an inquiry older than acknowledge_max_age_days gets no automatic answer")
    func oldInquiryIsLeftToAPerson() async throws {
        let clock = TestNow(Self.start + 20 * 86400)
        let leadline = try Instance(clock: clock)
        try leadline.deliverSeriousInquiry()
        let report = await leadline.worker.runOnce()
        #expect(report.replies?.sequencing.refused.first?.contains("days old") == true, "\(String(describing: report.replies))")
        #expect(try leadline.written().isEmpty)
    }
}
