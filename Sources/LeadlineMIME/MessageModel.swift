import Foundation

/// One address from a `From`, `To` or `Cc` header: an optional display name and the address itself.
public struct Mailbox: Sendable, Equatable, Hashable, Codable {
    /// The decoded display name (`"Ana Kowalska"`), or nil when the header gives none.
    public var name: String?
    /// The address (`ana@firma.pl`), as written; compare case-insensitively.
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

/// What a message carries besides its readable text: a file, an image, a returned message.
public struct AttachmentInfo: Sendable, Equatable, Codable {
    /// The decoded file name (RFC 2231 / RFC 2047), or nil.
    public var filename: String?
    /// The lower-case MIME type (`application/pdf`).
    public var contentType: String
    /// The decoded size in bytes; nil for `message/*` parts.
    public var size: Int?

    public init(filename: String?, contentType: String, size: Int?) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }
}

/// One header field as it stands in the message, unfolded.
public struct HeaderField: Sendable, Equatable, Codable {
    /// The field name as written (case kept; compare case-insensitively).
    public var name: String
    /// The raw value, unfolded, not RFC 2047-decoded.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
