public import Foundation
public import LeadlineTransport
public import Logging

/// A fresh mailbox name for one test.
public func uniqueMailboxName(_ prefix: String = "t") -> String {
    "\(prefix)\(UInt64.random(in: 0 ... .max) & 0xFFFF_FFFF_FFFF)"
}

/// A logger for tests (swift-log's default stream handler; never bootstrapped).
public func testLogger(_ label: String = "leadline.tests.transport") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// A small RFC 5322 message with CRLF line endings.
public func makeMessage(from: String = "buyer@example.ng", to: String, subject: String, body: String) -> [UInt8] {
    let id = "\(UInt64.random(in: 0 ... .max))@tests.leadline.test"
    let header = [
        "From: Buyer <\(from)>", "To: <\(to)>", "Subject: \(subject)", "Date: Mon, 23 Nov 2026 10:00:00 +0000",
        "Message-ID: <\(id)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
    ].joined(separator: "\r\n")
    return Array((header + "\r\n\r\n" + body).utf8)
}

/// Waits until `mailbox` of the client's user holds at least `count` messages (delivery takes 10-30 ms).
@discardableResult
public func waitForMessages(
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

extension IMAPClient {
    /// Creates a new, empty mailbox for a test.
    ///
    /// The test Dovecot (2.3, many sessions of one user at once, fsync off) now and then answers the first CREATE of
    /// a name no test used before with `NO [ALREADYEXISTS]` (seen in about 1 of 10 full runs). What a test needs is
    /// an empty mailbox of that name, so an existing empty one is accepted; otherwise CREATE is retried for up to 2 s.
    /// - Throws: the last `TransportError` when no empty mailbox of that name could be had.
    public func createTestMailbox(_ mailbox: String) async throws {
        var lastError: (any Error)?
        for _ in 0 ..< 20 {
            do {
                try await createMailbox(mailbox)
                return
            } catch let error as TransportError where error.description.contains("ALREADYEXISTS") {
                lastError = error
                if let status = try? await status(of: mailbox), status.messages == 0 { return }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError!
    }
}
