import Foundation
import GRDB
import LeadlineCore

/// Counts the throttling rules read (so caps hold across restarts).
public struct SendCounts: Sendable, Equatable {
    public var sentByAccountSince: Int
    public var lastAccountSend: Date?
    public var recentSendsToRecipient: [Date]
}

extension LeadlineDatabase {
    /// Queues a rendered message and saves the lead's enrolment in one transaction, so a step is either queued and
    /// marked queued, or neither. An automatic reply is recorded against its recipient (loop prevention) here too.
    /// - Returns: the outbox row id.
    @discardableResult
    public func queue(_ draft: OutboxDraft, enrolment: Enrolment?, now: Date) throws -> Int64 {
        try writer.write { db in
            if let reason = try String.fetchOne(db, sql: "SELECT reason FROM suppressed_address WHERE address = ?",
                                                arguments: [draft.recipient]) {
                throw StoreError(.invalidValue, "\(draft.recipient) is \(reason): nothing is sent to it")
            }
            let id = try Self.insertOutbox(db, draft, now: now)
            if let enrolment { try Self.upsertEnrolment(db, enrolment, now: now) }
            return id
        }
    }

    /// Inserts a `queued` outbox row (and, for an automatic reply, the loop-prevention record); returns its id.
    @discardableResult
    static func insertOutbox(_ db: Database, _ draft: OutboxDraft, now: Date) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO outbox (account, lead_id, step_index, template, language, sender, recipient, message_id,
                                subject, bytes, is_auto_reply, state, attempts, next_attempt, queued_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)
            """).execute(arguments: [
                draft.account, draft.leadID, draft.stepIndex, draft.template, draft.language, draft.sender,
                draft.recipient, draft.messageID, draft.subject, draft.bytes, draft.isAutoReply,
                StoredDate.text(draft.sendAt), StoredDate.text(now),
            ])
        let id = db.lastInsertedRowID
        if draft.isAutoReply {
            try db.cachedStatement(sql: """
                INSERT INTO auto_reply (address, last_at) VALUES (?, ?)
                ON CONFLICT(address) DO UPDATE SET last_at = excluded.last_at
                """).execute(arguments: [draft.recipient, now])
        }
        return id
    }

    /// The account's messages due at `now` (queued or retry with `next_attempt` passed), oldest first.
    public func dueOutbox(account: String, now: Date, limit: Int = 100) throws -> [OutboxMessage] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE account = ? AND state IN ('queued','retry') AND next_attempt <= ?
                ORDER BY next_attempt, id LIMIT ?
                """, arguments: [account, now, limit]).map(OutboxMessage.init(row:))
        }
    }

    /// Marks a message `sending` before it is handed over (committed first: a crash after this leaves proof).
    /// - Returns: false when the message was no longer due (another sender took it).
    public func beginSending(outboxID: Int64, now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'sending', attempts = attempts + 1
                WHERE id = ? AND state IN ('queued','retry')
                """, arguments: [outboxID])
            return db.changesCount == 1
        }
    }

    /// Records a delivery: the message `sent`, an `our_reply` event on the lead's timeline (so answers thread), and
    /// the lead's new sequence state, in one transaction.
    public func markSent(outboxID: Int64, enrolment: Enrolment?, summary: String, now: Date) throws {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT lead_id, message_id FROM outbox WHERE id = ?",
                                             arguments: [outboxID]) else {
                throw StoreError(.invalidValue, "no outbox message #\(outboxID)")
            }
            try db.execute(sql: "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
                           arguments: [now, outboxID])
            if let leadID = row["lead_id"] as Int64? {
                _ = try Self.appendEvent(db, leadID: leadID, kind: .ourReply, at: now, messageRowID: nil,
                                         messageID: MessageIDs.normalize(row["message_id"]), summary: summary)
            }
            if let enrolment { try Self.upsertEnrolment(db, enrolment, now: now) }
        }
    }

    /// A temporary failure: try again at `retryAt`.
    public func markRetry(outboxID: Int64, error: String, retryAt: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'retry', last_error = ?, next_attempt = ? WHERE id = ?",
                           arguments: [error, retryAt, outboxID])
        }
    }

    /// A permanent failure. With `suppressRecipient` the address is marked bounced (nothing more goes to it) and
    /// the lead's sequence state saved (stopped), in the same transaction.
    public func markFailed(outboxID: Int64, error: String, suppressRecipient: Bool, enrolment: Enrolment?, now: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?",
                           arguments: [error, outboxID])
            if suppressRecipient,
               let recipient = try String.fetchOne(db, sql: "SELECT recipient FROM outbox WHERE id = ?", arguments: [outboxID]) {
                try Self.suppress(db, address: recipient, reason: "bounced", detail: error, now: now)
            }
            if let enrolment { try Self.upsertEnrolment(db, enrolment, now: now) }
        }
    }

    /// Messages left in `sending` by a crash: they may have gone out. Returned for a check (Sent folder); see
    /// ``resolveInterrupted(outboxID:wasSent:now:)``.
    public func interruptedSends(account: String) throws -> [OutboxMessage] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE account = ? AND state = 'sending' ORDER BY id",
                             arguments: [account]).map(OutboxMessage.init(row:))
        }
    }

    /// Holds a message found in `sending` after a restart for a person: never resent blindly.
    public func hold(outboxID: Int64, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'held', last_error = ? WHERE id = ?", arguments: [reason, outboxID])
        }
    }

    /// Outbox rows in the given states (all when empty), newest first.
    public func outbox(states: Set<OutboxState> = [], limit: Int = 1000) throws -> [OutboxMessage] {
        try writer.read { db in
            let filter = states.isEmpty ? "" : "WHERE state IN (\(states.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")))"
            return try Row.fetchAll(db, sql: "SELECT * FROM outbox \(filter) ORDER BY id DESC LIMIT ?",
                                    arguments: [limit]).map(OutboxMessage.init(row:))
        }
    }

    /// Counts for ``SendThrottle``: the account's sends since `since` and its latest, and recent sends to the recipient.
    public func sendCounts(account: String, recipient: String, since: Date, recipientSince: Date) throws -> SendCounts {
        try writer.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE account = ? AND sent_at >= ?",
                                         arguments: [account, since]) ?? 0
            let last = try Date.fetchOne(db, sql: "SELECT MAX(sent_at) FROM outbox WHERE account = ? AND sent_at IS NOT NULL",
                                         arguments: [account])
            let recent = try Date.fetchAll(db, sql: "SELECT sent_at FROM outbox WHERE recipient = ? AND sent_at >= ?",
                                           arguments: [recipient, recipientSince])
            return SendCounts(sentByAccountSince: count, lastAccountSend: last, recentSendsToRecipient: recent)
        }
    }

    /// The lead whose outbox message carries one of `messageIDs` (with or without brackets), if any.
    public func leadForOutboxMessage(ids messageIDs: [String]) throws -> Int64? {
        try writer.read { db in
            for id in messageIDs {
                let bare = id.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                if let lead = try Int64.fetchOne(db, sql: "SELECT lead_id FROM outbox WHERE message_id = ? AND lead_id IS NOT NULL",
                                                 arguments: ["<\(bare)>"]) { return lead }
            }
            return nil
        }
    }
}

extension LeadlineDatabase {
    /// A person's decision on a held or failed message: send it again now (`resend`), or never (`drop`).
    /// - Throws: `StoreError` when the message does not exist or is not held or failed.
    public func decideHeld(outboxID: Int64, resend: Bool, by person: String, now: Date) throws {
        try writer.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM outbox WHERE id = ?", arguments: [outboxID]) else {
                throw StoreError(.invalidValue, "no outbox message #\(outboxID)")
            }
            guard state == "held" || state == "failed" else {
                throw StoreError(.invalidValue, "outbox message #\(outboxID) is \(state); only held or failed mail waits for a decision")
            }
            if resend {
                if let reason = try String.fetchOne(db, sql: """
                    SELECT s.reason FROM suppressed_address s JOIN outbox o ON o.recipient = s.address WHERE o.id = ?
                    """, arguments: [outboxID]) {
                    throw StoreError(.invalidValue, "outbox message #\(outboxID) goes to an address that is \(reason)")
                }
                try db.execute(sql: "UPDATE outbox SET state = 'queued', next_attempt = ?, last_error = ? WHERE id = ?",
                               arguments: [now, "resent by \(person)", outboxID])
            } else {
                try db.execute(sql: "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?",
                               arguments: ["dropped by \(person)", outboxID])
            }
            try Self.audit(db, now, person, resend ? "outbox_resend" : "outbox_drop", "outbox #\(outboxID)")
        }
    }
}

extension LeadlineDatabase {
    /// Moves a queued (or retrying) message's next attempt to `until`, without counting an attempt: a follow-up
    /// that would leave outside the buyer's hours waits for them. `reason` becomes a queued message's note; a
    /// retrying one keeps its last delivery error, which says more.
    /// - Returns: false when the message is no longer queued or retrying (nothing changed).
    @discardableResult
    public func postpone(outboxID: Int64, until: Date, reason: String) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE outbox SET next_attempt = ?, last_error = CASE state WHEN 'retry' THEN last_error ELSE ? END
                WHERE id = ? AND state IN ('queued','retry')
                """, arguments: [until, reason, outboxID])
            return db.changesCount == 1
        }
    }
}
