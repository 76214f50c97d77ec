import Foundation
import Testing
@testable import LeadlineCore

@Suite struct SequenceStateMachineTests {
    let warsaw = businessCalendar("PL", "Europe/Warsaw")
    let definition = SequenceDefinition(name: "serious_buyer", kind: .seriousBuyer, steps: [
        SequenceStep(template: "serious_buyer/1-acknowledge", delay: .immediately),
        SequenceStep(template: "serious_buyer/2-follow-up", delay: .businessDays(2)),
        SequenceStep(template: "serious_buyer/3-last-call", delay: .hours(96)),
    ], window: SendWindow(maxJitterSeconds: 600))

    var machine: SequenceStateMachine { SequenceStateMachine(definition: definition, calendar: warsaw) }

    /// Enrolled on Saturday 10 January 2026, 03:12 Warsaw time.
    func enrolled() -> SequenceState {
        SequenceState(sequence: "serious_buyer", enrolledAt: instant("2026-01-10T03:12:00+01:00"), jitterSeed: 42)
    }

    @Test("the acknowledgement goes at once, even at 3 a.m. on a Saturday")
    func firstStepImmediate() {
        var state = enrolled()
        let action = machine.handle(.tick, state: &state, now: state.enrolledAt)
        #expect(action == .send(step: 0, template: "serious_buyer/1-acknowledge", at: state.enrolledAt))
    }

    @Test("a later step waits the business days, then the buyer's window, jitter included")
    func laterStepWaitsForWindow() {
        var state = enrolled()
        let sent = state.enrolledAt + 5
        machine.handle(.tick, state: &state, now: sent)
        let action = machine.handle(.stepSent(index: 0, at: sent), state: &state, now: sent)
        guard case let .wait(until) = action else { Issue.record("expected wait, got \(action)"); return }
        // Saturday + 2 business days = Tuesday 13 January, at 03:12 -> window opens 09:00, plus up to 10 min jitter.
        #expect(until >= instant("2026-01-13T09:00:00+01:00") && until <= instant("2026-01-13T09:10:00+01:00"))
        #expect(machine.handle(.tick, state: &state, now: until - 1) == .wait(until: until))
        #expect(machine.handle(.tick, state: &state, now: until) == .send(step: 1, template: "serious_buyer/2-follow-up", at: until))
    }

    @Test("a queued step is not handed out twice, and the sequence completes after the last step")
    func queuedAndCompleted() {
        var state = enrolled()
        var now = state.enrolledAt
        var last = SequenceAction.none
        for index in 0 ..< 3 {
            let action = machine.handle(.tick, state: &state, now: now + 30 * 86400)
            guard case let .send(step, _, at) = action else { Issue.record("expected send, got \(action)"); return }
            #expect(step == index)
            machine.handle(.stepQueued(index: step), state: &state, now: at)
            #expect(machine.handle(.tick, state: &state, now: at + 60) == SequenceAction.none)
            now = at + 60
            last = machine.handle(.stepSent(index: step, at: now), state: &state, now: now)
        }
        #expect(last == .complete)
        #expect(state.status == .completed(at: now))
        #expect(machine.handle(.tick, state: &state, now: now + 90 * 86400) == SequenceAction.none)
    }

    @Test("every stop rule stops the sequence for good", arguments: [
        (SequenceEvent.buyerReplied(threaded: true), StopReason.buyerReplied),
        (.buyerReplied(threaded: false), .buyerReplied), (.colleagueReplied, .colleagueReplied),
        (.permanentBounce, .permanentBounce), (.unsubscribed, .unsubscribed), (.salespersonReplied, .salespersonReplied),
        (.manualStop, .stoppedBySalesperson), (.leadClosed(won: true), .leadWon), (.leadClosed(won: false), .leadLost),
    ])
    func stopRules(event: SequenceEvent, reason: StopReason) {
        var state = enrolled()
        let now = state.enrolledAt
        machine.handle(.tick, state: &state, now: now)
        machine.handle(.stepSent(index: 0, at: now), state: &state, now: now)
        #expect(machine.handle(event, state: &state, now: now + 3600) == .stop(reason))
        #expect(state.status == .stopped(reason, at: now + 3600))
        #expect(machine.handle(.tick, state: &state, now: now + 60 * 86400) == SequenceAction.none)
    }

