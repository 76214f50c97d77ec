import Foundation
import GRDB

/// Several messages recorded in ONE write transaction: the ingest pipeline's way to store a run of messages with
/// one commit instead of one per message (the lookups it makes between records see what the batch wrote so far).
///
/// Exactly once holds as for single records: each message moves the mailbox's last UID inside the same
/// transaction, so a crash (even SIGKILL) keeps the whole batch or none of it, and the next pass lists exactly what
/// was not kept. A record that fails (``StoreError``) is rolled back to a savepoint: the batch goes on without it.
///
/// Only valid inside ``LeadlineDatabase/ingestBatch(_:)``'s closure; do not keep it.
///
/// ```swift
/// try store.ingestBatch { batch in
///     for message in messages where try !batch.hasMessage(message.location) {
///         try batch.recordIngested(message, as: outcome(message), now: now)
///     }
/// }
/// ```
public struct IngestBatch {
    let db: Database

    /// See ``LeadlineDatabase/hasMessage(_:)``.
    public func hasMessage(_ location: MessageLocation) throws -> Bool {
        try LeadlineDatabase.storedMessageID(db, location) != nil
    }

    /// See ``LeadlineDatabase/findDuplicate(messageID:hash:)``.
    public func findDuplicate(messageID: String?, hash: String) throws -> Int64? {
        try LeadlineDatabase.findDuplicate(db, messageID: messageID, hash: hash)
    }

    /// See ``LeadlineDatabase/findLead(byMessageIDs:)``.
    public func findLead(byMessageIDs ids: [String]) throws -> LeadRecord? {
        try LeadlineDatabase.findLead(db, byMessageIDs: ids)
    }

    /// See ``LeadlineDatabase/findLead(byAddress:)``.
    public func findLead(byAddress address: String) throws -> LeadRecord? {
        try LeadlineDatabase.findLead(db, byAddress: address)
    }

    /// See ``LeadlineDatabase/hasOurReply(leadID:)``.
    public func hasOurReply(leadID: Int64) throws -> Bool {
        try LeadlineDatabase.hasOurReply(db, leadID: leadID)
    }

    /// See ``LeadlineDatabase/recordIngested(_:as:now:)``; on error nothing of this message stays in the batch.
    @discardableResult
    public func recordIngested(_ message: IncomingMessage, as outcome: IngestOutcome, now: Date) throws -> IngestResult {
        try savepoint { try LeadlineDatabase.recordIngested(db, message, as: outcome, now: now) }
    }

    /// See ``LeadlineDatabase/recordDuplicate(_:of:now:)``; on error nothing of this message stays in the batch.
    @discardableResult
    public func recordDuplicate(_ message: IncomingMessage, of originalRowID: Int64, now: Date) throws -> Int64 {
        try savepoint { try LeadlineDatabase.recordDuplicate(db, message, of: originalRowID, now: now) }
    }

    /// See ``LeadlineDatabase/recordProblem(_:stage:error:now:)``; on error nothing of this message stays.
    @discardableResult
    public func recordProblem(_ message: IncomingMessage, stage: ProblemStage, error: String, now: Date) throws -> Int64 {
        try savepoint { try LeadlineDatabase.recordProblem(db, message, stage: stage, error: error, now: now) }
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }
}

extension LeadlineDatabase {
    /// Runs `body` in one write transaction (see ``IngestBatch``): all it recorded is committed when it returns,
    /// nothing when it throws.
    public func ingestBatch<T>(_ body: (IngestBatch) throws -> T) throws -> T {
        try writer.write { db in try body(IngestBatch(db: db)) }
    }

    /// ``ingestBatch(_:)`` without holding a thread of Swift's cooperative pool: the transaction runs on the
    /// database's own writer thread while the caller's tasks (the pipeline's readers) keep both cores.
    public func ingestBatch<T: Sendable>(_ body: @escaping @Sendable (IngestBatch) throws -> T) async throws -> T {
        try await writer.write { db in try body(IngestBatch(db: db)) }
    }
}
