import Foundation
import GRDB
import LeadlineCore

/// One fetched message: a row of the `message` table. The raw bytes live in `message_content`, by hash.
public struct MessageRecord: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var mailboxID: Int64
    public var uidValidity: Int64
    /// The IMAP UID in decimal, or the local file's key (Maildir unique name, .eml file name).
    public var sourceKey: String
    public var contentID: Int64
    /// The message first stored with the same Message-ID or content, when this one is a copy of it.
    public var duplicateOf: Int64?
    /// The RFC 5322 Message-ID without angle brackets.
    public var messageID: String?
    public var subject: String?
    public var fromAddress: String?
    public var fromName: String?
    /// The `Date` header.
    public var sentAt: Date?
    /// When Leadline stored it.
    public var receivedAt: Date
    public var kind: LeadKind?
    public var confidence: Double?
    /// The classifier's reasons, a JSON array of strings.
    public var reasons: String?
    /// The extracted facts, a JSON object.
    public var facts: String?
    /// Why parsing or classifying failed, if it did.
    public var error: String?
    public var leadID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, subject, kind, confidence, reasons, facts, error
        case mailboxID = "mailbox_id"
        case uidValidity = "uid_validity"
        case sourceKey = "source_key"
        case contentID = "content_id"
        case duplicateOf = "duplicate_of"
        case messageID = "message_id"
        case fromAddress = "from_address"
        case fromName = "from_name"
        case sentAt = "sent_at"
        case receivedAt = "received_at"
        case leadID = "lead_id"
    }
}

extension MessageRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "message"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `message_content`: raw bytes addressed by their SHA-256.
struct MessageContent: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "message_content"
    var id: Int64?
    var sha256: String
    var size: Int
    var bytes: Data

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `account`.
struct AccountRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "account"
    var id: Int64?
    var name: String

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `mailbox`.
struct MailboxRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "mailbox"
    var id: Int64?
    var accountID: Int64
    var name: String
    var uidValidity: Int64
    var lastUID: Int64

    enum CodingKeys: String, CodingKey {
        case id, name
        case accountID = "account_id"
        case uidValidity = "uid_validity"
        case lastUID = "last_uid"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
