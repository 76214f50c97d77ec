import Foundation
import LeadlineTransport
import Logging

/// `leadline check`: for each account, whether Leadline can read its mail and deliver its replies, in one line a
/// salesperson or operator can act on.
public struct AccountCheck: Sendable {
    public let connections: MailConnections

    public init(connections: MailConnections) {
        self.connections = connections
    }

    /// The verdict on one account.
    public struct Result: Sendable {
        public var account: String
        public var ok: Bool
        /// What was checked and found, e.g. `INBOX: 42 messages (3 unseen)`.
        public var findings: [String]
        /// One line: `sales: ok: imaps://imap.example.com:993 INBOX: 42 messages; smtp not checked`.
        public var line: String { "\(account): \(ok ? "ok" : "FAILED"): \(findings.joined(separator: "; "))" }
    }

    /// Signs in to each mailbox of the account (IMAP) or reads its folder, and checks where replies go.
    public func check(_ account: AccountConfiguration) async -> Result {
        var result = Result(account: account.name, ok: true, findings: [])
        do {
            for mailbox in try connections.mailboxes(of: account) {
                do {
                    let listing = try await mailbox.source.listNew(since: .start)
                    result.findings.append("\(mailbox.source.sourceDescription): \(listing.keys.count) messages")
                } catch {
                    result.ok = false
                    result.findings.append("\(error)")
                }
            }
        } catch {
            result.ok = false
            result.findings.append("\(error)")
        }
        switch account.outbound {
        case nil:
            result.findings.append("no outbound configured: replies are not sent")
        case .outbox(let directory):
            if isWritableDirectory(directory) {
                result.findings.append("replies written to \(directory)")
            } else {
                result.ok = false
                result.findings.append("the outbox folder \(directory) cannot be created or written")
            }
        case .smtp(let smtp):
            do {
                _ = try connections.sink(of: account)
                result.findings.append("SMTP \(smtp.url.absoluteString): credentials present (sign-in is tried on first send)")
            } catch {
                result.ok = false
                result.findings.append("\(error)")
            }
        }
        return result
    }

    func isWritableDirectory(_ path: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return FileManager.default.isWritableFile(atPath: path)
    }
}
