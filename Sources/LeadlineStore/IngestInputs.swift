import Foundation
import LeadlineCore

/// Where a message was found: account, mailbox, UIDVALIDITY and the key within them. Unique in the store.
public struct MessageLocation: Sendable, Hashable, CustomStringConvertible {
    /// The configured account name (`sales`).
    public var account: String
    /// The mailbox name (`INBOX`), or the local folder's name for a Maildir / .eml source.
    public var mailbox: String
    /// The mailbox's UIDVALIDITY; 0 for local sources, which have none.
    public var uidValidity: Int64
    /// The IMAP UID in decimal, or the local file's key.
    public var key: String
    /// The IMAP UID, whose arrival advances the mailbox's last UID; nil for local sources.
    public var uid: Int64?

    /// A message in an IMAP mailbox.
    public static func imap(account: String, mailbox: String, uidValidity: Int64, uid: Int64) -> MessageLocation {
        MessageLocation(account: account, mailbox: mailbox, uidValidity: uidValidity, key: String(uid), uid: uid)
    }

    /// A message in a local Maildir or .eml folder, keyed by its file's stable name: for a Maildir, the unique
    /// name without the `:2,FLAGS` suffix (which changes when the message is read or moved from new/ to cur/).
    public static func local(account: String, mailbox: String, key: String) -> MessageLocation {
        MessageLocation(account: account, mailbox: mailbox, uidValidity: 0, key: key, uid: nil)
    }

    /// Where it was, for error messages and `leadline problems`: `sales/INBOX UID 42` or `demo/inbox file K`.
    public var description: String {
        uid.map { "\(account)/\(mailbox) UID \($0)" } ?? "\(account)/\(mailbox) file \(key)"
    }
}

/// A fetched message as the pipeline hands it to the store: raw bytes plus what parsing found.
public struct IncomingMessage: Sendable {
    public var location: MessageLocation
    /// The message exactly as fetched.
    public var raw: Data
    /// SHA-256 of `raw`, lower-case hex (see ``ContentHash``).
    public var sha256: String
    /// The Message-ID (angle brackets optional; stored without them).
    public var messageID: String?
    public var subject: String?
    public var fromAddress: String?
    public var fromName: String?
    /// The `Date` header.
    public var sentAt: Date?

    /// - Parameter sha256: pass it when already computed (for ``LeadlineDatabase/isDuplicate(messageID:hash:)``).
    public init(
        location: MessageLocation, raw: Data, sha256: String? = nil, messageID: String? = nil,
        subject: String? = nil, fromAddress: String? = nil, fromName: String? = nil, sentAt: Date? = nil
    ) {
        self.location = location
        self.raw = raw
        self.sha256 = sha256 ?? ContentHash.sha256(raw)
        self.messageID = messageID
        self.subject = subject
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.sentAt = sentAt
    }
}

/// The classifier's verdict on one message, as stored.
public struct Classification: Sendable, Equatable {
    public var kind: LeadKind
    /// 0...1.
    public var confidence: Double
    /// Sentences a salesperson can read.
    public var reasons: [String]
    /// The extracted facts as a JSON object (encoded by the caller), or nil.
    public var factsJSON: String?

    public init(kind: LeadKind, confidence: Double, reasons: [String], factsJSON: String? = nil) {
        self.kind = kind
        self.confidence = confidence
        self.reasons = reasons
        self.factsJSON = factsJSON
    }
}

/// What the message tells about the buyer; nil fields never erase what the store already knows.
public struct LeadProfile: Sendable, Equatable {
    public var name: String?
    public var company: String?
    public var country: String?
    public var language: String?
    public var industry: String?
    public var region: String?

    public init(
        name: String? = nil, company: String? = nil, country: String? = nil, language: String? = nil,
        industry: String? = nil, region: String? = nil
    ) {
        self.name = name
        self.company = company
        self.country = country
        self.language = language
        self.industry = industry
        self.region = region
    }
}

/// What the pipeline decided a message is; ``LeadlineDatabase/recordIngested(_:as:now:)`` records it.
public enum IngestOutcome: Sendable, Equatable {
    /// An inquiry: the lead keyed by the sender's address is created or updated, an `inquiry` event appended.
    case inquiry(Classification, LeadProfile)
    /// The buyer answered (found by In-Reply-To/References or address): attached to that lead as `their_reply`,
    /// the lead moves to `engaged`. No new lead.
    case reply(leadID: Int64, Classification?)
    /// Not an inquiry (auto-reply, bounce, list, spam): stored with its verdict, no lead, no event.
    case notLead(Classification)
    /// Mail from one of our own accounts (read from a Sent folder, or a copy to ourselves): a salesperson's own
    /// answer to the lead (`our_reply` event, so its sequence stops), or, with no lead, kept without one. Never a lead.
    case ourMail(leadID: Int64?)
}

/// What ``LeadlineDatabase/recordIngested(_:as:now:)`` stored.
public struct IngestResult: Sendable, Equatable {
    /// The new `message` row.
    public var messageRowID: Int64
    /// The lead the message belongs to, nil for a non-lead.
    public var leadID: Int64?
    /// True when this message created the lead.
    public var createdLead: Bool
    /// The appended timeline event, if any.
    public var eventID: Int64?

    public init(messageRowID: Int64, leadID: Int64?, createdLead: Bool, eventID: Int64?) {
        self.messageRowID = messageRowID
        self.leadID = leadID
        self.createdLead = createdLead
        self.eventID = eventID
    }
}

/// Where in the pipeline a message failed.
public enum ProblemStage: String, Sendable, Codable, CaseIterable, Hashable {
    case fetch, parse, classify, store
}

/// The state of one mailbox in the store: which UIDVALIDITY it was read under and the highest UID recorded.
public struct MailboxState: Sendable, Equatable {
    public var uidValidity: Int64
    public var lastUID: Int64

    public init(uidValidity: Int64, lastUID: Int64) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}
