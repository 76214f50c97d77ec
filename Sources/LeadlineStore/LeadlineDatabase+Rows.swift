import Foundation
import GRDB
import LeadlineCore

/// Message-ID normalisation: stored and looked up without angle brackets or surrounding space.
enum MessageIDs {
    static func normalize(_ id: String?) -> String? {
        guard let id else { return nil }
        // Unicode White_Space is the set Foundation's `.whitespacesAndNewlines` names; its `.whitespaces` (inside
        // the brackets) leaves out the line breaks, which a header value cannot hold there.
        func trimmed(_ scalars: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
            var scalars = scalars.drop { $0.properties.isWhitespace }
            while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
            return scalars
        }
        var scalars = trimmed(Substring(id).unicodeScalars)
        if scalars.first == "<" { scalars = scalars.dropFirst() }
        if scalars.last == ">" { scalars = scalars.dropLast() }
        scalars = trimmed(scalars)
        return scalars.isEmpty ? nil : String(scalars)
    }
}

/// Row-level steps shared by the transactional operations. Each runs inside the caller's transaction.
///
/// The ingest path runs once per message, so it uses cached prepared statements and plain SQL rather than
/// Codable records (measured: record encoding and statement preparation were most of its CPU time).
extension LeadlineDatabase {
    static func fetchMailbox(_ db: Database, account: String, mailbox: String) throws -> MailboxRow? {
        let statement = try db.cachedStatement(sql: """
            SELECT mailbox.id, mailbox.account_id, mailbox.name, mailbox.uid_validity, mailbox.last_uid
            FROM mailbox JOIN account ON account.id = mailbox.account_id
            WHERE account.name = ? AND mailbox.name = ?
            """)
        return try Row.fetchOne(statement, arguments: [account, mailbox]).map { row in
            MailboxRow(id: row[0], accountID: row[1], name: row[2], uidValidity: row[3], lastUID: row[4])
        }
    }

    static func upsertMailbox(_ db: Database, account: String, mailbox: String) throws -> MailboxRow {
        if let row = try fetchMailbox(db, account: account, mailbox: mailbox) { return row }
        var accountRow = try AccountRow.filter(Column("name") == account).fetchOne(db) ?? AccountRow(id: nil, name: account)
        if accountRow.id == nil { try accountRow.insert(db) }
        var row = MailboxRow(id: nil, accountID: accountRow.id!, name: mailbox, uidValidity: 0, lastUID: 0)
        try row.insert(db)
        return row
    }

    static func storedMessageID(_ db: Database, _ location: MessageLocation) throws -> Int64? {
        let statement = try db.cachedStatement(sql: """
            SELECT message.id FROM message
            JOIN mailbox ON mailbox.id = message.mailbox_id JOIN account ON account.id = mailbox.account_id
            WHERE account.name = ? AND mailbox.name = ? AND message.uid_validity = ? AND message.source_key = ?
            """)
        return try Int64.fetchOne(
            statement, arguments: [location.account, location.mailbox, location.uidValidity, location.key])
    }

    /// Checks the location is new and matches the mailbox's UIDVALIDITY, advances the last UID, stores the bytes,
    /// and returns an unsaved message row carrying the parsed header fields.
    static func newMessageRow(_ db: Database, _ message: IncomingMessage, now: Date) throws -> MessageRecord {
        let location = message.location
        var mailbox = try upsertMailbox(db, account: location.account, mailbox: location.mailbox)
        if mailbox.uidValidity == 0, mailbox.lastUID == 0 { mailbox.uidValidity = location.uidValidity }
        guard mailbox.uidValidity == location.uidValidity else {
            throw StoreError(.uidValidityMismatch, """
                \(location): UIDVALIDITY \(location.uidValidity) differs from the stored \(mailbox.uidValidity); \
                the mailbox must be reset before it is read again
                """)
        }
        if try storedMessageID(db, location) != nil {
            throw StoreError(.alreadyStored, "\(location) is already stored")
        }
        if let uid = location.uid { mailbox.lastUID = max(mailbox.lastUID, uid) }
        try db.cachedStatement(sql: "UPDATE mailbox SET uid_validity = ?, last_uid = ? WHERE id = ?")
            .execute(arguments: [mailbox.uidValidity, mailbox.lastUID, mailbox.id])

        let hash = message.sha256
        try db.cachedStatement(
            sql: "INSERT INTO message_content (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING"
        ).execute(arguments: [hash, message.raw.count, message.raw])
        let contentID = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM message_content WHERE sha256 = ?"), arguments: [hash])!
        return MessageRecord(
            id: nil, mailboxID: mailbox.id!, uidValidity: location.uidValidity, sourceKey: location.key,
            contentID: contentID, duplicateOf: nil, messageID: MessageIDs.normalize(message.messageID),
            subject: message.subject, fromAddress: message.fromAddress, fromName: message.fromName,
            sentAt: message.sentAt, receivedAt: now, kind: nil, confidence: nil, reasons: nil, facts: nil,
            error: nil, leadID: nil)
    }

