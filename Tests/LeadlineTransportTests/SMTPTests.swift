import LeadlineTesting
import Testing
@testable import LeadlineTransport

@Suite("SMTP client against the loopback Postfix", requiresMailServers)
struct SMTPTests {
    let env = MailServerEnvironment.current!

    @Test("an unknown user of the test domain is refused as permanent and named, the others still get the message")
    func refusedRecipientIsReported() async throws {
        let mailbox = uniqueMailboxName()
        let good = env.address(forMailbox: mailbox)
        let unknown = "nobody-\(UInt32.random(in: 0 ... .max))@\(env.domain)"
        let smtp = SMTPClient(configuration: env.submission(), logger: testLogger())
        let data = makeMessage(to: good, subject: "Partly refused", body: "Hello.\r\n")
        let delivery = try await smtp.send(OutgoingMail(sender: env.user, recipients: [good, unknown], data: data))
        #expect(delivery.accepted == [good])
        #expect(delivery.refused.map(\.address) == [unknown])
        #expect(delivery.refused.first?.replyCode == 550)
        #expect(delivery.refused.first?.isTemporary == false)
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        try await waitForMessages(imap, mailbox: mailbox, count: 1)

        let error = try await #require(throws: TransportError.self) {
            try await smtp.send(OutgoingMail(sender: env.user, recipients: [unknown], data: data))
        }
        #expect(error.code == .recipientsRefused)
        #expect(!error.isTemporary)
        #expect(error.refusedRecipients.map(\.address) == [unknown])
        #expect(error.description.contains(unknown))
    }

    @Test("body lines starting with a dot, and a lone dot, arrive intact")
    func dotLinesArriveIntact() async throws {
        let mailbox = uniqueMailboxName()
        let to = env.address(forMailbox: mailbox)
        let body = ".\r\n..\r\n.hidden line\r\nmiddle\r\n. \r\n...three dots\r\n.\r\n"
        let data = makeMessage(to: to, subject: "Dots", body: body)
        let smtp = SMTPClient(configuration: env.submission(), logger: testLogger())
        _ = try await smtp.send(OutgoingMail(sender: env.user, recipients: [to], data: data))
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        let status = try await waitForMessages(imap, mailbox: mailbox, count: 1)
        let uid = try #require(try await imap.uids(in: mailbox, uidValidity: status.uidValidity, above: 0).first)
        let fetched = try await imap.fetchMessage(in: mailbox, uidValidity: status.uidValidity, uid: uid)
        #expect(endsWith(fetched, data))
    }

    @Test("a wrong SMTP password gives the authentication error without the password")
    func wrongPassword() async throws {
        let secret = "bad-\(UInt32.random(in: 0 ... .max))"
        let smtp = SMTPClient(configuration: env.submission(password: secret), logger: testLogger())
        let error = try await #require(throws: TransportError.self) {
            try await smtp.send(OutgoingMail(sender: env.user, recipients: [env.user], data: makeMessage(to: env.user, subject: "x", body: "x\r\n")))
        }
        #expect(error.code == .authenticationFailed)
        #expect(!error.description.contains(secret))
    }

    @Test("an SMTP port where nothing listens gives a temporary unreachable error")
    func unreachableSMTP() async throws {
        var config = env.submission()
        config.endpoint.port = try unusedPort()
        let smtp = SMTPClient(configuration: config, logger: testLogger())
        let error = try await #require(throws: TransportError.self) {
            try await smtp.send(OutgoingMail(sender: env.user, recipients: [env.user], data: makeMessage(to: env.user, subject: "x", body: "x\r\n")))
        }
        #expect(error.code == .unreachable)
        #expect(error.isTemporary)
    }

    @Test("a batch goes over one connection and every message arrives; mail to other domains lands in the catch-all")
    func batchAndCatchAll() async throws {
        let mailbox = uniqueMailboxName()
        let to = env.address(forMailbox: mailbox)
        let smtp = SMTPClient(configuration: env.submission(), logger: testLogger())
        let outside = "purchasing-\(UInt32.random(in: 0 ... .max))@buyer.example.com"
        let batch = (0 ..< 3).map { OutgoingMail(sender: env.user, recipients: [to], data: makeMessage(to: to, subject: "Batch \($0)", body: "b\r\n")) }
            + [OutgoingMail(sender: env.user, recipients: [outside], data: makeMessage(to: outside, subject: "Outside", body: "o\r\n"))]
        let outcomes = await smtp.send(batch: batch)
        #expect(outcomes.allSatisfy { if case .success = $0 { true } else { false } })
        #expect(await smtp.connectionsOpened == 1)
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        try await waitForMessages(imap, mailbox: mailbox, count: 3)

        let catchall = IMAPClient(configuration: env.imaps(user: env.catchallUser, password: env.catchallPassword), logger: testLogger())
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        var found = false
        while !found && clock.now < deadline {
            let status = try await catchall.status(of: "INBOX")
            let uids = try await catchall.uids(in: "INBOX", uidValidity: status.uidValidity, above: 0)
            for uid in uids.suffix(20).reversed() {
                let header = try await catchall.fetchHeader(in: "INBOX", uidValidity: status.uidValidity, uid: uid)
                if String(decoding: header, as: UTF8.self).contains(outside) { found = true; break }
            }
            if !found { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(found)
    }
}

@Suite("SMTP refusals on the plain loopback port (20 recipients and 1 MB per message)", requiresMailServers)
struct SMTPRefusalTests {
    let env = MailServerEnvironment.current!

    /// The plain SMTP port without TLS, allowed only because it is chosen explicitly (loopback test server).
    var plain: SMTPConfiguration {
        SMTPConfiguration(endpoint: ServerEndpoint(
            host: env.host, port: env.smtpPort, security: .insecurePlaintext,
            credential: .password(user: env.user, password: env.password), connectTimeout: 5, stallTimeout: 20),
            heloName: "client.leadline.test")
    }

    @Test("recipients beyond the server's limit are refused as temporary (452) and the rest get the message")
    func temporaryRecipientRefusal() async throws {
        let mailbox = uniqueMailboxName("r")
        let addresses = (0 ..< 21).map { env.address(forMailbox: "\(mailbox)-\($0)") }
        let smtp = SMTPClient(configuration: plain, logger: testLogger())
        let data = makeMessage(to: addresses[0], subject: "Many recipients", body: "m\r\n")
        let delivery = try await smtp.send(OutgoingMail(sender: env.user, recipients: addresses, data: data))
        #expect(delivery.accepted.count == 20)
        #expect(delivery.refused.map(\.address) == [addresses[20]])
        #expect(delivery.refused.first?.replyCode == 452)
        #expect(delivery.refused.first?.isTemporary == true)
    }

    @Test("a message over the size limit is refused as permanent with the server's reply code")
    func oversizedMessageRefused() async throws {
        let smtp = SMTPClient(configuration: plain, logger: testLogger())
        let to = env.address(forMailbox: uniqueMailboxName("s"))
        let big = makeMessage(to: to, subject: "Too big", body: String(repeating: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n", count: 20_000))
        let error = try await #require(throws: TransportError.self) {
            try await smtp.send(OutgoingMail(sender: env.user, recipients: [to], data: big))
        }
        #expect(error.code == .messageRefused)
        #expect(!error.isTemporary)
        #expect(error.replyCode == 552)
    }

    @Test("a message refused inside a batch fails alone: the outcomes stay in order and the others arrive")
    func batchWithRefusedMessage() async throws {
        let mailbox = uniqueMailboxName()
        let good = env.address(forMailbox: mailbox)
        let unknown = "nobody-\(UInt32.random(in: 0 ... .max))@\(env.domain)"
        let smtp = SMTPClient(configuration: env.submission(), logger: testLogger())
        let batch = [good, unknown, good].enumerated().map { index, to in
            OutgoingMail(sender: env.user, recipients: [to], data: makeMessage(to: to, subject: "Batch \(index)", body: "b\r\n"))
        }
        let outcomes = await smtp.send(batch: batch)
        #expect(outcomes.count == 3)
        #expect((try? outcomes[0].get())?.accepted == [good])
        guard case .failure(let error) = outcomes[1] else {
            Issue.record("the message to an unknown user was accepted")
            return
        }
        #expect(error.code == .recipientsRefused)
        #expect(!error.isTemporary)
        #expect(error.refusedRecipients.map(\.address) == [unknown])
        #expect((try? outcomes[2].get())?.accepted == [good])
        // libcurl closes the connection after a failed transfer, so the message after the refused one reconnects once.
        #expect(await smtp.connectionsOpened == 2)
        let imap = IMAPClient(configuration: env.imaps(), logger: testLogger())
        let status = try await waitForMessages(imap, mailbox: mailbox, count: 2)
        #expect(status.messages == 2)
    }
}
