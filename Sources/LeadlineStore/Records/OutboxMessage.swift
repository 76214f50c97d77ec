import Foundation
import GRDB
import LeadlineCore

/// Where an outgoing message stands.
public enum OutboxState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Rendered and waiting for its time (`nextAttempt`).
    case queued
    /// Handed to the server or folder; not yet confirmed. Found so after a restart: held, never resent blindly.
    case sending
    /// Delivered.
    case sent
    /// A temporary failure (SMTP 4xx, network); tried again at `nextAttempt`.
    case retry
    /// Refused for good (SMTP 5xx) or out of retries.
    case failed
    /// Waiting for a person: it may or may not have gone out (crash while sending).
    case held
}

/// A message to queue: everything but its bookkeeping.
public struct OutboxDraft: Sendable, Equatable {
    public var account: String
    public var leadID: Int64?
    public var stepIndex: Int
    public var template: String
    public var language: String
    public var sender: String
    public var recipient: String
    /// The Message-ID with angle brackets, as written in `bytes`.
    public var messageID: String
    public var subject: String
    public var bytes: Data
    /// An RFC 3834 automatic reply (the acknowledgement): recorded against the recipient for loop prevention.
    public var isAutoReply: Bool
    /// Not before this time.
    public var sendAt: Date

    public init(account: String, leadID: Int64?, stepIndex: Int, template: String, language: String, sender: String,
                recipient: String, messageID: String, subject: String, bytes: Data, isAutoReply: Bool, sendAt: Date) {
        self.account = account
        self.leadID = leadID
        self.stepIndex = stepIndex
        self.template = template
        self.language = language
        self.sender = sender
        self.recipient = recipient
        self.messageID = messageID
        self.subject = subject
        self.bytes = bytes
        self.isAutoReply = isAutoReply
        self.sendAt = sendAt
    }
}

/// One row of the outbox.
public struct OutboxMessage: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var draft: OutboxDraft
    public var state: OutboxState
    public var attempts: Int
    public var nextAttempt: Date
    public var queuedAt: Date
    public var sentAt: Date?
    public var lastError: String?

    init(row: Row) {
        id = row["id"]
        draft = OutboxDraft(
            account: row["account"], leadID: row["lead_id"], stepIndex: row["step_index"], template: row["template"],
            language: row["language"], sender: row["sender"], recipient: row["recipient"],
            messageID: row["message_id"], subject: row["subject"], bytes: row["bytes"],
            isAutoReply: row["is_auto_reply"], sendAt: row["next_attempt"])
        state = OutboxState(rawValue: row["state"]) ?? .held
        attempts = row["attempts"]
        nextAttempt = row["next_attempt"]
        queuedAt = row["queued_at"]
        sentAt = row["sent_at"]
        lastError = row["last_error"]
    }
}

/// A lead's enrolment: its sequence state plus the thread its mail continues.
public struct Enrolment: Sendable, Equatable {
    public var leadID: Int64
    /// The account that writes to this lead (the same sender stays on a thread).
    public var account: String
    public var state: SequenceState
    /// The buyer's message our mail answers (`<id>`), and the thread's References, oldest first.
    public var threadMessageID: String?
    public var threadReferences: [String]
    /// The buyer's subject, for `Re:`.
    public var threadSubject: String?

    public init(leadID: Int64, account: String, state: SequenceState, threadMessageID: String?,
                threadReferences: [String], threadSubject: String?) {
        self.leadID = leadID
        self.account = account
        self.state = state
        self.threadMessageID = threadMessageID
        self.threadReferences = threadReferences
        self.threadSubject = threadSubject
    }
}
