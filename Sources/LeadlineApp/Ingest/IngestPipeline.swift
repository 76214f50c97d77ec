import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Logging

/// Reads one mailbox into the store: lists what is new, fetches each message, keeps its bytes, parses, classifies,
/// and records it with its lead in the same transaction as the mailbox's checkpoint, which so moves with what is
/// stored.
///
/// Exactly once: a message is keyed by account, mailbox, validity (IMAP UIDVALIDITY) and source key (UID, Maildir
/// name, file path); copies found in other mailboxes, or after the server renumbered a mailbox, are matched by
/// Message-ID or content hash and recorded as duplicates. A crash between two messages loses nothing (the next pass
/// lists exactly what was not recorded) and a crash inside one records nothing of it.
///
/// A message that cannot be parsed or classified is kept with its error (`leadline problems`) and the pass goes on.
///
/// Fetching, reading (parse and classify, several messages at once) and recording overlap, within a bounded memory
/// budget (``prefetchBytes``); records are written in the listing's order, one transaction per batch of
/// ``readBatch`` messages. Messages are fetched in chunks of the source's `fetchBatchSize` (64 per IMAP
/// connection): an IMAP fetch marks mail read and the source makes it unread again after each chunk, so even a
/// SIGKILL leaves at most one chunk of unread mail marked read.
///
/// ```swift
/// let pipeline = IngestPipeline(database: store, classifier: classifier, logger: logger, now: { Date() })
/// let summary = try await pipeline.ingest(account: "sales", mailbox: "INBOX", from: source)
/// ```
public struct IngestPipeline: Sendable {
    public let database: LeadlineDatabase
    public let parser: MIMEParser
    public let classifier: LeadClassifier
    public let logger: Logger
    /// The clock: the time recorded with each message (injected for tests).
    public let now: @Sendable () -> Date
    /// Our accounts' addresses, lower-case (see ``init(database:parser:classifier:logger:now:progress:ownAddresses:)``).
    public let ownAddresses: Set<String>
    /// Called after each stored message with the running summary (progress display).
    public var progress: (@Sendable (IngestSummary) -> Void)?

    /// - Parameter ownAddresses: our accounts' addresses: mail from them is a salesperson's own, never a lead.
    public init(
        database: LeadlineDatabase, parser: MIMEParser = MIMEParser(), classifier: LeadClassifier, logger: Logger,
        now: @escaping @Sendable () -> Date, progress: (@Sendable (IngestSummary) -> Void)? = nil,
        ownAddresses: Set<String> = []
    ) {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
        self.database = database
        self.parser = parser
        self.classifier = classifier
        self.logger = logger
        self.now = now
        self.progress = progress
    }

    /// Fetched messages waiting to be read and recorded, at most (at least one message whatever its size).
    static let prefetchBytes = 8 * 1024 * 1024
    /// Messages read (parsed and classified) at once, one task each.
    static let readBatch = 128

    /// Ingests everything new in one mailbox.
    /// - Throws: `TransportError` when the source fails (what was stored before stays stored), or a store error.
    public func ingest(account: String, mailbox: String, from source: any MailSource) async throws -> IngestSummary {
        var summary = IngestSummary(mailbox: "\(account)/\(mailbox)")
        let stored = try database.mailboxState(account: account, mailbox: mailbox)
        var checkpoint = SourceCheckpoint(
            validity: stored.flatMap { $0.uidValidity == 0 && $0.lastUID == 0 ? nil : UInt32(exactly: $0.uidValidity) },
            lastUID: UInt32(clamping: stored?.lastUID ?? 0))
        if source.usesKnownKeys, let validity = checkpoint.validity {
            checkpoint.knownKeys = try database.storedKeys(account: account, mailbox: mailbox, uidValidity: Int64(validity))
        }
        let listing = try await source.listNew(since: checkpoint)
        let sync = try database.beginSync(
            account: account, mailbox: mailbox, uidValidity: Int64(listing.validity), now: now())
        summary.wasReset = sync.wasReset || listing.validityChanged
        // After a reset the listing holds everything: skip what is stored under the new validity already.
        var listed = listing.keys
        if source.usesKnownKeys == false, sync.state.lastUID > 0 {
            listed = listed.filter { ($0.uid ?? 0) > UInt32(clamping: sync.state.lastUID) }
        }
        let keys = listed
        summary.listed = keys.count
        logger.debug("ingest: listed new messages", metadata: [
            "ingest.mailbox": "\(summary.mailbox)", "ingest.count": "\(keys.count)",
            "ingest.validity": "\(listing.validity)",
        ])
        // A producer fetches in chunks into a bounded queue while this task reads and records, so the network, the
        // reading (parse, classify: several messages at once, one per core) and the store overlap. In chunks: an
        // IMAP source restores the \Seen flags its fetch set once per call, so a crash (even SIGKILL) can leave at
        // most one chunk of unread mail marked read. Records are written in the listing's order, one transaction
        // per batch read, so the checkpoint never passes a message that is not stored.
        let queue = MessageQueue(byteBudget: Self.prefetchBytes)
        let fetchChunk = max(1, source.fetchBatchSize)
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                var vanished = 0
                do {
                    var start = 0
                    while start < keys.count {
                        let chunk = Array(keys[start ..< min(keys.count, start + fetchChunk)])
                        start += chunk.count
                        vanished += try await source.fetch(chunk) { try await queue.push($0) }.count
                    }
                    await queue.finish()
                } catch {
                    await queue.fail(error)
                }
                return vanished
            }
            // The next batch is read (parse, classify) while this one is recorded, so the store's one core and
            // the readers overlap. A producer error is thrown only after every batch taken before it is recorded.
            var reading: Task<[ReadMessage], Never>?
            var queueError: (any Error)?
            func readNext() async {
                do {
                    reading = try await queue.next(max: Self.readBatch).map { batch in Task { await read(batch) } }
                } catch {
                    reading = nil
                    queueError = error
                }
            }
            do {
                await readNext()
                while let current = reading {
                    let batch = await current.value
                    await readNext()
                    // One transaction for the batch: with the checkpoint inside it, a crash keeps all or nothing.
                    let before = summary
                    let isIMAP = !source.usesKnownKeys
                    summary = try await database.ingestBatch { store in
                        var running = before
                        for prepared in batch {
                            try record(prepared, account: account, mailbox: mailbox, isIMAP: isIMAP,
                                       in: store, into: &running)
                        }
                        return running
                    }
                    progress?(summary)
                }
                if let queueError { throw queueError }
            } catch {
                if let reading { reading.cancel(); _ = await reading.value }
                await queue.close()
                throw error
            }
            for try await vanished in group { summary.vanished += vanished }
        }
        return summary
    }
}

/// Message-ID lists as they stand in `In-Reply-To` and `References`.
enum MessageIDList {
    /// The `<id>` tokens of a header value, brackets kept; a bare id without brackets is taken whole.
    static func ids(in value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            ids.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if ids.isEmpty, !trimmed.isEmpty, !trimmed.contains(" ") { ids.append(trimmed) }
        return ids
    }
}
