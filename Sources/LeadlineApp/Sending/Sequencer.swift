import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import Logging

/// Turns what ingest stored into sequence work, through the pure rules:
/// - a new inquiry from a buyer kind passes the RFC 3834 safety policy, is enrolled in its kind's sequence and gets
///   its acknowledgement queued at once (rendered, built, stored in the outbox in one transaction);
/// - a buyer's reply, an unsubscribe, an out-of-office or a permanent bounce stops or pauses the lead's sequence;
/// - ``tick(now:)`` queues later steps that came due (buyer's window, business days).
///
/// It reads ingested messages after a cursor kept in the store, so each message is looked at once, across restarts.
public struct Sequencer: Sendable {
    public let database: LeadlineDatabase
    public let configuration: LeadlineConfiguration
    public let kit: SequenceKit
    public let logger: Logger
    let planner: SequencePlanner
    let parser = MIMEParser()

    public init(database: LeadlineDatabase, configuration: LeadlineConfiguration, kit: SequenceKit, logger: Logger,
                fallbackZone: TimeZone = .current) {
        self.database = database
        self.configuration = configuration
        self.kit = kit
        self.logger = logger
        self.planner = SequencePlanner(config: kit.config, fallbackZone: fallbackZone)
    }

    /// Our own addresses, lower-case.
    var ownAddresses: Set<String> { Set(configuration.accounts.map { $0.address.lowercased() }) }

    /// Looks at every message ingested since the last call.
    public func processInbound(now: Date) throws -> SequencingReport {
        var report = SequencingReport()
        while true {
            let inputs = try database.pendingSequencerInputs()
            guard let last = inputs.last else { break }
            for input in inputs {
                do {
                    try process(input, now: now, into: &report)
                } catch {
                    report.errors.append("message #\(input.messageRowID): \(error)")
                    logger.error("sequences: message not handled", metadata: [
                        "message.row": "\(input.messageRowID)", "error": "\(error)",
                    ])
                }
            }
            try database.advanceSequencerCursor(to: last.messageRowID)
        }
        return report
    }

