import Foundation
import GRDB
import LeadlineCore

/// A message the sequencer has not looked at yet: what ingest made of it.
public struct SequencerInput: Sendable, Equatable {
    public var messageRowID: Int64
    public var account: String
    /// `inquiry`, `their_reply`, `our_reply` (a salesperson's own mail, seen in a mailbox), or nil (not a lead,
    /// duplicate, problem).
    public var event: TimelineEventKind?
    public var leadID: Int64?
    public var kind: LeadKind?
    /// The classifier's reasons (the first says why a not_lead is one: "bounce: ...", "auto-reply: ...").
    public var reasons: [String]
    public var isDuplicate: Bool
    public var hasError: Bool
}

extension LeadlineDatabase {
    // MARK: Sequencer cursor

    /// The messages stored after the sequencer's cursor, oldest first (at most `limit`).
    public func pendingSequencerInputs(limit: Int = 500) throws -> [SequencerInput] {
        try writer.read { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT last_message_row FROM sequencer_cursor WHERE id = 1") ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, a.name AS account, m.lead_id, m.kind, m.reasons, m.duplicate_of, m.error,
                       (SELECT e.kind FROM lead_event e WHERE e.message_row_id = m.id
                         AND e.kind IN ('inquiry','their_reply','our_reply') LIMIT 1) AS event
                FROM message m JOIN mailbox b ON b.id = m.mailbox_id JOIN account a ON a.id = b.account_id
                WHERE m.id > ? ORDER BY m.id LIMIT ?
                """, arguments: [cursor, limit])
            return rows.map { row in
                let reasons: [String] = (row["reasons"] as String?)
                    .flatMap { try? JSONValue(parsing: $0).strings } ?? []
                return SequencerInput(
                    messageRowID: row["id"], account: row["account"],
                    event: (row["event"] as String?).flatMap(TimelineEventKind.init(rawValue:)),
                    leadID: row["lead_id"], kind: (row["kind"] as String?).flatMap(LeadKind.init(rawValue:)),
                    reasons: reasons, isDuplicate: (row["duplicate_of"] as Int64?) != nil,
                    hasError: (row["error"] as String?) != nil)
            }
        }
    }

    /// Marks every message up to `messageRowID` as seen by the sequencer.
    public func advanceSequencerCursor(to messageRowID: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE sequencer_cursor SET last_message_row = max(last_message_row, ?) WHERE id = 1",
                           arguments: [messageRowID])
        }
    }

    // MARK: Enrolments

    /// The lead's enrolment (the running one, or the last ended one), nil when never enrolled.
    public func enrolment(leadID: Int64) throws -> Enrolment? {
        try writer.read { db in try Self.fetchEnrolment(db, leadID: leadID) }
    }

    /// Enrolments whose next step may be due at `now` (active with `next_due` passed or not yet planned, and
    /// paused ones whose pause ended), at most `limit`.
    public func dueEnrolments(now: Date, limit: Int = 1000) throws -> [Enrolment] {
        try dueEnrolments(leadIDs: Array(dueEnrolmentIDs(now: now).prefix(limit)), now: now).map(\.enrolment)
    }

    /// Every enrolment that is still running (active or paused).
    public func runningEnrolments() throws -> [Enrolment] {
        try writer.read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT lead_id FROM enrolment WHERE status IN ('active','paused') ORDER BY lead_id")
            return try ids.compactMap { try Self.fetchEnrolment(db, leadID: $0) }
        }
    }

    /// Saves a lead's sequence state (enrolment, pause, stop...), with an audit entry when `actor` is a person.
    public func saveEnrolment(_ enrolment: Enrolment, now: Date, actor: String? = nil, action: String? = nil) throws {
        try writer.write { db in
            try Self.upsertEnrolment(db, enrolment, now: now)
            if let actor, let action {
                try Self.audit(db, now, actor, action, "lead #\(enrolment.leadID)")
            }
        }
    }

    // MARK: Loop prevention and suppression

    /// When we last replied automatically to `address`, if ever.
    public func lastAutoReply(to address: String) throws -> Date? {
        try writer.read { db in
            try Date.fetchOne(db, sql: "SELECT last_at FROM auto_reply WHERE address = ?", arguments: [address])
        }
    }

    /// Why `address` must not be written to (`unsubscribed`, `bounced`), or nil.
    public func suppression(of address: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT reason FROM suppressed_address WHERE address = ?", arguments: [address])
        }
    }

    /// Never writes to `address` again (`reason`: `unsubscribed` or `bounced`); queued mail to it fails.
    public func suppress(address: String, reason: String, detail: String, now: Date) throws {
        try writer.write { db in try Self.suppress(db, address: address, reason: reason, detail: detail, now: now) }
    }

    static func suppress(_ db: Database, address: String, reason: String, detail: String, now: Date) throws {
        try db.execute(sql: """
            INSERT INTO suppressed_address (address, reason, detail, since) VALUES (?, ?, ?, ?)
            ON CONFLICT(address) DO NOTHING
            """, arguments: [address, reason, detail, now])
        try db.execute(sql: """
            UPDATE outbox SET state = 'failed', last_error = ? WHERE recipient = ? AND state IN ('queued','retry')
            """, arguments: ["not sent: the address is \(reason) (\(detail))", address])
    }

    // MARK: Rows

    static func fetchEnrolment(_ db: Database, leadID: Int64) throws -> Enrolment? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM enrolment WHERE lead_id = ?", arguments: [leadID]) else {
            return nil
        }
        return try enrolment(row)
    }

    /// An `enrolment` row as a value (its state and references decoded from their JSON).
    static func enrolment(_ row: Row) throws -> Enrolment {
        let leadID: Int64 = row["lead_id"]
        let state: SequenceState
        do { state = try SequenceState(jsonText: row["state"]) } catch {
            throw StoreError(.invalidValue, "the enrolment of lead #\(leadID) cannot be read: \(error)")
        }
        let text: String = row["thread_references"]
        // Most threads have no references yet: "[]" needs no parsing.
        let references = text == "[]" ? [] : (try? JSONValue(parsing: text))?.strings ?? []
        return Enrolment(leadID: leadID, account: row["account"], state: state,
                         threadMessageID: row["thread_message_id"], threadReferences: references,
                         threadSubject: row["thread_subject"])
    }

    static func upsertEnrolment(_ db: Database, _ enrolment: Enrolment, now: Date) throws {
        let row = EnrolmentColumns(enrolment)
        try db.cachedStatement(sql: """
            INSERT INTO enrolment (lead_id, account, sequence, step_index, status, next_due, paused_until, stop_reason,
                                   jitter_seed, thread_message_id, thread_references, thread_subject, state,
                                   enrolled_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(lead_id) DO UPDATE SET account = excluded.account, sequence = excluded.sequence,
              step_index = excluded.step_index, status = excluded.status, next_due = excluded.next_due,
              paused_until = excluded.paused_until, stop_reason = excluded.stop_reason,
              jitter_seed = excluded.jitter_seed, thread_message_id = excluded.thread_message_id,
              thread_references = excluded.thread_references, thread_subject = excluded.thread_subject,
              state = excluded.state, enrolled_at = excluded.enrolled_at, updated_at = excluded.updated_at
            """).execute(arguments: [
                row.leadID, row.account, row.sequence, row.stepIndex, row.status, row.nextDue, row.pausedUntil,
                row.stopReason, row.jitterSeed, row.threadMessageID, row.references, row.threadSubject, row.state,
                row.enrolledAt, StoredDate.text(now),
            ])
    }

    /// Rewrites a lead's enrolment row only while its `state` is still `stored` (as read before).
    /// - Returns: false when the row changed meanwhile (nothing written).
    static func updateEnrolment(_ db: Database, _ row: EnrolmentColumns, ifStateIs stored: String, now: Date) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE enrolment SET account = ?, sequence = ?, step_index = ?, status = ?, next_due = ?, paused_until = ?,
              stop_reason = ?, jitter_seed = ?, thread_message_id = ?, thread_references = ?, thread_subject = ?,
              state = ?, enrolled_at = ?, updated_at = ?
            WHERE lead_id = ? AND state = ?
            """).execute(arguments: [
                row.account, row.sequence, row.stepIndex, row.status, row.nextDue, row.pausedUntil, row.stopReason,
                row.jitterSeed, row.threadMessageID, row.references, row.threadSubject, row.state, row.enrolledAt,
                StoredDate.text(now),
                row.leadID, stored,
            ])
        return db.changesCount == 1
    }
}

extension LeadlineDatabase {
    /// The facts JSON of the lead's latest classified inquiry (products, quantities, terms), if any.
    public func latestInquiryFacts(leadID: Int64) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT facts FROM message WHERE lead_id = ? AND facts IS NOT NULL AND duplicate_of IS NULL
                  AND kind IS NOT NULL AND kind <> 'not_lead' ORDER BY id DESC LIMIT 1
                """, arguments: [leadID])
        }
    }
}

/// An enrolment as the values of its row: the indexed columns taken from its state, the state and the thread's
/// references encoded as JSON. Pure, so it can be worked out on any thread before the write.
struct EnrolmentColumns: Sendable, Equatable {
    var leadID: Int64
    var account: String
    var sequence: String
    var stepIndex: Int
    var status: String
    /// When the next step is due; far in the future while a step is queued. Dates as stored (``StoredDate``).
    var nextDue: String?
    var pausedUntil: String?
    var stopReason: String?
    var jitterSeed: Int64
    var threadMessageID: String?
    var references: String
    var threadSubject: String?
    var state: String
    var enrolledAt: String

    init(_ enrolment: Enrolment) {
        let state = enrolment.state
        (status, pausedUntil, stopReason) = switch state.status {
        case .active: ("active", nil, nil)
        case let .paused(until, _): ("paused", StoredDate.text(until), nil)
        case let .stopped(reason, _): ("stopped", nil, reason.rawValue)
        case .completed: ("completed", nil, nil)
        }
        leadID = enrolment.leadID
        account = enrolment.account
        sequence = state.sequence
        stepIndex = state.nextStep
        nextDue = (state.queuedStep == nil ? (state.nextDueAt ?? state.notBefore) : Date.distantFuture).map(StoredDate.text)
        jitterSeed = Int64(bitPattern: state.jitterSeed)
        threadMessageID = enrolment.threadMessageID
        references = JSONText.array(enrolment.threadReferences)
        threadSubject = enrolment.threadSubject
        self.state = state.jsonText
        enrolledAt = StoredDate.text(state.enrolledAt)
    }
}
