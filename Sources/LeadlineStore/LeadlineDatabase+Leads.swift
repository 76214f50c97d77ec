import Foundation
import GRDB
import LeadlineCore

/// A lead with the number of messages it sent (copies not counted).
public struct LeadSummary: Sendable, Equatable {
    public var lead: LeadRecord
    public var messageCount: Int

    public init(lead: LeadRecord, messageCount: Int) {
        self.lead = lead
        self.messageCount = messageCount
    }
}

/// A message a person re-labelled: its raw bytes and the kind they chose.
public struct CorrectedExample: Sendable, Equatable {
    public var messageRowID: Int64
    public var kind: LeadKind
    public var raw: Data

    public init(messageRowID: Int64, kind: LeadKind, raw: Data) {
        self.messageRowID = messageRowID
        self.kind = kind
        self.raw = raw
    }
}

/// A lead with its timeline, oldest event first.
public struct LeadDetail: Sendable, Equatable {
    public var lead: LeadRecord
    public var messageCount: Int
    public var timeline: [TimelineEvent]

    public init(lead: LeadRecord, messageCount: Int, timeline: [TimelineEvent]) {
        self.lead = lead
        self.messageCount = messageCount
        self.timeline = timeline
    }
}

/// Leads: finding, listing, and the changes people make.
extension LeadlineDatabase {
    /// The lead a reply belongs to, found by the Message-IDs it refers to (`In-Reply-To` first, then
    /// `References` newest first): a stored message of the lead, or a mail we sent it (`our_reply` event).
    /// - Returns: the lead of the first id that matches, or nil.
    public func findLead(byMessageIDs ids: [String]) throws -> LeadRecord? {
        try writer.read { db in try Self.findLead(db, byMessageIDs: ids) }
    }

