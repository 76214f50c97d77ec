import Foundation

/// The reference of the mail benchmarks: `mbsync` (Debian `isync`) copying one mailbox of the benchmark user from the
/// loopback Dovecot to a fresh local Maildir, run as a child process so its time and peak memory are measured the
/// same way as Leadline's.
///
/// `FSync no`: mbsync would otherwise fsync every message file, timing the disk rather than IMAP; this makes the
/// reference faster, never slower, than its default.
struct MbsyncReference {
    let mailbox: String
    let work: String

    /// Writes the configuration into a fresh temporary folder.
    /// - Throws: `BenchError` when mbsync is not installed.
    init(server: BenchServer, mailbox: String) throws {
        guard toolExists("mbsync") else { throw BenchError("mbsync not found: apt-get install isync") }
        self.mailbox = mailbox
        work = NSTemporaryDirectory() + "leadline-bench-mbsync-\(getpid())"
        let config = """
        FSync no

        IMAPAccount bench
        Host localhost
        Port \(server.port)
        User \(server.user)
        Pass \(server.password)
        SSLType IMAPS
        CertificateFile \(server.caFile)

        IMAPStore bench-far
        Account bench

        MaildirStore bench-near
        Path \(work)/maildir/
        Inbox \(work)/maildir/INBOX
        SubFolders Verbatim

        Channel bench
        Far :bench-far:
        Near :bench-near:
        Patterns \(mailbox)
        Sync Pull
        Create Near
        SyncState *

        """
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try config.write(toFile: work + "/mbsyncrc", atomically: true, encoding: .utf8)
    }

    /// One full copy into an empty Maildir; checks that `count` messages arrived.
    func copy(expecting count: Int) throws -> ChildRun {
        try? FileManager.default.removeItem(atPath: work + "/maildir")
        try FileManager.default.createDirectory(atPath: work + "/maildir", withIntermediateDirectories: true)
        let run = try runChild(["mbsync", "-c", work + "/mbsyncrc", "-q", "bench"])
        guard run.status == 0 else { throw BenchError("mbsync failed: \(run.output)") }
        let folder = "\(work)/maildir/\(mailbox)"
        let copied = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/new").count) ?? 0)
            + ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/cur").count) ?? 0)
        guard copied == count else { throw BenchError("mbsync copied \(copied) messages, expected \(count)") }
        return run
    }

    func remove() { try? FileManager.default.removeItem(atPath: work) }
}
