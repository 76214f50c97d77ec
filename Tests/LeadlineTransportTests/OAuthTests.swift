import LeadlineTesting
import Testing
@testable import LeadlineTransport

@Suite(
    "XOAUTH2 bearer-token login against the loopback servers", requiresMailServers,
    .enabled(if: MailServerEnvironment.current?.oauthToken != nil, "the test servers have no OAuth endpoint (python3 missing)"))
struct OAuthTests {
    let env = MailServerEnvironment.current!

    @Test("IMAP and SMTP sign in with an OAuth token, and a wrong token is refused as an authentication error")
    func bearerTokenLogin() async throws {
        let token = try #require(env.oauthToken)
        var imapConfig = env.imaps()
        imapConfig.endpoint.credential = .oauth2(user: env.user, accessToken: token)
        let status = try await IMAPClient(configuration: imapConfig, logger: testLogger()).status(of: "INBOX")
        #expect(status.uidValidity > 0)

        var smtpConfig = env.submission()
        smtpConfig.endpoint.credential = .oauth2(user: env.user, accessToken: token)
        let mailbox = uniqueMailboxName("o")
        let to = env.address(forMailbox: mailbox)
        let delivery = try await SMTPClient(configuration: smtpConfig, logger: testLogger())
            .send(OutgoingMail(sender: env.user, recipients: [to], data: makeMessage(to: to, subject: "OAuth", body: "o\r\n")))
        #expect(delivery.accepted == [to])

        let badToken = "not-a-valid-token-\(UInt32.random(in: 0 ... .max))"
        imapConfig.endpoint.credential = .oauth2(user: env.user, accessToken: badToken)
        let error = try await #require(throws: TransportError.self) {
            try await IMAPClient(configuration: imapConfig, logger: testLogger()).status(of: "INBOX")
        }
        #expect(error.code == .authenticationFailed)
        #expect(!error.description.contains(badToken))
    }
}
