import Foundation
import GRDB
@testable import LeadlineApp
import LeadlineStore
import LeadlineTesting
import LeadlineTransport
import Testing

/// The real `leadline run --once` binary, killed with SIGKILL at random moments while it ingests a mailbox of a few
/// hundred messages from the loopback Dovecot, then run to completion.
@Suite("SIGKILL during ingest", requiresMailServers,
       .enabled(if: CLI.binary != nil, "the leadline binary is not built (run `swift build` first)"))
struct CrashSafetyTests {
    let env = MailServerEnvironment.current!
    static let messageCount = 900
    /// Two IMAP connections, so the kills also hit fetches split between connections.
    static let connections = 2
    /// Messages one fetch call takes: 64 per connection (`IMAPMailSource.fetchBatchSize`).
    static let fetchChunk = 64 * connections
    static let kills = 5

    /// Starts `leadline run --once` on the account's configuration with the password in its environment.
    func startLeadline(_ account: ServerAccount, errors: URL) throws -> Process {
        let binary: URL = try #require(CLI.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--once", "--config", account.configPath]
        process.environment = ProcessInfo.processInfo.environment.merging(account.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        return process
    }

    func storedMessages(_ store: LeadlineDatabase) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0 }
    }

    @Test("SIGKILL at random moments during `leadline run --once` loses no message, stores none twice, and leaves at most one fetch chunk of unread mail marked read")
    func sigkillLosesAndDuplicatesNothing() async throws {
        // Given a mailbox of 900 inquiries from 40 buyers (most write several times)
        let account = try ServerAccount(env: env, mailbox: uniqueMailboxName("k"), connections: Self.connections)
        defer { account.remove() }
        let mail = (0 ..< Self.messageCount).map {
            TestMail.inquiry($0, buyer: $0 % 40, tag: account.mailbox, to: env.user)
        }
        let imap = Postman(env: env).imap()
        try await imap.createTestMailbox(account.mailbox)
        for message in mail { try await imap.append(message.bytes, to: account.mailbox) }
        // APPEND files mail as read; new inquiries are unread.
        let status = try await imap.status(of: account.mailbox)
        let uids = try await imap.uids(in: account.mailbox, uidValidity: status.uidValidity, above: 0)
        try await imap.setSeen(false, in: account.mailbox, uidValidity: status.uidValidity, uids: uids)
        func markedRead() async throws -> Int {
            // A new connection each time: Dovecot's STATUS of the session's selected mailbox can lag behind.
            try await Self.messageCount - Postman(env: env).imap().status(of: account.mailbox).unseen
        }
        // The database exists before the first run, so this test can watch it fill.
        let store = try account.openStore(try account.configuration())
        let errors = account.folder.appendingPathComponent("stderr.txt")

        // When the worker is killed once at a random moment after it starts (connecting, listing or recording),
        // then five times at a random moment after it has recorded something in this run (the last time after it
        // has recorded more than one fetch chunk's worth, so it has fetched more than one chunk)
        var killedMidway: [Int] = []
        var delays: [Int] = []
        var newlyMarkedRead: [Int] = []
        for round in 0 ... Self.kills {
            let before = try storedMessages(store)
            guard before < Self.messageCount else { break }
            let readBefore = try await markedRead()
            let child = try startLeadline(account, errors: errors)
            if round > 0 {
                let target = before + (round == Self.kills ? Self.fetchChunk + 2 : 1)
                let deadline = ContinuousClock.now + .seconds(30)
                while child.isRunning, try storedMessages(store) < target, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(2))
                }
            }
            let delay = round == 0 ? Int.random(in: 0 ... 400) : Int.random(in: 0 ... 40)
            delays.append(delay)
            try await Task.sleep(for: .milliseconds(delay))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let after = try storedMessages(store)
            newlyMarkedRead.append(try await markedRead() - readBefore)
            if round > 0, child.terminationReason == .uncaughtSignal, after < Self.messageCount {
                killedMidway.append(after)
            }
        }
        // and then runs to completion
        let last = try startLeadline(account, errors: errors)
        last.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(last.terminationStatus == 0, "leadline run --once failed: \(stderr)")

        // Then each kill left at most one fetch chunk of unread mail marked read (libcurl's fetch sets \Seen, the
        // source removes it again after each chunk), and the completed run left none
        #expect(newlyMarkedRead.allSatisfy { $0 <= Self.fetchChunk }, "per kill: \(newlyMarkedRead)")
        #expect(try await markedRead() == newlyMarkedRead.reduce(0, +))
        // And the kills hit the ingest midway, and every message is stored exactly once
        #expect(killedMidway.count >= 4, "stored counts at the kills: \(killedMidway), delays \(delays) ms")
        let counts = try StoreCounts(store)
        #expect(counts.messages == Self.messageCount)
        let lost = Set(mail.map(\.messageID)).subtracting(counts.rowsByMessageID.keys)
        let twice = counts.rowsByMessageID.filter { $0.value > 1 }.keys
        #expect(lost.isEmpty, "\(lost.count) messages lost, e.g. \(lost.sorted().prefix(3))")
        #expect(twice.isEmpty, "\(twice.count) messages stored twice, e.g. \(twice.sorted().prefix(3))")
        #expect(counts.problems == 0)
        // And the leads and their timelines are exactly those of one uninterrupted run
        let (_, reference) = try await account.runOnce(database: "data/reference.sqlite")
        let expected = try StoreCounts(reference)
        #expect(counts.leads == expected.leads && counts.events == expected.events)
        let leads = try store.listLeads().map { "\($0.lead.address) \($0.lead.kind) \($0.messageCount)" }.sorted()
        let referenceLeads = try reference.listLeads().map { "\($0.lead.address) \($0.lead.kind) \($0.messageCount)" }.sorted()
        #expect(leads == referenceLeads)
        #expect(expected.leads == 40)
    }
}
