import Foundation
import GRDB
import LeadlineApp
import LeadlineCore
import LeadlineStore
import LeadlineTesting
import LeadlineTransport
import Logging
import Testing

/// A user's setup against the loopback servers: a configuration file for one IMAP account that reads one mailbox of
/// the sales user, parsed as `leadline` parses it, the password in an environment variable named by `password_env`
/// (injected, never in the file), and a database file in the same temporary folder.
struct ServerAccount {
    static let passwordVariable = "LEADLINE_E2E_SALES_PASSWORD"

    let env: MailServerEnvironment
    let mailbox: String
    /// The `imap.connections` setting written into the configuration, nil for the default.
    let connections: Int?
    let folder: URL

    /// Writes `leadline.yml` for `mailbox` into a fresh folder.
    /// - Parameter connections: the `imap.connections` setting (the default when nil).
    init(env: MailServerEnvironment, mailbox: String, connections: Int? = nil) throws {
        self.env = env
        self.mailbox = mailbox
        self.connections = connections
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadline-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(yaml(database: "data/leadline.sqlite").utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// The configuration a user would write for this account (TLS verified against the test CA).
    func yaml(database: String) -> String {
        """
        # Leadline end-to-end test: the sales team's mailbox \(mailbox) on the loopback Dovecot.
        database: \(database)
        accounts:
          - name: sales
            address: \(env.user)
            display_name: Leadline Test Sales
            imap:
              url: "imaps://localhost:\(env.imapsPort)"
              username: "\(env.user)"
              password_env: \(Self.passwordVariable)
              ca_file: "\(env.caFile)"
              mailboxes: [\(mailbox)]
        """ + (connections.map { "\n      connections: \($0)" } ?? "")
    }

    var configPath: String { folder.appendingPathComponent("leadline.yml").path }
    var databasePath: String { folder.appendingPathComponent("data/leadline.sqlite").path }
    /// The environment the password is read from.
    var environment: [String: String] { [Self.passwordVariable: env.password] }

    /// The configuration, parsed from the YAML text; `database` overrides the file's database path.
    func configuration(database: String? = nil) throws -> LeadlineConfiguration {
        let text = database.map { yaml(database: $0) } ?? yaml(database: "data/leadline.sqlite")
        return try ConfigurationLoader.parse(yaml: text, file: configPath, folder: folder.path)
    }

    /// Opens (creating and migrating) the configured database, as `leadline run` does.
    func openStore(_ configuration: LeadlineConfiguration) throws -> LeadlineDatabase {
        try LeadlineDatabase.open(path: configuration.database)
    }

    /// One pass of the worker, in this process, as `leadline run --once` does it.
    func runOnce(database: String? = nil) async throws -> (report: Worker.PassReport, store: LeadlineDatabase) {
        let configuration = try configuration(database: database)
        let store = try openStore(configuration)
        let logger = testLogger("leadline.tests.e2e")
        let pipeline = IngestPipeline(database: store, classifier: IngestPipelineTests.classifier, logger: logger,
                                      now: { Date() })
        let worker = Worker(configuration: configuration, pipeline: pipeline,
                            connections: MailConnections(environment: environment, logger: logger), logger: logger)
        let report = await worker.runOnce()
        #expect(report.failures.isEmpty, "\(report.failures)")
        return (report, store)
    }

    /// The one summary of this account's mailbox in a pass.
    static func summary(_ report: Worker.PassReport) throws -> IngestSummary {
        try #require(report.summaries.count == 1, "\(report.failures)")
        return report.summaries[0]
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Sends mail to the sales user's mailboxes over SMTP (submission, STARTTLS, AUTH) and waits for Dovecot to file it.
struct Postman {
    let env: MailServerEnvironment

    /// Delivers `messages` to `mailbox` and waits until it holds `expectTotal` messages.
    func deliver(_ messages: [TestMail], to mailbox: String, expectTotal: Int) async throws {
        let smtp = SMTPClient(configuration: env.submission(), logger: testLogger("leadline.tests.e2e"))
        let to = env.address(forMailbox: mailbox)
        let outcomes = await smtp.send(batch: messages.map {
            OutgoingMail(sender: $0.sender, recipients: [to], data: $0.bytes)
        })
        for outcome in outcomes { _ = try outcome.get() }
        try await waitForMessages(imap(), mailbox: mailbox, count: expectTotal)
    }

    func imap() -> IMAPClient { IMAPClient(configuration: env.imaps(), logger: testLogger("leadline.tests.e2e")) }
}

/// What the store holds, read straight from its tables.
struct StoreCounts: Equatable {
    /// Message rows per Message-ID (copies included).
    var rowsByMessageID: [String: Int]
    /// Message rows that are not copies of another (duplicate_of IS NULL), per Message-ID.
    var originalsByMessageID: [String: Int]
    var messages: Int
    var leads: Int
    var events: Int
    var problems: Int

    init(_ store: LeadlineDatabase) throws {
        (rowsByMessageID, originalsByMessageID, messages, leads, events, problems) = try store.writer.read { db in
            var rows: [String: Int] = [:]
            var originals: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT message_id, COUNT(*), SUM(duplicate_of IS NULL) FROM message GROUP BY message_id
                """) {
                let id: String = row[0] ?? "(none)"
                rows[id] = row[1]
                originals[id] = row[2]
            }
            return (rows, originals,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead_event") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM problem") ?? 0)
        }
    }
}
