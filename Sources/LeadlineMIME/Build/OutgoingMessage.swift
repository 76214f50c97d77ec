import Foundation

/// A message Leadline sends: people, subject, threading, bodies and attachments. ``MessageBuilder`` writes it.
public struct OutgoingMessage: Sendable, Equatable {
    /// The sender.
    public var from: Mailbox
    /// Recipients.
    public var to: [Mailbox]
    /// Copy recipients.
    public var cc: [Mailbox]
    /// Where replies should go, when not to ``from``.
    public var replyTo: Mailbox?
    /// The subject (any Unicode; CR and LF are turned into spaces).
    public var subject: String
    /// The Date header's instant (passed in: the builder never reads a clock).
    public var date: Date
    /// The zone the Date header is written in (seconds east of UTC).
    public var dateOffsetSeconds: Int
    /// The Message-ID, with or without angle brackets (see ``MessageBuilder/messageID(unique:domain:)``).
    public var messageID: String
    /// The Message-ID this message answers, for threading.
    public var inReplyTo: String?
    /// The thread's Message-IDs, oldest first.
    public var references: [String]
    /// The plain-text body.
    public var text: String
    /// An HTML alternative of the body, when wanted.
    public var html: String?
    /// Files to attach.
    public var attachments: [OutgoingAttachment]

    public init(from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], replyTo: Mailbox? = nil, subject: String, date: Date,
                dateOffsetSeconds: Int = 0, messageID: String, inReplyTo: String? = nil, references: [String] = [],
                text: String, html: String? = nil, attachments: [OutgoingAttachment] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.dateOffsetSeconds = dateOffsetSeconds
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.text = text
        self.html = html
        self.attachments = attachments
    }
}

/// A file attached to an ``OutgoingMessage``.
public struct OutgoingAttachment: Sendable, Equatable {
    /// The file name shown to the recipient (any Unicode).
    public var filename: String
    /// The MIME type (`application/pdf`).
    public var contentType: String
    /// The file's bytes.
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// Why a message could not be written.
public struct MIMEBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field concerned (`From`, `To`, `Message-ID`, `attachment`).
    public var field: String
    /// The offending value, shortened.
    public var value: String
    /// What is wrong with it.
    public var reason: String

    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = String(value.prefix(80))
        self.reason = reason
    }

    public var description: String { "cannot write the message: \(field) \"\(value)\" \(reason)" }
}
