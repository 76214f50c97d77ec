import Foundation

/// The corpus reading of a message as one JSON-ready value: the fields of `../shared/corpus/mime/*.eml.json`
/// (`subject`, `from`, `to`, `cc`, `date`, `message_id`, `in_reply_to`, `references`, `content_type`, `text_plain`,
/// `html`, `attachments`), plus `file`, or `file` and `error` for a message that could not be read.
public struct ParsedMessageRecord: Encodable, Sendable {
    /// The path as given on the command line.
    public var file: String
    /// The reading, or nil when ``error`` says why there is none.
    public var message: ParsedMessage?
    /// Why the file has no reading.
    public var error: String?

    public init(file: String, message: ParsedMessage) {
        self.file = file
        self.message = message
    }

    public init(file: String, error: String) {
        self.file = file
        self.error = error
    }

    private enum Key: String, CodingKey {
        case file, error, subject, from, to, cc, date, content_type, text_plain, html, attachments, references
        case message_id, in_reply_to, diagnostics
    }

    private struct Address: Encodable {
        var name: String?
        var address: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(address, forKey: .address)
        }
        enum CodingKeys: String, CodingKey { case name, address }
    }

    private struct Attachment: Encodable {
        var filename: String?
        var contentType: String
        var size: Int?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(filename, forKey: .filename)
            try container.encode(contentType, forKey: .content_type)
            try container.encode(size, forKey: .size)
        }
        enum CodingKeys: String, CodingKey { case filename, content_type, size }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(file, forKey: .file)
        guard let message else {
            try container.encode(error ?? "unreadable", forKey: .error)
            return
        }
        func addresses(_ list: [Mailbox]) -> [Address] { list.map { Address(name: $0.name, address: $0.address) } }
        try container.encode(message.subject, forKey: .subject)
        try container.encode(addresses(message.from), forKey: .from)
        try container.encode(addresses(message.to), forKey: .to)
        try container.encode(addresses(message.cc), forKey: .cc)
        try container.encode(message.date.map(DateParser.iso8601UTC), forKey: .date)
        try container.encode(message.messageID, forKey: .message_id)
        try container.encode(message.inReplyTo, forKey: .in_reply_to)
        try container.encode(message.references, forKey: .references)
        try container.encode(message.contentType, forKey: .content_type)
        try container.encode(message.textPlain, forKey: .text_plain)
        try container.encode(message.html, forKey: .html)
        try container.encode(message.attachments.map { Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size) },
                             forKey: .attachments)
        try container.encode(message.diagnostics.map(\.description), forKey: .diagnostics)
    }
}
