/// One entity of a parsed message: its headers, its type, and either its body (a byte range of the message) or its
/// children (a multipart's parts, or the one message a `message/*` part encloses).
public struct MIMEPart: Sendable, Equatable {
    /// Where the part sits: "" for the root, "1" for its first child, "1.2" for that child's second child.
    public var path: String
    /// The header fields as written, unfolded, in order (8-bit bytes decoded as UTF-8, else the part's charset).
    public var headers: [HeaderField]
    /// The lower-case `type/subtype` (as RFC 2045 section 5.2 reads it: an invalid value reads as `text/plain`).
    public var contentType: String
    /// Content-Type parameters, names lower-case, values unquoted, RFC 2231 continuations joined and decoded.
    public var contentTypeParameters: [String: String]
    /// The lower-case disposition type (`attachment`, `inline`), or nil when there is no Content-Disposition.
    public var disposition: String?
    /// Content-Disposition parameters, as ``contentTypeParameters``.
    public var dispositionParameters: [String: String]
    /// The lower-case Content-Transfer-Encoding (`7bit` when absent).
    public var transferEncoding: String
    /// The file name (Content-Disposition `filename`, else Content-Type `name`), decoded, or nil.
    public var filename: String?
    /// The encoded body's bytes in ``ParsedMessage/source`` (for a container: its whole body).
    public var bodyRange: Range<Int>
    /// The parts of a multipart, or the enclosed message of a `message/*` part; empty for a leaf.
    public var children: [MIMEPart]
    /// True for a multipart whose boundary was found, and for a `message/*` part (children parsed).
    public var isContainer: Bool

    /// The media type (`text` of `text/plain`).
    public var mainType: Substring { contentType.prefix { $0 != "/" } }
    /// The subtype (`plain` of `text/plain`).
    public var subType: Substring {
        guard let slash = contentType.firstIndex(of: "/") else { return "" }
        return contentType[contentType.index(after: slash)...]
    }
    /// The charset parameter, or nil.
    public var charset: String? { contentTypeParameters["charset"] }
    /// True when Content-Disposition says `attachment`.
    public var isAttachmentDisposition: Bool { disposition == "attachment" }

    /// The first value of a header field, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { FieldName.equal($0.name, name) }?.value
    }

    /// Every value of a header field, by case-insensitive name, in order.
    public func headers(named name: String) -> [String] {
        headers.filter { FieldName.equal($0.name, name) }.map(\.value)
    }

    /// Depth-first walk over this part and all its descendants.
    public func walk(_ visit: (MIMEPart) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }
}

/// Header field names compare without regard to case (RFC 5322: they are printable ASCII).
public enum FieldName {
    /// True when `a` and `b` are the same field name: ASCII letters compared case-insensitively byte by byte, and
    /// Foundation's Unicode comparison for the odd name with non-ASCII bytes (so malformed names still match).
    public static func equal(_ a: String, _ b: String) -> Bool {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        if a.utf8.elementsEqual(b.utf8, by: { lower($0) == lower($1) }) { return true }
        guard a.utf8.contains(where: { $0 >= 0x80 }) || b.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return a.caseInsensitiveCompare(b) == .orderedSame
    }
}
