import Logging

/// One IMAP mailbox as a `MailSource`: lists UIDs above the checkpoint's last UID, fetches over the client's
/// connection (and, for long runs of messages, over the extra connections given, in parallel), and keeps `\Seen`
/// as it was (see `IMAPClient.fetchMessages`).
///
/// libcurl fetches one message per command and waits for its answer, so one connection spends most of its time
/// waiting for the server; ``fetchClients`` split a run of UIDs between several connections while the handler still
/// sees every message in the order given.
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
    /// More connections to the same account that `fetch` shares a run of messages with (none: `client` alone).
    public let fetchClients: [IMAPClient]

    /// Bytes an extra connection holds for its turn at most (beyond one message): 4 MiB, as much as one run of
    /// fetches on a connection, unless a test says less.
    public let heldBytesPerConnection: Int

    /// - Parameter fetchClients: extra connections for fetching (each its own `IMAPClient` of the same account).
    public init(
        client: IMAPClient, mailbox: String = "INBOX", fetchClients: [IMAPClient] = [],
        heldBytesPerConnection: Int = 4 * 1024 * 1024
    ) {
        self.client = client
        self.mailbox = mailbox
        self.fetchClients = fetchClients
        self.heldBytesPerConnection = heldBytesPerConnection
    }

    /// Messages per connection below which a run is not split (the split costs each connection a few commands).
    static let minimumPerConnection = 8

    /// 64 messages per connection.
    public var fetchBatchSize: Int { 64 * (1 + fetchClients.count) }


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
            let gone = try await fetch(batch, validity: validity) { uid, bytes in
                try await handler(SourceMessage(key: MessageKey(validity: validity, uid: uid), bytes: bytes))
            }
            missing += gone.map { MessageKey(validity: validity, uid: $0) }
        }
        return missing
    }

    /// Fetches `uids` of one validity, split into contiguous parts over `client` and ``fetchClients``: the first
    /// part goes straight to `handler`, the others are held until their turn, so `handler` sees the given order.
    /// A held part stops at ``heldBytesPerConnection`` (large attachments): the first connection fetches the rest
    /// of its share in its turn, so memory stays bounded whatever the messages weigh. When an extra connection
    /// fails, the first one fetches the rest of its share too. When the first connection fails, the messages before
    /// the failure are handed over and its error is thrown; what other parts fetched is dropped (the caller's
    /// checkpoint has not passed it, so the next pass fetches it again).
    /// - Returns: the UIDs whose messages were gone.
    func fetch(
        _ uids: [UInt32], validity: UInt32, handler: (UInt32, [UInt8]) async throws -> Void
    ) async throws -> [UInt32] {
        let clients = [client] + fetchClients
        let parts = min(clients.count, uids.count / Self.minimumPerConnection)
        guard parts > 1 else {
            return try await client.fetchMessages(in: mailbox, uidValidity: validity, uids: uids, handler: handler).missing
        }
        let size = (uids.count + parts - 1) / parts
        let slices = stride(from: 0, to: uids.count, by: size).map { Array(uids[$0 ..< min(uids.count, $0 + size)]) }
        let mailbox = self.mailbox
        let budget = heldBytesPerConnection
        var held: [Task<HeldPart, Never>] = []
        for (index, slice) in slices.enumerated().dropFirst() {
            let client = clients[index]
            held.append(Task {
                var part = HeldPart(uids: slice)
                do {
                    part.missing = try await client.fetchMessages(in: mailbox, uidValidity: validity, uids: slice) {
                        uid, bytes in
                        part.messages.append((uid, bytes))
                        part.bytes += bytes.count
                        if part.bytes >= budget { throw HeldBudgetReached() }
                    }.missing
                } catch {
                    part.error = error
                }
                return part
            })
        }
        do {
            var missing = try await client.fetchMessages(
                in: mailbox, uidValidity: validity, uids: slices[0], handler: handler
            ).missing
            for task in held {
                let part = await task.value
                for (uid, bytes) in part.messages { try await handler(uid, bytes) }
                if let error = part.error {
                    // An extra connection that fails (a server allowing fewer connections per user, a dropped
                    // line) costs speed, not the sync: the rest of its share is fetched on the first connection.
                    guard Self.mayFallBack(after: error) else { throw error }
                    let done = part.messages.last.flatMap { last in part.uids.firstIndex(of: last.0) } ?? -1
                    let rest = Array(part.uids.dropFirst(done + 1))
                    if !(error is HeldBudgetReached) {
                        client.logger.warning(
                            "an extra IMAP connection failed; its messages are fetched on the first",
                            metadata: [
                                "imap.mailbox": "\(mailbox)", "imap.count": "\(rest.count)", "imap.error": "\(error)",
                            ])
                    }
                    missing += try await client.fetchMessages(
                        in: mailbox, uidValidity: validity, uids: rest, handler: handler
                    ).missing
                    continue
                }
                missing += part.missing
            }
            return missing
        } catch {
            // No connection is left working on its own: each is idle again before the error goes up.
            for task in held { task.cancel(); _ = await task.value }
            throw error
        }
    }
}

extension IMAPMailSource {
    /// Whether a failed extra connection's share may be fetched again on the first connection: not when the task
    /// was cancelled (shutdown) or the mailbox was renumbered (the caller must list it again).
    static func mayFallBack(after error: any Error) -> Bool {
        if error is CancellationError { return false }
        if let error = error as? TransportError, error.code == .uidValidityChanged { return false }
        return true
    }
}

/// What one extra connection fetched for ``IMAPMailSource/fetch(_:validity:handler:)``, held until its turn.
private struct HeldPart: Sendable {
    /// The connection's share of the UIDs, in order.
    var uids: [UInt32]
    var messages: [(UInt32, [UInt8])] = []
    var bytes = 0
    var missing: [UInt32] = []
    var error: (any Error)?
}

/// Stops an extra connection whose held messages reached its ``IMAPMailSource/heldBytesPerConnection``.
private struct HeldBudgetReached: Error {}
