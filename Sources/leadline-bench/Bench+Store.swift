import Foundation
import LeadlineCore
import LeadlineStore

/// `leadline-bench store [N]`: records N inquiries (default 5,000) one transaction each, as the ingest pipeline
/// does (duplicate check, then message + bytes + lead upsert + timeline event + last UID), into an on-disk WAL
/// database. Reference: Python's `sqlite3` doing the same statements on the same schema, one commit per message.
func runStore(_ arguments: [String]) throws {
    let count = arguments.first.flatMap { Int($0) } ?? 5_000
    guard toolExists("python3") else { throw BenchError("python3 is needed for the reference") }
    let folder = NSTemporaryDirectory() + "leadline-bench-store-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let body = String(repeating: "We need 2x40HQ of SP-1500 solar pumps, CIF Apapa Lagos, T/T 30/70.\r\n", count: 45)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let verdict = Classification(kind: .seriousBuyer, confidence: 0.8, reasons: ["names SP-1500", "CIF Lagos"])

    var ours: [Double] = []
    var theirs: [Double] = []
    for run in 0 ..< 3 {
        let path = "\(folder)/leadline-\(run).sqlite"
        let store = try LeadlineDatabase.open(path: path)
        ours.append(try measureSeconds {
            for i in 1 ... count {
                let sender = "buyer\(i % 500)@importer.example"
                let raw = Data("Message-ID: <m\(i)@importer.example>\r\nFrom: \(sender)\r\nSubject: Inquiry \(i)\r\n\r\n\(body)".utf8)
                let message = IncomingMessage(
                    location: .imap(account: "sales", mailbox: "INBOX", uidValidity: 1, uid: Int64(i)), raw: raw,
                    messageID: "<m\(i)@importer.example>", subject: "Inquiry \(i)", fromAddress: sender,
                    sentAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
                guard try store.findDuplicate(messageID: message.messageID, hash: message.sha256) == nil else {
                    throw BenchError("message \(i) wrongly seen as a duplicate")
                }
                try store.recordIngested(message, as: .inquiry(verdict, LeadProfile(country: "NG")), now: now)
            }
        })
        guard try store.listLeads().count == min(count, 500) else { throw BenchError("wrong lead count") }

        let referencePath = "\(folder)/python-\(run).sqlite"
        _ = try LeadlineDatabase.open(path: referencePath)  // the same migrated, empty schema
        let child = try runChild(["python3", "-c", pythonReference, referencePath, String(count)])
        guard child.status == 0 else { throw BenchError("python3 reference failed: \(child.output)") }
        theirs.append(child.seconds)
    }
    let ratio = median(ours) / median(theirs)
    print("Leadline (GRDB): \(count) messages in \(fmt(median(ours), 3)) s median of 3, "
        + "\(fmt(Double(count) / median(ours), 0)) messages/s, peak \(fmt(peakMemoryMiB(), 1)) MiB")
    // The child's peak is not printed: wait4's ru_maxrss of a child spawned by this (larger) process keeps
    // this process's high-water mark across exec, so it would not be Python's own figure.
    print("Python sqlite3:  \(count) messages in \(fmt(median(theirs), 3)) s median of 3, "
        + "\(fmt(Double(count) / median(theirs), 0)) messages/s")
    print("store: \(fmt(Double(count) / median(ours), 0)) messages/s, peak \(fmt(peakMemoryMiB(), 1)) MiB; "
        + "time ratio \(fmt(ratio)) vs python3 sqlite3")
}

/// The reference: the same statements as `LeadlineDatabase.findDuplicate` + `recordIngested`, in plain Python.
private let pythonReference = #"""
import hashlib, json, sqlite3, sys
path, count = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL"); db.execute("PRAGMA foreign_keys=ON")
db.execute("PRAGMA secure_delete=ON")
body = "We need 2x40HQ of SP-1500 solar pumps, CIF Apapa Lagos, T/T 30/70.\r\n" * 45
now = "2027-01-15 08:00:00.000"
db.execute("BEGIN"); db.execute("INSERT INTO account (name) VALUES ('sales')")
db.execute("INSERT INTO mailbox (account_id, name) VALUES (1, 'INBOX')"); db.execute("COMMIT")
for i in range(1, count + 1):
    sender = "buyer%d@importer.example" % (i % 500)
    raw = ("Message-ID: <m%d@importer.example>\r\nFrom: %s\r\nSubject: Inquiry %d\r\n\r\n%s" % (i, sender, i, body)).encode()
    digest = hashlib.sha256(raw).hexdigest(); mid = "m%d@importer.example" % i
    sent = "2023-11-14 22:13:%02d.000" % (i % 60)
    assert db.execute("SELECT id FROM message WHERE message_id = ? LIMIT 1", (mid,)).fetchone() is None
    assert db.execute("SELECT m.id FROM message_content c JOIN message m ON m.content_id = c.id WHERE c.sha256 = ?", (digest,)).fetchone() is None
    db.execute("BEGIN")
    mb = db.execute("SELECT mailbox.id, uid_validity, last_uid FROM mailbox JOIN account ON account.id = mailbox.account_id WHERE account.name = ? AND mailbox.name = ?", ("sales", "INBOX")).fetchone()
    db.execute("SELECT message.id FROM message JOIN mailbox ON mailbox.id = message.mailbox_id JOIN account ON account.id = mailbox.account_id WHERE account.name = ? AND mailbox.name = ? AND message.uid_validity = ? AND message.source_key = ?", ("sales", "INBOX", 1, str(i))).fetchone()
    db.execute("UPDATE mailbox SET uid_validity = ?, last_uid = ? WHERE id = ?", (1, max(mb[2], i), mb[0]))
    db.execute("INSERT INTO message_content (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING", (digest, len(raw), raw))
    content = db.execute("SELECT id FROM message_content WHERE sha256 = ?", (digest,)).fetchone()[0]
    reasons = json.dumps(["names SP-1500", "CIF Lagos"])
    lead = db.execute("SELECT id FROM lead WHERE address = ?", (sender,)).fetchone()
    if lead:
        lead = lead[0]
        db.execute("UPDATE lead SET first_seen = MIN(first_seen, :s), last_seen = MAX(last_seen, :s), country = COALESCE(country, 'NG'), kind = CASE kind_source WHEN 'classifier' THEN 'serious_buyer' ELSE kind END, confidence = CASE kind_source WHEN 'classifier' THEN 0.8 ELSE confidence END, stage = CASE WHEN stage IN ('dormant','lost') THEN 'prospect' ELSE stage END WHERE id = :id", {"s": sent, "id": lead})
    else:
        lead = db.execute("INSERT INTO lead (address, country, kind, confidence, first_seen, last_seen) VALUES (?, 'NG', 'serious_buyer', 0.8, ?, ?)", (sender, sent, sent)).lastrowid
    row = db.execute("INSERT INTO message (mailbox_id, uid_validity, source_key, content_id, message_id, subject, from_address, sent_at, received_at, kind, confidence, reasons, lead_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 'serious_buyer', 0.8, ?, ?)", (mb[0], str(i), content, mid, "Inquiry %d" % i, sender, sent, now, reasons, lead)).lastrowid
    db.execute("INSERT INTO lead_event (lead_id, kind, occurred_at, message_row_id, message_id, summary) VALUES (?, 'inquiry', ?, ?, ?, ?)", (lead, sent, row, mid, "Inquiry %d" % i))
    db.execute("COMMIT")
"""#
