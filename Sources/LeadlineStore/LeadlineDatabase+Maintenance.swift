import Foundation
import GRDB

/// A message that could not be parsed or classified, with where it came from. Its bytes stay stored.
public struct ProblemReport: Sendable, Equatable {
    public var id: Int64
    public var messageRowID: Int64
    public var location: MessageLocation
    public var stage: ProblemStage
    public var error: String
    public var occurredAt: Date
    public var messageID: String?
    public var subject: String?
    public var fromAddress: String?

    public init(id: Int64, messageRowID: Int64, location: MessageLocation, stage: ProblemStage, error: String, occurredAt: Date, messageID: String?, subject: String?, fromAddress: String?) {
        self.id = id
        self.messageRowID = messageRowID
        self.location = location
        self.stage = stage
        self.error = error
        self.occurredAt = occurredAt
        self.messageID = messageID
        self.subject = subject
        self.fromAddress = fromAddress
    }
}

/// What ``LeadlineDatabase/erase(address:by:now:)`` removed.
public struct ErasureReport: Sendable, Equatable {
    public var leads: Int
    public var messages: Int
    public var rawContents: Int
    public var events: Int
    /// Messages we wrote to the address (queued, sent or failed), with their bytes.
    public var outgoing: Int
    /// True when the address stays on the do-not-mail list (it unsubscribed or bounced): kept so that nothing is
    /// ever sent to it again, which is what the person asked for.
    public var stillSuppressed: Bool

    public init(leads: Int, messages: Int, rawContents: Int, events: Int, outgoing: Int = 0, stillSuppressed: Bool = false) {
        self.leads = leads
        self.messages = messages
        self.rawContents = rawContents
        self.events = events
        self.outgoing = outgoing
        self.stillSuppressed = stillSuppressed
    }
}

/// Problems, erasure, backup and the audit log.
extension LeadlineDatabase {
    /// Messages that failed to parse or classify, oldest first.
    public func problems() throws -> [ProblemReport] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.message_row_id, p.stage, p.error, p.occurred_at,
                       a.name AS account, mb.name AS mailbox, m.uid_validity, m.source_key,
                       m.message_id, m.subject, m.from_address
                FROM problem p JOIN message m ON m.id = p.message_row_id
                JOIN mailbox mb ON mb.id = m.mailbox_id JOIN account a ON a.id = mb.account_id
                ORDER BY p.occurred_at, p.id
                """).map { row in
                let key: String = row["source_key"]
                let uidValidity: Int64 = row["uid_validity"]
                let location = MessageLocation(
                    account: row["account"], mailbox: row["mailbox"], uidValidity: uidValidity, key: key,
                    uid: uidValidity == 0 ? nil : Int64(key))
                return ProblemReport(
                    id: row["id"], messageRowID: row["message_row_id"], location: location,
                    stage: ProblemStage(rawValue: row["stage"]) ?? .parse, error: row["error"],
                    occurredAt: row["occurred_at"], messageID: row["message_id"], subject: row["subject"],
                    fromAddress: row["from_address"])
            }
        }
    }

    /// Removes everything stored about the person with this address: their lead, timeline and corrections,
    /// every message they sent (copies included) and its raw bytes, every message we wrote to them, their sequence
    /// and the record of our last automatic reply. Leaves an audit entry with counts only. An unsubscribed or
    /// bounced address stays on the do-not-mail list (reported), so nothing is ever sent to it again.
    ///
    /// Erased bytes are overwritten (`secure_delete`) and the WAL is checkpointed afterwards when no reader
    /// holds it, so the data does not linger in the file. Mail that merely mentions the address (a colleague's
    /// message with it in Cc) is not touched.
    /// - Returns: what was removed (all zero when the address is unknown; the audit entry is written anyway).
    @discardableResult
    public func erase(address: String, by person: String, now: Date) throws -> ErasureReport {
        let address = address.trimmingCharacters(in: .whitespaces)
        let report = try writer.write { db -> ErasureReport in
            let leadIDs = try Int64.fetchAll(db, sql: "SELECT id FROM lead WHERE address = ?", arguments: [address])
            let idList = leadIDs.map(String.init).joined(separator: ",")
            let direct = "lead_id IN (\(idList)) OR from_address = ?"
            let messages = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM message WHERE \(direct)
                   OR duplicate_of IN (SELECT id FROM message WHERE \(direct))
                """, arguments: [address, address]) ?? 0
            let events = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM lead_event WHERE lead_id IN (\(idList))") ?? 0
            try db.execute(sql: "DELETE FROM message WHERE \(direct)", arguments: [address])
            // Our mail to them: by lead, and by address for mail not tied to the lead (the outbox has no index by
            // lead; one pass over it, as the cascade below would make anyway).
            try db.execute(sql: "DELETE FROM outbox WHERE lead_id IN (\(idList)) OR recipient = ?", arguments: [address])
            let outgoing = db.changesCount
            try db.execute(sql: "DELETE FROM auto_reply WHERE address = ?", arguments: [address])
            let suppressed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM suppressed_address WHERE address = ?)",
                                               arguments: [address]) ?? false
            try db.execute(sql: "DELETE FROM lead WHERE id IN (\(idList))")
            try db.execute(sql: "DELETE FROM message_content WHERE id NOT IN (SELECT content_id FROM message)")
            let contents = db.changesCount
            let report = ErasureReport(leads: leadIDs.count, messages: messages, rawContents: contents, events: events,
                                       outgoing: outgoing, stillSuppressed: suppressed)
            try Self.audit(db, now, person, "erase", """
                erased \(report.leads) lead(s), \(report.messages) message(s), \(report.rawContents) raw content(s), \
                \(report.events) timeline event(s), \(report.outgoing) message(s) to them
                """)
            return report
        }
        _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return report
    }

    /// Copies the whole database to `path` with SQLite's online backup, from one consistent snapshot, while
    /// the worker may go on writing. The copy is written beside `path` and renamed over it when complete,
    /// so an existing backup is replaced only by a finished one.
    /// - Throws: ``StoreError`` `.backupFailed` naming the path, or `DatabaseError`.
    public func backup(to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError(.backupFailed, "\(path): the folder \(folder.path) does not exist")
        }
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try Self.createPrivateFile(partial.path)
            let destination = try DatabaseQueue(path: partial.path)
            try writer.backup(to: destination)
            try destination.close()
            // rename(2) replaces an existing backup atomically.
            guard rename(partial.path, target.path) == 0 else {
                throw StoreError(.backupFailed, "\(path): cannot rename the finished copy (\(String(cString: strerror(errno))))")
            }
        } catch let error as StoreError {
            try? FileManager.default.removeItem(at: partial)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw StoreError(.backupFailed, "\(path): \(error)")
        }
    }

    /// The audit log, oldest first.
    public func auditLog() throws -> [AuditEntry] {
        try writer.read { db in try AuditEntry.order(Column("id")).fetchAll(db) }
    }
}
