/// The named limits of the MIME parser, in one place (as swift-nio-imap's `IMAPDefaults`).
public enum MIMEDefaults {
    /// Largest message the parser accepts: 64 MiB.
    public static let maxMessageBytes = 64 * 1024 * 1024
    /// Deepest nesting of multiparts and enclosed messages; deeper parts are read as leaves (kept, not parsed).
    public static let maxPartDepth = 64
    /// Largest header block of one part: 1 MiB. A bigger one is an error for the message.
    public static let maxHeaderBytes = 1024 * 1024
}

/// How the parser reads a message: limits, and the charset tried for 8-bit header bytes that are not UTF-8.
public struct MIMEOptions: Sendable, Equatable {
    /// Messages larger than this fail with ``MIMEError/Code/messageTooLarge``.
    public var maxMessageBytes: Int
    /// Parts nested deeper than this are read as leaves, with a diagnostic; a message is never rejected for depth
    /// unless ``rejectExcessiveDepth`` is set.
    public var maxPartDepth: Int
    /// When true, exceeding ``maxPartDepth`` fails with ``MIMEError/Code/tooDeep`` instead of degrading.
    public var rejectExcessiveDepth: Bool
    /// A header block larger than this fails with ``MIMEError/Code/headerTooLarge``.
    public var maxHeaderBytes: Int
    /// Charset label for 8-bit header bytes that are not valid UTF-8 when the part names no charset
    /// (the part's own charset is tried first).
    public var headerFallbackCharset: String

    /// Options with the limits of ``MIMEDefaults``.
    public init(
        maxMessageBytes: Int = MIMEDefaults.maxMessageBytes,
        maxPartDepth: Int = MIMEDefaults.maxPartDepth,
        rejectExcessiveDepth: Bool = false,
        maxHeaderBytes: Int = MIMEDefaults.maxHeaderBytes,
        headerFallbackCharset: String = "windows-1252"
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxPartDepth = maxPartDepth
        self.rejectExcessiveDepth = rejectExcessiveDepth
        self.maxHeaderBytes = maxHeaderBytes
        self.headerFallbackCharset = headerFallbackCharset
    }
}

/// Why a message could not be parsed at all. The caller keeps the raw bytes and reports this error.
public struct MIMEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// The message is larger than ``MIMEOptions/maxMessageBytes``.
        case messageTooLarge
        /// A header block is larger than ``MIMEOptions/maxHeaderBytes``.
        case headerTooLarge
        /// Parts nest deeper than ``MIMEOptions/maxPartDepth`` and the options ask to reject that.
        case tooDeep
        /// The input is empty.
        case empty
    }

    /// What went wrong.
    public var code: Code
    /// Where: a byte offset into the message.
    public var offset: Int
    /// The limit that was exceeded, when one was.
    public var limit: Int?
    /// The measured value (bytes, depth) that exceeded it.
    public var actual: Int?

    public init(code: Code, offset: Int, limit: Int? = nil, actual: Int? = nil) {
        self.code = code
        self.offset = offset
        self.limit = limit
        self.actual = actual
    }

    public var description: String {
        switch code {
        case .messageTooLarge:
            return "message is \(actual ?? 0) bytes, more than the limit of \(limit ?? 0) bytes; it was kept unparsed"
        case .headerTooLarge:
            return "header block at byte \(offset) is more than \(limit ?? 0) bytes; the message was kept unparsed"
        case .tooDeep:
            return "parts nest \(actual ?? 0) levels deep at byte \(offset), more than the limit of \(limit ?? 0)"
        case .empty:
            return "the message is empty (0 bytes)"
        }
    }
}

/// A defect the parser found and worked around: what, and where.
public struct MIMEDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The kind of defect.
    public enum Kind: String, Sendable, Equatable, Codable {
        case missingHeaderBodySeparator, continuationWithoutHeader, invalidHeaderLine
        case missingBoundaryParameter, startBoundaryNotFound, closeBoundaryNotFound
        case invalidBase64, unknownCharset, invalidCharacters, unknownTransferEncoding
        case invalidDate, invalidAddress, depthLimit, eightBitHeader
    }

    /// The kind of defect.
    public var kind: Kind
    /// Where: the part path (`1.2` is the second child of the first child of the root; empty is the root).
    public var partPath: String
    /// The header field concerned, when there is one.
    public var field: String?
    /// A short explanation for a person.
    public var detail: String

    public init(kind: Kind, partPath: String, field: String? = nil, detail: String) {
        self.kind = kind
        self.partPath = partPath
        self.field = field
        self.detail = detail
    }

    public var description: String {
        let place = partPath.isEmpty ? "message" : "part \(partPath)"
        return "\(place)\(field.map { ", \($0)" } ?? ""): \(detail)"
    }
}
