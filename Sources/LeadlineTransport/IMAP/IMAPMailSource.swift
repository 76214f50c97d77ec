/// One IMAP mailbox as a `MailSource`: lists UIDs above the checkpoint's last UID, fetches over the client's single
/// connection, and keeps `\Seen` as it was (see `IMAPClient.fetchMessages`).
///
/// ```swift
/// let source = IMAPMailSource(client: IMAPClient(configuration: config, logger: logger), mailbox: "INBOX")
/// let listing = try await source.listNew(since: checkpoint)
/// _ = try await source.fetch(listing.keys) { message in try store.ingest(message) }
/// ```
public struct IMAPMailSource: MailSource {
    /// The client (and so the connection) this source uses; share it for several mailboxes of one account.
    public let client: IMAPClient
    /// The mailbox name on the server, e.g. `INBOX`.
    public let mailbox: String

    public init(client: IMAPClient, mailbox: String = "INBOX") {
        self.client = client
        self.mailbox = mailbox
    }

    public var sourceDescription: String {
        let endpoint = client.configuration.endpoint
        return endpoint.baseURL(plainScheme: "imap", tlsScheme: "imaps") + "/" + mailbox
    }

    public var usesKnownKeys: Bool { false }

    public func listNew(since checkpoint: SourceCheckpoint) async throws -> SourceListing {
        let status = try await client.status(of: mailbox)
        let changed = checkpoint.validity != nil && checkpoint.validity != status.uidValidity
        let lastUID = checkpoint.validity == status.uidValidity ? checkpoint.lastUID : 0
        // No shortcut on STATUS counts: for the mailbox this connection has selected, Dovecot answers STATUS from the
        // session's view, which lags behind new deliveries until the next sync (the NOOP inside `uids`).
        let uids = try await client.uids(in: mailbox, uidValidity: status.uidValidity, above: lastUID)
        return SourceListing(
            validity: status.uidValidity, validityChanged: changed,
            keys: uids.map { MessageKey(validity: status.uidValidity, uid: $0) })
    }

    public func fetch(_ keys: [MessageKey], handler: (SourceMessage) async throws -> Void) async throws -> [MessageKey] {
        var missing: [MessageKey] = []
        // Keys of one validity go in one batch (normally all of them).
        var index = 0
        while index < keys.count {
            let validity = keys[index].validity
            var batch: [UInt32] = []
            while index < keys.count, keys[index].validity == validity {
                guard let uid = keys[index].uid else {
                    throw TransportError(
                        .protocolError, isTemporary: false, mailbox: mailbox,
                        detail: "key \(keys[index]) is not an IMAP UID")
                }
                batch.append(uid)
                index += 1
            }
            let report = try await client.fetchMessages(in: mailbox, uidValidity: validity, uids: batch) { uid, bytes in
                try await handler(SourceMessage(key: MessageKey(validity: validity, uid: uid), bytes: bytes))
            }
            missing += report.missing.map { MessageKey(validity: validity, uid: $0) }
        }
        return missing
    }
}
