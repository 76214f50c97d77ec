import Foundation
import LeadlineTesting
import Testing
@testable import LeadlineTransport

@Suite("IMAP fetching over several connections", requiresMailServers)
struct IMAPParallelFetchTests {
    let env = MailServerEnvironment.current!

    /// A mailbox of `count` distinct messages (subject `parallel N`), every third one marked seen.
    func filledMailbox(_ count: Int) async throws -> (mailbox: String, validity: UInt32, uids: [UInt32], messages: [[UInt8]]) {
        let mailbox = uniqueMailboxName("p")
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        try await imap.createTestMailbox(mailbox)
        var messages: [[UInt8]] = []
        for index in 0 ..< count {
            let message = makeMessage(to: env.user, subject: "parallel \(index)", body: "message \(index)\r\n")
            messages.append(message)
            try await imap.append(message, to: mailbox)
        }
        let status = try await imap.status(of: mailbox)
        let uids = try await imap.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
        try await imap.setSeen(false, in: mailbox, uidValidity: status.uidValidity, uids: uids)
        try await imap.setSeen(true, in: mailbox, uidValidity: status.uidValidity, uids: uids.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        return (mailbox, status.uidValidity, uids, messages)
    }

    /// Fetches `keys` and expects every message back, in the listing's order, byte for byte.
    func expectAllFetched(_ source: IMAPMailSource, _ keys: [MessageKey], _ messages: [[UInt8]],
                          sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var received: [SourceMessage] = []
        let missing = try await source.fetch(keys) { received.append($0) }
        #expect(missing.isEmpty, sourceLocation: sourceLocation)
        #expect(received.map(\.key) == keys, sourceLocation: sourceLocation)
        #expect(received.map(\.bytes) == messages, sourceLocation: sourceLocation)
    }

    func source(_ mailbox: String, extraConnections: Int) -> IMAPMailSource {
        IMAPMailSource(
            client: IMAPClient(configuration: env.imaps(), logger: testLogger()), mailbox: mailbox,
            fetchClients: (0 ..< extraConnections).map { _ in IMAPClient(configuration: env.imaps(), logger: testLogger()) })
    }

    @Test("three connections hand every message over in the listing's order, byte for byte, and leave \\Seen as it was")
    func orderAndBytesKept() async throws {
        let (mailbox, validity, uids, messages) = try await filledMailbox(60)
        let source = source(mailbox, extraConnections: 2)
        #expect(source.fetchBatchSize == 192)
        let keys = uids.map { MessageKey(validity: validity, uid: $0) }
        try await expectAllFetched(source, keys, messages)
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        let unseen = try await imap.unseenUIDs(in: mailbox, uidValidity: validity, among: uids)
        #expect(unseen == Set(uids.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)))
    }

    @Test("a message gone from the middle of a later connection's share is reported missing; the rest keep their order")
    func missingMessageInLaterPart() async throws {
        let (mailbox, validity, uids, messages) = try await filledMailbox(40)
        let gone = MessageKey(validity: validity, uid: 90_000)
        var keys = uids.map { MessageKey(validity: validity, uid: $0) }
        keys.insert(gone, at: 30)
        var received: [MessageKey] = []
        var bytes: [[UInt8]] = []
        let missing = try await source(mailbox, extraConnections: 2).fetch(keys) {
            received.append($0.key)
            bytes.append($0.bytes)
        }
        #expect(missing == [gone])
        #expect(received == keys.filter { $0 != gone })
        #expect(bytes == messages)
    }

    @Test("a handler error stops the fetch and nothing is handed over after it")
    func handlerErrorStops() async throws {
        struct Stop: Error {}
        let (mailbox, validity, uids, _) = try await filledMailbox(30)
        let keys = uids.map { MessageKey(validity: validity, uid: $0) }
        var received: [MessageKey] = []
        await #expect(throws: Stop.self) {
            _ = try await source(mailbox, extraConnections: 2).fetch(keys) { message in
                if received.count == 15 { throw Stop() }
                received.append(message.key)
            }
        }
        #expect(received == Array(keys.prefix(15)))
        // The connections are idle again: the same source fetches the rest.
        var rest: [MessageKey] = []
        _ = try await source(mailbox, extraConnections: 2).fetch(Array(keys.dropFirst(15))) { rest.append($0.key) }
        #expect(rest == Array(keys.dropFirst(15)))
    }

    @Test("after fetching, the read-only session is left for a STORE: flags set then are really set")
    func storeAfterReadOnlyFetch() async throws {
        let (mailbox, validity, uids, _) = try await filledMailbox(12)
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        let report = try await imap.fetchMessages(in: mailbox, uidValidity: validity, uids: uids) { _, _ in }
        #expect(report.fetched == uids)
        #expect(report.restoredUnseen.isEmpty)
        // Two more runs on the same session keep every flag as it was.
        _ = try await imap.fetchMessages(in: mailbox, uidValidity: validity, uids: uids) { _, _ in }
        let unseenBefore = try await imap.unseenUIDs(in: mailbox, uidValidity: validity, among: uids)
        #expect(unseenBefore.count == 8)
        try await imap.setSeen(true, in: mailbox, uidValidity: validity, uids: uids)
        let other = IMAPClient(configuration: env.imaps(), logger: testLogger())
        #expect(try await other.unseenUIDs(in: mailbox, uidValidity: validity, among: uids).isEmpty)
    }

    @Test("an extra connection that cannot log in costs speed, not messages: its share comes over the first one")
    func failingExtraConnectionFallsBack() async throws {
        let (mailbox, validity, uids, messages) = try await filledMailbox(40)
        let refused = IMAPClient(configuration: env.imaps(password: "wrong-password"), logger: testLogger())
        let source = IMAPMailSource(
            client: IMAPClient(configuration: env.imaps(), logger: testLogger()), mailbox: mailbox,
            fetchClients: [IMAPClient(configuration: env.imaps(), logger: testLogger()), refused])
        let keys = uids.map { MessageKey(validity: validity, uid: $0) }
        try await expectAllFetched(source, keys, messages)
    }

    @Test("an extra connection holds no more than its byte budget; the first connection fetches the rest of its share")
    func heldBytesStayBounded() async throws {
        let (mailbox, validity, uids, messages) = try await filledMailbox(36)
        let source = IMAPMailSource(
            client: IMAPClient(configuration: env.imaps(), logger: testLogger()), mailbox: mailbox,
            fetchClients: (0 ..< 2).map { _ in IMAPClient(configuration: env.imaps(), logger: testLogger()) },
            heldBytesPerConnection: 1)
        let keys = uids.map { MessageKey(validity: validity, uid: $0) }
        try await expectAllFetched(source, keys, messages)
        // Flags as they were: the stopped connections restored what their stop left.
        let unseen = try await IMAPClient(configuration: env.imaps(), logger: testLogger())
            .unseenUIDs(in: mailbox, uidValidity: validity, among: uids)
        #expect(unseen == Set(uids.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)))
    }
}
