public import LeadlineMIME

/// What the classifier reads of one message, as plain values: subject, new text, full text, headers, sender,
/// attachments.
///
/// Built from a parsed message (`InquiryInput(message:)`) or directly in tests. `newText` is the sender's own text
/// without quoted history; classification reads it, so an old quote cannot make an auto-reply look like an order.
public struct InquiryInput: Sendable, Equatable {
    /// The decoded subject.
    public var subject: String
    /// The sender's new text (quoted history removed), HTML already turned into text.
    public var newText: String
    /// All readable text, quotes included (bounce reports keep their explanation here).
    public var fullText: String
    /// Header fields in order, unfolded.
    public var headers: [HeaderField]
    /// The `From` mailbox.
    public var from: Mailbox?
    /// The `Reply-To` mailboxes.
    public var replyTo: [Mailbox]
    /// Number of `To` and `Cc` recipients.
    public var recipientCount: Int
    /// Attachments (name, type, size).
    public var attachments: [AttachmentInfo]
    /// The top-level content type, lower-case (`multipart/report`).
    public var contentType: String

    public init(
        subject: String, newText: String, fullText: String? = nil, headers: [HeaderField] = [],
        from: Mailbox? = nil, replyTo: [Mailbox] = [], recipientCount: Int = 1,
        attachments: [AttachmentInfo] = [], contentType: String = "text/plain"
    ) {
        self.subject = subject
        self.newText = newText
        self.fullText = fullText ?? newText
        self.headers = headers
        self.from = from
        self.replyTo = replyTo
        self.recipientCount = recipientCount
        self.attachments = attachments
        self.contentType = contentType.lowercased()
    }

    /// The value of the first header named `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        headers.first { FieldName.equal($0.name, name) }?.value
    }

    /// The lower-case domain of the sender's address.
    public var senderDomain: String? {
        guard let address = from?.address, let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...].lowercased()
        return domain.isEmpty ? nil : domain
    }

    /// The lower-case local part of the sender's address (`mailer-daemon`).
    public var senderLocalPart: String? {
        guard let address = from?.address else { return nil }
        return String(address.split(separator: "@", maxSplits: 1).first ?? "").lowercased()
    }
}
