import Foundation
import GRDB
import LeadlineCore
import Testing
@testable import LeadlineStore

@Suite("Outbox and sequences: queue, send, hold, suppress")
struct OutboxTests {
    func draft(leadID: Int64?, step: Int = 0, id: String = "<a-1@supplier.example>", to: String = "ade@lagosbuild.ng",
               at: Date = T.day0) -> OutboxDraft {
        OutboxDraft(account: "sales", leadID: leadID, stepIndex: step, template: "serious_buyer/1-acknowledge",
                    language: "en", sender: "sales@supplier.example", recipient: to, messageID: id,
                    subject: "Re: Inquiry", bytes: Data("Subject: x\r\n\r\nhi\r\n".utf8), isAutoReply: step == 0,
                    sendAt: at)
    }

    func enrolment(_ leadID: Int64, at: Date = T.day0) -> Enrolment {
        Enrolment(leadID: leadID, account: "sales",
                  state: SequenceState(sequence: "serious_buyer", enrolledAt: at, jitterSeed: 7),
                  threadMessageID: "<m1@lagosbuild.ng>", threadReferences: [], threadSubject: "Inquiry")
    }

    @Test("migrations v2 to v4 are applied after v1")
    func migrations() throws {
        let store = try LeadlineDatabase.inMemory()
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3", "v4"])
    }

