import Foundation
import GRDB

/// What happened on a lead's timeline.
public enum TimelineEventKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The buyer's inquiry arrived.
    case inquiry
    /// We wrote to the buyer (a follow-up or a salesperson's answer).
    case ourReply = "our_reply"
    /// The buyer answered.
    case theirReply = "their_reply"
    /// A person's note.
    case note
    /// A person changed the lead's kind.
    case kindCorrection = "kind_correction"
}

/// One entry of a lead's timeline: a row of the `lead_event` table.
public struct TimelineEvent: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var leadID: Int64
    public var kind: TimelineEventKind
    public var occurredAt: Date
    /// The stored message this event is about (inbound mail), if any.
    public var messageRowID: Int64?
    /// The RFC 5322 Message-ID of the mail (without angle brackets), for threading replies; ours for `ourReply`.
    public var messageID: String?
    /// One line for people: the subject, the note, or "serious_buyer → price_comparer".
    public var summary: String
    /// Who caused it when a person did (`set-kind` by "anna"), else nil.
    public var actor: String?

    public init(
        id: Int64? = nil, leadID: Int64, kind: TimelineEventKind, occurredAt: Date, messageRowID: Int64? = nil,
        messageID: String? = nil, summary: String = "", actor: String? = nil
    ) {
        self.id = id
        self.leadID = leadID
        self.kind = kind
        self.occurredAt = occurredAt
        self.messageRowID = messageRowID
        self.messageID = messageID
        self.summary = summary
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, summary, actor
        case leadID = "lead_id"
        case occurredAt = "occurred_at"
        case messageRowID = "message_row_id"
        case messageID = "message_id"
    }
}

extension TimelineEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "lead_event"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension TimelineEventKind: DatabaseValueConvertible {}