    @Test("an out-of-office reply pauses until the announced return day's window, then the step goes")
    func outOfOfficePauseAndResume() {
        var state = enrolled()
        let now = state.enrolledAt
        machine.handle(.tick, state: &state, now: now)
        machine.handle(.stepSent(index: 0, at: now), state: &state, now: now)
        let ooo = machine.handle(.outOfOffice(returnsOn: LocalDay(2026, 1, 24)), state: &state, now: now + 60)
        // 24 January 2026 is a Saturday: back on Monday 26 January, 09:00 Warsaw.
        let resume = instant("2026-01-26T09:00:00+01:00")
        #expect(ooo == .pause(until: resume, reason: .outOfOffice))
        #expect(machine.handle(.tick, state: &state, now: resume - 1) == .pause(until: resume, reason: .outOfOffice))
        let action = machine.handle(.tick, state: &state, now: resume + 20 * 60)
        guard case let .send(step, _, at) = action else { Issue.record("expected send, got \(action)"); return }
        #expect(step == 1)
        #expect(at >= resume && at <= resume + 600)
    }

    @Test("an out-of-office reply without a date pauses for the default week; an absurd date is capped")
    func outOfOfficeDefaults() {
        var state = enrolled()
        let now = instant("2026-01-12T10:00:00+01:00")
        #expect(machine.handle(.outOfOffice(returnsOn: nil), state: &state, now: now)
            == .pause(until: instant("2026-01-19T10:00:00+01:00"), reason: .outOfOffice))
        var other = enrolled()
        let capped = machine.handle(.outOfOffice(returnsOn: LocalDay(2027, 6, 1)), state: &other, now: now)
        #expect(capped == .pause(until: instant("2026-02-26T10:00:00+01:00"), reason: .outOfOffice))
    }

    @Test("a salesperson's pause holds until resumed by hand, then planning restarts from the resume time")
    func manualPauseResume() {
        var state = enrolled()
        let now = state.enrolledAt
        machine.handle(.tick, state: &state, now: now)
        machine.handle(.stepSent(index: 0, at: now), state: &state, now: now)
        #expect(machine.handle(.manualPause(until: nil), state: &state, now: now) == .pause(until: .distantFuture, reason: .salesperson))
        #expect(machine.handle(.tick, state: &state, now: now + 365 * 86400) == .pause(until: .distantFuture, reason: .salesperson))
        let resumeAt = instant("2026-02-03T11:00:00+01:00")
        let action = machine.handle(.manualResume, state: &state, now: resumeAt)
        // Step 2 was due long ago: it goes in the window right after the resume, jitter included.
        guard case let .wait(until) = action else { Issue.record("expected wait, got \(action)"); return }
        #expect(until >= resumeAt && until <= resumeAt + 600)
        #expect(machine.handle(.tick, state: &state, now: until) == .send(step: 1, template: "serious_buyer/2-follow-up", at: until))
    }

    @Test("with the sales team's calendar, a follow-up waits out Chinese New Year; the acknowledgement does not")
    func senderHolidays() {
        let shanghai = businessCalendar("CN", "Asia/Shanghai")
        let teamAware = SequenceStateMachine(definition: definition, calendar: warsaw, senderCalendar: shanghai)
        // Enrolled Friday 13 February 2026, 10:00 Warsaw; the Spring Festival runs 15-23 February.
        var state = SequenceState(sequence: "serious_buyer", enrolledAt: instant("2026-02-13T10:00:00+01:00"), jitterSeed: 7)
        let ack = teamAware.handle(.tick, state: &state, now: state.enrolledAt)
        #expect(ack == .send(step: 0, template: "serious_buyer/1-acknowledge", at: state.enrolledAt))
        let next = teamAware.handle(.stepSent(index: 0, at: state.enrolledAt), state: &state, now: state.enrolledAt)
        // Two Polish business days later is Tuesday 17 February (Shanghai closed); the team is back Tuesday 24th
        // (the 24th, 00:00 Shanghai, is 17:00 on the 23rd in Warsaw, after closing), so 09:00 Warsaw on the 24th.
        guard case let .wait(until) = next else { Issue.record("expected wait, got \(next)"); return }
        #expect(until >= instant("2026-02-24T09:00:00+01:00") && until <= instant("2026-02-24T09:10:00+01:00"))
        var plain = SequenceState(sequence: "serious_buyer", enrolledAt: instant("2026-02-13T10:00:00+01:00"), jitterSeed: 7)
        machine.handle(.tick, state: &plain, now: plain.enrolledAt)
        guard case let .wait(buyerOnly) = machine.handle(.stepSent(index: 0, at: plain.enrolledAt), state: &plain, now: plain.enrolledAt)
        else { Issue.record("expected wait"); return }
        #expect(buyerOnly >= instant("2026-02-17T10:00:00+01:00") && buyerOnly <= instant("2026-02-17T10:10:00+01:00"))
    }

    @Test("a Polish out-of-office reply pauses the sequence until the day it names, then it resumes")
    func polishOutOfOfficeEndToEnd() {
        var state = enrolled()
        let now = instant("2026-01-12T11:00:00+01:00")
        machine.handle(.tick, state: &state, now: state.enrolledAt)
        machine.handle(.stepSent(index: 0, at: state.enrolledAt), state: &state, now: state.enrolledAt)
        let reply = InboundReply(from: "jan@firma.pl", isOutOfOffice: true,
                                 text: "Dzień dobry, jestem na urlopie do 16 stycznia. W pilnych sprawach proszę dzwonić.")
        guard let event = ReplyClassifier.event(for: reply, buyerAddress: "jan@firma.pl", ownAddresses: [],
                                                today: warsaw.localDay(of: now)) else { Issue.record("no event"); return }
        #expect(event == .outOfOffice(returnsOn: LocalDay(2026, 1, 17)))
        // Back Saturday 17 January -> Monday 19 January, 09:00 Warsaw.
        let resume = instant("2026-01-19T09:00:00+01:00")
        #expect(machine.handle(event, state: &state, now: now) == .pause(until: resume, reason: .outOfOffice))
        guard case let .wait(until) = machine.handle(.tick, state: &state, now: resume) else { Issue.record("not resumed"); return }
        #expect(until >= resume && until <= resume + 600)
    }

    @Test("a step whose condition fails is skipped, not delayed")
    func conditionSkips() {
        let conditional = SequenceDefinition(name: "info", kind: .infoGatherer, steps: [
            SequenceStep(template: "a", delay: .immediately),
            SequenceStep(template: "ask-products", delay: .hours(1), condition: .productsUnknown),
            SequenceStep(template: "nurture", delay: .hours(1)),
        ], window: SendWindow(maxJitterSeconds: 0))
        let withProducts = SequenceStateMachine(definition: conditional, calendar: warsaw, facts: LeadFacts(hasProducts: true))
        var state = SequenceState(sequence: "info", enrolledAt: instant("2026-01-13T10:00:00+01:00"), jitterSeed: 1)
        withProducts.handle(.tick, state: &state, now: state.enrolledAt)
        let next = withProducts.handle(.stepSent(index: 0, at: state.enrolledAt), state: &state, now: state.enrolledAt)
        #expect(next == .wait(until: instant("2026-01-13T11:00:00+01:00")))
        #expect(state.nextStep == 2)
    }
}

