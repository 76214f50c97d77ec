import Foundation
import LeadlineCore
import LeadlineStore
import Testing
@testable import LeadlineApp

@Suite("Tick writer: batches stored in order, the first error stops the tick")
struct TickWriterTests {
    static let day0 = Date(timeIntervalSince1970: 1_795_340_000)

    /// A lead with a running enrolment, read back as the tick reads it.
    func dueLead(_ store: LeadlineDatabase, _ n: Int) throws -> DueEnrolment {
        let message = IncomingMessage(
            location: .imap(account: "sales", mailbox: "INBOX", uidValidity: 1, uid: Int64(n)),
            raw: Data("From: b\(n)@buyer.example\r\n\r\nPlease quote.\r\n".utf8), messageID: "<q\(n)@buyer.example>",
            subject: "RFQ", fromAddress: "b\(n)@buyer.example", fromName: nil, sentAt: Self.day0)
        let verdict = Classification(kind: .seriousBuyer, confidence: 0.9, reasons: ["names a model"])
        let lead = try #require(try store.recordIngested(message, as: .inquiry(verdict, LeadProfile(country: "NG")),
                                                         now: Self.day0).leadID)
        var state = SequenceState(sequence: "serious_buyer", enrolledAt: Self.day0, jitterSeed: 1)
        state.nextStep = 1
        state.nextDueAt = Self.day0
        try store.saveEnrolment(Enrolment(leadID: lead, account: "sales", state: state, threadMessageID: nil,
                                          threadReferences: [], threadSubject: "RFQ"), now: Self.day0)
        return try #require(try store.dueEnrolments(leadIDs: [lead], now: Self.day0).first)
    }

    func write(_ item: DueEnrolment, messageID: String) throws -> PreparedTickWrite {
        var next = item.enrolment
        next.state.queuedStep = 1
        let draft = OutboxDraft(
            account: "sales", leadID: item.enrolment.leadID, stepIndex: 1, template: "serious_buyer/2-follow-up",
            language: "en", sender: "sales@supplier.example", recipient: item.lead.address, messageID: messageID,
            subject: "Re: RFQ", bytes: Data("Subject: Re: RFQ\r\n\r\nhi\r\n".utf8), isAutoReply: false, sendAt: Self.day0)
        return TickWrite.queue(draft, next, storedState: item.storedState).prepared()
    }

    @Test("batches are stored in order with their outcomes; a batch that cannot be stored throws and stores nothing")
    func errorStopsTheTick() throws {
        let store = try LeadlineDatabase.inMemory()
        let first = try dueLead(store, 1)
        let second = try dueLead(store, 2)
        let third = try dueLead(store, 3)
        let writer = TickWriter(database: store, now: Self.day0)
        try writer.submit([try write(first, messageID: "<f1@supplier.example>")])
        // The same Message-ID twice: the outbox refuses it, so this whole batch fails.
        try writer.submit([try write(second, messageID: "<f2@supplier.example>"), try write(third, messageID: "<f2@supplier.example>")])
        #expect(throws: (any Error).self) { try writer.finish() }
        #expect(throws: (any Error).self) { try writer.submit([]) }
        let queued = try store.dueOutbox(account: "sales", now: Self.day0)
        #expect(queued.map(\.draft.messageID) == ["<f1@supplier.example>"])
        #expect(try store.dueEnrolmentIDs(now: Self.day0) == [second.enrolment.leadID, third.enrolment.leadID])
    }

    @Test("every write comes back with its outcome, in the order submitted")
    func outcomesInOrder() throws {
        let store = try LeadlineDatabase.inMemory()
        let items = try (1 ... 4).map { try dueLead(store, $0) }
        let writer = TickWriter(database: store, now: Self.day0)
        try writer.submit([try write(items[0], messageID: "<a@s.example>"), try write(items[1], messageID: "<b@s.example>")])
        try writer.submit([try write(items[2], messageID: "<c@s.example>"), try write(items[3], messageID: "<d@s.example>")])
        let results = try writer.finish()
        #expect(results.map(\.1) == Array(repeating: TickWriteOutcome.written, count: 4))
        let leads: [Int64] = results.compactMap { if case let .queue(draft, _, _) = $0.0 { draft.leadID } else { nil } }
        #expect(leads == items.map(\.enrolment.leadID))
    }
}

@Suite("Message-IDs of scheduled steps")
struct StepMessageIDTests {
    @Test("a step's Message-ID starts with the tick's moment in UTC, then the lead and step, then random digits")
    func shape() throws {
        let now = Date(timeIntervalSince1970: 1_768_291_500)  // 2026-01-13 08:05:00 UTC
        let unique = Sequencer.messageIDUnique(leadID: 4711, step: 2, now: now)
        let parts = unique.split(separator: ".")
        #expect(parts.count == 5)
        #expect(parts.prefix(4) == ["leadline", "20260113080500", "4711", "2"])
        #expect(parts[4].count == 8 && parts[4].allSatisfy(\.isHexDigit))
        #expect(Sequencer.messageIDUnique(leadID: 4711, step: 2, now: now) != unique)
        let early = Sequencer.messageIDUnique(leadID: 1, step: 0, now: Date(timeIntervalSince1970: -1))
        #expect(early.hasPrefix("leadline.19691231235959.1.0."))
    }

    @Test("the ids of one tick sort after those of earlier ticks, whatever the lead (side by side in the index)")
    func ordered() {
        let earlier = Date(timeIntervalSince1970: 1_768_291_200)
        let later = earlier.addingTimeInterval(300)
        let old = (1 ... 50).map { Sequencer.messageIDUnique(leadID: Int64($0 * 7919), step: 1, now: earlier) }
        let new = (1 ... 50).map { Sequencer.messageIDUnique(leadID: Int64($0), step: 3, now: later) }
        #expect(old.max()! < new.min()!)
    }
}

@Suite("The tick's batches")
struct TickBatchPlanTests {
    @Test("every due enrolment is in exactly one batch, in order; the first and last are a quarter of the size")
    func plan() {
        for count in [0, 1, 499, 500, 501, 2000, 2500, 2501, 8743, 10_000] {
            let ranges = Sequencer.batches(count: count, size: 2000)
            #expect(ranges.flatMap { Array($0) } == Array(0 ..< count), "\(count)")
            #expect(ranges.allSatisfy { $0.count <= 2000 && !$0.isEmpty })
            if count > 0 { #expect(ranges.first!.count <= 500 && ranges.last!.count <= 500, "\(count): \(ranges)") }
        }
        #expect(Sequencer.batches(count: 8743, size: 2000).map(\.count) == [500, 2000, 2000, 2000, 1743, 500])
        #expect(Sequencer.batches(count: 3, size: 1).map(\.count) == [1, 1, 1])
    }
}