    @Test("the throttle and suppression find their rows through indexes, never by reading the whole outbox")
    func outboxQueriesUseIndexes() throws {
        let store = try LeadlineDatabase.inMemory()
        let queries: [(String, StatementArguments)] = [
            ("SELECT COUNT(*) FROM outbox WHERE account = ? AND sent_at >= ?", ["sales", T.day0]),
            ("SELECT MAX(sent_at) FROM outbox WHERE account = ? AND sent_at IS NOT NULL", ["sales"]),
            ("SELECT sent_at FROM outbox WHERE recipient = ? AND sent_at >= ?", ["ade@lagosbuild.ng", T.day0]),
            ("UPDATE outbox SET state = 'failed' WHERE recipient = ? AND state IN ('queued','retry')", ["ade@lagosbuild.ng"]),
        ]
        try store.writer.read { db in
            for (sql, arguments) in queries {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: "; ")
                #expect(plan.contains("USING") && !plan.contains("SCAN outbox"), "\(sql): \(plan)")
            }
        }
    }

    @Test("the indexes by sent time are partial: queuing a message writes no entry into them")
    func sentTimeIndexesArePartial() throws {
        let store = try LeadlineDatabase.inMemory()
        let partial = try store.writer.read { db in
            try Row.fetchAll(db, sql: "PRAGMA index_list(outbox)")
                .filter { ($0["partial"] as Int) == 1 }.map { $0["name"] as String }.sorted()
        }
        #expect(partial == ["outbox_on_account_sent", "outbox_on_recipient_sent"])
    }

    @Test("queueing an acknowledgement records the auto-reply and the enrolment in one go")
    func queueRecordsAutoReplyAndEnrolment() throws {
        let store = try LeadlineDatabase.inMemory()
        let lead = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0).leadID!
        var state = enrolment(lead)
        state.state.queuedStep = 0
        try store.queue(draft(leadID: lead), enrolment: state, now: T.day0)
        #expect(try store.lastAutoReply(to: "ADE@lagosbuild.ng") == T.day0)
        #expect(try store.enrolment(leadID: lead)?.state.queuedStep == 0)
        #expect(try store.dueOutbox(account: "sales", now: T.day0).count == 1)
        #expect(try store.dueOutbox(account: "other", now: T.day0).isEmpty)
    }

    @Test("a message is handed out once: the second beginSending is refused")
    func beginSendingOnce() throws {
        let store = try LeadlineDatabase.inMemory()
        let id = try store.queue(draft(leadID: nil), enrolment: nil, now: T.day0)
        #expect(try store.beginSending(outboxID: id, now: T.day0))
        #expect(try !store.beginSending(outboxID: id, now: T.day0))
        #expect(try store.dueOutbox(account: "sales", now: T.day(1)).isEmpty)
        #expect(try store.interruptedSends(account: "sales").map(\.id) == [id])
        try store.hold(outboxID: id, reason: "interrupted")
        #expect(try store.outbox(states: [.held]).first?.attempts == 1)
        #expect(try store.interruptedSends(account: "sales").isEmpty)
    }

    @Test("a sent message goes on the lead's timeline, so the buyer's answer threads by its Message-ID")
    func sentThreads() throws {
        let store = try LeadlineDatabase.inMemory()
        let lead = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0).leadID!
        let id = try store.queue(draft(leadID: lead), enrolment: enrolment(lead), now: T.day0)
        _ = try store.beginSending(outboxID: id, now: T.day0)
        try store.markSent(outboxID: id, enrolment: nil, summary: "acknowledgement", now: T.day(1))
        #expect(try store.findLead(byMessageIDs: ["<a-1@supplier.example>"])?.id == lead)
        #expect(try store.hasOurReply(leadID: lead))
        let counts = try store.sendCounts(account: "sales", recipient: "ade@lagosbuild.ng", since: T.day0,
                                          recipientSince: T.day0)
        #expect(counts.sentByAccountSince == 1 && counts.lastAccountSend == T.day(1) && counts.recentSendsToRecipient == [T.day(1)])
    }

    @Test("a suppressed address gets nothing: queued mail to it fails and new mail is refused")
    func suppression() throws {
        let store = try LeadlineDatabase.inMemory()
        let id = try store.queue(draft(leadID: nil), enrolment: nil, now: T.day0)
        try store.suppress(address: "Ade@LagosBuild.ng", reason: "bounced", detail: "550 no such user", now: T.day0)
        #expect(try store.outbox(states: [.failed]).map(\.id) == [id])
        #expect(try store.suppression(of: "ade@lagosbuild.ng") == "bounced")
        #expect(throws: StoreError.self) { try store.queue(draft(leadID: nil, id: "<a-2@s>"), enrolment: nil, now: T.day0) }
    }

    @Test("a retry waits for its time; a permanent failure stops and suppresses")
    func retryAndFail() throws {
        let store = try LeadlineDatabase.inMemory()
        let id = try store.queue(draft(leadID: nil), enrolment: nil, now: T.day0)
        _ = try store.beginSending(outboxID: id, now: T.day0)
        try store.markRetry(outboxID: id, error: "451 try later", retryAt: T.day(1))
        #expect(try store.dueOutbox(account: "sales", now: T.day0).isEmpty)
        #expect(try store.dueOutbox(account: "sales", now: T.day(1)).map(\.id) == [id])
        _ = try store.beginSending(outboxID: id, now: T.day(1))
        try store.markFailed(outboxID: id, error: "550 unknown user", suppressRecipient: true, enrolment: nil, now: T.day(1))
        #expect(try store.suppression(of: "ade@lagosbuild.ng") == "bounced")
        #expect(try store.outbox(states: [.failed]).first?.attempts == 2)
    }

    @Test("the sequencer cursor starts after messages stored before v2 and only moves forward")
    func cursor() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        let pending = try store.pendingSequencerInputs()
        #expect(pending.map(\.event) == [.inquiry])
        try store.advanceSequencerCursor(to: pending[0].messageRowID)
        try store.advanceSequencerCursor(to: 0)
        #expect(try store.pendingSequencerInputs().isEmpty)
    }

    @Test("an enrolment is saved and due by its next step's time, paused ones when the pause ends")
    func dueEnrolments() throws {
        let store = try LeadlineDatabase.inMemory()
        let lead = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0).leadID!
        var e = enrolment(lead)
        e.state.nextDueAt = T.day(2)
        try store.saveEnrolment(e, now: T.day0)
        #expect(try store.dueEnrolments(now: T.day(1)).isEmpty)
        #expect(try store.dueEnrolments(now: T.day(2)).map(\.leadID) == [lead])
        e.state.status = .paused(until: T.day(5), reason: .outOfOffice)
        try store.saveEnrolment(e, now: T.day0)
        #expect(try store.dueEnrolments(now: T.day(4)).isEmpty)
        #expect(try store.dueEnrolments(now: T.day(5)).count == 1)
        e.state.status = .stopped(.buyerReplied, at: T.day(1))
        try store.saveEnrolment(e, now: T.day(1))
        #expect(try store.dueEnrolments(now: T.day(9)).isEmpty)
        #expect(try store.enrolment(leadID: lead)?.state.status == .stopped(.buyerReplied, at: T.day(1)))
    }

    @Test("a person resends or drops held mail; queued mail cannot be 'decided', and a suppressed address is not resent")
    func heldMailDecision() throws {
        let store = try LeadlineDatabase.inMemory()
        let id = try store.queue(draft(leadID: nil), enrolment: nil, now: T.day0)
        #expect(throws: StoreError.self) { try store.decideHeld(outboxID: id, resend: true, by: "anna", now: T.day0) }
        _ = try store.beginSending(outboxID: id, now: T.day0)
        try store.hold(outboxID: id, reason: "interrupted")
        try store.decideHeld(outboxID: id, resend: true, by: "anna", now: T.day(1))
        #expect(try store.dueOutbox(account: "sales", now: T.day(1)).map(\.id) == [id])
        let other = try store.queue(draft(leadID: nil, id: "<a-2@s>"), enrolment: nil, now: T.day0)
        _ = try store.beginSending(outboxID: other, now: T.day0)
        try store.hold(outboxID: other, reason: "interrupted")
        try store.decideHeld(outboxID: other, resend: false, by: "anna", now: T.day(1))
        #expect(try store.outbox(states: [.failed]).map(\.id) == [other])
        try store.suppress(address: "ade@lagosbuild.ng", reason: "unsubscribed", detail: "mail", now: T.day(1))
        #expect(throws: StoreError.self) { try store.decideHeld(outboxID: other, resend: true, by: "anna", now: T.day(2)) }
        #expect(try store.auditLog().contains { $0.action == "outbox_resend" })
    }
}

