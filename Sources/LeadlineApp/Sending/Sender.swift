import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Logging

/// Delivers due outbox messages through each account's sink (SMTP, or the outbox folder), one state change per
/// step: `queued -> sending` is committed before the hand-over, then `sent` (with the lead's `our_reply` event and
/// its next planned step), `retry` (SMTP 4xx, network: exponential backoff) or `failed` (5xx: the address is marked
/// bounced and its sequence stops).
///
/// A message found in `sending` when a pass starts was interrupted by a crash: it may have gone out. Leadline cannot
/// prove it did not without the Sent folder, so it is **held** for a person (`leadline outbox`), never resent.
///
/// Throttling per account (daily cap, spacing) and per buyer come from ``SendThrottle`` over counts in the store, so
/// they hold across restarts. The outbox folder only writes files, so spacing does not apply to it.
public struct Sender: Sendable {
    public let database: LeadlineDatabase
    public let configuration: LeadlineConfiguration
    public let connections: MailConnections
    public let throttle: SendThrottle
    public let backoff: RetryBackoff
    public let logger: Logger
    /// Waits between two messages of one account (the spacing rule); injected so tests never sleep.
    public let sleep: @Sendable (Duration) async throws -> Void
    /// At most this much waiting for the spacing rule per pass, so ingest is not held up (the rest goes next pass).
    public let spacingBudget: TimeInterval
    let planner: SequencePlanner?

    public init(database: LeadlineDatabase, configuration: LeadlineConfiguration, connections: MailConnections,
                kit: SequenceKit?, throttle: SendThrottle = SendThrottle(), backoff: RetryBackoff = RetryBackoff(),
                logger: Logger, fallbackZone: TimeZone = .current,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                spacingBudget: TimeInterval = 240) {
        self.sleep = sleep
        self.spacingBudget = spacingBudget
        self.database = database
        self.configuration = configuration
        self.connections = connections
        self.throttle = throttle
        self.backoff = backoff
        self.logger = logger
        self.planner = kit.map { SequencePlanner(config: $0.config, fallbackZone: fallbackZone) }
    }

    /// Holds interrupted sends, then delivers what is due, account by account.
    public func deliverDue(now: @Sendable () -> Date) async -> SendingReport {
        var report = SendingReport()
        for account in configuration.accounts {
            do {
                try await recoverInterrupted(account: account, now: now, into: &report)
                let due = try database.dueOutbox(account: account.name, now: now())
                guard !due.isEmpty else { continue }
                guard let sink = try connections.sink(of: account) else {
                    report.waiting.append("\(account.name): \(due.count) message(s) wait: the account has no smtp or outbox")
                    continue
                }
                let isFolder = sink is FileOutbox
                var rules = throttle
                if isFolder { rules.minimumSpacing = 0 }
                var waited: TimeInterval = 0
                for message in due {
                    if Task.isCancelled { return report }
                    var verdict = try decide(rules, account: account, message: message, now: now())
                    // Only the spacing between two messages: wait it out (within this pass's budget) and go on.
                    var tries = 0
                    while case let .deferred(until, _) = verdict, rules.minimumSpacing > 0, tries < 5 {
                        tries += 1
                        let wait = until.timeIntervalSince(now())
                        guard wait <= rules.minimumSpacing + 1, waited + wait <= spacingBudget else { break }
                        if wait > 0 {
                            do { try await sleep(.milliseconds(Int64(wait * 1000))) } catch { return report }
                            waited += wait
                        }
                        verdict = try decide(rules, account: account, message: message, now: now())
                    }
                    if case let .deferred(until, reason) = verdict {
                        report.deferred += 1
                        logger.info("send: deferred", metadata: ["outbox.id": "\(message.id)", "reason": "\(reason)",
                                                                  "until": "\(until)"])
                        continue
                    }
                    // Held (a daily cap, a retry) past the buyer's hours: a follow-up waits for their next window.
                    if let opening = try windowOpening(for: message.draft, now: now()) {
                        try database.postpone(outboxID: message.id, until: opening,
                                              reason: "waits for the buyer's hours")
                        report.deferred += 1
                        logger.info("send: deferred", metadata: ["outbox.id": "\(message.id)",
                                                                  "reason": "outside the buyer's hours", "until": "\(opening)"])
                        continue
                    }
                    try await deliver(message, account: account, sink: sink, isFolder: isFolder, now: now, into: &report)
                }
            } catch {
                report.errors.append("\(account.name): \(error)")
                logger.error("send: account failed", metadata: ["account": "\(account.name)", "error": "\(error)"])
            }
        }
        return report
    }

