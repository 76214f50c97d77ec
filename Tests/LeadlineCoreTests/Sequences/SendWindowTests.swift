import Foundation
import Testing
@testable import LeadlineCore

@Suite struct SendWindowTests {
    let noJitter = SendWindow(maxJitterSeconds: 0)

    @Test("a time inside the buyer's window is kept as is")
    func insideWindow() {
        let lagos = businessCalendar("NG", "Africa/Lagos")
        let at = instant("2026-01-13T10:30:00+01:00")
        #expect(noJitter.nextOpening(notBefore: at, in: lagos) == at)
        #expect(noJitter.contains(at, in: lagos))
    }

    @Test("after closing time the message waits for the next business morning in the buyer's zone")
    func afterClosing() {
        let lagos = businessCalendar("NG", "Africa/Lagos")
        let at = noJitter.nextOpening(notBefore: instant("2026-01-13T17:00:00+01:00"), in: lagos)
        #expect(at == instant("2026-01-14T09:00:00+01:00"))
        // Same instant, a buyer in Jakarta (UTC+7): it is already 23:00 there, so 09:00 the next day Jakarta time.
        let jakarta = businessCalendar("ID", "Asia/Jakarta")
        #expect(noJitter.nextOpening(notBefore: instant("2026-01-13T17:00:00+01:00"), in: jakarta) == instant("2026-01-14T09:00:00+07:00"))
    }

    @Test("Thursday evening in Riyadh waits until Sunday morning")
    func gulfWindow() {
        let riyadh = businessCalendar("SA", "Asia/Riyadh")
        let at = noJitter.nextOpening(notBefore: instant("2026-01-08T18:00:00+03:00"), in: riyadh)
        #expect(wallTime(at, riyadh) == "2026-01-11 09:00 Sun")
    }

    @Test("Friday evening in Warsaw before the spring DST change opens Monday 09:00 summer time")
    func warsawSpringForward() {
        let warsaw = businessCalendar("PL", "Europe/Warsaw")
        let at = noJitter.nextOpening(notBefore: instant("2026-03-27T18:00:00+01:00"), in: warsaw)
        #expect(at == instant("2026-03-30T07:00:00Z"))
        #expect(wallTime(at, warsaw) == "2026-03-30 09:00 Mon")
    }

    @Test("Friday evening in Berlin before the autumn DST change opens Monday 09:00 winter time")
    func berlinFallBack() {
        let berlin = businessCalendar("DE", "Europe/Berlin")
        let at = noJitter.nextOpening(notBefore: instant("2026-10-23T18:00:00+02:00"), in: berlin)
        #expect(at == instant("2026-10-26T08:00:00Z"))
    }

    @Test("New York's window moves with US daylight saving time, three weeks before Europe's")
    func newYorkSpringForward() {
        let newYork = businessCalendar("US", "America/New_York")
        let at = noJitter.nextOpening(notBefore: instant("2026-03-06T17:30:00-05:00"), in: newYork)
        #expect(at == instant("2026-03-09T13:00:00Z"))
    }

    @Test("jitter stays within its bounds, is reproducible per seed and differs across seeds")
    func jitterBounds() {
        let window = SendWindow(maxJitterSeconds: 900)
        let warsaw = businessCalendar("PL", "Europe/Warsaw")
        let opening = instant("2026-01-13T09:00:00+01:00")
        var seen = Set<Date>()
        for seed in UInt64(0) ..< 500 {
            var random = SplitMix64(seed: seed)
            let at = window.nextSendTime(notBefore: instant("2026-01-13T06:00:00+01:00"), in: warsaw, random: &random)
            #expect(at >= opening && at <= opening + 900)
            seen.insert(at)
            var again = SplitMix64(seed: seed)
            #expect(window.nextSendTime(notBefore: instant("2026-01-13T06:00:00+01:00"), in: warsaw, random: &again) == at)
        }
        #expect(seen.count > 100)
    }

    @Test("jitter never pushes a send past closing time")
    func jitterBeforeClosing() {
        let window = SendWindow(maxJitterSeconds: 3600)
        let warsaw = businessCalendar("PL", "Europe/Warsaw")
        let close = instant("2026-01-13T17:00:00+01:00")
        for seed in UInt64(0) ..< 200 {
            var random = SplitMix64(seed: seed)
            let at = window.nextSendTime(notBefore: close - 60, in: warsaw, random: &random)
            #expect(at >= close - 60 && at < close)
        }
    }

    @Test("window times parse from HH:MM and reject nonsense")
    func parsing() {
        #expect(SendWindow(start: "08:30", end: "18:00")?.startMinute == 510)
        #expect(SendWindow(start: "18:00", end: "08:00") == nil)
        #expect(SendWindow(start: "9", end: "17:00") == nil)
    }
}
