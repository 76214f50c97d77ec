import Foundation
import LeadlineCore
import LeadlineStore
import LeadlineTransport
import Logging

/// One full pass of the service over every configured account and mailbox: ingest what is new.
///
/// An account that fails (server unreachable, login refused) is reported and the pass goes on with the next one:
/// one broken mailbox must not stop a team's other inboxes.
public struct Worker: Sendable {
    public let configuration: LeadlineConfiguration
    public let pipeline: IngestPipeline
    public let connections: MailConnections
    public let logger: Logger
    /// Answers and follow-ups after ingest; nil when the configuration has no `replies:` (nothing is sent).
    public let followUps: FollowUps?

    public init(configuration: LeadlineConfiguration, pipeline: IngestPipeline, connections: MailConnections,
                logger: Logger, followUps: FollowUps? = nil) {
        self.configuration = configuration
        self.pipeline = pipeline
        self.connections = connections
        self.logger = logger
        self.followUps = followUps
    }

    /// What one pass did, per mailbox, and the accounts that failed.
    public struct PassReport: Sendable {
        public var summaries: [IngestSummary] = []
        public var failures: [(mailbox: String, error: String)] = []
        /// What the follow-up half did (nil when replies are off).
        public var replies: FollowUps.Report?

        /// One line for the whole pass, e.g. `12 new messages: 7 new leads (3 serious, ...), 2 not inquiries`.
        public var totalLine: String {
            var total = IngestSummary(mailbox: "total")
            for s in summaries {
                total.newLeads += s.newLeads
                total.repeatInquiries += s.repeatInquiries
                total.replies += s.replies
                total.notLeads += s.notLeads
                total.ourMail += s.ourMail
                total.duplicates += s.duplicates
                total.problems += s.problems
                total.vanished += s.vanished
                for (kind, count) in s.byKind { total.byKind[kind, default: 0] += count }
            }
            let failed = failures.isEmpty ? "" : "; \(failures.count) mailbox\(failures.count == 1 ? "" : "es") failed"
            return "\(total.description.dropFirst("total: ".count))\(failed)"
        }
    }

    /// Ingests every account's new mail once.
    public func runOnce() async -> PassReport {
        var report = PassReport()
        for account in configuration.accounts {
            let mailboxes: [MailConnections.Mailbox]
            do {
                mailboxes = try connections.mailboxes(of: account)
            } catch {
                report.failures.append((account.name, "\(error)"))
                logger.error("account skipped", metadata: ["account": "\(account.name)", "error": "\(error)"])
                continue
            }
            for mailbox in mailboxes {
                if Task.isCancelled { return report }
                do {
                    let summary = try await pipeline.ingest(account: account.name, mailbox: mailbox.name,
                                                            from: mailbox.source)
                    report.summaries.append(summary)
                    logger.info("ingest: pass done", metadata: ["ingest.summary": "\(summary)"])
                } catch {
                    report.failures.append(("\(account.name)/\(mailbox.name)", "\(error)"))
                    logger.error("ingest: mailbox failed", metadata: [
                        "ingest.mailbox": "\(account.name)/\(mailbox.name)", "error": "\(error)",
                    ])
                }
            }
        }
        if let followUps, !Task.isCancelled {
            report.replies = await followUps.run()
            logger.info("replies: pass done", metadata: ["replies.summary": "\(report.replies!)"])
        }
        // The pass is over: idle time, when copying the write-ahead log back into the file holds nothing up.
        do {
            try pipeline.database.checkpoint()
        } catch {
            logger.warning("store: checkpoint after the pass failed; the next pass tries again", metadata: [
                "error": "\(error)",
            ])
        }
        return report
    }
}