    func decide(_ rules: SendThrottle, account: AccountConfiguration, message: OutboxMessage, now time: Date) throws
        -> SendThrottle.Decision {
        let counts = try database.sendCounts(
            account: account.name, recipient: message.draft.recipient,
            since: SendThrottle.startOfDay(time, in: .current), recipientSince: time - rules.buyerPeriod)
        return rules.decide(
            sentTodayByAccount: counts.sentByAccountSince, startOfAccountDay: SendThrottle.startOfDay(time, in: .current),
            lastAccountSend: counts.lastAccountSend, recentSendsToBuyer: counts.recentSendsToRecipient, now: time)
    }

    func deliver(_ message: OutboxMessage, account: AccountConfiguration, sink: any MailSink, isFolder: Bool,
                 now: @Sendable () -> Date, into report: inout SendingReport) async throws {
        let draft = message.draft
        // A sequence that stopped since the step was queued sends nothing more; only the acknowledgement still goes
        // when the stop was the buyer's side writing again (they still expect an answer to their inquiry).
        if let leadID = draft.leadID, let enrolment = try database.enrolment(leadID: leadID),
           case let .stopped(reason, _) = enrolment.state.status,
           draft.stepIndex > 0 || !(reason == .buyerReplied || reason == .colleagueReplied) {
            try database.markFailed(outboxID: message.id, error: "not sent: \(reason.explanation)",
                                    suppressRecipient: false, enrolment: nil, now: now())
            report.cancelled += 1
            return
        }
        guard try database.beginSending(outboxID: message.id, now: now()) else { return }
        let attempt = message.attempts + 1
        // Dated when it leaves, not when it was queued: a daily cap or a retry can hold a message for days.
        let mail = OutgoingMail(sender: draft.sender, recipients: [draft.recipient],
                                data: MessageBuilder.redated(Array(draft.bytes), date: now()))
        do {
            let delivery = try await sink.deliver(mail)
            if let refusal = delivery.refused.first {
                throw TransportError(.recipientsRefused, isTemporary: refusal.isTemporary, replyCode: refusal.replyCode,
                                     refusedRecipients: delivery.refused, detail: refusal.description)
            }
            let time = now()
            try database.markSent(outboxID: message.id, enrolment: try stepSent(draft, at: time),
                                  summary: "\(draft.template) (\(draft.language)): \(draft.subject)", now: time)
            if !isFolder, let sent = try? connections.sentFolder(of: account) {
                do {
                    try await sent.client.append(mail.data, to: sent.mailbox)
                } catch {
                    report.errors.append("\(account.name): sent \(draft.messageID) but could not copy it to \(sent.mailbox): \(error)")
                }
            }
            if let folder = sink as? FileOutbox {
                report.written += 1
                if !report.folders.contains(folder.directory) { report.folders.append(folder.directory) }
            } else {
                report.sent += 1
            }
        } catch let error as TransportError {
            let time = now()
            let permanentRecipient = !error.isTemporary
                && (error.code == .recipientsRefused || (error.code == .messageRefused && (error.replyCode ?? 0) >= 500))
            if error.isTemporary, let delay = backoff.delay(afterAttempt: attempt,
                                                            jitterFraction: Double(message.id % 100) / 100) {
                try database.markRetry(outboxID: message.id, error: error.description, retryAt: time + delay)
                report.retrying += 1
            } else if permanentRecipient {
                try database.markFailed(outboxID: message.id, error: error.description, suppressRecipient: true,
                                        enrolment: try stopped(draft, .permanentBounce, at: time), now: time)
                report.failed += 1
            } else if !error.isTemporary, let delay = backoff.delay(afterAttempt: attempt) {
                // Not the recipient's fault (login refused, TLS): keep the message and try again later.
                try database.markRetry(outboxID: message.id, error: error.description, retryAt: time + delay)
                report.retrying += 1
            } else {
                try database.markFailed(outboxID: message.id, error: "gave up after \(attempt) attempts: \(error)",
                                        suppressRecipient: false, enrolment: nil, now: time)
                report.failed += 1
            }
            logger.warning("send: delivery failed", metadata: [
                "outbox.id": "\(message.id)", "error": "\(error)", "smtp.temporary": "\(error.isTemporary)",
            ])
        }
    }

