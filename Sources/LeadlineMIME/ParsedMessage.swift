import Foundation

/// A message as Leadline reads it: its headers, people, dates, threading ids, readable text and attachments,
/// plus every defect the parser worked around.
///
/// Built by ``MIMEParser/parse(_:)``. The source bytes are kept (shared, not copied) so that an attachment's content
/// can be decoded on demand with ``decodedBody(of:)``.
///
/// ## Topics
/// - ``readableText``, ``newText``: what the sender wrote, for classification and reply detection.
/// - ``textPlain``, ``html``, ``attachments``: the parts, chosen as Python's `email.message.get_body` does.
public struct ParsedMessage: Sendable {
    /// The message bytes as received.
    public var source: [UInt8]
    /// The entity tree.
    public var root: MIMEPart
    /// The decoded Subject (RFC 2047 words decoded), or nil when there is none.
    public var subject: String?
    /// The first From header's mailboxes.
    public var from: [Mailbox]
    /// The first To header's mailboxes (group members flattened).
    public var to: [Mailbox]
    /// The first Cc header's mailboxes.
    public var cc: [Mailbox]
    /// The first Reply-To header's mailboxes: where the buyer wants answers (web forms put the buyer here).
    public var replyTo: [Mailbox]
    /// The Date header's instant, or nil when absent or unreadable (then a diagnostic says so).
    public var date: Date?
    /// The Message-ID header, trimmed (angle brackets kept), or nil.
    public var messageID: String?
    /// The In-Reply-To header, trimmed, or nil.
    public var inReplyTo: String?
    /// The `<id>` tokens of the References header, in order.
    public var references: [String]
    /// The root's lower-case `type/subtype`.
    public var contentType: String
    /// The decoded text of the first text/plain body part (not an attachment, not inside an enclosed message,
    /// only the root of a multipart/related), or nil.
    public var textPlain: String?
    /// The decoded text of the first text/html body part, chosen the same way, or nil.
    public var html: String?
    /// Every leaf part other than the two bodies that is an attachment, has a file name, or is not text.
    public var attachments: [AttachmentInfo]
    /// Defects found and worked around, with where.
    public var diagnostics: [MIMEDiagnostic]

    /// The header fields of the message, in order.
    public var headers: [HeaderField] { root.headers }

    /// The first value of a header field (case-insensitive name), raw (not RFC 2047-decoded), or nil.
    public func header(_ name: String) -> String? { root.header(name) }

    /// Every value of a header field (case-insensitive name), in order.
    public func headers(named name: String) -> [String] { root.headers(named: name) }

    /// What the sender wrote: the text/plain body, else the HTML body turned into readable text, else "".
    public var readableText: String {
        if let textPlain, !textPlain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return textPlain }
        if let html { return HTMLText.readableText(html) }
        return textPlain ?? ""
    }

    /// The new text of a reply: ``readableText`` without the quoted history below it (`On ... wrote:`,
    /// `-----Original Message-----`, `>` lines, Outlook header blocks, and their non-English forms).
    public var newText: String { QuoteStripper.newText(readableText) }

    /// The decoded content of a part (transfer encoding undone; charset untouched).
    public func decodedBody(of part: MIMEPart) -> [UInt8] {
        BodyDecoding.decode(source[part.bodyRange], transferEncoding: part.transferEncoding, isText: part.mainType == "text")
    }
}
