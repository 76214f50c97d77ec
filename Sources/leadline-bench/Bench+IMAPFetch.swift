import Foundation
import LeadlineTransport
import Logging

// leadline-bench imap-fetch [N]: fills a mailbox on the loopback Dovecot (Scripts/mailserver) with N realistic
// inquiries (default 2,000, 2-20 KB each), then times Leadline's full fetch (every message's bytes over one
// connection, \Seen kept as it was) against mbsync copying the same mailbox to a local Maildir. Both run as child
// processes so time and peak memory are measured the same way; several runs each, medians.
// Servers: see BenchMailServer.swift.

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
    let (server, stop) = try mailServers()
    defer { stop?() }
    let mailbox = try prepareMailbox(server, count: count)
    let reference = try MbsyncReference(server: server, mailbox: mailbox)
    defer { reference.remove() }

    let me = CommandLine.arguments[0]
    var leadline: [ChildRun] = []
    var mbsync: [ChildRun] = []
    for run in 1 ... runs {
        let ours = try runChild([me, "imap-fetch-child", mailbox], environment: server.childEnvironment)
        guard ours.status == 0, ours.output.contains("fetched \(count) ") else {
            throw BenchError("Leadline's fetch failed: \(ours.output)")
        }
        let theirs = try reference.copy(expecting: count)
        print("run \(run): leadline \(fmt(ours.seconds, 3)) s, \(fmt(ours.peakMemoryMiB, 1)) MiB; mbsync \(fmt(theirs.seconds, 3)) s, \(fmt(theirs.peakMemoryMiB, 1)) MiB")
        leadline.append(ours)
        mbsync.append(theirs)
    }
    try checkAllUnseen(server, mailbox: mailbox, count: count)

    let ourTime = median(leadline.map(\.seconds))
    let theirTime = median(mbsync.map(\.seconds))
    let ourMemory = leadline.map(\.peakMemoryMiB).max() ?? 0
    let theirMemory = mbsync.map(\.peakMemoryMiB).max() ?? 0
    print("leadline: \(count) msgs, median \(fmt(ourTime, 3)) s, \(fmt(Double(count) / ourTime, 0)) msgs/s, peak \(fmt(ourMemory, 1)) MiB (unseen flags kept)")
    print("mbsync:   \(count) msgs, median \(fmt(theirTime, 3)) s, \(fmt(Double(count) / theirTime, 0)) msgs/s, peak \(fmt(theirMemory, 1)) MiB")
    print("imap-fetch: \(count) msgs, leadline \(fmt(Double(count) / ourTime, 0)) msgs/s \(fmt(ourMemory, 1)) MiB, mbsync \(fmt(Double(count) / theirTime, 0)) msgs/s \(fmt(theirMemory, 1)) MiB, \(runs) runs; time ratio \(fmt(ourTime / theirTime, 2)) vs mbsync")
}