    /// Messages left in `sending` by a crash. With a Sent folder configured, one found there by its Message-ID is
    /// recorded as sent; every other one is held for a person (it may have gone out: never resent blindly).
    func recoverInterrupted(account: AccountConfiguration, now: @Sendable () -> Date,
                            into report: inout SendingReport) async throws {
        let interrupted = try database.interruptedSends(account: account.name)
        guard !interrupted.isEmpty else { return }
        let sent = try? connections.sentFolder(of: account)
        for message in interrupted {
            let time = now()
            var proof = "no Sent folder is configured (imap.sent_mailbox)"
            if let sent {
                do {
                    if try await sent.client.containsMessage(withID: message.draft.messageID, in: sent.mailbox) {
                        try database.markSent(outboxID: message.id, enrolment: try stepSent(message.draft, at: time),
                                              summary: "\(message.draft.template) (\(message.draft.language)): \(message.draft.subject)",
                                              now: time)
                        report.recovered += 1
                        continue
                    }
                    proof = "it is not in \(sent.mailbox)"
                } catch {
                    proof = "\(sent.mailbox) could not be searched: \(error)"
                }
            }
            try database.hold(outboxID: message.id, reason:
                "interrupted while sending on \(ISO8601DateFormatter().string(from: time)); it may have gone out and \(proof): check with the buyer or your mail client, then leadline outbox resend \(message.id) or leadline outbox drop \(message.id)")
            report.held += 1
        }
    }

    /// The draft's lead's enrolment and the state machine of its sequence, or nil when the mail has no lead, the lead
    /// no enrolment, or replies are off.
    func sequence(of draft: OutboxDraft) throws -> (enrolment: Enrolment, machine: SequenceStateMachine)? {
        guard let leadID = draft.leadID, let enrolment = try database.enrolment(leadID: leadID),
              let lead = try database.lead(id: leadID)?.lead else { return nil }
        let facts = SequencePlanner.facts(try database.latestInquiryFacts(leadID: leadID))
        guard let machine = planner?.machine(for: lead, sequence: enrolment.state.sequence, facts: facts) else { return nil }
        return (enrolment, machine)
    }

    /// When a follow-up due at `time` falls outside the buyer's send window (or on the team's day off), the
    /// window's next opening; nil when it may leave now. The acknowledgement goes at once, whatever the hour (a buyer
    /// expects an answer now), and so does mail of a lead without a sequence.
    func windowOpening(for draft: OutboxDraft, now time: Date) throws -> Date? {
        guard draft.stepIndex > 0, let (_, machine) = try sequence(of: draft) else { return nil }
        let opening = machine.definition.window.nextOpening(notBefore: time, in: machine.calendar,
                                                            sender: machine.senderCalendar)
        return opening > time ? opening : nil
    }

    /// The lead's enrolment after the step went out (the next step planned), or nil when there is none.
    func stepSent(_ draft: OutboxDraft, at time: Date) throws -> Enrolment? {
        guard let (found, machine) = try sequence(of: draft) else { return nil }
        var enrolment = found
        machine.handle(.stepSent(index: draft.stepIndex, at: time), state: &enrolment.state, now: time)
        return enrolment
    }

    func stopped(_ draft: OutboxDraft, _ reason: StopReason, at time: Date) throws -> Enrolment? {
        guard let (found, machine) = try sequence(of: draft) else { return nil }
        var enrolment = found
        machine.handle(reason == .permanentBounce ? .permanentBounce : .manualStop, state: &enrolment.state, now: time)
        return enrolment
    }
}

/// What one delivery pass did.
public struct SendingReport: Sendable, Equatable {
    /// Written into an outbox folder.
    public var written = 0
    /// Accepted by an SMTP server.
    public var sent = 0
    public var retrying = 0
    public var failed = 0
    /// Found in `sending` after a crash: held for a person.
    public var held = 0
    /// Found in `sending` after a crash and proven sent by the Sent folder.
    public var recovered = 0
    /// Not sent because the sequence stopped after the message was queued.
    public var cancelled = 0
    /// Waiting for a throttle (daily cap, spacing, per-buyer cap).
    public var deferred = 0
    /// The outbox folders written to.
    public var folders: [String] = []
    public var waiting: [String] = []
    public var errors: [String] = []

    public init() {}
}
