import Foundation
import GRDB
import LeadlineCore

/// An enrolment due at a tick, read together with what the sequencer needs to act on it.
public struct DueEnrolment: Sendable, Equatable {
    public var enrolment: Enrolment
    public var lead: LeadRecord
    /// The facts JSON of the lead's latest classified inquiry, as ``LeadlineDatabase/latestInquiryFacts(leadID:)``.
    public var inquiryFacts: String?
    /// The `state` column as read: the write checks that it is unchanged, so a stop or pause written meanwhile (by
    /// `leadline sequences stop`, say) wins over the tick.
    public var storedState: String
}

/// What a tick does with one due enrolment; a batch of them is written in one transaction.
public enum TickWrite: Sendable, Equatable {
    /// Queue a step's message and save the lead's state with the step marked queued.
    case queue(OutboxDraft, Enrolment, storedState: String)
    /// Save the lead's new state only (planned for later, a pause ended, the sequence completed).
    case save(Enrolment, storedState: String)
}

/// A ``TickWrite`` with the lead's new row worked out (its state encoded), ready to be written. Preparing is pure
/// and may run on any thread, so the thread that holds the write transaction only writes.
public struct PreparedTickWrite: Sendable, Equatable {
    public let write: TickWrite
    let row: EnrolmentColumns
}

extension TickWrite {
    /// This write, prepared for `LeadlineDatabase.writeTick(_:now:)`.
    public func prepared() -> PreparedTickWrite {
        switch self {
        case let .queue(_, enrolment, _), let .save(enrolment, _):
            PreparedTickWrite(write: self, row: EnrolmentColumns(enrolment))
        }
    }
}

/// How one ``TickWrite`` went.
public enum TickWriteOutcome: Sendable, Equatable {
    case written
    /// The enrolment changed after it was read; nothing was written for it (the next tick looks again).
    case changed
    /// Not queued, with why (the address is unsubscribed or bounced).
    case refused(StoreError)
}

extension LeadlineDatabase {
    /// The lead ids of the enrolments due at `now` (active and due or not yet planned, paused with the pause over),
    /// most overdue first (not yet planned ones first of all).
    ///
    /// Three indexed searches (`enrolment_on_due`, `enrolment_on_pause_end`), so the cost follows the number due,
    /// not the number enrolled (or paused).
    public func dueEnrolmentIDs(now: Date) throws -> [Int64] {
        try writer.read { db in try Int64.fetchAll(db, sql: Self.dueEnrolmentIDsSQL, arguments: [now, now]) }
    }

    /// The due lead ids (arguments: now, now). Three searches, not one `OR`: with `next_due IS NULL OR next_due <= ?`
    /// SQLite can use `enrolment_on_due` for `status` only and walks every active enrolment. Ended pauses come from
    /// the partial index of paused rows by their end (named: without statistics SQLite would rather read every
    /// paused row through `enrolment_on_due`).
    static let dueEnrolmentIDsSQL = """
        SELECT lead_id FROM (
          SELECT lead_id, next_due FROM enrolment WHERE status = 'active' AND next_due IS NULL
          UNION ALL
          SELECT lead_id, next_due FROM enrolment WHERE status = 'active' AND next_due <= ?
          UNION ALL
          SELECT lead_id, next_due FROM enrolment INDEXED BY enrolment_on_pause_end
          WHERE status = 'paused' AND paused_until <= ?
        ) ORDER BY next_due, lead_id
        """

    /// The due enrolments among `count` lead ids (arguments: the ids, then now, now).
    static func dueBatchSQL(count: Int) -> String {
        // NOT INDEXED: with a long IN list and the OR below, SQLite would otherwise walk enrolment_on_due over every
        // active enrolment instead of looking up each lead_id (0.12 s instead of 3 ms per 500 ids at 1M enrolments).
        """
        SELECT * FROM enrolment NOT INDEXED WHERE lead_id IN (\(Array(repeating: "?", count: count).joined(separator: ",")))
          AND ((status = 'active' AND (next_due IS NULL OR next_due <= ?)) OR (status = 'paused' AND paused_until <= ?))
        """
    }

