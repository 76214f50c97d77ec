import CCurl
public import Logging

/// Settings of one IMAP account.
public struct IMAPConfiguration: Sendable, Hashable {
    /// Server, security, sign-in and timeouts.
    public var endpoint: ServerEndpoint
    /// When false (the default), a message that was unseen before Leadline fetched it is unseen afterwards, so the
    /// salesperson's mail client still shows it as new. When true, fetched mail is left marked as read.
    public var markFetchedAsSeen: Bool

    public init(endpoint: ServerEndpoint, markFetchedAsSeen: Bool = false) {
        self.endpoint = endpoint
        self.markFetchedAsSeen = markFetchedAsSeen
    }
}

/// A mailbox's numbers from `STATUS`.
public struct MailboxStatus: Sendable, Hashable {
    /// UIDVALIDITY: while it stays the same, a UID names the same message for ever.
    public var uidValidity: UInt32
    /// The UID the next arriving message will get (at least).
    public var uidNext: UInt32
    /// Messages in the mailbox.
    public var messages: Int
    /// Messages without the `\Seen` flag.
    public var unseen: Int

    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int, unseen: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
        self.unseen = unseen
    }
}

/// An IMAP client over libcurl that keeps one connection (one easy handle) for all its calls.
///
/// Bodies are fetched only through IMAP URLs (`INBOX;UIDVALIDITY=v/;UID=n`), never with a custom `FETCH`, because
/// libcurl 7.88 mis-frames literals in custom command answers; custom commands are used only for literal-free answers
/// (`STATUS`, `UID SEARCH`, `UID STORE`). Fetching by URL sets `\Seen`; `fetchMessages` restores it for messages
/// that were unseen unless `IMAPConfiguration.markFetchedAsSeen` is set.
///
/// ```swift
/// let client = IMAPClient(configuration: config, logger: logger)
/// let status = try await client.status(of: "INBOX")
/// let uids = try await client.uids(in: "INBOX", uidValidity: status.uidValidity, above: lastUID)
/// try await client.fetchMessages(in: "INBOX", uidValidity: status.uidValidity, uids: uids) { uid, bytes in ... }
/// ```
///
/// Mailbox names are the server's names (IMAP modified UTF-7 for non-ASCII, `/` or `.` as the server's hierarchy
/// separator). Calls are serialised on the connection; a blocking transfer never runs on Swift's cooperative pool.
public actor IMAPClient {
    /// The account settings this client was made with.
    public nonisolated let configuration: IMAPConfiguration
    let connection: CurlConnection
    let logger: Logger
    /// Set when the server is known to drop the live connection (after DELETE of the selected mailbox).
    var needsFreshConnection = false
    /// The mailbox libcurl last addressed by URL on the live connection: the one it believes selected (it selects
    /// a URL's mailbox read-write unless it believes it selected already). Nil when unknown.
    var curlMailbox: String?
    /// Set while the live session has this mailbox open read-only (`EXAMINE`) and libcurl believes it selected, so
    /// fetching it by URL cannot set `\Seen`. Anything that may select again clears it: a URL of another mailbox, a
    /// new connection, a failed transfer, a `SELECT`.
    var readOnlySession: ReadOnlySession?
    /// Connections opened so far (1 for a whole sync when all goes well); for tests and diagnostics.
    var connectionsOpened = 0
    /// How long the last single transfer took by libcurl's clock (not delayed by a busy Swift thread pool).
    var lastTransferSeconds = 0.0

    /// Creates a client; nothing connects until the first call.
    public init(configuration: IMAPConfiguration, logger: Logger) {
        self.configuration = configuration
        self.connection = CurlConnection(label: "leadline.imap")
        var logger = logger
        logger[metadataKey: "imap.server"] = "\(configuration.endpoint.displayName)"
        self.logger = logger
    }

    var endpoint: ServerEndpoint { configuration.endpoint }
    var baseURL: String { endpoint.baseURL(plainScheme: "imap", tlsScheme: "imaps") }

    /// UIDVALIDITY, UIDNEXT, message and unseen counts of `mailbox`.
    /// - Throws: `TransportError` (`.mailboxMissing` when there is no such mailbox).
    public func status(of mailbox: String) async throws -> MailboxStatus {
        let command = "STATUS \(IMAPSyntax.quoted(mailbox)) (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)"
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, operation: "STATUS")
        let result = try await perform(CurlRequest(url: baseURL + "/", customRequest: command), context) { result in
            result.code == CURLE_QUOTE_ERROR ? TransportError(
                .mailboxMissing, isTemporary: false, server: context.server, mailbox: mailbox,
                detail: "STATUS: the server answered NO") : nil
        }
        guard let items = IMAPSyntax.statusItems(result.body), let validity = items["UIDVALIDITY"],
              let next = items["UIDNEXT"], validity <= UInt64(UInt32.max), next <= UInt64(UInt32.max)
        else {
            throw TransportError(
                .protocolError, isTemporary: false, server: context.server, mailbox: mailbox,
                detail: "STATUS: no UIDVALIDITY/UIDNEXT in the answer")
        }
        return MailboxStatus(
            uidValidity: UInt32(validity), uidNext: UInt32(next), messages: Int(items["MESSAGES"] ?? 0),
            unseen: Int(items["UNSEEN"] ?? 0))
    }

    /// The UIDs in `mailbox` greater than `lastUID`, ascending.
    ///
    /// libcurl 7.88 keeps only the first 40 bytes of a response line longer than half its buffer, so one
    /// `UID SEARCH UID n:*` over a big mailbox would come back clipped. Instead: `UID SEARCH UID *` gives the highest
    /// UID (one number), then windows of `IMAPLimits.searchWindow` UIDs (`UID SEARCH UID a:b`, at most that many
    /// numbers per answer) cover `lastUID+1 ... highest`. A message arriving meanwhile gets a higher UID and is
    /// listed by the next call.
    /// - Parameters:
    ///   - uidValidity: the UIDVALIDITY the caller's `lastUID` belongs to; a different one on the server throws
    ///     `.uidValidityChanged`.
    ///   - lastUID: the highest UID already handled; 0 lists everything.
    public func uids(in mailbox: String, uidValidity: UInt32, above lastUID: UInt32) async throws -> [UInt32] {
        guard lastUID < UInt32.max else { return [] }
        // A session with the mailbox already selected sees newly delivered messages only after a sync point: NOOP.
        try await mailboxCommand("NOOP", mailbox: mailbox, uidValidity: uidValidity, operation: "NOOP")
        // `*` is the highest UID in the mailbox (the answer is empty when the mailbox is).
        guard let highest = try await search(mailbox, uidValidity: uidValidity, criteria: "UID *").max(),
              highest > lastUID
        else { return [] }
        var found: [UInt32] = []
        var start = UInt64(lastUID) + 1
        while start <= UInt64(highest) {
            let end = min(UInt64(highest), start + UInt64(IMAPLimits.searchWindow) - 1)
            found += try await search(mailbox, uidValidity: uidValidity, criteria: "UID \(start):\(end)")
            start = end + 1
        }
        return Set(found.filter { $0 > lastUID && $0 <= highest }).sorted()
    }

    /// The UIDs among `uids` that have no `\Seen` flag (`UID SEARCH UNSEEN UID set`, a window of UIDs at a time).
    public func unseenUIDs(in mailbox: String, uidValidity: UInt32, among uids: [UInt32]) async throws -> Set<UInt32> {
        var unseen: Set<UInt32> = []
        let sorted = Set(uids).sorted()
        for start in stride(from: 0, to: sorted.count, by: IMAPLimits.searchWindow) {
            let set = IMAPSyntax.uidSet(sorted[start ..< min(sorted.count, start + IMAPLimits.searchWindow)])
            unseen.formUnion(try await search(mailbox, uidValidity: uidValidity, criteria: "UNSEEN UID \(set)"))
        }
        return unseen.intersection(uids)
    }

    /// Adds or removes `\Seen` on `uids` with one `UID STORE` per few thousand UIDs.
    public func setSeen(_ seen: Bool, in mailbox: String, uidValidity: UInt32, uids: [UInt32]) async throws {
        try await leaveReadOnly()
        for set in IMAPSyntax.uidSetChunks(uids) {
            let command = "UID STORE \(set) \(seen ? "+" : "-")FLAGS.SILENT (\\Seen)"
            try await mailboxCommand(command, mailbox: mailbox, uidValidity: uidValidity, operation: "UID STORE")
        }
    }

    /// One message's exact bytes (`BODY[]` through the URL `mailbox;UIDVALIDITY=v/;UID=n`). This sets `\Seen` on
    /// the server; use `fetchMessages` to keep the flags as they were.
    /// - Throws: `.messageMissing`, `.uidValidityChanged`, `.mailboxMissing`, or a connection error.
    public func fetchMessage(in mailbox: String, uidValidity: UInt32, uid: UInt32) async throws -> [UInt8] {
        try await leaveReadOnly()
        return try await fetch(mailbox, uidValidity: uidValidity, uid: uid, section: nil)
    }

    /// One message's header bytes only (`;SECTION=HEADER`), for cheap checks. Keeps `\Seen` as it was (fetched in a
    /// read-only session, as `fetchMessages` does) unless the configuration marks fetched mail as seen.
    public func fetchHeader(in mailbox: String, uidValidity: UInt32, uid: UInt32) async throws -> [UInt8] {
        guard !configuration.markFetchedAsSeen else {
            return try await fetch(mailbox, uidValidity: uidValidity, uid: uid, section: "HEADER")
        }
        let wasUnseen = try await unseenUIDs(in: mailbox, uidValidity: uidValidity, among: [uid])
        try await enterReadOnly(mailbox, uidValidity: uidValidity)
        do {
            let header = try await fetch(mailbox, uidValidity: uidValidity, uid: uid, section: "HEADER")
            _ = try await restoreUnseen(mailbox, uidValidity: uidValidity, Array(wasUnseen))
            return header
        } catch {
            _ = try? await restoreUnseen(mailbox, uidValidity: uidValidity, Array(wasUnseen))
            throw error
        }
    }

    /// Appends `message` to `mailbox` (e.g. the Sent folder). libcurl always sends `APPEND mailbox (\Seen)`, so
    /// the appended message arrives already read, which suits sent mail.
    public func append(_ message: [UInt8], to mailbox: String) async throws {
        let url = baseURL + "/" + IMAPSyntax.urlPath(mailbox)
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, operation: "APPEND")
        _ = try await perform(CurlRequest(url: url, upload: message), context, retryable: false) { result in
            result.code == CURLE_UPLOAD_FAILED ? TransportError(
                .mailboxMissing, isTemporary: false, server: context.server, mailbox: mailbox,
                detail: "APPEND: \(result.errorText)") : nil
        }
    }

    /// Creates `mailbox`.
    public func createMailbox(_ mailbox: String) async throws {
        try await rootCommand("CREATE \(IMAPSyntax.quoted(mailbox))", mailbox: mailbox, operation: "CREATE", retryable: false)
    }

    /// Deletes `mailbox` and every message in it.
    public func deleteMailbox(_ mailbox: String) async throws {
        // Dovecot disconnects a session whose selected mailbox is deleted, and libcurl may not notice before reusing
        // the connection: close it after the command.
        try await rootCommand(
            "DELETE \(IMAPSyntax.quoted(mailbox))", mailbox: mailbox, operation: "DELETE", retryable: false,
            closeAfter: true)
    }
}

/// Named limits of the IMAP client.
public enum IMAPLimits {
    /// UIDs per `UID SEARCH`: keeps every answer line far below the length at which libcurl 7.88 clips it
    /// (half its receive buffer; 500 UIDs are at most 5.5 KB).
    public static let searchWindow = 500
    /// libcurl's receive buffer for IMAP (`CURLOPT_BUFFERSIZE`): larger reads for message bodies, and a clipping
    /// threshold (half of it) far above any answer Leadline asks for.
    public static let receiveBufferSize = 256 * 1024
    /// Messages fetched on the connection's thread before they are handed over (one thread hop per run).
    public static let fetchRunMessages = 64
    /// Bytes fetched on the connection's thread before they are handed over (bounds the memory a run holds).
    public static let fetchRunBytes = 4 * 1024 * 1024
}
