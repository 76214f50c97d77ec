import Foundation
import Logging

/// Leadline's configuration, loaded from YAML by ``ConfigurationLoader``. Paths are absolute: relative paths in
/// the file are resolved against the file's folder, so a configuration works from any working directory.
public struct LeadlineConfiguration: Sendable, Equatable {
    /// The file it was loaded from, as named by the user (for messages).
    public var file: String
    /// The SQLite database file.
    public var database: String
    /// How long the worker waits between two polls of a mailbox.
    public var pollInterval: Duration
    /// The log level (`info` unless `log_level` says otherwise).
    public var logLevel: Logger.Level
    /// The mail accounts, in file order; names are unique.
    public var accounts: [AccountConfiguration]
    /// Automatic replies and follow-up sequences (`replies:`); nil when the file has none (nothing is sent).
    public var replies: RepliesConfiguration? = nil
}

/// One mail account: where its inquiries come from and how replies leave.
public struct AccountConfiguration: Sendable, Equatable {
    /// A short unique name (`sales`): the key of its mailboxes in the store and in logs.
    public var name: String
    /// The account's own address (`sales@supplier.example`): replies come from it.
    public var address: String
    /// The sender name on replies (`Supplier Sales Team`).
    public var displayName: String?
    /// Where mail comes from: IMAP or a local folder.
    public var inbound: Inbound
    /// Where replies go: SMTP, a file outbox, or nowhere (ingest only).
    public var outbound: Outbound?

    /// Where an account's mail comes from.
    public enum Inbound: Sendable, Equatable {
        case imap(IMAPConfiguration)
        /// A Maildir (cur/ new/ tmp/), e.g. the sample inbox or one kept by mbsync.
        case maildir(path: String)
        /// A folder of `.eml` files.
        case emlDirectory(path: String)
    }

    /// Where an account's replies go.
    public enum Outbound: Sendable, Equatable {
        case smtp(SMTPConfiguration)
        /// Each reply written as an `.eml` file into this folder.
        case outbox(directory: String)
    }
}

/// An IMAP server account.
public struct IMAPConfiguration: Sendable, Equatable {
    /// `imaps://host:993` (TLS), or `imap://host` (STARTTLS required unless `allowInsecure`).
    public var url: URL
    public var username: String
    /// Where the password or OAuth2 token is read at run time.
    public var credential: CredentialReference
    /// Mailboxes to read (`INBOX` when not given).
    public var mailboxes: [String]
    /// Permits plain IMAP without TLS: for loopback tests only.
    public var allowInsecure: Bool
    /// A CA bundle to verify the server's certificate with, instead of the system's.
    public var caFile: String?
    /// Leave processed mail marked `\Seen` (by default unseen mail stays unseen).
    public var markProcessed: Bool
    /// The Sent folder (`sent_mailbox`): sent replies are appended to it, and after a crash a message left in
    /// `sending` is looked up there by Message-ID. nil: neither.
    public var sentMailbox: String? = nil
    /// Connections a first sync fetches over at once (`connections`, 1 to 10): libcurl sends one command per
    /// message and waits for its answer, so a single connection mostly waits for the server.
    public var connections: Int = defaultConnections
    /// Three connections: several times one's throughput, well within common per-user limits (Dovecot allows 10
    /// per user and address, Gmail 15).
    public static let defaultConnections = 3
}

/// An SMTP submission account.
public struct SMTPConfiguration: Sendable, Equatable {
    /// `smtps://host:465` (TLS), or `smtp://host:587` (STARTTLS required unless `allowInsecure`).
    public var url: URL
    public var username: String
    public var credential: CredentialReference
    /// Permits plain SMTP without TLS: for loopback tests only.
    public var allowInsecure: Bool
    public var caFile: String?
}