    /// The enrolments among `leadIDs` that are still due at `now`, each with its lead and the facts of its latest
    /// inquiry, in the order of `leadIDs`. One read transaction for the batch.
    public func dueEnrolments(leadIDs: [Int64], now: Date) throws -> [DueEnrolment] {
        guard !leadIDs.isEmpty else { return [] }
        return try writer.read { db in
            let marks = Array(repeating: "?", count: leadIDs.count).joined(separator: ",")
            var arguments = StatementArguments(leadIDs)
            arguments += [now, now]
            var enrolments: [Int64: (Enrolment, String)] = [:]
            let rows = try Row.fetchCursor(db, sql: Self.dueBatchSQL(count: leadIDs.count), arguments: arguments)
            while let row = try rows.next() {
                let enrolment = try Self.enrolment(row)
                enrolments[enrolment.leadID] = (enrolment, row["state"])
            }
            var leads: [Int64: (LeadRecord, String?)] = [:]
            let leadRows = try Row.fetchCursor(db, sql: """
                SELECT lead.*, (SELECT m.facts FROM message m WHERE m.lead_id = lead.id AND m.facts IS NOT NULL
                                  AND m.duplicate_of IS NULL AND m.kind IS NOT NULL AND m.kind <> 'not_lead'
                                ORDER BY m.id DESC LIMIT 1) AS inquiry_facts
                FROM lead WHERE id IN (\(marks))
                """, arguments: StatementArguments(leadIDs))
            while let row = try leadRows.next() {
                let lead = try LeadRecord(row: row)
                leads[row["id"]] = (lead, row["inquiry_facts"])
            }
            return leadIDs.compactMap { id in
                guard let (enrolment, state) = enrolments[id], let (lead, facts) = leads[id] else { return nil }
                return DueEnrolment(enrolment: enrolment, lead: lead, inquiryFacts: facts, storedState: state)
            }
        }
    }

    /// Writes a tick's batch in one transaction: each queued step's message with its lead's new state (and the
    /// auto-reply record for an acknowledgement), each new plan. An enrolment whose state changed since it was read
    /// is left alone (`.changed`); a message to a suppressed address is refused (`.refused`), the rest is written.
    /// - Returns: one outcome per write, in order.
    public func writeTick(_ writes: [TickWrite], now: Date) throws -> [TickWriteOutcome] {
        try writeTick(writes.map { $0.prepared() }, now: now)
    }

    /// Writes a tick's batch whose writes are already prepared (see ``TickWrite/prepared()``), as above.
    public func writeTick(_ writes: [PreparedTickWrite], now: Date) throws -> [TickWriteOutcome] {
        guard !writes.isEmpty else { return [] }
        return try writer.write { db in
            let suppressed = try db.cachedStatement(sql: "SELECT reason FROM suppressed_address WHERE address = ?")
            var outcomes: [TickWriteOutcome] = []
            outcomes.reserveCapacity(writes.count)
            for prepared in writes {
                switch prepared.write {
                case let .save(_, stored):
                    let written = try Self.updateEnrolment(db, prepared.row, ifStateIs: stored, now: now)
                    outcomes.append(written ? .written : .changed)
                case let .queue(draft, _, stored):
                    if let reason = try String.fetchOne(suppressed, arguments: [draft.recipient]) {
                        outcomes.append(.refused(StoreError(.invalidValue, "\(draft.recipient) is \(reason): nothing is sent to it")))
                        continue
                    }
                    guard try Self.updateEnrolment(db, prepared.row, ifStateIs: stored, now: now) else {
                        outcomes.append(.changed)
                        continue
                    }
                    try Self.insertOutbox(db, draft, now: now)
                    outcomes.append(.written)
                }
            }
            return outcomes
        }
    }
}
