import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore

/// A salesperson's hand on a lead's sequence (`leadline sequences pause|resume|stop`), through the pure state
/// machine, saved with an audit entry.
public struct SequenceControl: Sendable {
    public let database: LeadlineDatabase
    let planner: SequencePlanner

    public init(database: LeadlineDatabase, kit: SequenceKit, fallbackZone: TimeZone = .current) {
        self.database = database
        self.planner = SequencePlanner(config: kit.config, fallbackZone: fallbackZone)
    }

    /// What a person may do.
    public enum Command: String, Sendable, CaseIterable {
        case pause, resume, stop
    }

    /// Applies `command` to the lead (`id` or address) and returns one line saying where the sequence stands.
    /// - Throws: ``SendingError`` when the lead is unknown or was never enrolled.
    public func apply(_ command: Command, lead reference: String, by person: String, now: Date) throws -> String {
        let detail = try Int64(reference).map { try database.lead(id: $0) } ?? database.lead(address: reference)
        guard let lead = detail?.lead, let leadID = lead.id else { throw SendingError("no lead \(reference)") }
        guard var enrolment = try database.enrolment(leadID: leadID) else {
            throw SendingError("lead #\(leadID) (\(lead.address)) is in no sequence")
        }
        let facts = SequencePlanner.facts(try database.latestInquiryFacts(leadID: leadID))
        guard let machine = planner.machine(for: lead, sequence: enrolment.state.sequence, facts: facts) else {
            throw SendingError("lead #\(leadID): its sequence \(enrolment.state.sequence) is no longer configured")
        }
        let event: SequenceEvent = switch command {
        case .pause: .manualPause(until: nil)
        case .resume: .manualResume
        case .stop: .manualStop
        }
        guard enrolment.state.isRunning else {
            return "lead #\(leadID): \(Self.describe(enrolment.state)); nothing changed"
        }
        machine.handle(event, state: &enrolment.state, now: now)
        try database.saveEnrolment(enrolment, now: now, actor: person, action: "sequence_\(command.rawValue)")
        return "lead #\(leadID) (\(lead.address)): \(Self.describe(enrolment.state))"
    }

    /// Where a sequence stands, in words.
    public static func describe(_ state: SequenceState) -> String {
        let format = ISO8601DateFormatter()
        switch state.status {
        case .active:
            let due = state.nextDueAt.map { ", next step \(state.nextStep + 1) due \(format.string(from: $0))" } ?? ""
            return "\(state.sequence) running\(due)"
        case let .paused(until, reason):
            let end = until == .distantFuture ? "until resumed" : "until \(format.string(from: until))"
            return "\(state.sequence) paused \(end) (\(reason == .outOfOffice ? "out of office" : "by a salesperson"))"
        case let .stopped(reason, at):
            return "\(state.sequence) stopped on \(format.string(from: at)): \(reason.explanation)"
        case let .completed(at):
            return "\(state.sequence) completed on \(format.string(from: at))"
        }
    }
}

/// Renders one step for a person to read (`leadline templates preview`), from a stored lead or an `.eml` file.
public enum TemplatePreview {
    /// The step rendered for a stored lead, with its latest inquiry's facts.
    public static func render(step: String, leadReference: String, language: String?, kit: SequenceKit,
                              account: AccountConfiguration, database: LeadlineDatabase) throws -> RenderedMessage {
        let detail = try Int64(leadReference).map { try database.lead(id: $0) } ?? database.lead(address: leadReference)
        guard let lead = detail?.lead, let leadID = lead.id else { throw SendingError("no lead \(leadReference)") }
        let facts = SequencePlanner.facts(try database.latestInquiryFacts(leadID: leadID))
        let subject = detail?.timeline.first(where: { $0.kind == .inquiry })?.summary
        return try render(step: step, lead: lead, facts: facts, subject: subject, language: language, kit: kit, account: account)
    }

    /// The step rendered for the sender of an inquiry file, with the facts the classifier reads from it.
    public static func render(step: String, message: ParsedMessage, classifier: LeadClassifier, language: String?,
                              kit: SequenceKit, account: AccountConfiguration) throws -> RenderedMessage {
        let verdict = classifier.classify(InquiryInput(message: message))
        let sender = message.from.first
        let lead = LeadRecord(address: sender?.address ?? "buyer@example.com", name: sender?.name,
                              company: verdict.facts.company, country: verdict.facts.country,
                              language: verdict.facts.language, kind: verdict.kind, confidence: verdict.confidence,
                              firstSeen: Date(timeIntervalSince1970: 0), lastSeen: Date(timeIntervalSince1970: 0))
        return try render(step: step, lead: lead, facts: verdict.facts, subject: message.subject, language: language,
                          kit: kit, account: account)
    }

    static func render(step: String, lead: LeadRecord, facts: InquiryFacts?, subject: String?, language: String?,
                       kit: SequenceKit, account: AccountConfiguration) throws -> RenderedMessage {
        guard kit.catalog.stepNames.contains(step) else {
            throw SendingError("no template step \(step); steps: \(kit.catalog.stepNames.joined(separator: ", "))")
        }
        let enrolment = Enrolment(leadID: lead.id ?? 0, account: account.name,
                                  state: SequenceState(sequence: step, enrolledAt: Date(timeIntervalSince1970: 0), jitterSeed: 0),
                                  threadMessageID: nil, threadReferences: [], threadSubject: subject)
        let values = ReplyComposer.values(.init(account: account, lead: lead, enrolment: enrolment, step: 0,
                                                template: step, facts: facts, now: Date(timeIntervalSince1970: 0),
                                                unique: "preview"), kit: kit)
        do {
            return try kit.renderer.render(step: step, language: language ?? lead.language, values: values)
        } catch {
            throw SendingError(error.description)
        }
    }
}
