import Foundation
import LeadlineTransport
import Logging

/// Turns an account's configuration into the transport objects that read and send its mail, resolving secrets
/// from the environment or the files the configuration names at that moment (never earlier, never logged).
public struct MailConnections: Sendable {
    /// The process environment, injected for tests.
    public var environment: [String: String]
    public var logger: Logger

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        self.environment = environment
        self.logger = logger
    }

    /// One mailbox to read: its name in the store and the source that reads it.
    public struct Mailbox: Sendable {
        public var name: String
        public var source: any MailSource
    }

    /// The mailboxes of an account, sharing its IMAP connections (one for listing, `connections` for fetching).
    /// - Throws: ``ConfigurationError`` when a secret cannot be read.
    public func mailboxes(of account: AccountConfiguration) throws -> [Mailbox] {
        switch account.inbound {
        case .imap(let imap):
            let configuration = LeadlineTransport.IMAPConfiguration(
                endpoint: try endpoint(imap.url, imap.username, imap.credential, imap.allowInsecure, imap.caFile,
                                       tlsScheme: "imaps", tlsPort: 993, plainPort: 143),
                markFetchedAsSeen: imap.markProcessed)
            let client = IMAPClient(configuration: configuration, logger: logger)
            // The extra connections open only when a long run of messages is fetched (a first sync).
            let fetchClients = (1 ..< max(1, imap.connections)).map { _ in
                IMAPClient(configuration: configuration, logger: logger)
            }
            return imap.mailboxes.map {
                Mailbox(name: $0, source: IMAPMailSource(client: client, mailbox: $0, fetchClients: fetchClients))
            }
        case .maildir(let path):
            return [Mailbox(name: URL(fileURLWithPath: path).lastPathComponent, source: MaildirSource(path: path))]
        case .emlDirectory(let path):
            return [Mailbox(name: URL(fileURLWithPath: path).lastPathComponent, source: EMLFolderSource(path: path))]
        }
    }

    /// The account's Sent folder over IMAP (`imap.sent_mailbox`), or nil when none is configured.
    public func sentFolder(of account: AccountConfiguration) throws -> (client: IMAPClient, mailbox: String)? {
        guard case .imap(let imap) = account.inbound, let sent = imap.sentMailbox else { return nil }
        let client = IMAPClient(
            configuration: LeadlineTransport.IMAPConfiguration(
                endpoint: try endpoint(imap.url, imap.username, imap.credential, imap.allowInsecure, imap.caFile,
                                       tlsScheme: "imaps", tlsPort: 993, plainPort: 143)),
            logger: logger)
        return (client, sent)
    }

    /// Where the account's replies go, or nil when it has no outbound configured.
    public func sink(of account: AccountConfiguration) throws -> (any MailSink)? {
        switch account.outbound {
        case nil:
            return nil
        case .outbox(let directory):
            return FileOutbox(directory: directory)
        case .smtp(let smtp):
            let endpoint = try endpoint(smtp.url, smtp.username, smtp.credential, smtp.allowInsecure, smtp.caFile,
                                        tlsScheme: "smtps", tlsPort: 465, plainPort: 587)
            let domain = account.address.split(separator: "@").last.map(String.init) ?? "localhost"
            return SMTPClient(configuration: LeadlineTransport.SMTPConfiguration(endpoint: endpoint, heloName: domain),
                              logger: logger)
        }
    }

    func endpoint(
        _ url: URL, _ username: String, _ reference: CredentialReference, _ allowInsecure: Bool, _ caFile: String?,
        tlsScheme: String, tlsPort: Int, plainPort: Int
    ) throws -> ServerEndpoint {
        let isTLS = url.scheme?.lowercased() == tlsScheme
        let credential: MailCredential = switch try reference.resolve(environment: environment) {
        case .password(let secret): .password(user: username, password: secret.reveal())
        case .oauth2Token(let secret): .oauth2(user: username, accessToken: secret.reveal())
        }
        return ServerEndpoint(
            host: url.host ?? "localhost", port: url.port ?? (isTLS ? tlsPort : plainPort),
            security: isTLS ? .tls : (allowInsecure ? .insecurePlaintext : .startTLS),
            credential: credential, caFile: caFile)
    }
}
