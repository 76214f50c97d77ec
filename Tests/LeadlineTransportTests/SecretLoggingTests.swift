import InMemoryLogging
import Logging
import Testing
@testable import LeadlineTransport

@Suite("Secrets stay out of logs and errors", requiresMailServers)
struct SecretLoggingTests {
    let env = MailServerEnvironment.current!

    @Test("neither logs (at trace level) nor errors contain the password, for good and bad logins")
    func noSecretsInLogsOrErrors() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "leadline.tests.secrets", factory: { _ in handler })
        logger.logLevel = .trace

        let mailbox = uniqueMailboxName()
        let to = env.address(forMailbox: mailbox)
        let smtp = SMTPClient(configuration: env.submission(), logger: logger)
        _ = try await smtp.send(OutgoingMail(sender: env.user, recipients: [to, "nobody-x@\(env.domain)"], data: makeMessage(to: to, subject: "s", body: "s\r\n")))
        let imap = IMAPClient(configuration: env.imaps(), logger: logger)
        let status = try await waitForMessages(imap, mailbox: mailbox, count: 1)
        try await imap.fetchMessages(in: mailbox, uidValidity: status.uidValidity, uids: [1, 77]) { _, _ in }

        let badPassword = "Bad-\(UInt32.random(in: 0 ... .max))-pass"
        var errors: [String] = []
        do {
            _ = try await IMAPClient(configuration: env.imaps(password: badPassword), logger: logger).status(of: "INBOX")
        } catch { errors.append("\(error)") }
        do {
            _ = try await SMTPClient(configuration: env.submission(password: badPassword), logger: logger)
                .send(OutgoingMail(sender: env.user, recipients: [to], data: makeMessage(to: to, subject: "x", body: "x\r\n")))
        } catch { errors.append("\(error)") }

        #expect(errors.count == 2)
        #expect(!handler.entries.isEmpty)  // the missing UID 77 and the refused recipient were logged
        let logged = handler.entries.map { "\($0.message) \($0.metadata)" } + errors
        for secret in [env.password, badPassword] {
            #expect(!logged.contains { $0.contains(secret) })
        }
    }
}