    /// Inserts a message row built by ``newMessageRow(_:_:now:)`` and returns its id.
    static func insert(_ db: Database, _ row: inout MessageRecord) throws {
        try db.cachedStatement(sql: """
            INSERT INTO message (mailbox_id, uid_validity, source_key, content_id, duplicate_of, message_id, subject,
              from_address, from_name, sent_at, received_at, kind, confidence, reasons, facts, error, lead_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                row.mailboxID, row.uidValidity, row.sourceKey, row.contentID, row.duplicateOf, row.messageID,
                row.subject, row.fromAddress, row.fromName, row.sentAt, row.receivedAt, row.kind, row.confidence,
                row.reasons, row.facts, row.error, row.leadID,
            ])
        row.id = db.lastInsertedRowID
    }

    /// Appends a timeline event and returns its id.
    static func appendEvent(
        _ db: Database, leadID: Int64, kind: TimelineEventKind, at: Date, messageRowID: Int64?, messageID: String?,
        summary: String, actor: String? = nil
    ) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO lead_event (lead_id, kind, occurred_at, message_row_id, message_id, summary, actor)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [leadID, kind, at, messageRowID, messageID, summary, actor])
        return db.lastInsertedRowID
    }

    static func apply(_ db: Database, _ verdict: Classification, to row: inout MessageRecord) throws {
        guard (0...1).contains(verdict.confidence) else {
            throw StoreError(.invalidValue, "confidence \(verdict.confidence) is outside 0...1")
        }
        if let facts = verdict.factsJSON {
            // SQLite's own JSON check, on the statement already prepared (no Foundation parse per message).
            let isObject = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT json_valid(?1) AND json_type(?1) = 'object'"), arguments: [facts])
            guard isObject == true else {
                throw StoreError(.invalidValue, "facts must be a JSON object")
            }
        }
        row.kind = verdict.kind
        row.confidence = verdict.confidence
        row.reasons = JSONText.array(verdict.reasons)
        row.facts = verdict.factsJSON
    }

    /// Creates the lead for `address` or updates it: seen dates widen, unknown profile fields fill in, the kind
    /// follows the latest classification unless a person set it, and a dormant or lost lead becomes a prospect.
    static func upsertLead(
        _ db: Database, address: String, fromName: String?, verdict: Classification, profile: LeadProfile, seen: Date
    ) throws -> (Int64, Bool) {
        let name = profile.name ?? fromName
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM lead WHERE address = ?"), arguments: [address]) {
            try db.cachedStatement(sql: """
                UPDATE lead SET
                  first_seen = MIN(first_seen, :seen), last_seen = MAX(last_seen, :seen),
                  name = COALESCE(name, :name), company = COALESCE(company, :company),
                  country = COALESCE(country, :country), language = COALESCE(language, :language),
                  industry = COALESCE(industry, :industry), region = COALESCE(region, :region),
                  kind = CASE kind_source WHEN 'classifier' THEN :kind ELSE kind END,
                  confidence = CASE kind_source WHEN 'classifier' THEN :confidence ELSE confidence END,
                  stage = CASE WHEN stage IN ('dormant', 'lost') THEN 'prospect' ELSE stage END
                WHERE id = :id
                """).execute(arguments: [
                    "seen": seen, "name": name, "company": profile.company, "country": profile.country,
                    "language": profile.language, "industry": profile.industry, "region": profile.region,
                    "kind": verdict.kind, "confidence": verdict.confidence, "id": id,
                ])
            return (id, false)
        }
        // The columns LeadRecord's defaults leave: kind_source 'classifier', stage 'prospect', no owner, no value.
        try db.cachedStatement(sql: """
            INSERT INTO lead (address, name, company, country, language, kind, kind_source, confidence, stage,
              industry, region, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, 'classifier', ?, 'prospect', ?, ?, ?, ?)
            """).execute(arguments: [
                address, name, profile.company, profile.country, profile.language, verdict.kind, verdict.confidence,
                profile.industry, profile.region, seen, seen,
            ])
        return (db.lastInsertedRowID, true)
    }

    /// Widens a lead's seen dates; with `replied`, moves a prospect (or dormant/lost lead) to `engaged`.
    static func touchLead(_ db: Database, id: Int64, seen: Date, replied: Bool) throws {
        try db.cachedStatement(sql: """
            UPDATE lead SET first_seen = MIN(first_seen, :seen), last_seen = MAX(last_seen, :seen),
              stage = CASE WHEN :replied AND stage IN ('prospect', 'dormant', 'lost') THEN 'engaged' ELSE stage END
            WHERE id = :id
            """).execute(arguments: ["seen": seen, "replied": replied, "id": id])
        guard db.changesCount == 1 else { throw StoreError(.leadNotFound, "no lead #\(id)") }
    }

    static func audit(_ db: Database, _ now: Date, _ actor: String, _ action: String, _ detail: String) throws {
        var entry = AuditEntry(occurredAt: now, actor: actor, action: action, detail: detail)
        try entry.insert(db)
    }
}