extension OutboxTests {
    @Test("postponing moves the next attempt without counting one; a retry keeps its delivery error; sent mail is not moved")
    func postpone() throws {
        let store = try LeadlineDatabase.inMemory()
        let queued = try store.queue(draft(leadID: nil), enrolment: nil, now: T.day0)
        #expect(try store.postpone(outboxID: queued, until: T.day(1), reason: "waits for the buyer's hours"))
        var row = try #require(try store.outbox(states: [.queued]).first)
        #expect(row.nextAttempt == T.day(1) && row.attempts == 0 && row.lastError == "waits for the buyer's hours")
        let retrying = try store.queue(draft(leadID: nil, id: "<a-2@supplier.example>", to: "jan@firma.pl"), enrolment: nil, now: T.day0)
        _ = try store.beginSending(outboxID: retrying, now: T.day0)
        try store.markRetry(outboxID: retrying, error: "451 try later", retryAt: T.day0.addingTimeInterval(60))
        #expect(try store.postpone(outboxID: retrying, until: T.day(2), reason: "waits for the buyer's hours"))
        row = try #require(try store.outbox(states: [.retry]).first)
        #expect(row.nextAttempt == T.day(2) && row.lastError == "451 try later")
        _ = try store.beginSending(outboxID: queued, now: T.day(1))
        try store.markSent(outboxID: queued, enrolment: nil, summary: "acknowledgement", now: T.day(1))
        #expect(try !store.postpone(outboxID: queued, until: T.day(3), reason: "late"))
    }
}
