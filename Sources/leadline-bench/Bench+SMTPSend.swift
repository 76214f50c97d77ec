import Foundation
import LeadlineTransport

// leadline-bench smtp-send [N] [RUNS]: writes N realistic follow-up mails (default 1,000, 2-20 KB each, generated
// deterministically) to a temporary folder, then sends them to the loopback Postfix (Scripts/mailserver) on the
// submission port (STARTTLS + AUTH required) three times per run: with Leadline's SMTPClient over one reused
// connection (`send(batch:)`, batches of 100), with Python's smtplib over one connection (starttls + login, then
// sendmail per message), and with smtplib again after setting TCP_NODELAY (see `smtplibScript`). Every side is a
// child process started fresh that reads each message from its file shortly before sending it, so time and peak
// memory are measured the same way. Each side sends to its own `bench+MAILBOX@leadline.test` (the same kind of
// recipient, same delivery path); a send counts only when IMAP STATUS shows all N messages in that mailbox, and the
// next send starts only after that, so Postfix's queue is empty again. Postfix's log shows each side's session
// (connections and command counts: one EHLO pair, one AUTH, N MAIL). RUNS runs each (default 5), medians.
//
// Servers: found or started by `mailServers()` (Bench+MailServers.swift).

/// Python's side: one connection, STARTTLS (verifying the test CA), AUTH, `sendmail` per message; prints `sent N`.
/// With a 7th argument `nodelay` it sets TCP_NODELAY on the socket first: plain smtplib leaves Nagle's algorithm on,
/// and a message over 16 KB (one TLS record) then ends with a small segment that waits for the server's delayed ACK
/// (~40 ms on Linux loopback), so "smtplib" alone would be a weak reference.
private let smtplibScript = """
import os, smtplib, socket, ssl, sys
folder, host, port, ca, sender, rcpt = sys.argv[1:7]
user = os.environ["LEADLINE_MAIL_BENCH_USER"]
password = os.environ["LEADLINE_MAIL_BENCH_PASSWORD"]
smtp = smtplib.SMTP(host, int(port), local_hostname="localhost")
if sys.argv[7:] == ["nodelay"]:
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
smtp.starttls(context=ssl.create_default_context(cafile=ca))
smtp.login(user, password)
sent = 0
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as f:
        data = f.read()
    if not smtp.sendmail(sender, [rcpt], data):
        sent += 1
smtp.quit()
print("sent", sent)
"""