    static func findLead(_ db: Database, byMessageIDs ids: [String]) throws -> LeadRecord? {
        for id in ids.compactMap({ MessageIDs.normalize($0) }) {
            let leadID = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT lead_id FROM message WHERE message_id = ? AND lead_id IS NOT NULL
                UNION ALL SELECT lead_id FROM lead_event WHERE message_id = ?
                LIMIT 1
                """), arguments: [id, id])
            if let leadID, let lead = try LeadRecord.fetchOne(db, key: leadID) { return lead }
        }
        return nil
    }

    /// The lead with this e-mail address (case-insensitive), or nil.
    public func findLead(byAddress address: String) throws -> LeadRecord? {
        try writer.read { db in try Self.findLead(db, byAddress: address) }
    }

    static func findLead(_ db: Database, byAddress address: String) throws -> LeadRecord? {
        try LeadRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM lead WHERE address = ?"),
            arguments: [address.trimmingCharacters(in: .whitespaces)])
    }

    /// Leads, most recently active first.
    /// - Parameters:
    ///   - kind: only leads of this kind.
    ///   - since: only leads seen at or after this time.
    public func listLeads(kind: LeadKind? = nil, since: Date? = nil) throws -> [LeadSummary] {
        try writer.read { db in
            var request = LeadRecord.all()
            if let kind { request = request.filter(LeadRecord.Columns.kind == kind) }
            if let since { request = request.filter(LeadRecord.Columns.lastSeen >= since) }
            let leads = try request.order(LeadRecord.Columns.lastSeen.desc, LeadRecord.Columns.id).fetchAll(db)
            let counts = try Self.messageCounts(db)
            return leads.map { LeadSummary(lead: $0, messageCount: counts[$0.id!] ?? 0) }
        }
    }

    /// The lead with its timeline, or nil.
    public func lead(id: Int64) throws -> LeadDetail? {
        try writer.read { db in try Self.detail(db, LeadRecord.fetchOne(db, key: id)) }
    }

    /// The lead with this address (case-insensitive) with its timeline, or nil.
    public func lead(address: String) throws -> LeadDetail? {
        try writer.read { db in
            try Self.detail(db, LeadRecord.filter(LeadRecord.Columns.address == address).fetchOne(db))
        }
    }

    /// A person sets a lead's kind: the lead keeps it (the classifier no longer overrides it, confidence 1),
    /// the correction is stored with the lead's latest inquiry for learning, and the timeline and audit log show it.
    /// - Returns: the stored correction.
    /// - Throws: ``StoreError`` `.leadNotFound`.
    @discardableResult
    public func setKind(leadID: Int64, kind: LeadKind, by person: String, now: Date) throws -> KindCorrection {
        try writer.write { db in
            guard var lead = try LeadRecord.fetchOne(db, key: leadID) else {
                throw StoreError(.leadNotFound, "no lead #\(leadID)")
            }
            let inquiry = try Int64.fetchOne(db, sql: """
                SELECT message_row_id FROM lead_event WHERE lead_id = ? AND kind = 'inquiry' AND message_row_id IS NOT NULL
                ORDER BY occurred_at DESC, id DESC LIMIT 1
                """, arguments: [leadID])
            var correction = KindCorrection(
                id: nil, leadID: leadID, messageRowID: inquiry, oldKind: lead.kind, newKind: kind,
                correctedBy: person, correctedAt: now)
            try correction.insert(db)
            var event = TimelineEvent(
                leadID: leadID, kind: .kindCorrection, occurredAt: now,
                summary: "\(lead.kind.rawValue) → \(kind.rawValue)", actor: person)
            try event.insert(db)
            lead.kind = kind
            lead.kindSource = .person
            lead.confidence = 1
            try lead.update(db)
            try Self.audit(db, now, person, "set_kind", "lead #\(leadID): \(correction.oldKind.rawValue) → \(kind.rawValue)")
            return correction
        }
    }

    /// The buyer answered outside the ingest pipeline's view: a prospect (or dormant/lost lead) becomes `engaged`.
    /// ``recordIngested(_:as:now:)`` with `.reply` does this itself.
    public func markReplied(leadID: Int64, now: Date) throws {
        try writer.write { db in try Self.touchLead(db, id: leadID, seen: now, replied: true) }
    }

    /// Records a mail we sent to the lead, so its replies thread back by Message-ID.
    /// - Returns: the `our_reply` event.
    @discardableResult
    public func recordOurReply(leadID: Int64, messageID: String, summary: String, now: Date) throws -> TimelineEvent {
        try writer.write { db in
            guard try LeadRecord.exists(db, key: leadID) else { throw StoreError(.leadNotFound, "no lead #\(leadID)") }
            var event = TimelineEvent(
                leadID: leadID, kind: .ourReply, occurredAt: now, messageID: MessageIDs.normalize(messageID),
                summary: summary)
            try event.insert(db)
            return event
        }
    }

    /// Adds a person's note to the lead's timeline.
    @discardableResult
    public func addNote(leadID: Int64, text: String, by person: String, now: Date) throws -> TimelineEvent {
        try writer.write { db in
            guard try LeadRecord.exists(db, key: leadID) else { throw StoreError(.leadNotFound, "no lead #\(leadID)") }
            var event = TimelineEvent(leadID: leadID, kind: .note, occurredAt: now, summary: text, actor: person)
            try event.insert(db)
            return event
        }
    }

    /// Moves a lead to a stage (first order → `customer`, and so on), with an audit entry.
    public func setStage(leadID: Int64, stage: LeadStage, by person: String, now: Date) throws {
        try writer.write { db in
            guard var lead = try LeadRecord.fetchOne(db, key: leadID) else {
                throw StoreError(.leadNotFound, "no lead #\(leadID)")
            }
            let old = lead.stage
            lead.stage = stage
            try lead.update(db)
            try Self.audit(db, now, person, "set_stage", "lead #\(leadID): \(old.rawValue) → \(stage.rawValue)")
        }
    }

    /// Assigns the lead to a salesperson (nil: unassigned), with an audit entry.
    public func setOwner(leadID: Int64, owner: String?, by person: String, now: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE lead SET owner = ? WHERE id = ?", arguments: [owner, leadID])
            guard db.changesCount == 1 else { throw StoreError(.leadNotFound, "no lead #\(leadID)") }
            try Self.audit(db, now, person, "set_owner", "lead #\(leadID): \(owner ?? "unassigned")")
        }
    }

    /// The corrections people made, oldest first: the classifier's training data.
    public func kindCorrections() throws -> [KindCorrection] {
        try writer.read { db in try KindCorrection.order(Column("id")).fetchAll(db) }
    }

    /// The messages people re-labelled, with the kind they chose: what the classifier learns from. When a lead
    /// was corrected several times, its latest correction wins. Erased leads take their examples with them.
    public func correctedExamples() throws -> [CorrectedExample] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.message_row_id, k.new_kind, c.bytes FROM kind_correction k
                JOIN message m ON m.id = k.message_row_id JOIN message_content c ON c.id = m.content_id
                WHERE k.id IN (SELECT MAX(id) FROM kind_correction WHERE message_row_id IS NOT NULL GROUP BY message_row_id)
                ORDER BY k.id
                """).map { row in
                CorrectedExample(messageRowID: row[0], kind: LeadKind(rawValue: row[1]) ?? .notLead, raw: row[2])
            }
        }
    }

    static func messageCounts(_ db: Database) throws -> [Int64: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT lead_id, COUNT(*) AS n FROM message WHERE lead_id IS NOT NULL AND duplicate_of IS NULL GROUP BY lead_id
            """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["lead_id"] as Int64, $0["n"] as Int) })
    }

    static func detail(_ db: Database, _ lead: LeadRecord?) throws -> LeadDetail? {
        guard let lead, let id = lead.id else { return nil }
        let timeline = try TimelineEvent.filter(Column("lead_id") == id)
            .order(Column("occurred_at"), Column("id")).fetchAll(db)
        let count = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM message WHERE lead_id = ? AND duplicate_of IS NULL
            """, arguments: [id]) ?? 0
        return LeadDetail(lead: lead, messageCount: count, timeline: timeline)
    }
}
