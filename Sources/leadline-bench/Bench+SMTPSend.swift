import Foundation
import LeadlineMIME
import LeadlineTransport
import Logging

/// `leadline-bench smtp-send [N]`: N acknowledgements (default 1,000, ~2 KB each, built by the MIME builder) sent to
/// the local Postfix over the submission port (STARTTLS + AUTH) by `SMTPClient.send(batch:)`, which reuses one
/// connection. Reference: Python's `smtplib` sending the same bytes over one connection (STARTTLS, login,
/// `sendmail` per message) in the same run. Both times cover connect, TLS, login and every message; Python's is
/// measured inside the script, so interpreter start-up is not counted against it.
///
/// Servers: the ones described by the LEADLINE_* variables (`eval "$(Scripts/mailserver env DIR)"`).
func runSMTPSend(_ arguments: [String]) throws {
    let count = arguments.first.flatMap { Int($0) } ?? 1_000
    let env = ProcessInfo.processInfo.environment
    guard let host = env["LEADLINE_MAIL_HOST"], let port = env["LEADLINE_SUBMISSION_PORT"].flatMap(Int.init),
          let caFile = env["LEADLINE_MAIL_CA_FILE"], let user = env["LEADLINE_MAIL_BENCH_USER"],
          let password = env["LEADLINE_MAIL_BENCH_PASSWORD"] else {
        throw BenchError("mail server settings missing: run Scripts/mailserver up DIR, then eval \"$(Scripts/mailserver env DIR)\"")
    }
    guard toolExists("python3") else { throw BenchError("python3 is needed for the reference") }
    let folder = NSTemporaryDirectory() + "leadline-bench-smtp-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }

    // The same messages for both sides, written once.
    var mails: [OutgoingMail] = []
    var bytesTotal = 0
    for i in 0 ..< count {
        let bytes = try MessageBuilder().build(OutgoingMessage(
            from: Mailbox(name: "Anna Kowalska", address: user), to: [Mailbox(name: "Łukasz Wiśniewski", address: user)],
            subject: "Re: Zapytanie ofertowe: pompy słoneczne SP-750, \(i + 1) szt.",
            date: Date(timeIntervalSince1970: 1_795_000_000 + Double(i)),
            messageID: MessageBuilder.messageID(unique: "bench.\(i).\(getpid())", domain: "leadline.test"),
            inReplyTo: "<inq-\(i)@hydrosolar.example>", references: ["<inq-\(i)@hydrosolar.example>"],
            text: String(repeating: "Dziękuję za zapytanie. Przygotowuję ofertę cenową na pompy SP-750, CIF Gdańsk.\n", count: 22)))
        bytesTotal += bytes.count
        mails.append(OutgoingMail(sender: user, recipients: [user], data: bytes))
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/\(String(format: "%05d", i)).eml"))
    }
    var benchLogger = Logger(label: "leadline.bench")
    benchLogger.logLevel = .warning
    let logger = benchLogger
    let configuration = SMTPConfiguration(endpoint: ServerEndpoint(
        host: host, port: port, security: .startTLS, credential: .password(user: user, password: password),
        caFile: caFile, connectTimeout: 10, stallTimeout: 60), heloName: "bench.leadline.test")

    var ours: [Double] = []
    var theirs: [Double] = []
    for _ in 0 ..< 3 {
        let batch = mails
        let seconds = try blockingSMTP {
            let client = SMTPClient(configuration: configuration, logger: logger)
            let start = DispatchTime.now().uptimeNanoseconds
            let outcomes = await client.send(batch: batch)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let failed = outcomes.filter { if case .failure = $0 { true } else { false } }.count
            guard failed == 0 else { throw BenchError("\(failed) of \(batch.count) messages were not accepted") }
            return elapsed
        }
        ours.append(seconds)
        let child = try runChild(["python3", "-c", smtplibReference, host, String(port), caFile, user, folder],
                                 environment: ["BENCH_PASSWORD": password])
        guard child.status == 0, let reported = Double(child.output.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "\n").last ?? "") else {
            throw BenchError("python3 smtplib reference failed: \(child.output)")
        }
        theirs.append(reported)
    }
    let kb = Double(bytesTotal) / Double(count) / 1024
    print("Leadline SMTPClient (one connection, batch): \(count) messages of \(fmt(kb, 1)) KB in \(fmt(median(ours), 3)) s "
        + "median of 3 (\(ours.map { fmt($0, 3) }.joined(separator: ", "))), \(fmt(Double(count) / median(ours), 0)) messages/s, "
        + "peak \(fmt(peakMemoryMiB(), 1)) MiB")
    print("Python smtplib (one connection):             \(count) messages in \(fmt(median(theirs), 3)) s median of 3 "
        + "(\(theirs.map { fmt($0, 3) }.joined(separator: ", "))), \(fmt(Double(count) / median(theirs), 0)) messages/s")
    print("smtp-send: \(fmt(Double(count) / median(ours), 0)) messages/s, peak \(fmt(peakMemoryMiB(), 1)) MiB; "
        + "time ratio \(fmt(median(ours) / median(theirs))) vs python3 smtplib")
}

/// Runs an async body from the synchronous benchmark entry point.
private func blockingSMTP<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var outcome: Result<T, any Error>?
    Task {
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        semaphore.signal()
    }
    semaphore.wait()
    return try outcome!.get()
}

/// The reference: one smtplib connection, STARTTLS verified against the test CA, login, one sendmail per file.
private let smtplibReference = #"""
import os, smtplib, ssl, sys, time
host, port, ca, user, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
names = sorted(n for n in os.listdir(folder) if n.endswith(".eml"))
messages = [open(os.path.join(folder, n), "rb").read() for n in names]
start = time.perf_counter()
smtp = smtplib.SMTP(host, port, local_hostname="bench.leadline.test")
smtp.starttls(context=ssl.create_default_context(cafile=ca))
smtp.login(user, os.environ["BENCH_PASSWORD"])
for data in messages:
    refused = smtp.sendmail(user, [user], data)
    assert not refused, refused
smtp.quit()
print(time.perf_counter() - start)
"""#
