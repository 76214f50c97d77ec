import Foundation
import Logging
import Testing
@testable import LeadlineTransport

/// The loopback mail servers `Scripts/test` starts (`Scripts/mailserver up`), read from the environment that
/// `Scripts/mailserver env DIR` prints. Nil when the variables are absent (plain `swift test`).
struct MailServerEnvironment: Sendable {
    var host: String
    var domain: String
    var imapPort: Int
    var imapsPort: Int
    var smtpPort: Int
    var submissionPort: Int
    var smtpsPort: Int
    var caFile: String
    var user: String
    var password: String
    var catchallUser: String
    var catchallPassword: String
    /// A valid OAuth token for the sales user (nil when the servers run without python3's token endpoint).
    var oauthToken: String?

    /// The one message shown when the servers are not there.
    static let missingMessage = "run Scripts/test (mail servers not running): LEADLINE_IMAP_PORT etc. are not set"

    /// The servers of this test run, or nil.
    static let current: MailServerEnvironment? = MailServerEnvironment(ProcessInfo.processInfo.environment)

    init?(_ env: [String: String]) {
        guard let host = env["LEADLINE_MAIL_HOST"], let domain = env["LEADLINE_MAIL_DOMAIN"],
              let imap = env["LEADLINE_IMAP_PORT"].flatMap(Int.init),
              let imaps = env["LEADLINE_IMAPS_PORT"].flatMap(Int.init),
              let smtp = env["LEADLINE_SMTP_PORT"].flatMap(Int.init),
              let submission = env["LEADLINE_SUBMISSION_PORT"].flatMap(Int.init),
              let smtps = env["LEADLINE_SMTPS_PORT"].flatMap(Int.init),
              let caFile = env["LEADLINE_MAIL_CA_FILE"],
              let user = env["LEADLINE_MAIL_SALES_USER"], let password = env["LEADLINE_MAIL_SALES_PASSWORD"],
              let catchall = env["LEADLINE_MAIL_CATCHALL_USER"],
              let catchallPassword = env["LEADLINE_MAIL_CATCHALL_PASSWORD"]
        else { return nil }
        self.host = host
        self.domain = domain
        self.imapPort = imap
        self.imapsPort = imaps
        self.smtpPort = smtp
        self.submissionPort = submission
        self.smtpsPort = smtps
        self.caFile = caFile
        self.user = user
        self.password = password
        self.catchallUser = catchall
        self.catchallPassword = catchallPassword
        self.oauthToken = env["LEADLINE_MAIL_SALES_OAUTH_TOKEN"]
    }

    /// IMAP over implicit TLS, verifying the server against the test CA, as the sales user.
    func imaps(
        user: String? = nil, password: String? = nil, host: String = "localhost", markSeen: Bool = false
    ) -> IMAPConfiguration {
        IMAPConfiguration(
            endpoint: ServerEndpoint(
                host: host, port: imapsPort, security: .tls,
                credential: .password(user: user ?? self.user, password: password ?? self.password), caFile: caFile,
                connectTimeout: 5, stallTimeout: 20),
            markFetchedAsSeen: markSeen)
    }

    /// IMAP with required STARTTLS on the plain port.
    func imapStartTLS() -> IMAPConfiguration {
        IMAPConfiguration(endpoint: ServerEndpoint(
            host: host, port: imapPort, security: .startTLS, credential: .password(user: user, password: password),
            caFile: caFile, connectTimeout: 5, stallTimeout: 20))
    }

    /// Submission port with required STARTTLS and AUTH as the sales user.
    func submission(password: String? = nil) -> SMTPConfiguration {
        SMTPConfiguration(endpoint: ServerEndpoint(
            host: host, port: submissionPort, security: .startTLS,
            credential: .password(user: user, password: password ?? self.password), caFile: caFile,
            connectTimeout: 5, stallTimeout: 20), heloName: "client.leadline.test")
    }

    /// SMTPS (implicit TLS) with AUTH as the sales user.
    func smtps() -> SMTPConfiguration {
        SMTPConfiguration(endpoint: ServerEndpoint(
            host: "localhost", port: smtpsPort, security: .tls, credential: .password(user: user, password: password),
            caFile: caFile, connectTimeout: 5, stallTimeout: 20), heloName: "client.leadline.test")
    }

    /// An address of the sales user whose mail Dovecot files into the sales user's mailbox `mailbox`
    /// (`sales+mailbox@leadline.test`): each test gets its own mailbox, so tests can run in parallel.
    func address(forMailbox mailbox: String) -> String {
        let local = user.split(separator: "@").first.map(String.init) ?? user
        return "\(local)+\(mailbox)@\(domain)"
    }
}

/// Runs a test only when the mail servers are there; the single `mailServersAreRunning` test reports their absence,
/// so a plain `swift test` shows one clear failure instead of one per test.
let requiresMailServers = ConditionTrait.enabled(
    if: MailServerEnvironment.current != nil, "mail servers not running")

@Test("the loopback mail servers from Scripts/test are running")
func mailServersAreRunning() {
    #expect(MailServerEnvironment.current != nil, Comment(rawValue: MailServerEnvironment.missingMessage))
}

/// A fresh mailbox name for one test.
func uniqueMailboxName(_ prefix: String = "t") -> String {
    "\(prefix)\(UInt64.random(in: 0 ... .max) & 0xFFFF_FFFF_FFFF)"
}

/// A logger for tests (swift-log's default stream handler; never bootstrapped).
func testLogger() -> Logger {
    var logger = Logger(label: "leadline.tests.transport")
    logger.logLevel = .warning
    return logger
}

/// A small RFC 5322 message with CRLF line endings.
func makeMessage(from: String = "buyer@example.ng", to: String, subject: String, body: String) -> [UInt8] {
    let id = "\(UInt64.random(in: 0 ... .max))@tests.leadline.test"
    let header = [
        "From: Buyer <\(from)>", "To: <\(to)>", "Subject: \(subject)", "Date: Mon, 23 Nov 2026 10:00:00 +0000",
        "Message-ID: <\(id)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
    ].joined(separator: "\r\n")
    return Array((header + "\r\n\r\n" + body).utf8)
}

/// Waits until `mailbox` of the client's user holds at least `count` messages (delivery takes 10-30 ms).
@discardableResult
func waitForMessages(
    _ client: IMAPClient, mailbox: String, count: Int, timeout: Duration = .seconds(15)
) async throws -> MailboxStatus {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        do {
            let status = try await client.status(of: mailbox)
            if status.messages >= count { return status }
        } catch let error as TransportError where error.code == .mailboxMissing {
            // Dovecot creates the mailbox on first delivery.
        }
        if clock.now > deadline {
            throw TransportError(.timeout, isTemporary: true, mailbox: mailbox, detail: "test: mail did not arrive")
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