    func process(_ input: SequencerInput, now: Date, into report: inout SequencingReport) throws {
        guard !input.isDuplicate, !input.hasError,
              let account = configuration.accounts.first(where: { $0.name == input.account }) else { return }
        switch input.event {
        case .inquiry?:
            guard let leadID = input.leadID else { return }
            try answerInquiry(input, leadID: leadID, account: account, now: now, into: &report)
        case .theirReply?:
            guard let leadID = input.leadID, let parsed = try parsedMessage(input.messageRowID) else { return }
            let subject = (parsed.subject ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let reply = InboundReply(
                from: parsed.from.first?.address ?? "",
                isUnsubscribeRequest: subject.hasPrefix("unsubscribe") || subject == "stop",
                isThreaded: parsed.inReplyTo != nil || !parsed.references.isEmpty, text: parsed.readableText)
            try apply(reply, leadID: leadID, now: now, into: &report)
        case .ourReply?:
            // A salesperson answered the lead by hand (seen in a mailbox we read, e.g. Sent): they have taken over.
            guard let leadID = input.leadID, let parsed = try parsedMessage(input.messageRowID) else { return }
            let reply = InboundReply(from: parsed.from.first?.address ?? "", isUnsubscribeRequest: false,
                                     isThreaded: parsed.inReplyTo != nil, text: "")
            try apply(reply, leadID: leadID, now: now, into: &report)
        default:
            guard input.kind == .notLead, let reason = input.reasons.first else { return }
            try notLead(input, reason: reason, now: now, into: &report)
        }
    }

    // MARK: Inquiries

    func answerInquiry(_ input: SequencerInput, leadID: Int64, account: AccountConfiguration, now: Date,
                       into report: inout SequencingReport) throws {
        guard let lead = try database.lead(id: leadID)?.lead,
              let definition = planner.definition(for: lead.kind),
              let parsed = try parsedMessage(input.messageRowID) else { return }
        let candidate = AutoReplyCandidate(kind: input.kind ?? lead.kind, message: parsed)
        let policy = AutoReplyPolicy(ownAddresses: ownAddresses,
                                     minimumInterval: TimeInterval(kit.replies.autoReplyIntervalDays) * 86400)
        var refusals = policy.refusals(
            for: candidate, lastAutoReply: try database.lastAutoReply(to: candidate.replyAddress), now: now)
            .map(\.description)
        if let suppressed = try database.suppression(of: lead.address) { refusals.append("the address is \(suppressed)") }
        let maxAge = TimeInterval(kit.replies.acknowledgeMaxAgeDays) * 86400
        if maxAge > 0, let sent = parsed.date, now.timeIntervalSince(sent) > maxAge {
            refusals.append("the inquiry is \(Int(now.timeIntervalSince(sent) / 86400)) days old (acknowledge_max_age_days: \(kit.replies.acknowledgeMaxAgeDays)); answer it by hand")
        }
        guard refusals.isEmpty else {
            report.refused.append("lead #\(leadID): no automatic reply: \(refusals.joined(separator: "; "))")
            logger.info("sequences: no automatic reply", metadata: [
                "lead.id": "\(leadID)", "reasons": "\(refusals.joined(separator: "; "))",
            ])
            return
        }
        let previous = try database.enrolment(leadID: leadID)
        let decision = Enrollment.decide(
            previous: previous?.state, sequence: definition.name, origin: .newInquiry, now: now,
            jitterSeed: SequencePlanner.jitterSeed(leadID: leadID),
            cooldown: TimeInterval(kit.config.reenrolAfterDays) * 86400)
        guard case .enroll(let state) = decision else {
            if case .refuse(let why) = decision { report.refused.append("lead #\(leadID): not enrolled: \(why)") }
            return
        }
        let enrolment = Enrolment(
            leadID: leadID, account: account.name, state: state,
            threadMessageID: parsed.messageID.map(Self.bracketed),
            threadReferences: parsed.references.map(Self.bracketed), threadSubject: parsed.subject)
        report.enrolled += 1
        try advance(enrolment, lead: lead, account: account, now: now, into: &report)
    }

    /// Ticks one enrolment and carries out the action: queue a due step, or save the new plan.
    func advance(_ enrolment: Enrolment, lead: LeadRecord, account: AccountConfiguration, now: Date,
                 into report: inout SequencingReport) throws {
        let facts = SequencePlanner.facts(try database.latestInquiryFacts(leadID: enrolment.leadID))
        switch try step(enrolment, lead: lead, facts: facts, account: account, now: now, into: &report) {
        case nil: return
        case let .queue(draft, enrolment)?:
            try database.queue(draft, enrolment: enrolment, now: now)
            count(queued: draft.stepIndex, into: &report)
        case let .save(enrolment)?:
            try database.saveEnrolment(enrolment, now: now)
        }
    }

    // MARK: Replies, out-of-office, bounces

    func apply(_ reply: InboundReply, leadID: Int64, now: Date, into report: inout SequencingReport) throws {
        guard var enrolment = try database.enrolment(leadID: leadID), enrolment.state.isRunning,
              let lead = try database.lead(id: leadID)?.lead else { return }
        let facts = SequencePlanner.facts(try database.latestInquiryFacts(leadID: leadID))
        guard let machine = planner.machine(for: lead, sequence: enrolment.state.sequence, facts: facts) else { return }
        let today = machine.calendar.localDay(of: now)
        guard let event = ReplyClassifier.event(for: reply, buyerAddress: lead.address, ownAddresses: ownAddresses,
                                                today: today) else { return }
        let action = machine.handle(event, state: &enrolment.state, now: now)
        if case .stopped(let reason, _) = enrolment.state.status {
            if reason == .unsubscribed || reason == .permanentBounce {
                try database.suppress(address: lead.address, reason: reason == .unsubscribed ? "unsubscribed" : "bounced",
                                      detail: reason.explanation, now: now)
            }
            report.stopped.append("lead #\(leadID): sequence stopped: \(reason.explanation)")
        } else if case .pause(let until, _) = action {
            report.paused.append("lead #\(leadID): sequence paused until \(ISO8601DateFormatter().string(from: until))")
        }
        try database.saveEnrolment(enrolment, now: now)
    }

    func notLead(_ input: SequencerInput, reason: String, now: Date, into report: inout SequencingReport) throws {
        let isBounce = reason.hasPrefix("bounce") || reason.hasPrefix("delivery report")
        let isAway = reason.hasPrefix("auto-reply")
        guard isBounce || isAway, let parsed = try parsedMessage(input.messageRowID) else { return }
        let thread = (parsed.inReplyTo.map { [$0] } ?? []) + parsed.references
        if isBounce {
            let text = String(decoding: parsed.source, as: UTF8.self)
            guard BounceReport.isPermanent(text) else { return }
            var leads: [Int64] = []
            for address in BounceReport.failedRecipients(text) {
                if let lead = try database.findLead(byAddress: address)?.id { leads.append(lead) }
            }
            if leads.isEmpty, let lead = try database.leadForOutboxMessage(ids: thread + BounceReport.messageIDs(text)) {
                leads.append(lead)
            }
            for leadID in Set(leads) {
                guard let lead = try database.lead(id: leadID)?.lead else { continue }
                try apply(InboundReply(from: lead.address, isPermanentBounce: true), leadID: leadID, now: now, into: &report)
            }
            return
        }
        let from = parsed.from.first?.address ?? ""
        var leadID = try database.findLead(byAddress: from)?.id
        if leadID == nil { leadID = try database.leadForOutboxMessage(ids: thread) }
        guard let leadID else { return }
        try apply(InboundReply(from: from, isOutOfOffice: true, isThreaded: !thread.isEmpty, text: parsed.readableText),
                  leadID: leadID, now: now, into: &report)
    }

    func parsedMessage(_ rowID: Int64) throws -> ParsedMessage? {
        guard let raw = try database.rawMessage(rowID: rowID) else { return nil }
        return try? parser.parse(Array(raw))
    }

    static func bracketed(_ id: String) -> String {
        let bare = id.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        return "<\(bare)>"
    }
}

/// What the sequencer did in one call.
public struct SequencingReport: Sendable, Equatable {
    public var enrolled = 0
    public var acknowledgementsQueued = 0
    public var followUpsQueued = 0
    /// Inquiries not answered automatically, with the reasons.
    public var refused: [String] = []
    public var stopped: [String] = []
    public var paused: [String] = []
    public var errors: [String] = []

    public init() {}

    public mutating func merge(_ other: SequencingReport) {
        enrolled += other.enrolled
        acknowledgementsQueued += other.acknowledgementsQueued
        followUpsQueued += other.followUpsQueued
        refused += other.refused
        stopped += other.stopped
        paused += other.paused
        errors += other.errors
    }
}