/// A realistic follow-up of 2-20 KB from the salesperson to a buyer: a reply to the buyer's inquiry (threading
/// headers, `List-Unsubscribe`), a text body, usually the quoted inquiry, sometimes a base64 PDF quotation.
private func makeFollowUp(_ index: Int, from sender: String, random: inout BenchRandom) -> [UInt8] {
    let countries = ["ng", "pl", "br", "ae", "vn", "id", "sa", "eg", "tr", "my"]
    let products = ["cashew nuts", "sesame seeds", "frozen chicken", "sunflower oil", "steel pipes", "PVC resin",
                    "cocoa beans", "rice 5% broken", "cement", "solar panels", "tyres", "urea 46%"]
    let words = ["we", "can", "offer", "price", "CIF", "FOB", "Lagos", "Gdansk", "Santos", "Jebel Ali", "container",
                 "tons", "per", "month", "payment", "L/C at sight", "30% advance", "sample", "specification",
                 "delivery", "within", "weeks", "valid", "until", "certificate", "packing", "bags", "MOQ",
                 "lead time", "our", "factory", "please", "confirm", "the", "quantity", "and", "destination port"]
    let country = countries[random.next(countries.count)]
    let product = products[random.next(products.count)]
    let buyer = "buyer\(index)@trade.example.\(country)"
    let size = 2048 + random.next(18 * 1024)

    func paragraph(_ bytes: Int, prefix: String = "") -> String {
        var text = ""
        var line = prefix
        while text.utf8.count + line.utf8.count < bytes {
            line += words[random.next(words.count)] + " "
            if line.utf8.count > 70 {
                text += line + "\r\n"
                line = prefix
            }
        }
        return text + line + "\r\n"
    }
    var body = "Dear Buyer \(index),\r\n\r\nThank you for your inquiry about \(product). "
    body += paragraph(min(size - 900, 1200 + random.next(3000)))
    body += "\r\nBest regards,\r\nAnna Kowalska\r\nExport Sales, Firma Eksport Sp. z o.o.\r\n+48 58 555 01 02\r\n"
    if random.next(10) < 7 {
        body += "\r\nOn Mon, 16 Nov 2026 at 09:12, Buyer \(index) <\(buyer)> wrote:\r\n"
        body += paragraph(400 + random.next(1500), prefix: "> ")
    }
    var header = [
        "From: Anna Kowalska <\(sender)>", "To: Buyer \(index) <\(buyer)>",
        "Subject: Re: Inquiry \(index): \(product)",
        "Date: Mon, 23 Nov 2026 \(10 + index % 8):\(index % 60 < 10 ? "0" : "")\(index % 60):00 +0100",
        "Message-ID: <fu-\(index)-1@leadline.test>", "In-Reply-To: <inq-\(index)@trade.example.\(country)>",
        "References: <inq-\(index)@trade.example.\(country)>",
        "List-Unsubscribe: <mailto:unsubscribe+\(index)@leadline.test>, <https://leadline.test/u/\(index)>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "MIME-Version: 1.0",
    ]
    let remaining = size - body.utf8.count - 800
    if remaining > 1500 {
        // The rest of the size is a quotation PDF (random bytes, base64: 4/3 larger).
        let attachment = (0 ..< remaining * 3 / 4).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
        let encoded = Data(attachment).base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        header.append("Content-Type: multipart/mixed; boundary=\"q\(index)\"")
        body = "--q\(index)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + body + "\r\n--q\(index)\r\nContent-Type: application/pdf; name=\"quotation-\(index).pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"quotation-\(index).pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--q\(index)--\r\n"
    } else {
        header.append("Content-Type: text/plain; charset=utf-8")
    }
    return Array((header.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
}

/// Writes the N messages as `00000.eml`... into `folder`; returns their total size in bytes.
private func writeFollowUps(count: Int, sender: String, to folder: String) throws -> Int {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var random = BenchRandom(state: 7)
    var total = 0
    for index in 0 ..< count {
        let message = makeFollowUp(index, from: sender, random: &random)
        total += message.count
        let name = String(format: "%05d.eml", index)
        guard FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(message)) else {
            throw BenchError("cannot write \(folder)/\(name)")
        }
    }
    return total
}

/// Messages the child reads and hands to `SMTPClient.send(batch:)` at a time (as the outbox sends its due messages).
private let childBatchSize = 100

/// The child side: sends every message in FOLDER (sorted by name) with one SMTPClient, in batches of
/// `childBatchSize` read from their files just before (or one `send(_:)` per message with `single`); prints `sent N`,
/// or fails on the first message not accepted, naming its file.
func runSMTPSendChild(_ arguments: [String]) throws {
    guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "single") else {
        throw BenchError("usage: smtp-send-child FOLDER RECIPIENT [single]")
    }
    let (folder, recipient, single) = (arguments[0], arguments[1], arguments.count == 3)
    let server = try BenchServer(ProcessInfo.processInfo.environment)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.sorted()
    let sent = try blocking {
        let smtp = SMTPClient(configuration: server.submission, logger: benchLogger())
        var sent = 0
        for start in stride(from: 0, to: names.count, by: single ? 1 : childBatchSize) {
            let chunk = names[start ..< min(start + (single ? 1 : childBatchSize), names.count)]
            let batch = try chunk.map { name in
                guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else {
                    throw BenchError("cannot read \(folder)/\(name)")
                }
                return OutgoingMail(sender: server.user, recipients: [recipient], data: Array(data))
            }
            let deliveries: [SMTPDelivery]
            if single {
                deliveries = [try await smtp.send(batch[0])]
            } else {
                let outcomes = await smtp.send(batch: batch)
                deliveries = try zip(chunk, outcomes).map { name, outcome in
                    do { return try outcome.get() } catch { throw BenchError("\(name): \(error)") }
                }
            }
            for (name, delivery) in zip(chunk, deliveries) {
                guard delivery.refused.isEmpty else { throw BenchError("\(name): refused \(delivery.refused)") }
                sent += 1
            }
        }
        return sent
    }
    print("sent \(sent)")
}

