import Foundation
import GRDB
import LeadlineCore
import Testing
@testable import LeadlineStore

@Suite("Erasure, backup and migrations")
struct MaintenanceTests {
    @Test("erasing an address removes the lead, timeline, corrections, messages both ways, copies, raw bytes and the auto-reply record")
    func eraseEverywhere() throws {
        // Given a lead with an inquiry, a copy, a reply, a correction, a problem, plus another lead
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        let copy = inquiry(uid: 2, messageID: "m1.INBOX@lagosbuild.ng", mailbox: "Archive")
        try store.recordDuplicate(copy, of: first.messageRowID, now: T.day0)
        try store.recordIngested(inquiry(uid: 3, from: "procurement@lagosbuild.ng"), as: .reply(leadID: first.leadID!, nil), now: T.day(1))
        try store.setKind(leadID: first.leadID!, kind: .priceComparer, by: "anna", now: T.day(2))
        let broken = IncomingMessage(location: .imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 4),
                                     raw: Data("garbage".utf8), fromAddress: "ADE@lagosbuild.ng")
        try store.recordProblem(broken, stage: .parse, error: "no header", now: T.day(2))
        let other = try store.recordIngested(inquiry(uid: 5, from: "jan@firma.pl", name: "Jan Nowak"), as: .inquiry(comparerVerdict, LeadProfile()), now: T.day(3))
        // Our mail: an acknowledgement to each lead (an automatic reply, recorded for loop prevention), and one to
        // the first address not tied to its lead
        for (lead, to) in [(first.leadID, "ade@lagosbuild.ng"), (other.leadID, "jan@firma.pl"), (nil, "ADE@lagosbuild.ng")] {
            try store.queue(OutboxDraft(account: "sales", leadID: lead, stepIndex: 0, template: "serious_buyer/1-acknowledge",
                                        language: "en", sender: "sales@supplier.example", recipient: to,
                                        messageID: "<ack-\(lead ?? 0)@supplier.example>", subject: "Re: Inquiry",
                                        bytes: Data("Subject: x\r\n\r\nhi\r\n".utf8), isAutoReply: lead != nil, sendAt: T.day(3)),
                            enrolment: nil, now: T.day(3))
        }

        // When the person asks to be erased
        let report = try store.erase(address: "Ade@LagosBuild.ng", by: "dpo", now: T.day(4))

