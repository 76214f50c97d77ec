import Foundation
import GRDB
import LeadlineCore

/// Message-ID normalisation: stored and looked up without angle brackets or surrounding space.
enum MessageIDs {
    static func normalize(_ id: String?) -> String? {
        guard var text = id?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if text.hasPrefix("<") { text.removeFirst() }
        if text.hasSuffix(">") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}

/// Row-level steps shared by the transactional operations. Each runs inside the caller's transaction.
extension LeadlineDatabase {
    static func fetchMailbox(_ db: Database, account: String, mailbox: String) throws -> MailboxRow? {
        try MailboxRow.fetchOne(db, sql: """
            SELECT mailbox.* FROM mailbox JOIN account ON account.id = mailbox.account_id
            WHERE account.name = ? AND mailbox.name = ?
            """, arguments: [account, mailbox])
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
        try Int64.fetchOne(db, sql: """
            SELECT message.id FROM message
            JOIN mailbox ON mailbox.id = message.mailbox_id JOIN account ON account.id = mailbox.account_id
            WHERE account.name = ? AND mailbox.name = ? AND message.uid_validity = ? AND message.source_key = ?
            """, arguments: [location.account, location.mailbox, location.uidValidity, location.key])
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
        try mailbox.update(db)

        let hash = message.sha256
        try db.execute(
            sql: "INSERT INTO message_content (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
            arguments: [hash, message.raw.count, message.raw])
        let contentID = try Int64.fetchOne(db, sql: "SELECT id FROM message_content WHERE sha256 = ?", arguments: [hash])!
        return MessageRecord(
            id: nil, mailboxID: mailbox.id!, uidValidity: location.uidValidity, sourceKey: location.key,
            contentID: contentID, duplicateOf: nil, messageID: MessageIDs.normalize(message.messageID),
            subject: message.subject, fromAddress: message.fromAddress, fromName: message.fromName,
            sentAt: message.sentAt, receivedAt: now, kind: nil, confidence: nil, reasons: nil, facts: nil,
            error: nil, leadID: nil)
    }

    static func apply(_ verdict: Classification, to row: inout MessageRecord) throws {
        guard (0...1).contains(verdict.confidence) else {
            throw StoreError(.invalidValue, "confidence \(verdict.confidence) is outside 0...1")
        }
        if let facts = verdict.factsJSON {
            let parsed = try? JSONSerialization.jsonObject(with: Data(facts.utf8), options: [.fragmentsAllowed])
            guard parsed is [String: Any] else {
                throw StoreError(.invalidValue, "facts must be a JSON object")
            }
        }
        row.kind = verdict.kind
        row.confidence = verdict.confidence
        row.reasons = String(decoding: try JSONEncoder().encode(verdict.reasons), as: UTF8.self)
        row.facts = verdict.factsJSON
    }

    /// Creates the lead for `address` or updates it: seen dates widen, unknown profile fields fill in, the kind
    /// follows the latest classification unless a person set it, and a dormant or lost lead becomes a prospect.
    static func upsertLead(
        _ db: Database, address: String, fromName: String?, verdict: Classification, profile: LeadProfile, seen: Date
    ) throws -> (Int64, Bool) {
        let name = profile.name ?? fromName
        guard var lead = try LeadRecord.filter(LeadRecord.Columns.address == address).fetchOne(db) else {
            var lead = LeadRecord(
                address: address, name: name, company: profile.company, country: profile.country,
                language: profile.language, kind: verdict.kind, confidence: verdict.confidence,
                industry: profile.industry, region: profile.region, firstSeen: seen, lastSeen: seen)
            try lead.insert(db)
            return (lead.id!, true)
        }
        lead.firstSeen = min(lead.firstSeen, seen)
        lead.lastSeen = max(lead.lastSeen, seen)
        lead.name = lead.name ?? name
        lead.company = lead.company ?? profile.company
        lead.country = lead.country ?? profile.country
        lead.language = lead.language ?? profile.language
        lead.industry = lead.industry ?? profile.industry
        lead.region = lead.region ?? profile.region
        if lead.kindSource == .classifier {
            lead.kind = verdict.kind
            lead.confidence = verdict.confidence
        }
        if lead.stage == .dormant || lead.stage == .lost { lead.stage = .prospect }
        try lead.update(db)
        return (lead.id!, false)
    }

    /// Widens a lead's seen dates; with `replied`, moves a prospect (or dormant/lost lead) to `engaged`.
    static func touchLead(_ db: Database, id: Int64, seen: Date, replied: Bool) throws {
        guard var lead = try LeadRecord.fetchOne(db, key: id) else {
            throw StoreError(.leadNotFound, "no lead #\(id)")
        }
        lead.firstSeen = min(lead.firstSeen, seen)
        lead.lastSeen = max(lead.lastSeen, seen)
        if replied, [.prospect, .dormant, .lost].contains(lead.stage) { lead.stage = .engaged }
        try lead.update(db)
    }

    static func audit(_ db: Database, _ now: Date, _ actor: String, _ action: String, _ detail: String) throws {
        var entry = AuditEntry(occurredAt: now, actor: actor, action: action, detail: detail)
        try entry.insert(db)
    }
}
