import Foundation
import GRDB
import LeadlineCore

/// Ingest: what the pipeline asks before fetching and records after parsing and classifying.
extension LeadlineDatabase {
    /// True when the message at `location` is already stored (ingested, a duplicate, or a problem).
    public func hasMessage(_ location: MessageLocation) throws -> Bool {
        try writer.read { db in try Self.storedMessageID(db, location) != nil }
    }

    /// True when the message at this place is already stored; see ``hasMessage(_:)``.
    public func hasMessage(account: String, mailbox: String, uidValidity: Int64, key: String) throws -> Bool {
        try hasMessage(MessageLocation(account: account, mailbox: mailbox, uidValidity: uidValidity, key: key))
    }

    /// The stored message this one is a copy of (same Message-ID, or same bytes), found in any mailbox.
    /// - Returns: the original's row id, or nil when the message is new.
    public func findDuplicate(messageID: String?, hash: String) throws -> Int64? {
        try writer.read { db in try Self.findDuplicate(db, messageID: messageID, hash: hash) }
    }

    static func findDuplicate(_ db: Database, messageID: String?, hash: String) throws -> Int64? {
        // Two indexed lookups; an OR across the join would scan every message.
        var row: Row?
        if let id = MessageIDs.normalize(messageID) {
            row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, duplicate_of FROM message WHERE message_id = ? ORDER BY id LIMIT 1
                """), arguments: [id])
        }
        if row == nil {
            row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT m.id, m.duplicate_of FROM message_content c JOIN message m ON m.content_id = c.id
                WHERE c.sha256 = ? ORDER BY m.id LIMIT 1
                """), arguments: [hash])
        }
        guard let row else { return nil }
        return (row["duplicate_of"] as Int64?) ?? (row["id"] as Int64)
    }

    /// True when a message with this Message-ID or these bytes is already stored; see ``findDuplicate(messageID:hash:)``.
    public func isDuplicate(messageID: String?, hash: String) throws -> Bool {
        try findDuplicate(messageID: messageID, hash: hash) != nil
    }

    /// The mailbox's recorded UIDVALIDITY and last UID, or nil when it was never read.
    public func mailboxState(account: String, mailbox: String) throws -> MailboxState? {
        try writer.read { db in
            try Self.fetchMailbox(db, account: account, mailbox: mailbox)
                .map { MailboxState(uidValidity: $0.uidValidity, lastUID: $0.lastUID) }
        }
    }

    /// Starts a sync of an IMAP mailbox: returns the last UID recorded under `uidValidity`, resetting the mailbox
    /// first (last UID 0, audit entry) when the server's UIDVALIDITY differs from the stored one.
    ///
    /// After a reset the pipeline reads the mailbox again; copies of stored messages are found by
    /// ``findDuplicate(messageID:hash:)`` and recorded with ``recordDuplicate(_:of:now:)``, so nothing is duplicated.
    /// - Returns: the state to sync from, and whether a reset happened.
    public func beginSync(account: String, mailbox: String, uidValidity: Int64, now: Date) throws
        -> (state: MailboxState, wasReset: Bool)
    {
        try writer.write { db in
            var row = try Self.upsertMailbox(db, account: account, mailbox: mailbox)
            if row.uidValidity == uidValidity { return (MailboxState(uidValidity: uidValidity, lastUID: row.lastUID), false) }
            let wasReset = row.uidValidity != 0 || row.lastUID != 0
            row.uidValidity = uidValidity
            row.lastUID = 0
            try row.update(db)
            if wasReset { try Self.audit(db, now, "worker", "reset_mailbox", "\(account)/\(mailbox) uidvalidity \(uidValidity)") }
            return (MailboxState(uidValidity: uidValidity, lastUID: 0), wasReset)
        }
    }

    /// Records a UIDVALIDITY change: the mailbox's last UID goes back to 0 under the new UIDVALIDITY.
    /// Stored messages stay (keyed by their old UIDVALIDITY). Leaves an audit entry.
    public func resetMailbox(account: String, mailbox: String, uidValidity: Int64, now: Date) throws {
        try writer.write { db in
            var row = try Self.upsertMailbox(db, account: account, mailbox: mailbox)
            row.uidValidity = uidValidity
            row.lastUID = 0
            try row.update(db)
            try Self.audit(db, now, "worker", "reset_mailbox", "\(account)/\(mailbox) uidvalidity \(uidValidity)")
        }
    }

    /// Records one parsed and classified message in ONE transaction: its bytes and fields, the lead (created or
    /// updated), the timeline event, and the mailbox's last UID. A crash leaves all of it or none of it.
    ///
    /// - Parameters:
    ///   - message: the fetched message with its parsed header fields.
    ///   - outcome: what the pipeline decided: a new inquiry, a reply to a known lead, or not a lead.
    ///   - now: the time of recording (stored as `received_at`; a later `Date` header is clamped to it).
    /// - Returns: the message row, the lead and the event written.
    /// - Throws: ``StoreError`` `.alreadyStored`, `.uidValidityMismatch`, `.missingSender`, `.leadNotFound`,
    ///   `.invalidValue`; `DatabaseError` on SQLite failure (nothing is written then).
    @discardableResult
    public func recordIngested(_ message: IncomingMessage, as outcome: IngestOutcome, now: Date) throws -> IngestResult {
        try writer.write { db in try Self.recordIngested(db, message, as: outcome, now: now) }
    }

    static func recordIngested(_ db: Database, _ message: IncomingMessage, as outcome: IngestOutcome, now: Date) throws
        -> IngestResult
    {
        var row = try Self.newMessageRow(db, message, now: now)
        let seen = min(message.sentAt ?? now, now)
        var result = IngestResult(messageRowID: 0, leadID: nil, createdLead: false, eventID: nil)
        var eventKind: TimelineEventKind?
        switch outcome {
        case .inquiry(let verdict, let profile):
            try Self.apply(db, verdict, to: &row)
            guard let address = message.fromAddress?.trimmingCharacters(in: .whitespaces), address.contains("@") else {
                throw StoreError(.missingSender, "\(message.location): an inquiry without a sender address cannot make a lead")
            }
            (result.leadID, result.createdLead) = try Self.upsertLead(
                db, address: address, fromName: message.fromName, verdict: verdict, profile: profile, seen: seen)
            eventKind = .inquiry
        case .reply(let leadID, let verdict):
            if let verdict { try Self.apply(db, verdict, to: &row) }
            try Self.touchLead(db, id: leadID, seen: seen, replied: true)
            result.leadID = leadID
            eventKind = .theirReply
        case .notLead(let verdict):
            try Self.apply(db, verdict, to: &row)
        case .ourMail(let leadID):
            if let leadID {
                guard try LeadRecord.exists(db, key: leadID) else {
                    throw StoreError(.leadNotFound, "\(message.location): no lead #\(leadID)")
                }
                result.leadID = leadID
                eventKind = .ourReply
            }
        }
        row.leadID = result.leadID
        try Self.insert(db, &row)
        result.messageRowID = row.id!
        if let eventKind, let leadID = result.leadID {
            result.eventID = try Self.appendEvent(
                db, leadID: leadID, kind: eventKind, at: seen, messageRowID: row.id, messageID: row.messageID,
                summary: message.subject ?? "")
        }
        return result
    }

    /// Records a copy of an already stored message (found by ``findDuplicate(messageID:hash:)``): its location
    /// and bytes are kept and its UID acknowledged, but no lead or event is touched.
    /// - Returns: the new message row id.
    @discardableResult
    public func recordDuplicate(_ message: IncomingMessage, of originalRowID: Int64, now: Date) throws -> Int64 {
        try writer.write { db in try Self.recordDuplicate(db, message, of: originalRowID, now: now) }
    }

    static func recordDuplicate(_ db: Database, _ message: IncomingMessage, of originalRowID: Int64, now: Date) throws
        -> Int64
    {
        guard let original = try MessageRecord.fetchOne(db, key: originalRowID) else {
            throw StoreError(.invalidValue, "\(message.location): original message #\(originalRowID) is not stored")
        }
        var row = try Self.newMessageRow(db, message, now: now)
        row.duplicateOf = original.duplicateOf ?? original.id
        row.leadID = original.leadID
        row.kind = original.kind
        row.confidence = original.confidence
        try Self.insert(db, &row)
        return row.id!
    }

    /// Keeps a message that failed to parse or classify: its bytes, whatever fields are known, and the error,
    /// shown by ``problems()``. The UID is acknowledged so the pipeline goes on; nothing is lost.
    /// - Returns: the message row id.
    @discardableResult
    public func recordProblem(_ message: IncomingMessage, stage: ProblemStage, error: String, now: Date) throws -> Int64 {
        try writer.write { db in try Self.recordProblem(db, message, stage: stage, error: error, now: now) }
    }

    static func recordProblem(_ db: Database, _ message: IncomingMessage, stage: ProblemStage, error: String, now: Date)
        throws -> Int64
    {
        var row = try Self.newMessageRow(db, message, now: now)
        let text = error.isEmpty ? "unknown error" : error
        row.error = "\(stage.rawValue): \(text)"
        try Self.insert(db, &row)
        try db.cachedStatement(
            sql: "INSERT INTO problem (message_row_id, stage, error, occurred_at) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [row.id, stage.rawValue, text, now])
        return row.id!
    }

    /// The raw bytes of a stored message, exactly as fetched.
    public func rawMessage(rowID: Int64) throws -> Data? {
        try writer.read { db in
            try Data.fetchOne(db, sql: """
                SELECT c.bytes FROM message m JOIN message_content c ON c.id = m.content_id WHERE m.id = ?
                """, arguments: [rowID])
        }
    }

    /// The stored message row.
    public func message(rowID: Int64) throws -> MessageRecord? {
        try writer.read { db in try MessageRecord.fetchOne(db, key: rowID) }
    }
}