@Suite struct EnrollmentTests {
    let now = instant("2026-03-02T10:00:00Z")

    func state(_ status: SequenceState.Status) -> SequenceState {
        var state = SequenceState(sequence: "serious_buyer", enrolledAt: now - 90 * 86400, jitterSeed: 1)
        state.status = status
        return state
    }

    @Test("a new lead is enrolled; a lead already in a sequence is refused")
    func atMostOneSequence() {
        guard case .enroll = Enrollment.decide(previous: nil, sequence: "s", origin: .newInquiry, now: now, jitterSeed: 1) else {
            Issue.record("new lead refused"); return
        }
        let decision = Enrollment.decide(previous: state(.active), sequence: "s", origin: .salesperson, now: now, jitterSeed: 1)
        #expect(decision == .refuse("the lead is already in sequence serious_buyer; stop it before enrolling it again"))
    }

    @Test("unsubscribed or bounced leads are never re-enrolled, not even by hand")
    func neverAfterUnsubscribe() {
        for reason in [StopReason.unsubscribed, .permanentBounce] {
            let decision = Enrollment.decide(previous: state(.stopped(reason, at: now - 400 * 86400)), sequence: "s",
                                             origin: .salesperson, now: now, jitterSeed: 1)
            guard case let .refuse(message) = decision else { Issue.record("re-enrolled after \(reason)"); continue }
            #expect(message.contains("never re-enrolled"))
        }
    }

