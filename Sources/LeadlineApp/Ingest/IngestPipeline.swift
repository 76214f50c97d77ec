import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Logging

/// Reads one mailbox into the store: lists what is new, fetches each message, keeps its bytes, parses, classifies,
/// and records it with its lead in one transaction, so the mailbox's checkpoint moves with what is stored.
///
/// Exactly once: a message is keyed by account, mailbox, validity (IMAP UIDVALIDITY) and source key (UID, Maildir
/// name, file path); copies found in other mailboxes, or after the server renumbered a mailbox, are matched by
/// Message-ID or content hash and recorded as duplicates. A crash between two messages loses nothing (the next pass
/// lists exactly what was not recorded) and a crash inside one records nothing of it.
///
/// A message that cannot be parsed or classified is kept with its error (`leadline problems`) and the pass goes on.
///
/// Messages are fetched in chunks of ``fetchChunk``: an IMAP fetch marks mail read and the source makes it unread
/// again after each chunk, so even a SIGKILL leaves at most one chunk of unread mail marked read.
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
    /// Called after each stored message with the running summary (progress display).
    public var progress: (@Sendable (IngestSummary) -> Void)?

    public init(
        database: LeadlineDatabase, parser: MIMEParser = MIMEParser(), classifier: LeadClassifier, logger: Logger,
        now: @escaping @Sendable () -> Date, progress: (@Sendable (IngestSummary) -> Void)? = nil
    ) {
        self.database = database
        self.parser = parser
        self.classifier = classifier
        self.logger = logger
        self.now = now
        self.progress = progress
    }

    /// Keys handed to one `MailSource.fetch` call (see ``ingest(account:mailbox:from:)``).
    static let fetchChunk = 64

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
        var keys = listing.keys
        if source.usesKnownKeys == false, sync.state.lastUID > 0 {
            keys = keys.filter { ($0.uid ?? 0) > UInt32(clamping: sync.state.lastUID) }
        }
        summary.listed = keys.count
        logger.debug("ingest: listed new messages", metadata: [
            "ingest.mailbox": "\(summary.mailbox)", "ingest.count": "\(keys.count)",
            "ingest.validity": "\(listing.validity)",
        ])
        // In chunks: an IMAP source restores the \Seen flags its fetch set once per call, so a crash (even SIGKILL)
        // can leave at most one chunk of unread mail marked read, not everything fetched so far.
        var start = 0
        while start < keys.count {
            let chunk = keys[start ..< min(keys.count, start + Self.fetchChunk)]
            start = chunk.endIndex
            let missing = try await source.fetch(Array(chunk)) { message in
                try record(message, account: account, mailbox: mailbox, isIMAP: !source.usesKnownKeys, into: &summary)
                progress?(summary)
            }
            summary.vanished += missing.count
        }
        return summary
    }

    /// Stores one fetched message and counts what it was.
    func record(
        _ message: SourceMessage, account: String, mailbox: String, isIMAP: Bool, into summary: inout IngestSummary
    ) throws {
        var location: MessageLocation = if isIMAP, let uid = message.key.uid {
            .imap(account: account, mailbox: mailbox, uidValidity: Int64(message.key.validity), uid: Int64(uid))
        } else {
            .local(account: account, mailbox: mailbox, key: message.key.id)
        }
        location.uidValidity = Int64(message.key.validity)
        if try database.hasMessage(location) { return }
        let raw = Data(message.bytes)
        let hash = ContentHash.sha256(raw)
        let time = now()

        let parsed: ParsedMessage
        do {
            parsed = try parser.parse(message.bytes)
        } catch {
            let incoming = IncomingMessage(location: location, raw: raw, sha256: hash)
            try database.recordProblem(incoming, stage: .parse, error: error.description, now: time)
            summary.problems += 1
            logger.warning("ingest: message kept as a problem", metadata: [
                "ingest.location": "\(location)", "ingest.error": "\(error.description)",
            ])
            return
        }
        let sender = parsed.from.first
        let incoming = IncomingMessage(
            location: location, raw: raw, sha256: hash, messageID: parsed.messageID, subject: parsed.subject,
            fromAddress: sender?.address, fromName: sender?.name, sentAt: parsed.date)
        if let original = try database.findDuplicate(messageID: parsed.messageID, hash: hash) {
            try database.recordDuplicate(incoming, of: original, now: time)
            summary.duplicates += 1
            return
        }
        let verdict = classifier.classify(InquiryInput(message: parsed))
        let classification = Classification(
            kind: verdict.kind, confidence: verdict.confidence, reasons: verdict.reasons,
            factsJSON: Self.json(verdict.facts))
        let outcome = try decide(parsed: parsed, verdict: verdict, classification: classification)
        do {
            let result = try database.recordIngested(incoming, as: outcome, now: time)
            count(outcome, result: result, kind: verdict.kind, into: &summary)
        } catch let error as StoreError where error.code == .missingSender {
            try database.recordProblem(incoming, stage: .store, error: error.description, now: time)
            summary.problems += 1
        }
    }

    /// Inquiry, reply or not a lead: rule-proven non-inquiries first, then threading (In-Reply-To, References),
    /// then the sender's address when we have written to that lead before. A known lead's answer counts as a reply
    /// whatever the model thinks of its wording (short answers read like nothing in particular).
    func decide(parsed: ParsedMessage, verdict: LeadClassification, classification: Classification) throws -> IngestOutcome {
        // Auto-replies, bounces and list mail proven by rules are never replies, even inside a thread.
        if verdict.notLead != nil { return .notLead(classification) }
        let threadIDs = (parsed.inReplyTo.map { MessageIDList.ids(in: $0) } ?? []) + parsed.references.reversed()
        if !threadIDs.isEmpty, let lead = try database.findLead(byMessageIDs: threadIDs), let id = lead.id {
            return .reply(leadID: id, classification)
        }
        if let address = parsed.from.first?.address, let lead = try database.findLead(byAddress: address),
           let id = lead.id, try database.hasOurReply(leadID: id) {
            return .reply(leadID: id, classification)
        }
        // Outside a known thread, the model's own "not an inquiry" (spam, vendor pitches) stands.
        if verdict.kind == .notLead { return .notLead(classification) }
        let facts = verdict.facts
        return .inquiry(classification, LeadProfile(
            name: parsed.from.first?.name, company: facts.company, country: facts.country, language: facts.language))
    }

    func count(_ outcome: IngestOutcome, result: IngestResult, kind: LeadKind, into summary: inout IngestSummary) {
        switch outcome {
        case .notLead:
            summary.notLeads += 1
        case .reply:
            summary.replies += 1
            if let id = result.leadID { summary.touchedLeads.append(id) }
        case .inquiry:
            if result.createdLead {
                summary.newLeads += 1
                summary.byKind[kind, default: 0] += 1
                if let id = result.leadID { summary.touchedLeads.append(id) }
            } else {
                summary.repeatInquiries += 1
            }
        }
    }

    static func json(_ facts: InquiryFacts) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(facts)).map { String(decoding: $0, as: UTF8.self) }
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
