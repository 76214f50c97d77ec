public import Foundation

/// Something that happened to a lead in a sequence, reported by the worker (scheduler tick, outbox, ingest, CLI).
public enum SequenceEvent: Sendable, Equatable {
    /// The scheduler looks at the lead: is a step due?
    case tick
    /// The outbox took the step (it will not be handed out again until reported sent).
    case stepQueued(index: Int)
    /// The step went out at `at`.
    case stepSent(index: Int, at: Date)
    /// The buyer wrote back, in the thread or not.
    case buyerReplied(threaded: Bool)
    /// Someone else at the buyer's company domain wrote back.
    case colleagueReplied
    /// The buyer's out-of-office reply; `returnsOn` is the day it announces, nil when none was found.
    case outOfOffice(returnsOn: LocalDay?)
    case permanentBounce
    case unsubscribed
    /// A salesperson's own reply to the buyer was seen in the Sent folder.
    case salespersonReplied
    /// A salesperson paused the sequence, until a time or (nil) until resumed by hand.
    case manualPause(until: Date?)
    case manualResume
    case manualStop
    /// The lead was marked won (`true`) or lost (`false`).
    case leadClosed(won: Bool)
}

/// What the worker must do after an event.
public enum SequenceAction: Sendable, Equatable {
    /// Render and queue step `step` (its `template`) to go out at `at` (already inside the window, jitter
    /// included; `at` <= now means send now). Report ``SequenceEvent/stepQueued(index:)`` then `stepSent`.
    case send(step: Int, template: String, at: Date)
    /// Nothing due; look again at `until` (index the lead by it).
    case wait(until: Date)
    /// The sequence is paused until `until` (`Date.distantFuture`: until resumed by hand).
    case pause(until: Date, reason: PauseReason)
    /// The sequence stopped for good.
    case stop(StopReason)
    /// The last step has gone out (or the rest were skipped by their conditions).
    case complete
    /// Nothing to do (already stopped or completed, or a step is queued).
    case none
}

/// The pure planner of one lead's sequence: given the state, an event and `now`, it updates the state and says
/// what to do. No clock, no IO: the caller passes `now` and carries out the action.
///
/// ```swift
/// let machine = SequenceStateMachine(definition: seriousBuyer, calendar: lagos)
/// var state = SequenceState(sequence: "serious_buyer", enrolledAt: now, jitterSeed: leadSeed)
/// machine.handle(.tick, state: &state, now: now)   // .send(step: 0, template: "serious_buyer/1-acknowledge", at: now)
/// ```
public struct SequenceStateMachine: Sendable {
    public let definition: SequenceDefinition
    /// The buyer's business calendar (country weekend and holidays, buyer's time zone).
    public let calendar: BusinessCalendar
    /// Facts step conditions look at.
    public var facts: LeadFacts
    /// The sales team's calendar: when set, follow-ups also wait for the team's business days (a follow-up the team
    /// cannot answer during Chinese New Year waits for its return). The acknowledgement never waits.
    public var senderCalendar: BusinessCalendar?
    /// Pause after an out-of-office reply with no return date found (default 7 days).
    public var defaultOutOfOfficePause: TimeInterval
    /// A return date further ahead than this is not believed; the pause is capped to it (default 45 days).
    public var maximumOutOfOfficePause: TimeInterval

    public init(
        definition: SequenceDefinition, calendar: BusinessCalendar, facts: LeadFacts = LeadFacts(),
        senderCalendar: BusinessCalendar? = nil,
        defaultOutOfOfficePause: TimeInterval = 7 * 86400, maximumOutOfOfficePause: TimeInterval = 45 * 86400
    ) {
        self.definition = definition
        self.calendar = calendar
        self.facts = facts
        self.senderCalendar = senderCalendar
        self.defaultOutOfOfficePause = defaultOutOfOfficePause
        self.maximumOutOfOfficePause = maximumOutOfOfficePause
    }

    /// A machine for `definition` with the out-of-office pauses of the validated `Config/sequences.yml`.
    public init(
        definition: SequenceDefinition, calendar: BusinessCalendar, facts: LeadFacts = LeadFacts(),
        senderCalendar: BusinessCalendar? = nil, config: SequencesConfig
    ) {
        self.init(definition: definition, calendar: calendar, facts: facts, senderCalendar: senderCalendar,
                  defaultOutOfOfficePause: TimeInterval(config.outOfOfficeDefaultPauseDays) * 86400,
                  maximumOutOfOfficePause: TimeInterval(config.outOfOfficeMaxPauseDays) * 86400)
    }

