import Foundation
import LeadlineTransport
import Logging

// leadline-bench imap-fetch [N]: fills a mailbox on the loopback Dovecot (Scripts/mailserver) with N realistic
// inquiries (default 2,000, 2-20 KB each), then times Leadline's full fetch (every message's bytes over one
// connection, \Seen kept as it was) against mbsync copying the same mailbox to a local Maildir. Both run as child
// processes so time and peak memory are measured the same way; several runs each, medians.
//
// Servers: found or started by `mailServers()` (Bench+MailServers.swift).

/// A realistic inquiry of 2-20 KB: headers, a text body from a trade vocabulary, sometimes a base64 attachment.
private func makeInquiry(_ index: Int, to: String, random: inout BenchRandom) -> [UInt8] {
    let countries = ["ng", "pl", "br", "ae", "vn", "id", "sa", "eg", "tr", "my"]
    let products = ["cashew nuts", "sesame seeds", "frozen chicken", "sunflower oil", "steel pipes", "PVC resin",
                    "cocoa beans", "rice 5% broken", "cement", "solar panels", "tyres", "urea 46%"]
    let words = ["please", "quote", "price", "CIF", "FOB", "Lagos", "Gdansk", "Santos", "Jebel Ali", "container",
                 "tons", "monthly", "payment", "L/C", "sample", "specification", "delivery", "urgent", "best",
                 "offer", "certificate", "packing", "bags", "MOQ", "lead time", "our", "company", "requires", "the"]
    let country = countries[random.next(countries.count)]
    let product = products[random.next(products.count)]
    var body = "Dear Sir/Madam,\r\n\r\nWe are interested in \(product). "
    let target = 1500 + random.next(9000)
    var line = ""
    while body.utf8.count < target {
        line += words[random.next(words.count)] + " "
        if line.utf8.count > 70 {
            body += line + "\r\n"
            line = ""
        }
    }
    body += line + "\r\n\r\nBest regards,\r\nBuyer \(index)\r\n"
    var header = [
        "Return-Path: <buyer\(index)@trade.example.\(country)>",
        "From: Buyer \(index) <buyer\(index)@trade.example.\(country)>", "To: <\(to)>",
        "Subject: Inquiry \(index): \(product)", "Date: Mon, 23 Nov 2026 10:\(index % 60 < 10 ? "0" : "")\(index % 60):00 +0100",
        "Message-ID: <inq-\(index)@trade.example.\(country)>", "MIME-Version: 1.0",
    ]
    if random.next(10) < 3 {
        let attachment = (0 ..< (2000 + random.next(7000))).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
        header.append("Content-Type: multipart/mixed; boundary=\"b\(index)\"")
        let encoded = Data(attachment).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        body = "--b\(index)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n--b\(index)\r\n"
            + "Content-Type: application/pdf; name=\"spec-\(index).pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + encoded + "\r\n--b\(index)--\r\n"
    } else {
        header.append("Content-Type: text/plain; charset=utf-8")
    }
    return Array((header.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
}

/// Makes sure `mailbox` holds exactly `count` messages, all unseen (as new inquiries are). Appends over one
/// connection when it has to fill it.
private func fillMailbox(_ server: BenchServer, mailbox: String, count: Int) throws -> (messages: Int, bytes: Int) {
    try blocking {
        let client = IMAPClient(configuration: server.imap, logger: benchLogger())
        if let status = try? await client.status(of: mailbox), status.messages == count {
            let uids = try await client.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
            try await client.setSeen(false, in: mailbox, uidValidity: status.uidValidity, uids: uids)
            return (count, -1)
        }
        try? await client.deleteMailbox(mailbox)
        try await client.createMailbox(mailbox)
        var random = BenchRandom(state: 42)
        var bytes = 0
        for index in 0 ..< count {
            let message = makeInquiry(index, to: server.user, random: &random)
            bytes += message.count
            try await client.append(message, to: mailbox)
        }
        let status = try await client.status(of: mailbox)
        let uids = try await client.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
        try await client.setSeen(false, in: mailbox, uidValidity: status.uidValidity, uids: uids)
        return (status.messages, bytes)
    }
}

/// The child side: one full fetch of the mailbox over one connection; prints `fetched N B`.
func runIMAPFetchChild(_ arguments: [String]) throws {
    guard let mailbox = arguments.first else { throw BenchError("usage: imap-fetch-child MAILBOX") }
    let server = try BenchServer(ProcessInfo.processInfo.environment)
    let (messages, bytes) = try blocking {
        let client = IMAPClient(configuration: server.imap, logger: benchLogger())
        let status = try await client.status(of: mailbox)
        let uids = try await client.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
        var count = 0
        var total = 0

        try await client.fetchMessages(in: mailbox, uidValidity: status.uidValidity, uids: uids) { _, data in
            count += 1
            total += data.count
        }
        return (count, total)
    }
    print("fetched \(messages) \(bytes)")
}

/// The benchmark: `leadline-bench imap-fetch [N] [RUNS]`.
func runIMAPFetch(_ arguments: [String]) throws {
    let count = arguments.first.flatMap(Int.init) ?? 2000
    let runs = arguments.dropFirst().first.flatMap(Int.init) ?? 5
    guard toolExists("mbsync") else { throw BenchError("mbsync not found: apt-get install isync") }
    let (server, stop) = try mailServers()
    defer { stop?() }
    let mailbox = "bench-\(count)"
    let fillSeconds = try measureSeconds {
        let filled = try fillMailbox(server, mailbox: mailbox, count: count)
        guard filled.messages == count else { throw BenchError("mailbox holds \(filled.messages), expected \(count)") }
        if filled.bytes > 0 { print("filled \(mailbox): \(count) messages, \(fmt(Double(filled.bytes) / 1_048_576, 1)) MiB") }
    }
    print("mailbox \(mailbox) ready in \(fmt(fillSeconds, 2)) s (\(count) unseen messages)")

    let work = NSTemporaryDirectory() + "leadline-bench-mbsync-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: work) }
    // FSync no: mbsync would otherwise fsync every message file, timing the disk rather than IMAP (Leadline's side
    // keeps the bytes in memory).
    let config = """
    FSync no

    IMAPAccount bench
    Host localhost
    Port \(server.imapsPort)
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

    let me = CommandLine.arguments[0]
    var leadline: [ChildRun] = []
    var mbsync: [ChildRun] = []
    for run in 1 ... runs {
        let ours = try runChild([me, "imap-fetch-child", mailbox], environment: server.childEnvironment)
        guard ours.status == 0, ours.output.contains("fetched \(count) ") else {
            throw BenchError("Leadline's fetch failed: \(ours.output)")
        }
        try? FileManager.default.removeItem(atPath: work + "/maildir")
        try FileManager.default.createDirectory(atPath: work + "/maildir", withIntermediateDirectories: true)
        let theirs = try runChild(["mbsync", "-c", work + "/mbsyncrc", "-q", "bench"])
        guard theirs.status == 0 else { throw BenchError("mbsync failed: \(theirs.output)") }
        let copied = (try? FileManager.default.contentsOfDirectory(atPath: "\(work)/maildir/\(mailbox)/new").count) ?? 0
            + ((try? FileManager.default.contentsOfDirectory(atPath: "\(work)/maildir/\(mailbox)/cur").count) ?? 0)
        guard copied == count else { throw BenchError("mbsync copied \(copied) messages, expected \(count)") }
        print("run \(run): leadline \(fmt(ours.seconds, 3)) s, \(fmt(ours.peakMemoryMiB, 1)) MiB; mbsync \(fmt(theirs.seconds, 3)) s, \(fmt(theirs.peakMemoryMiB, 1)) MiB")
        leadline.append(ours)
        mbsync.append(theirs)
    }
    // The mailbox must be as it was: fetching restored every \Seen flag.
    let unseen = try blocking { try await IMAPClient(configuration: server.imap, logger: benchLogger()).status(of: mailbox).unseen }
    guard unseen == count else { throw BenchError("\(count - unseen) messages were left marked as read") }

    let ourTime = median(leadline.map(\.seconds))
    let theirTime = median(mbsync.map(\.seconds))
    let ourMemory = leadline.map(\.peakMemoryMiB).max() ?? 0
    let theirMemory = mbsync.map(\.peakMemoryMiB).max() ?? 0
    print("leadline: \(count) msgs, median \(fmt(ourTime, 3)) s, \(fmt(Double(count) / ourTime, 0)) msgs/s, peak \(fmt(ourMemory, 1)) MiB (unseen flags kept)")
    print("mbsync:   \(count) msgs, median \(fmt(theirTime, 3)) s, \(fmt(Double(count) / theirTime, 0)) msgs/s, peak \(fmt(theirMemory, 1)) MiB")
    print("imap-fetch: \(count) msgs, leadline \(fmt(Double(count) / ourTime, 0)) msgs/s \(fmt(ourMemory, 1)) MiB, mbsync \(fmt(Double(count) / theirTime, 0)) msgs/s \(fmt(theirMemory, 1)) MiB, \(runs) runs; time ratio \(fmt(ourTime / theirTime, 2)) vs mbsync")
}