    @Test("a new inquiry re-enrols only after the cool-down; a salesperson may re-enrol at once")
    func coolDown() {
        let recent = state(.completed(at: now - 10 * 86400))
        guard case .refuse = Enrollment.decide(previous: recent, sequence: "s", origin: .newInquiry, now: now, jitterSeed: 1) else {
            Issue.record("re-enrolled inside the cool-down"); return
        }
        guard case .enroll = Enrollment.decide(previous: recent, sequence: "s", origin: .salesperson, now: now, jitterSeed: 1),
              case .enroll = Enrollment.decide(previous: state(.stopped(.buyerReplied, at: now - 31 * 86400)), sequence: "s",
                                               origin: .newInquiry, now: now, jitterSeed: 1)
        else { Issue.record("refused a permitted re-enrolment"); return }
    }
}

@Suite struct ReplyClassifierTests {
    let today = LocalDay(2025, 11, 20)
    let own: Set<String> = ["sales@exporter.com"]

    @Test("a colleague at the buyer's company domain stops the sequence, but not at a free-mail domain")
    func colleagueRule() {
        #expect(ReplyClassifier.event(for: InboundReply(from: "Jan.Nowak@Firma.pl"), buyerAddress: "anna@firma.pl",
                                      ownAddresses: own, today: today) == .colleagueReplied)
        for domain in ["gmail.com", "yahoo.com", "outlook.com", "qq.com", "163.com", "mail.ru"] {
            #expect(ReplyClassifier.event(for: InboundReply(from: "someone@\(domain)"), buyerAddress: "buyer@\(domain)",
                                          ownAddresses: own, today: today) == nil, "\(domain)")
        }
    }

    @Test("the buyer's reply, an unsubscribe, a bounce, our own manual reply and an out-of-office map to their events")
    func eventMapping() {
        func event(_ reply: InboundReply) -> SequenceEvent? {
            ReplyClassifier.event(for: reply, buyerAddress: "buyer@acme.ng", ownAddresses: own, today: today)
        }
        #expect(event(InboundReply(from: "BUYER@acme.ng", isThreaded: false)) == .buyerReplied(threaded: false))
        #expect(event(InboundReply(from: "buyer@acme.ng", isUnsubscribeRequest: true)) == .unsubscribed)
        #expect(event(InboundReply(from: "mailer-daemon@mx.acme.ng", isPermanentBounce: true)) == .permanentBounce)
        #expect(event(InboundReply(from: "sales@exporter.com")) == .salespersonReplied)
        #expect(event(InboundReply(from: "buyer@acme.ng", isOutOfOffice: true, text: "I will be back on 3 December."))
            == .outOfOffice(returnsOn: LocalDay(2025, 12, 3)))
        #expect(event(InboundReply(from: "other@acme.ng", isOutOfOffice: true, text: "Away")) == nil)
        #expect(event(InboundReply(from: "stranger@elsewhere.com")) == nil)
    }
}
