import Foundation
import GRDB
import LeadlineCore
import Testing
@testable import LeadlineStore

@Suite("Tick batches: due enrolments read together, written together")
struct TickTests {
    func enrolment(_ leadID: Int64, due: Date?) -> Enrolment {
        var state = SequenceState(sequence: "serious_buyer", enrolledAt: T.day0, jitterSeed: 7)
        state.nextStep = 1
        state.lastSentAt = T.day0
        state.nextDueAt = due
        return Enrolment(leadID: leadID, account: "sales", state: state, threadMessageID: "<m\(leadID)@lagosbuild.ng>",
                         threadReferences: [], threadSubject: "Inquiry")
    }

    func draft(_ leadID: Int64, to: String) -> OutboxDraft {
        OutboxDraft(account: "sales", leadID: leadID, stepIndex: 1, template: "serious_buyer/2-follow-up",
                    language: "en", sender: "sales@supplier.example", recipient: to, messageID: "<f\(leadID)@supplier.example>",
                    subject: "Re: Inquiry", bytes: Data("Subject: x\r\n\r\nhi\r\n".utf8), isAutoReply: false, sendAt: T.day(3))
    }

    /// Three leads: one due on day 2, one due on day 4, one paused until day 3.
    func store() throws -> (LeadlineDatabase, [Int64]) {
        let store = try LeadlineDatabase.inMemory()
        var ids: [Int64] = []
        for uid in 1 ... 3 {
            let lead = try store.recordIngested(inquiry(uid: Int64(uid), from: "buyer\(uid)@lagosbuild.ng"),
                                                as: .inquiry(seriousVerdict, nigeria), now: T.day0).leadID!
            ids.append(lead)
        }
        try store.saveEnrolment(enrolment(ids[0], due: T.day(2)), now: T.day0)
        try store.saveEnrolment(enrolment(ids[1], due: T.day(4)), now: T.day0)
        var paused = enrolment(ids[2], due: nil)
        paused.state.status = .paused(until: T.day(3), reason: .outOfOffice)
        try store.saveEnrolment(paused, now: T.day0)
        return (store, ids)
    }

    @Test("the due ids are the active ones past their time and the paused ones whose pause ended, most overdue first")
    func dueIDs() throws {
        let (store, ids) = try store()
        #expect(try store.dueEnrolmentIDs(now: T.day(1)).isEmpty)
        #expect(try store.dueEnrolmentIDs(now: T.day(3)) == [ids[2], ids[0]])  // the paused one has no next_due
        #expect(Set(try store.dueEnrolmentIDs(now: T.day(5))) == Set(ids))
    }

    @Test("a batch read brings each due enrolment with its lead and its inquiry's facts, and leaves out the rest")
    func batchRead() throws {
        let (store, ids) = try store()
        let items = try store.dueEnrolments(leadIDs: ids, now: T.day(3))
        #expect(items.map(\.enrolment.leadID) == [ids[0], ids[2]])
        #expect(items[0].lead.address == "buyer1@lagosbuild.ng")
        #expect(items[0].inquiryFacts == seriousVerdict.factsJSON)
        #expect(items[0].inquiryFacts == (try store.latestInquiryFacts(leadID: ids[0])))
        #expect(items[0].enrolment == (try store.enrolment(leadID: ids[0])))
    }

    @Test("a batch write queues each message with its new state; a changed enrolment and a suppressed address are left alone")
    func batchWrite() throws {
        let (store, ids) = try store()
        let items = try store.dueEnrolments(leadIDs: ids, now: T.day(5))
        #expect(items.count == 3)
        // Meanwhile a salesperson stops the second lead, and the third unsubscribes.
        var stopped = items[1].enrolment
        stopped.state.status = .stopped(.stoppedBySalesperson, at: T.day(5))
        try store.saveEnrolment(stopped, now: T.day(5))
        try store.suppress(address: items[2].lead.address, reason: "unsubscribed", detail: "by mail", now: T.day(5))
        let writes: [TickWrite] = items.map { item in
            var next = item.enrolment
            next.state.queuedStep = 1
            return .queue(draft(item.enrolment.leadID, to: item.lead.address), next, storedState: item.storedState)
        }
        let outcomes = try store.writeTick(writes, now: T.day(5))
        #expect(outcomes[0] == .written)
        #expect(outcomes[1] == .changed)
        guard case .refused(let error) = outcomes[2] else { Issue.record("expected a refusal"); return }
        #expect(error.description == "buyer3@lagosbuild.ng is unsubscribed: nothing is sent to it")
        #expect(try store.dueOutbox(account: "sales", now: T.day(5)).map(\.draft.leadID) == [items[0].enrolment.leadID])
        #expect(try store.enrolment(leadID: items[0].enrolment.leadID)?.state.queuedStep == 1)
        #expect(try store.enrolment(leadID: items[1].enrolment.leadID)?.state.status == .stopped(.stoppedBySalesperson, at: T.day(5)))
        #expect(try store.dueEnrolmentIDs(now: T.day(5)) == [items[2].enrolment.leadID])  // still due, for the next tick
    }

    @Test("finding due enrolments uses the indexes and the batch read looks each one up, never walking them all")
    func queryPlans() throws {
        let (store, _) = try store()
        func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
            try store.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
        }
        let due = try plan(LeadlineDatabase.dueEnrolmentIDsSQL, [T.day0, T.day0])
        #expect(due.contains { $0.contains("enrolment_on_due (status=? AND next_due") }, "\(due)")
        #expect(due.contains { $0.contains("enrolment_on_pause_end") }, "\(due)")
        #expect(!due.contains { $0.hasPrefix("SCAN enrolment") }, "\(due)")
        var arguments = StatementArguments(Array(Int64(1) ... 500))
        arguments += [T.day0, T.day0]
        let batch = try plan(LeadlineDatabase.dueBatchSQL(count: 500), arguments)
        #expect(batch == ["SEARCH enrolment USING INTEGER PRIMARY KEY (rowid=?)"], "\(batch)")
    }
}
