import Foundation
import GRDB

/// The lead store: the one type that reads and writes Leadline's SQLite database.
///
/// It owns the schema (append-only migrations) and exposes intent-named operations, each one transaction,
/// so the invariants live here and not in callers: a message is recorded together with its lead, timeline
/// event and the mailbox's last UID, or not at all.
///
/// Raw message bytes are kept **inside** the database, content-addressed by SHA-256 in `message_content`,
/// rather than in files beside it: one transaction covers bytes and bookkeeping (a crash can never leave
/// a row without its bytes or a file without its row), the online backup is one consistent file, and erasing
/// a person is transactional. `secure_delete` is on, so erased bytes are overwritten, not left in free pages.
///
/// ```swift
/// let store = try LeadlineDatabase.open(path: "var/leadline.sqlite")
/// if try !store.hasMessage(location) { try store.recordIngested(message, as: .inquiry(verdict, profile), now: now) }
/// ```
///
/// Time is always passed in (`now:`); the store never reads the clock.
///
/// ## Topics
/// - Ingest: ``hasMessage(_:)``, ``isDuplicate(messageID:hash:)``, ``recordIngested(_:as:now:)``,
///   ``recordDuplicate(_:of:now:)``, ``recordProblem(_:stage:error:now:)``, ``resetMailbox(account:mailbox:uidValidity:now:)``
/// - Leads: ``findLead(byMessageIDs:)``, ``findLead(byAddress:)``, ``listLeads(kind:since:)``, ``lead(id:)``,
///   ``setKind(leadID:kind:by:now:)``, ``markReplied(leadID:now:)``, ``recordOurReply(leadID:messageID:summary:now:)``
/// - Maintenance: ``problems()``, ``erase(address:by:now:)``, ``backup(to:)``, ``auditLog()``
public struct LeadlineDatabase: Sendable {
    /// The underlying GRDB writer (a `DatabasePool` in WAL mode on disk, a `DatabaseQueue` in tests).
    public let writer: any DatabaseWriter

    /// Wraps a writer and migrates it to the current schema.
    /// - Throws: `DatabaseError` if a migration fails.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Migrations.migrator.migrate(writer)
    }

    /// Opens (creating when missing) the database file at `path` in WAL mode, creating its folder.
    /// A new file is readable by its owner only (0600): it holds people's mail.
    /// - Throws: a file-system error or `DatabaseError`.
    public static func open(path: String) throws -> LeadlineDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try createPrivateFile(path)
        return try LeadlineDatabase(DatabasePool(path: path, configuration: configuration))
    }

    /// Creates an empty file readable by its owner only, unless it exists; SQLite gives its -wal and -shm
    /// files the same permissions.
    static func createPrivateFile(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(.invalidValue, "cannot create the database file \(path)")
        }
    }

    /// An empty in-memory database, for tests and throwaway runs.
    public static func inMemory() throws -> LeadlineDatabase {
        try LeadlineDatabase(DatabaseQueue(configuration: configuration))
    }

    /// Foreign keys on (GRDB's default), erased data overwritten, and a busy timeout so the CLI and
    /// the worker can write the same file.
    static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // In WAL mode NORMAL survives any process crash (SIGKILL included); a power cut may undo the last
            // transactions whole, which re-fetches those messages: consistent, never half-recorded.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// SQLite's own checkpoint threshold, in WAL pages (4 MB): a commit past it copies the log back into the file.
    static let defaultCheckpointPages = 1000
    /// The threshold while checkpoints are deferred (128 MB), so the log stays bounded even then.
    static let deferredCheckpointPages = 32768

    /// Runs `body` with checkpoints left for later (up to 128 MB of log), then puts SQLite's threshold back: for the
    /// scheduler's tick, whose single writer is its critical path, where a checkpoint (copying the log back, then
    /// a sync) stopped the writes every 4 MB. Ingest keeps SQLite's own: its writes overlap the fetching, and so do
    /// its checkpoints. The worker copies the deferred log back in idle time (``checkpoint()`` after each pass);
    /// the last connection to close does too.
    public func deferringCheckpoints<T>(_ body: () throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.deferredCheckpointPages)")
        }
        defer {
            _ = try? writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.defaultCheckpointPages)")
            }
        }
        return try body()
    }

    /// Copies the write-ahead log back into the database file (a passive checkpoint: it does not wait for readers,
    /// and copies what they do not hold). Call it in idle time, as the worker does after each pass; writes then
    /// do not stop for it.
    /// - Returns: the pages in the log, and how many of them are now in the file.
    @discardableResult
    public func checkpoint() throws -> (logPages: Int, copiedPages: Int) {
        let result = try writer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        return (max(0, result.walFrameCount), max(0, result.checkpointedFrameCount))
    }

    /// The names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Migrations.migrator.appliedMigrations(db) }
    }
}