/// Waits until `mailbox` holds `count` messages (Postfix delivers asynchronously over LMTP), then deletes it.
/// - Returns: seconds waited after the sender finished.
private func awaitDeliveries(_ server: BenchServer, mailbox: String, count: Int) throws -> Double {
    try measureSeconds {
        let delivered = try blocking { () -> Int in
            let imap = IMAPClient(configuration: server.imap, logger: benchLogger())
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(60 + count / 10) * 1_000_000_000
            var messages = 0
            while DispatchTime.now().uptimeNanoseconds < deadline {
                messages = (try? await imap.status(of: mailbox).messages) ?? 0
                if messages >= count { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try? await imap.deleteMailbox(mailbox)
            return messages
        }
        guard delivered == count else {
            throw BenchError("mailbox \(mailbox) received \(delivered) of \(count) messages")
        }
    }
}

/// What Postfix logged about submission sessions since `offset` of its log: how many connections, and the command
/// counts of the last session (`ehlo=2 starttls=1 auth=1 mail=1000 ... quit=1`), which show whether the sender
/// reused its session. Nil when the log is unknown.
private func submissionSessions(_ server: BenchServer, since offset: Int) -> String? {
    guard let dir = server.directory, let log = FileManager.default.contents(atPath: "\(dir)/log/postfix.log"),
          log.count >= offset
    else { return nil }
    let lines = String(decoding: log[offset...], as: UTF8.self).split(separator: "\n")
        .filter { $0.contains("postfix/submission/smtpd[") }
    let connections = lines.filter { $0.contains(": connect from ") }.count
    let commands = lines.last { $0.contains(": disconnect from ") }
        .flatMap { line in line.range(of: "] ").map { String(line[$0.upperBound...]) } } ?? "no disconnect logged"
    return "\(connections) connection\(connections == 1 ? "" : "s") (\(commands))"
}

private func postfixLogSize(_ server: BenchServer) -> Int {
    guard let dir = server.directory,
          let size = try? FileManager.default.attributesOfItem(atPath: "\(dir)/log/postfix.log")[.size] as? Int
    else { return 0 }
    return size
}

/// One measured send: runs `command`, checks it printed `sent N`, then that all N arrived.
private func measuredSend(
    _ label: String, _ command: [String], server: BenchServer, mailbox: String, count: Int
) throws -> (run: ChildRun, sessions: String?) {
    let logOffset = postfixLogSize(server)
    let run = try runChild(command, environment: server.childEnvironment)
    guard run.status == 0, run.output.contains("sent \(count)") else {
        throw BenchError("\(label) failed (exit \(run.status)): \(run.output.suffix(2000))")
    }
    _ = try awaitDeliveries(server, mailbox: mailbox, count: count)
    return (run, submissionSessions(server, since: logOffset))
}

/// The benchmark: `leadline-bench smtp-send [N] [RUNS]`.
func runSMTPSend(_ arguments: [String]) throws {
    let count = arguments.first.flatMap(Int.init) ?? 1000
    let runs = arguments.dropFirst().first.flatMap(Int.init) ?? 5
    guard count > 0, runs > 0 else { throw BenchError("usage: smtp-send [N > 0] [RUNS > 0]") }
    guard toolExists("python3") else { throw BenchError("python3 not found: apt-get install python3") }
    let (server, stop) = try mailServers()
    defer { stop?() }

    let work = NSTemporaryDirectory() + "leadline-bench-smtp-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: work) }
    let folder = work + "/messages"
    let bytes = try writeFollowUps(count: count, sender: server.user, to: folder)
    print("\(count) follow-ups, \(fmt(Double(bytes) / 1_048_576, 1)) MiB (avg \(fmt(Double(bytes) / Double(count) / 1024, 1)) KB), "
        + "to localhost:\(server.submissionPort) (submission, STARTTLS + AUTH) as \(server.user)")

    let me = CommandLine.arguments[0]
    var leadline: [ChildRun] = []
    var smtplib: [ChildRun] = []
    var nodelay: [ChildRun] = []
    for run in 1 ... runs {
        let tag = "smtpbench-\(getpid())-\(run)"
        func python(_ side: String, _ extra: [String]) throws -> (run: ChildRun, sessions: String?) {
            try measuredSend(side, ["python3", "-c", smtplibScript, folder, "localhost", "\(server.submissionPort)",
                                    server.caFile, server.user, server.address(forMailbox: "\(tag)-\(side)")] + extra,
                             server: server, mailbox: "\(tag)-\(side)", count: count)
        }
        let sides: [(String, () throws -> (run: ChildRun, sessions: String?))] = [
            ("leadline", {
                try measuredSend("leadline", [me, "smtp-send-child", folder, server.address(forMailbox: tag + "-leadline")],
                                 server: server, mailbox: tag + "-leadline", count: count)
            }),
            ("smtplib", { try python("smtplib", []) }),
            ("nodelay", { try python("nodelay", ["nodelay"]) }),
        ]
        // Rotate who goes first, so no side always meets a warmer (or busier) server.
        var results: [String: (run: ChildRun, sessions: String?)] = [:]
        for offset in 0 ..< sides.count {
            let (name, body) = sides[(run - 1 + offset) % sides.count]
            results[name] = try body()
        }
        let (a, b, c) = (results["leadline"]!, results["smtplib"]!, results["nodelay"]!)
        print("run \(run): leadline \(fmt(a.run.seconds, 3)) s, \(fmt(a.run.peakMemoryMiB, 1)) MiB; "
            + "smtplib \(fmt(b.run.seconds, 3)) s, \(fmt(b.run.peakMemoryMiB, 1)) MiB; "
            + "smtplib+TCP_NODELAY \(fmt(c.run.seconds, 3)) s, \(fmt(c.run.peakMemoryMiB, 1)) MiB; all \(count) delivered each")
        if let ours = a.sessions, let theirs = b.sessions {
            print("  postfix saw leadline: \(ours); smtplib: \(theirs)")
        }
        leadline.append(a.run)
        smtplib.append(b.run)
        nodelay.append(c.run)
    }

    func summary(_ runs: [ChildRun]) -> (seconds: Double, rate: String, memory: String) {
        let seconds = median(runs.map(\.seconds))
        return (seconds, fmt(Double(count) / seconds, 0), fmt(median(runs.map(\.peakMemoryMiB)), 1))
    }
    let (ours, theirs, tuned) = (summary(leadline), summary(smtplib), summary(nodelay))
    print("leadline:            median \(fmt(ours.seconds, 3)) s, \(ours.rate) msgs/s, peak \(ours.memory) MiB")
    print("smtplib:             median \(fmt(theirs.seconds, 3)) s, \(theirs.rate) msgs/s, peak \(theirs.memory) MiB")
    print("smtplib+TCP_NODELAY: median \(fmt(tuned.seconds, 3)) s, \(tuned.rate) msgs/s, peak \(tuned.memory) MiB "
        + "(time ratio \(fmt(ours.seconds / tuned.seconds, 2)))")
    print("smtp-send: \(count) msgs (\(fmt(Double(bytes) / 1_048_576, 1)) MiB), submission STARTTLS+AUTH, \(runs) runs, all delivered; "
        + "leadline \(ours.rate) msgs/s \(ours.memory) MiB, smtplib \(theirs.rate) msgs/s \(theirs.memory) MiB, "
        + "smtplib+TCP_NODELAY \(tuned.rate) msgs/s (ratio \(fmt(ours.seconds / tuned.seconds, 2))); "
        + "time ratio \(fmt(ours.seconds / theirs.seconds, 2)) vs smtplib")
}
