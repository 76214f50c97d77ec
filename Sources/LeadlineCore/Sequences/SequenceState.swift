public import Foundation

/// Why a sequence stopped for good. Stored with the lead; shown to the salesperson.
public enum StopReason: String, Sendable, Codable, Equatable, CaseIterable {
    case buyerReplied = "buyer_replied"
    case colleagueReplied = "colleague_replied"
    case permanentBounce = "permanent_bounce"
    case unsubscribed
    case salespersonReplied = "salesperson_replied"
    case stoppedBySalesperson = "stopped_by_salesperson"
    case leadWon = "lead_won"
    case leadLost = "lead_lost"

    /// One line for the salesperson.
    public var explanation: String {
        switch self {
        case .buyerReplied: "the buyer replied"
        case .colleagueReplied: "a colleague at the buyer's company replied"
        case .permanentBounce: "the buyer's address bounced permanently"
        case .unsubscribed: "the buyer unsubscribed"
        case .salespersonReplied: "a salesperson answered by hand"
        case .stoppedBySalesperson: "a salesperson stopped the sequence"
        case .leadWon: "the lead was marked won"
        case .leadLost: "the lead was marked lost"
        }
    }
}

/// Why a sequence is paused (it resumes by itself at the pause's end, or by hand).
public enum PauseReason: String, Sendable, Codable, Equatable {
    /// The buyer's out-of-office reply announced (or implied) a return date.
    case outOfOffice = "out_of_office"
    /// A salesperson paused it.
    case salesperson
}

/// Where one lead stands in its sequence: everything the planner needs, nothing else (the store persists it).
public struct SequenceState: Sendable, Equatable, Codable {
    /// Whether the sequence runs, waits, or is over.
    public enum Status: Sendable, Equatable, Codable {
        case active
        case paused(until: Date, reason: PauseReason)
        case stopped(StopReason, at: Date)
        case completed(at: Date)
    }

    /// Name of the ``SequenceDefinition``.
    public var sequence: String
    public var enrolledAt: Date
    public var status: Status
    /// Index of the next step to send.
    public var nextStep: Int
    /// When the next step is planned (jitter included); nil until planned.
    public var nextDueAt: Date?
    /// The step handed to the outbox and not yet reported sent: not handed out again.
    public var queuedStep: Int?
    /// When the last step went out.
    public var lastSentAt: Date?
    /// No step goes out before this (set when a pause ends).
    public var notBefore: Date?
    /// Seed of this enrolment's jitter (derive it from the lead id so plans are reproducible).
    public var jitterSeed: UInt64

    public init(sequence: String, enrolledAt: Date, jitterSeed: UInt64) {
        self.sequence = sequence
        self.enrolledAt = enrolledAt
        self.status = .active
        self.nextStep = 0
        self.jitterSeed = jitterSeed
    }

    /// True while the sequence may still send (active or paused).
    public var isRunning: Bool {
        switch status {
        case .active, .paused: true
        case .stopped, .completed: false
        }
    }
}
