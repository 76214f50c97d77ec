public import Foundation
public import LeadlineTransport

/// The loopback mail servers `Scripts/test` starts (`Scripts/mailserver up`), read from the environment that
/// `Scripts/mailserver env DIR` prints. Nil when the variables are absent (plain `swift test`).
///
/// Shared by the test targets that talk to the real Dovecot and Postfix (`LeadlineTransportTests`,
/// `LeadlineAppTests`); never imported by `Sources`.
///
/// ```swift
/// @Suite(requiresMailServers) struct MyTests {
///     let env = MailServerEnvironment.current!
///     @Test func fetches() async throws {
///         let client = IMAPClient(configuration: env.imaps(), logger: testLogger())
///     }
/// }
/// ```
public struct MailServerEnvironment: Sendable {
    public var host: String
    public var domain: String
    public var imapPort: Int
    public var imapsPort: Int
    public var smtpPort: Int
    public var submissionPort: Int
    public var smtpsPort: Int
    public var caFile: String
    /// The sales user (`sales@leadline.test`) and its password.
    public var user: String
    public var password: String
    public var catchallUser: String
    public var catchallPassword: String
    /// A valid OAuth token for the sales user (nil when the servers run without python3's token endpoint).
    public var oauthToken: String?

    /// The one message shown when the servers are not there.
    public static let missingMessage = "run Scripts/test (mail servers not running): LEADLINE_IMAP_PORT etc. are not set"

    /// The servers of this test run, or nil.
    public static let current: MailServerEnvironment? = MailServerEnvironment(ProcessInfo.processInfo.environment)

    /// Reads the `LEADLINE_*` variables; nil when one of them is missing.
    public init?(_ env: [String: String]) {
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
    public func imaps(
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
    public func imapStartTLS() -> IMAPConfiguration {
        IMAPConfiguration(endpoint: ServerEndpoint(
            host: host, port: imapPort, security: .startTLS, credential: .password(user: user, password: password),
            caFile: caFile, connectTimeout: 5, stallTimeout: 20))
    }

    /// Submission port with required STARTTLS and AUTH as the sales user.
    public func submission(password: String? = nil) -> SMTPConfiguration {
        SMTPConfiguration(endpoint: ServerEndpoint(
            host: host, port: submissionPort, security: .startTLS,
            credential: .password(user: user, password: password ?? self.password), caFile: caFile,
            connectTimeout: 5, stallTimeout: 20), heloName: "client.leadline.test")
    }

    /// SMTPS (implicit TLS) with AUTH as the sales user.
    public func smtps() -> SMTPConfiguration {
        SMTPConfiguration(endpoint: ServerEndpoint(
            host: "localhost", port: smtpsPort, security: .tls, credential: .password(user: user, password: password),
            caFile: caFile, connectTimeout: 5, stallTimeout: 20), heloName: "client.leadline.test")
    }

    /// An address of the sales user whose mail Dovecot files into the sales user's mailbox `mailbox`
    /// (`sales+mailbox@leadline.test`): each test gets its own mailbox, so tests can run in parallel.
    public func address(forMailbox mailbox: String) -> String {
        let local = user.split(separator: "@").first.map(String.init) ?? user
        return "\(local)+\(mailbox)@\(domain)"
    }
}
