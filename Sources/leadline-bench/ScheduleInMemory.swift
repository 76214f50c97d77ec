import Foundation
import LeadlineCore

// The secondary figure of `leadline-bench schedule`: the pure planner alone, over 1,000,000 SequenceState values held
// in memory, spread over the three default sequences and 12 buyer countries. Measured, each as the median of K runs:
//   plan: every lead's next step planned from scratch (business days, buyer window, DST, jitter), as after a restart;
//   tick: which steps are due now (the planner's share of a tick, without the store, rendering or the outbox).

func runScheduleInMemory(leads: Int, runs: Int, now: Date) throws -> (tick: Double, plan: Double, due: Int) {
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
    return (median(tickTimes), median(planTimes), due)
}