        // Then nothing of them remains, the other lead is intact, and the audit entry names no person
        #expect(report.leads == 1)
        #expect(report.messages == 4)
        #expect(report.events == 3)
        #expect(try store.findLead(byAddress: "ade@lagosbuild.ng") == nil)
        #expect(try store.problems().isEmpty)
        #expect(try store.kindCorrections().isEmpty)
        #expect(try rowCount(store, "message") == 1)
        #expect(try rowCount(store, "message_content") == 1)
        #expect(try rowCount(store, "lead_event") == 1)
        #expect(try store.outbox(states: [.queued]).map(\.draft.recipient) == ["jan@firma.pl"])
        #expect(report.outgoing == 2)
        #expect(try rowCount(store, "auto_reply") == 1)
        #expect(!report.stillSuppressed)
        #expect(try store.lead(id: other.leadID!)?.messageCount == 1)
        let audit = try #require(try store.auditLog().last)
        #expect(audit.action == "erase")
        #expect(audit.actor == "dpo")
        #expect(!audit.detail.lowercased().contains("ade"))
        #expect(!audit.detail.contains("lagosbuild"))
        #expect(try store.auditLog().allSatisfy { !$0.detail.contains("lagosbuild") })
        // And the mailbox still knows those UIDs were read, so nothing is fetched again
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX")?.lastUID == 5)
    }

    @Test("erasing an unknown address removes nothing and still leaves an audit entry")
    func eraseUnknown() throws {
        let store = try LeadlineDatabase.inMemory()
        let report = try store.erase(address: "nobody@nowhere.example", by: "dpo", now: T.day0)
        #expect(report == ErasureReport(leads: 0, messages: 0, rawContents: 0, events: 0))
        #expect(try store.auditLog().count == 1)
    }

    @Test("the on-disk database migrates to v1 in WAL mode, reopens, and backs up while a writer holds it")
    func onDiskMigrationAndBackup() throws {
        // Given a fresh folder
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadline-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db/leadline.sqlite").path
        // When the store is opened, written, and opened again
        do {
            let store = try LeadlineDatabase.open(path: path)
            #expect(try store.appliedMigrations() == ["v1", "v2", "v3", "v4"])
            try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
            let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let store = try LeadlineDatabase.open(path: path)
        #expect(try store.appliedMigrations() == ["v1", "v2", "v3", "v4"])
        #expect(try store.listLeads().count == 1)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let pragmas = try store.writer.read { db in
            (try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"), try Int.fetchOne(db, sql: "PRAGMA secure_delete"),
             try db.tableExists("audit_log"))
        }
        #expect(pragmas.0 == true)
        #expect(pragmas.1 == 1)
        #expect(pragmas.2)
        // And a backup taken while another connection holds an open write transaction is complete
        let second = try DatabaseQueue(path: path)
        let backup = folder.appendingPathComponent("backup.sqlite").path
        try second.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO account (name) VALUES ('uncommitted')")
            try store.backup(to: backup)
            try db.execute(sql: "ROLLBACK")
        }
        try store.backup(to: backup)  // replaces the previous backup
        let copy = try LeadlineDatabase.open(path: backup)
        #expect(try copy.listLeads().map(\.lead.address) == ["ade@lagosbuild.ng"])
        #expect(try copy.rawMessage(rowID: 1) == inquiry(uid: 1).raw)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test("deferred checkpoints leave the log for later (none after 1,000 pages), checkpoint() copies it all, and SQLite's own threshold is back afterwards")
    func deferredCheckpoints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadline-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LeadlineDatabase.open(path: folder.appendingPathComponent("leadline.sqlite").path)
        func record(_ uids: ClosedRange<Int>) throws {
            for uid in uids {  // 4 KB each: SQLite's own threshold (1,000 pages) is passed within 1,000 messages
                let body = "From: b\(uid)@lagosbuild.ng\r\nSubject: Inquiry\r\n\r\n"
                    + String(repeating: "Please quote. ", count: 300) + "\(uid)\r\n"
                try store.recordIngested(inquiry(uid: Int64(uid), from: "b\(uid)@lagosbuild.ng", body: body),
                                         as: .inquiry(seriousVerdict, nigeria), now: T.day0)
            }
        }
        try store.deferringCheckpoints { try record(1 ... 3000) }
        let deferred = try store.checkpoint()
        #expect(deferred.logPages > 3000)
        #expect(deferred.copiedPages == deferred.logPages)
        try record(3001 ... 6000)
        let afterwards = try store.checkpoint()
        #expect(afterwards.logPages < 2000)  // SQLite checkpointed (and restarted the log) along the way
        #expect(try store.listLeads().count == 6000)
    }

    @Test("a backup into a missing folder fails naming the path")
    func backupMissingFolder() throws {
        let store = try LeadlineDatabase.inMemory()
        let error = #expect(throws: StoreError.self) { try store.backup(to: "/nonexistent-leadline/x.sqlite") }
        #expect(error?.code == .backupFailed)
        #expect(error?.message.hasPrefix("/nonexistent-leadline/x.sqlite") == true)
    }

    @Test("the schema refuses a lead with an invalid stage even from raw SQL")
    func schemaChecks() throws {
        let store = try LeadlineDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO lead (address, kind, confidence, stage, first_seen, last_seen)
                    VALUES ('a@b.example', 'serious_buyer', 0.5, 'hot', '2025-01-01', '2025-01-01')
                    """)
            }
        }
    }
}

func rowCount(_ store: LeadlineDatabase, _ table: String) throws -> Int {
    try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
}

extension MaintenanceTests {
    @Test("an erased address that had unsubscribed stays on the do-not-mail list, and says so")
    func erasureKeepsSuppression() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.suppress(address: "ade@lagosbuild.ng", reason: "unsubscribed", detail: "by mail", now: T.day(1))
        let report = try store.erase(address: "ade@lagosbuild.ng", by: "dpo", now: T.day(2))
        #expect(report.leads == 1 && report.stillSuppressed)
        #expect(try store.suppression(of: "ade@lagosbuild.ng") == "unsubscribed")
    }
}