    /// Applies `event` to `state` at `now` and returns the action to carry out.
    @discardableResult
    public func handle(_ event: SequenceEvent, state: inout SequenceState, now: Date) -> SequenceAction {
        guard state.isRunning else { return .none }
        switch event {
        case .tick:
            return plan(&state, now: now)
        case let .stepQueued(index):
            if index == state.nextStep { state.queuedStep = index }
            return .none
        case let .stepSent(index, at):
            guard index >= state.nextStep else { return plan(&state, now: now) }
            state.lastSentAt = at
            state.nextStep = index + 1
            state.nextDueAt = nil
            state.queuedStep = nil
            return plan(&state, now: now)
        case .buyerReplied: return stop(&state, .buyerReplied, now)
        case .colleagueReplied: return stop(&state, .colleagueReplied, now)
        case .permanentBounce: return stop(&state, .permanentBounce, now)
        case .unsubscribed: return stop(&state, .unsubscribed, now)
        case .salespersonReplied: return stop(&state, .salespersonReplied, now)
        case .manualStop: return stop(&state, .stoppedBySalesperson, now)
        case let .leadClosed(won): return stop(&state, won ? .leadWon : .leadLost, now)
        case let .outOfOffice(returnsOn):
            let until = outOfOfficeEnd(returnsOn: returnsOn, now: now)
            return pause(&state, until: until, reason: .outOfOffice)
        case let .manualPause(until):
            return pause(&state, until: until ?? .distantFuture, reason: .salesperson)
        case .manualResume:
            guard case .paused = state.status else { return plan(&state, now: now) }
            state.status = .active
            state.notBefore = now
            state.nextDueAt = nil
            return plan(&state, now: now)
        }
    }

    /// When the pause for an out-of-office reply ends: the window opening on the announced return day (moved to
    /// a business day), or `now` + the default pause when none was announced, the day is past, or it is beyond
    /// the maximum pause.
    public func outOfOfficeEnd(returnsOn: LocalDay?, now: Date) -> Date {
        let window = definition.window
        if let day = returnsOn {
            let opening = window.opening(of: calendar.businessDay(onOrAfter: day), in: calendar)
            if opening > now, opening.timeIntervalSince(now) <= maximumOutOfOfficePause { return opening }
            if opening > now { return window.nextOpening(notBefore: now + maximumOutOfOfficePause, in: calendar) }
        }
        return window.nextOpening(notBefore: now + defaultOutOfOfficePause, in: calendar)
    }

    private func stop(_ state: inout SequenceState, _ reason: StopReason, _ now: Date) -> SequenceAction {
        state.status = .stopped(reason, at: now)
        state.nextDueAt = nil
        state.queuedStep = nil
        return .stop(reason)
    }

    private func pause(_ state: inout SequenceState, until: Date, reason: PauseReason) -> SequenceAction {
        state.status = .paused(until: until, reason: reason)
        state.nextDueAt = nil
        state.queuedStep = nil
        return .pause(until: until, reason: reason)
    }

    private func plan(_ state: inout SequenceState, now: Date) -> SequenceAction {
        if case let .paused(until, reason) = state.status {
            guard now >= until else { return .pause(until: until, reason: reason) }
            state.status = .active
            state.notBefore = until
            state.nextDueAt = nil
        }
        if state.queuedStep != nil { return .none }
        if state.nextDueAt == nil {
            while state.nextStep < definition.steps.count,
                  let condition = definition.steps[state.nextStep].condition, !condition.holds(for: facts) {
                state.nextStep += 1
            }
            guard state.nextStep < definition.steps.count else {
                state.status = .completed(at: now)
                return .complete
            }
            state.nextDueAt = dueDate(of: state.nextStep, state: state)
        }
        guard let due = state.nextDueAt else { return .none }
        let step = definition.steps[state.nextStep]
        return due <= now ? .send(step: state.nextStep, template: step.template, at: due) : .wait(until: due)
    }

    /// The planned send time of step `index`: the delay from the previous send (or enrolment), then the window
    /// with jitter, except an immediate first step, which goes at enrolment whatever the hour.
    func dueDate(of index: Int, state: SequenceState) -> Date {
        let step = definition.steps[index]
        let base = state.lastSentAt ?? state.enrolledAt
        if index == 0, step.delay == .immediately, state.notBefore == nil { return base }
        var due: Date
        switch step.delay {
        case .immediately: due = base
        case let .hours(hours): due = base + TimeInterval(hours) * 3600
        case let .businessDays(days):
            let (baseDay, second) = calendar.localTime(of: base)
            due = calendar.instant(calendar.adding(businessDays: days, to: baseDay), second: second)
        }
        if let notBefore = state.notBefore, notBefore > due { due = notBefore }
        var random = SplitMix64(seed: state.jitterSeed &+ UInt64(index) &* 0x9E37_79B9)
        return definition.window.nextSendTime(notBefore: due, in: calendar, sender: senderCalendar, random: &random)
    }
}
