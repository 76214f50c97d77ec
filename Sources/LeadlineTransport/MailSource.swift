/// Names one message of a `MailSource`, stably across runs.
///
/// - IMAP: `validity` is the mailbox's UIDVALIDITY and `id` the UID in decimal (`uid` gives it as a number).
/// - Maildir: `validity` is `LocalMailDefaults.validity` and `id` the file's unique base name, the part before
///   `:2,` (so a message keeps its key when a mail client moves it from `new/` to `cur/` or changes its flags).
/// - Folder of `.eml` files: `validity` is `LocalMailDefaults.validity` and `id` the file's path relative to the
///   folder (`2026/inquiry-17.eml`).
///
/// A store records (source, validity, id) for every message it has ingested: that triple never names another message.
public struct MessageKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The IMAP UIDVALIDITY the `id` belongs to; a constant for local sources.
    public var validity: UInt32
    /// The UID in decimal (IMAP), the Maildir unique name, or the `.eml` file's relative path.
    public var id: String

    public init(validity: UInt32, id: String) {
        self.validity = validity
        self.id = id
    }

    /// Creates the key of an IMAP message.
    public init(validity: UInt32, uid: UInt32) {
        self.init(validity: validity, id: String(uid))
    }

    /// The UID, for a key of an IMAP source.
    public var uid: UInt32? { UInt32(id) }

    /// Orders by validity, then numerically by UID when both ids are numbers, else by id.
    public static func < (lhs: MessageKey, rhs: MessageKey) -> Bool {
        if lhs.validity != rhs.validity { return lhs.validity < rhs.validity }
        if let left = lhs.uid, let right = rhs.uid { return left < right }
        return lhs.id < rhs.id
    }

    public var description: String { "\(validity)/\(id)" }
}

/// What a caller has already ingested from one source: the input to `MailSource.listNew(since:)`.
///
/// IMAP sources read `validity` and `lastUID` (UIDs only grow within one UIDVALIDITY, so "above the last UID" is
/// exactly "new"); local sources read `validity` and `knownKeys` (file names do not grow). `MailSource.usesKnownKeys`
/// tells the caller which of the two it must fill.
public struct SourceCheckpoint: Sendable, Hashable, Codable {
    /// The validity the rest was recorded under; nil before the first sync.
    public var validity: UInt32?
    /// IMAP: the highest UID ingested under `validity` (0: none).
    public var lastUID: UInt32
    /// Local sources: the ids of the messages ingested under `validity`.
    public var knownKeys: Set<String>

    public init(validity: UInt32? = nil, lastUID: UInt32 = 0, knownKeys: Set<String> = []) {
        self.validity = validity
        self.lastUID = lastUID
        self.knownKeys = knownKeys
    }

    /// Nothing ingested yet.
    public static let start = SourceCheckpoint()
}

/// The answer of `MailSource.listNew(since:)`.
public struct SourceListing: Sendable, Hashable {
    /// The source's validity now. Record it with the keys you ingest.
    public var validity: UInt32
    /// True when the checkpoint had a different validity: the IMAP server renumbered the mailbox, so `keys` lists
    /// every message in it, including ones ingested before under old UIDs. The caller must drop duplicates by
    /// content (Message-ID, or a hash of the bytes) rather than by key.
    public var validityChanged: Bool
    /// The new messages, oldest first (ascending UID; local sources: sorted by id).
    public var keys: [MessageKey]

    public init(validity: UInt32, validityChanged: Bool, keys: [MessageKey]) {
        self.validity = validity
        self.validityChanged = validityChanged
        self.keys = keys
    }
}

/// One fetched message: its key and its exact bytes, as stored on the server or on disk.
public struct SourceMessage: Sendable, Hashable {
    public var key: MessageKey
    public var bytes: [UInt8]

    public init(key: MessageKey, bytes: [UInt8]) {
        self.key = key
        self.bytes = bytes
    }
}

/// A place incoming mail is read from, IMAP mailbox or local folder alike, with "new since last time" semantics
/// that lose nothing and duplicate nothing.
///
/// The contract, for a caller that keeps a checkpoint per source:
/// 1. `listNew(since: checkpoint)` returns the keys of messages not yet ingested, oldest first, and the validity.
/// 2. `fetch(keys, handler:)` hands each message's exact bytes to `handler` in the order given, one at a time.
/// 3. The caller stores each message and advances its checkpoint (record `lastUID` = the key's UID for IMAP, add
///    the id to `knownKeys` for local sources) in the same transaction, inside `handler`. If anything fails midway,
///    the next `listNew` lists exactly the messages not recorded: nothing lost, nothing twice.
/// 4. When `listNew` reports `validityChanged`, the old checkpoint no longer applies (see `SourceListing`).
///
/// A message deleted between listing and fetching is skipped and returned by `fetch` as missing; nothing else is
/// skipped. Fetching never changes what the user sees: IMAP sources keep `\Seen` as it was (unless configured to
/// mark processed mail), local sources only read.
public protocol MailSource: Sendable {
    /// For logs and error messages: `imaps://imap.example.com:993/INBOX`, `maildir:/home/ana/Mail/INBOX`.
    var sourceDescription: String { get }
    /// True when `listNew` reads `SourceCheckpoint.knownKeys` (local sources); false when it reads `lastUID` (IMAP).
    var usesKnownKeys: Bool { get }
    /// Lists the messages not covered by `checkpoint`, oldest first.
    /// - Throws: `TransportError`.
    func listNew(since checkpoint: SourceCheckpoint) async throws -> SourceListing
    /// Fetches `keys` in order and calls `handler` with each message before fetching the next.
    /// - Returns: the keys whose messages had disappeared (deleted or moved away meanwhile).
    /// - Throws: `TransportError` (a stale validity throws `.uidValidityChanged`), or the handler's error.
    func fetch(_ keys: [MessageKey], handler: (SourceMessage) async throws -> Void) async throws -> [MessageKey]
    /// How many keys one `fetch` call should get when there are many (the caller may pass fewer): an IMAP source
    /// with several connections wants enough for each. 64 unless a source says otherwise.
    var fetchBatchSize: Int { get }
}

extension MailSource {
    public var fetchBatchSize: Int { 64 }
}
