/// Why talking to a mail server (or reading a local mail folder) failed, with where it happened.
///
/// One struct for the whole module: `code` says what went wrong, `isTemporary` whether retrying later can help
/// (network trouble, timeouts, SMTP 4xx) or a person must change something first (password, certificate, address,
/// SMTP 5xx). `host`, `mailbox`, `uid` and `path` say where. `description` is written for the salesperson who reads it
/// in the app; it never contains a password, a token or message content.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong. A struct over a private enum, so cases can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case authenticationFailed, tls, unreachable, connectionLost, timeout, mailboxMissing, uidValidityChanged
            case messageMissing, recipientsRefused, messageRefused, protocolError, localFile
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server refused the user name, password or OAuth token.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// TLS could not be set up: certificate not trusted or not for this host, STARTTLS refused, handshake failed.
        public static let tls = Code(.tls)
        /// The server could not be reached: unknown host, connection refused, nothing listening.
        public static let unreachable = Code(.unreachable)
        /// The connection broke in the middle of a command.
        public static let connectionLost = Code(.connectionLost)
        /// The server did not answer in time (connect timeout or a stalled transfer).
        public static let timeout = Code(.timeout)
        /// The IMAP mailbox (folder) does not exist on the server.
        public static let mailboxMissing = Code(.mailboxMissing)
        /// The mailbox's UIDVALIDITY is not the one the caller knew: its UIDs were renumbered and must be resynced.
        public static let uidValidityChanged = Code(.uidValidityChanged)
        /// The message (UID, or local file) is no longer there.
        public static let messageMissing = Code(.messageMissing)
        /// The SMTP server refused one or more recipients (see `refusedRecipients`).
        public static let recipientsRefused = Code(.recipientsRefused)
        /// The SMTP server refused the sender or the message itself.
        public static let messageRefused = Code(.messageRefused)
        /// The server answered something the client did not expect.
        public static let protocolError = Code(.protocolError)
        /// A local mail folder or outbox file could not be read or written.
        public static let localFile = Code(.localFile)

        public var description: String { base.rawValue }
    }

    /// One recipient the SMTP server refused, with the server's reply code and text.
    public struct RefusedRecipient: Hashable, Sendable, CustomStringConvertible {
        /// The envelope address as sent in `RCPT TO`.
        public var address: String
        /// The SMTP reply code (`550`, `452`...).
        public var replyCode: Int
        /// The server's reply text, e.g. `5.1.1 <x@y>: Recipient address rejected: User unknown`.
        public var reply: String
        /// True for a 4xx reply: the server may accept this recipient later.
        public var isTemporary: Bool { (400 ..< 500).contains(replyCode) }

        public init(address: String, replyCode: Int, reply: String) {
            self.address = address
            self.replyCode = replyCode
            self.reply = reply
        }

        public var description: String { "\(address) (\(replyCode) \(reply))" }
    }

    /// What went wrong.
    public var code: Code
    /// True when the same operation may succeed later without anyone changing anything (retry later).
    public var isTemporary: Bool
    /// The server's host and port (`imap.example.com:993`), when a server was involved.
    public var server: String?
    /// The IMAP mailbox involved, if any.
    public var mailbox: String?
    /// The IMAP UID involved, if any.
    public var uid: UInt32?
    /// The local file or folder involved, if any.
    public var path: String?
    /// The protocol reply code (SMTP 550...), when the server gave one.
    public var replyCode: Int?
    /// Recipients the SMTP server refused (for `.recipientsRefused`).
    public var refusedRecipients: [RefusedRecipient]
    /// The technical detail (libcurl's message, the server's reply or the system error), without secrets.
    public var detail: String

    /// Creates an error; prefer the throwing sites in this module, which fill in the context.
    public init(
        _ code: Code, isTemporary: Bool, server: String? = nil, mailbox: String? = nil, uid: UInt32? = nil,
        path: String? = nil, replyCode: Int? = nil, refusedRecipients: [RefusedRecipient] = [], detail: String = ""
    ) {
        self.code = code
        self.isTemporary = isTemporary
        self.server = server
        self.mailbox = mailbox
        self.uid = uid
        self.path = path
        self.replyCode = replyCode
        self.refusedRecipients = refusedRecipients
        self.detail = detail
    }

    public var description: String {
        var text = summary
        var context: [String] = []
        if let mailbox { context.append("mailbox \(mailbox)") }
        if let uid { context.append("UID \(uid)") }
        if let path { context.append("file \(path)") }
        if !context.isEmpty { text += " (" + context.joined(separator: ", ") + ")" }
        text += ". " + advice
        if !detail.isEmpty { text += " [\(detail)]" }
        return text
    }

    private var at: String { server.map { " \($0)" } ?? "" }

    private var summary: String {
        switch code {
        case .authenticationFailed: "The mail server\(at) refused the sign-in"
        case .tls: "A secure (TLS) connection to\(at) could not be established"
        case .unreachable: "The mail server\(at) cannot be reached"
        case .connectionLost: "The connection to\(at) broke off"
        case .timeout: "The mail server\(at) did not answer in time"
        case .mailboxMissing: "The folder does not exist on\(at)"
        case .uidValidityChanged: "The server\(at) renumbered the folder's messages (UIDVALIDITY changed)"
        case .messageMissing: "The message is no longer there"
        case .recipientsRefused:
            "The server\(at) refused " + refusedRecipients.map(\.description).joined(separator: ", ")
        case .messageRefused: "The server\(at) refused the message" + (replyCode.map { " (\($0))" } ?? "")
        case .localFile: "A local mail file could not be read or written"
        default: "The server\(at) answered unexpectedly"
        }
    }

    private var advice: String {
        switch code {
        case .authenticationFailed:
            "Check the user name and password (or app password / OAuth token) in the account settings."
        case .tls:
            "Check the host name, the port and its security setting (TLS or STARTTLS), and that the server's certificate is trusted (CA file)."
        case .unreachable: "Check the host name and port; Leadline will retry later."
        case .connectionLost, .timeout: "Leadline will retry later."
        case .mailboxMissing: "Check the folder name in the account settings."
        case .uidValidityChanged: "Leadline will re-read the folder and skip messages it already has."
        case .messageMissing: "It was probably deleted or moved meanwhile; nothing to do."
        case .recipientsRefused, .messageRefused:
            isTemporary ? "The server asked to try again later; Leadline will retry." : "Check the address; this will not succeed by retrying."
        case .localFile: "Check that the folder exists and Leadline may read and write it."
        default: "If this persists, report it with the detail below."
        }
    }
}
