import Foundation
import LeadlineCore
import LeadlineStore
import LeadlineTransport
import Logging
@testable import LeadlineApp

/// A settable clock for worker tests: no sleeping, time moves when the test says so.
final class TestNow: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var date: Date { lock.withLock { value } }
    func advance(days: Double) { lock.withLock { value += days * 86400 } }
    var closure: @Sendable () -> Date { { self.date } }
}

/// A temporary folder removed when the last value holding it is gone.
final class TemporaryFolder: Sendable {
    let path: String
    init(_ prefix: String) { path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)" }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// One Leadline instance for tests: a Maildir inbox, an outbox folder, a store, the shipped templates and sequences.
struct Instance {
    let name: String
    let address: String
    let inbox: IngestPipelineTests.Maildir
    let outbox: String
    /// The outbox folder this instance made (nil when it was handed one), removed with the last copy of it.
    private let ownOutbox: TemporaryFolder?
    let store: LeadlineDatabase
    let clock: TestNow
    var throttle = SendThrottle()

    init(name: String = "sales", address: String = "sales@supplier.example", store: LeadlineDatabase? = nil,
         clock: TestNow, inbox: IngestPipelineTests.Maildir? = nil, outbox: String? = nil) throws {
        self.name = name
        self.address = address
        self.inbox = try inbox ?? IngestPipelineTests.Maildir()
        ownOutbox = outbox == nil ? TemporaryFolder("leadline-outbox") : nil
        self.outbox = outbox ?? ownOutbox!.path
        self.store = try store ?? LeadlineDatabase.inMemory()
        self.clock = clock
    }

    static let replies = RepliesConfiguration(
        templates: packageRoot.appendingPathComponent("Templates").path,
        sequences: packageRoot.appendingPathComponent("Config/sequences.yml").path,
        company: "Sunridge Solar Pumps", salesperson: "Anna Kowalska", signature: "Anna Kowalska\nSunridge Solar Pumps")
    static let kit = try! SequenceKit.load(replies)

    var configuration: LeadlineConfiguration {
        LeadlineConfiguration(
            file: "test.yml", database: ":memory:", pollInterval: .seconds(60), logLevel: .critical,
            accounts: [AccountConfiguration(name: name, address: address, displayName: "Sunridge Sales",
                                            inbound: .maildir(path: inbox.path), outbound: .outbox(directory: outbox))],
            replies: Self.replies)
    }

    var worker: Worker {
        var logger = Logger(label: "leadline.tests.followups")
        logger.logLevel = .critical
        let configuration = configuration
        let pipeline = IngestPipeline(database: store, classifier: IngestPipelineTests.classifier, logger: logger,
                                      now: clock.closure, ownAddresses: [address])
        let connections = MailConnections(environment: [:], logger: logger)
        let utc = TimeZone(identifier: "UTC")!
        let followUps = FollowUps(
            sequencer: Sequencer(database: store, configuration: configuration, kit: Self.kit, logger: logger,
                                 fallbackZone: utc),
            sender: Sender(database: store, configuration: configuration, connections: connections, kit: Self.kit,
                           throttle: throttle, logger: logger, fallbackZone: utc),
            now: clock.closure)
        return Worker(configuration: configuration, pipeline: pipeline, connections: connections, logger: logger,
                      followUps: followUps)
    }

    /// Adaeze's serious inquiry from Lagos (40 units SP-750, CIF Lagos) arrives in the inbox, as `inq-1@lagos-pumps.example`.
    func deliverSeriousInquiry() throws {
        try inbox.deliver("1.M1.h", buyerMail(from: "adaeze@lagos-pumps.example", id: "inq-1@lagos-pumps.example",
                                              subject: "RFQ: 40 units SP-750 solar pumps", body: seriousBody))
    }

    /// The `.eml` files written so far, sorted.
    func written() throws -> [String] {
        guard FileManager.default.fileExists(atPath: outbox) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }.sorted()
            .map { "\(outbox)/\($0)" }
    }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}

/// Mail as a buyer writes it (LF line ends; the Maildir helper writes CRLF).
func buyerMail(from: String, to: String = "sales@supplier.example", id: String, subject: String, body: String,
               extra: String = "", date: Date = Date(timeIntervalSince1970: 1_794_817_800)) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: 3600)
    formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
    return """
    From: Buyer <\(from)>
    To: \(to)
    Subject: \(subject)
    Date: \(formatter.string(from: date))
    Message-ID: <\(id)>
    \(extra)MIME-Version: 1.0
    Content-Type: text/plain; charset=utf-8

    \(body)
    """
}

let seriousBody = "Dear Sir,\nPlease send your proforma invoice for 40 units of model SP-750, CIF Lagos, payment by L/C.\n"
    + "We need delivery before 20 January.\n\nAdaeze Obi\nProcurement, Lagos Pumps Ltd\n+234 803 555 0101"
