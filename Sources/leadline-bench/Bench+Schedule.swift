import Foundation
import LeadlineCore

// leadline-bench schedule [--leads N] [--runs K]
// 1,000,000 enrolled leads held in memory as SequenceState values, spread over the three default sequences and 12
// buyer countries (each with its own time zone, weekend and holidays). Measured, each as the median of K runs:
//   plan: every lead's next step planned from scratch (business days, buyer window, DST, jitter), as after a restart;
//   tick: one scheduler tick over all planned leads: which steps are due now (the work behind enqueueing them).
// There is no external reference for this benchmark: the ratio is against the 1-second target for a tick.

func runSchedule(_ arguments: [String]) throws {
    var leads = 1_000_000
    var runs = 3
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--leads": leads = iterator.next().flatMap(Int.init) ?? leads
        case "--runs": runs = iterator.next().flatMap(Int.init) ?? runs
        default: throw BenchError("unknown argument \(argument); usage: leadline-bench schedule [--leads N] [--runs K]")
        }
    }
    let markets: [(String, String)] = [
        ("NG", "Africa/Lagos"), ("PL", "Europe/Warsaw"), ("BR", "America/Sao_Paulo"), ("MX", "America/Mexico_City"),
        ("IN", "Asia/Kolkata"), ("AE", "Asia/Dubai"), ("SA", "Asia/Riyadh"), ("TR", "Europe/Istanbul"),
        ("DE", "Europe/Berlin"), ("US", "America/New_York"), ("VN", "Asia/Ho_Chi_Minh"), ("ID", "Asia/Jakarta"),
    ]
    let window = SendWindow(maxJitterSeconds: 900)
    let definitions = [
        SequenceDefinition(name: "serious_buyer", kind: .seriousBuyer, steps: [
            .init(template: "serious_buyer/1-acknowledge", delay: .immediately),
            .init(template: "serious_buyer/2-follow-up", delay: .businessDays(2)),
            .init(template: "serious_buyer/3-last-call", delay: .businessDays(5)),
        ], window: window),
        SequenceDefinition(name: "price_comparer", kind: .priceComparer, steps: [
            .init(template: "price_comparer/1-acknowledge", delay: .immediately),
            .init(template: "price_comparer/2-follow-up", delay: .businessDays(3)),
            .init(template: "price_comparer/3-last-call", delay: .businessDays(5)),
        ], window: window),
        SequenceDefinition(name: "info_gatherer", kind: .infoGatherer, steps: [
            .init(template: "info_gatherer/1-acknowledge", delay: .immediately),
            .init(template: "info_gatherer/2-nurture", delay: .businessDays(5)),
            .init(template: "info_gatherer/3-check-in", delay: .hours(240)),
        ], window: window),
    ]
    var calendars: [BusinessCalendar] = []
    for (country, zone) in markets {
        guard let timeZone = TimeZone(identifier: zone) else { throw BenchError("time zone \(zone) missing on this machine") }
        calendars.append(BusinessCalendar(country: country, timeZone: timeZone))
    }
    let machines = definitions.flatMap { definition in
        calendars.map { SequenceStateMachine(definition: definition, calendar: $0) }
    }
    // Tuesday 13 January 2026, 10:00 UTC: a working morning in Europe and Africa, afternoon in Asia, night in America.
    let now = Date(timeIntervalSince1970: 1_768_298_400)
    let baseline = currentMemoryMiB()
    var random = SplitMix64(seed: 2026)
    var states: [SequenceState] = []
    var machineIndex: [UInt16] = []
    states.reserveCapacity(leads)
    machineIndex.reserveCapacity(leads)
    for lead in 0 ..< leads {
        let index = Int(random.next() % UInt64(machines.count))
        let enrolled = now - Double(random.next() % (20 * 86400))
        var state = SequenceState(sequence: machines[index].definition.name, enrolledAt: enrolled, jitterSeed: UInt64(lead))
        // Most leads already got their acknowledgement; a third also their first follow-up.
        let sent = Int(random.next() % 3)
        if sent > 0 {
            state.nextStep = sent
            state.lastSentAt = enrolled + Double(sent - 1) * 3 * 86400
        }
        states.append(state)
        machineIndex.append(UInt16(index))
    }
    let stateMiB = currentMemoryMiB() - baseline

    var planTimes: [Double] = []
    var tickTimes: [Double] = []
    var due = 0
    var dueNow: [Int32] = []
    dueNow.reserveCapacity(leads)
    for _ in 0 ..< runs {
        // Forget the plans (not timed), in place: a copy of 1M states would double the memory.
        for i in states.indices { states[i].nextDueAt = nil; states[i].queuedStep = nil }
        planTimes.append(measureSeconds {
            for i in states.indices {
                _ = machines[Int(machineIndex[i])].handle(.tick, state: &states[i], now: .distantPast)
            }
        })
        dueNow.removeAll(keepingCapacity: true)
        tickTimes.append(measureSeconds {
            for i in states.indices {
                if case .send = machines[Int(machineIndex[i])].handle(.tick, state: &states[i], now: now) {
                    dueNow.append(Int32(i))
                }
            }
        })
        due = dueNow.count
    }
    let waiting = leads - due
    let tick = median(tickTimes)
    let plan = median(planTimes)
    print("leads: \(leads) in memory (\(fmt(stateMiB, 1)) MiB of state, \(MemoryLayout<SequenceState>.stride) B each), \(machines.count) sequence x market machines")
    print("plan (every lead's next step from scratch): median \(fmt(plan, 3)) s over \(runs) runs, \(fmt(Double(leads) / plan / 1e6, 2)) M leads/s")
    print("tick (which steps are due now): median \(fmt(tick, 3)) s over \(runs) runs; \(due) due, \(waiting) waiting")
    print("peak memory: \(fmt(peakMemoryMiB(), 1)) MiB (target 200 MiB)")
    print("schedule: \(leads) leads, tick \(fmt(tick, 3)) s, plan \(fmt(plan, 3)) s, peak \(fmt(peakMemoryMiB(), 1)) MiB; time ratio \(fmt(tick / 1.0, 3)) vs 1s-target")
}
