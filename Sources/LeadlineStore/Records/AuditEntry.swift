import Foundation
import GRDB
import LeadlineCore

/// One line of the audit log: who did what, with no personal data.
public struct AuditEntry: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var occurredAt: Date
    /// The person or component (`cli`, `worker`, a user name).
    public var actor: String
    /// A short verb: `erase`, `set_kind`, `reset_mailbox`, `backup`.
    public var action: String
    /// Counts and ids, never addresses, names or message text.
    public var detail: String

    public init(id: Int64? = nil, occurredAt: Date, actor: String, action: String, detail: String) {
        self.id = id
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, actor, action, detail
        case occurredAt = "occurred_at"
    }
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_log"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A person's correction of a lead's kind, kept for the classifier to learn from.
public struct KindCorrection: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var leadID: Int64
    /// The inquiry the classifier judged (the lead's latest), if it is still stored.
    public var messageRowID: Int64?
    public var oldKind: LeadKind
    public var newKind: LeadKind
    public var correctedBy: String
    public var correctedAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case leadID = "lead_id"
        case messageRowID = "message_row_id"
        case oldKind = "old_kind"
        case newKind = "new_kind"
        case correctedBy = "corrected_by"
        case correctedAt = "corrected_at"
    }
}

extension KindCorrection: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "kind_correction"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
