public import Foundation

/// Whether a lead may be (re-)enrolled in a sequence, and why not.
///
/// The rules, explicit:
/// 1. A lead is in at most one sequence: while one is active or paused, enrolment is refused (to switch, a
///    salesperson stops the running one first).
/// 2. Never again after an unsubscribe or a permanent bounce, not even by hand: the buyer said no, or the address
///    is dead.
/// 3. After a sequence completed, or stopped because someone replied, a salesperson took over, or the lead was won
///    or lost: a new inquiry re-enrols the lead once `cooldown` has passed since that end (default 30 days);
///    a salesperson may re-enrol by hand at any time.
public enum Enrollment {
    /// Who asks for the enrolment.
    public enum Origin: Sendable, Equatable {
        /// A new inquiry from the lead arrived (automatic).
        case newInquiry
        /// A salesperson asked for it (CLI or web).
        case salesperson
    }

    /// The outcome: enrol with this fresh state, or a refusal a salesperson can read.
    public enum Decision: Sendable, Equatable {
        case enroll(SequenceState)
        case refuse(String)
    }

    /// Decides on enrolling a lead whose latest sequence state is `previous` (nil: never enrolled).
    public static func decide(
        previous: SequenceState?, sequence: String, origin: Origin, now: Date, jitterSeed: UInt64,
        cooldown: TimeInterval = 30 * 86400
    ) -> Decision {
        let fresh = SequenceState(sequence: sequence, enrolledAt: now, jitterSeed: jitterSeed)
        guard let previous else { return .enroll(fresh) }
        switch previous.status {
        case .active, .paused:
            return .refuse("the lead is already in sequence \(previous.sequence); stop it before enrolling it again")
        case let .stopped(reason, at) where reason == .unsubscribed || reason == .permanentBounce:
            return .refuse("the lead's sequence stopped on \(dayText(at)) because \(reason.explanation); it is never re-enrolled")
        case let .stopped(_, end), let .completed(end):
            if origin == .salesperson || now.timeIntervalSince(end) >= cooldown { return .enroll(fresh) }
            let days = Int((cooldown / 86400).rounded())
            return .refuse("the lead's last sequence ended on \(dayText(end)); a new inquiry re-enrols it only \(days) days after that")
        }
    }

    private static func dayText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return LocalDay(date, in: calendar).description
    }
}
