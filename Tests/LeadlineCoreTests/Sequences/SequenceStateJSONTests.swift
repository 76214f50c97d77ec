import Foundation
import LeadlineCore
import Testing

@Suite("A sequence state's JSON is the one Codable writes: states stored before read the same, and the other way round")
struct SequenceStateJSONTests {
    static let enrolled = Date(timeIntervalSinceReferenceDate: 789_924_765.814)

    static var states: [SequenceState] {
        var fresh = SequenceState(sequence: "serious_buyer", enrolledAt: enrolled, jitterSeed: 11_400_714_819_323_175_672)
        var planned = fresh
        planned.nextStep = 1
        planned.lastSentAt = enrolled
        planned.nextDueAt = Date(timeIntervalSinceReferenceDate: 790_150_090)
        var queued = planned
        queued.queuedStep = 1
        queued.notBefore = Date(timeIntervalSinceReferenceDate: 790_000_000.125)
        var paused = planned
        paused.status = .paused(until: Date(timeIntervalSinceReferenceDate: 790_500_000), reason: .outOfOffice)
        var byHand = planned
        byHand.status = .paused(until: .distantFuture, reason: .salesperson)
        var stopped = planned
        stopped.status = .stopped(.permanentBounce, at: Date(timeIntervalSinceReferenceDate: 790_200_000.5))
        var done = planned
        done.status = .completed(at: Date(timeIntervalSinceReferenceDate: 791_000_000))
        fresh.jitterSeed = 0
        var quoted = planned
        quoted.sequence = "price \"comparer\"/2"
        return [fresh, planned, queued, paused, byHand, stopped, done, quoted]
    }

    @Test("every status written directly reads back through JSONDecoder as the same state")
    func writtenReadsWithDecoder() throws {
        for state in Self.states {
            #expect(try JSONDecoder().decode(SequenceState.self, from: Data(state.jsonText.utf8)) == state, "\(state.jsonText)")
        }
    }

    @Test("every status written by JSONEncoder reads back directly as the same state")
    func encoderTextReadsDirectly() throws {
        for state in Self.states {
            let text = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
            #expect(try SequenceState(jsonText: text) == state, "\(text)")
            #expect(try SequenceState(jsonText: state.jsonText) == state)
        }
    }

    @Test("a state stored by an earlier version, word for word, still reads")
    func storedText() throws {
        let text = #"{"jitterSeed":11400714819323175672,"sequence":"serious_buyer","lastSentAt":789924765.814,"status":{"active":{}},"nextStep":1,"enrolledAt":789924765.814,"nextDueAt":790150090}"#
        let state = try SequenceState(jsonText: text)
        #expect(state.jitterSeed == 11_400_714_819_323_175_672)
        #expect(state.nextDueAt == Date(timeIntervalSinceReferenceDate: 790_150_090))
        #expect(state.status == .active)
    }

    @Test("a damaged state is refused with what is wrong", arguments: [
        (#"{"sequence":"s","enrolledAt":1,"status":{"active":{}},"nextStep":0}"#, "no jitterSeed"),
        (#"{"sequence":"s","enrolledAt":1,"jitterSeed":1,"nextStep":0,"status":{"asleep":{}}}"#, "unknown status asleep"),
        (#"{"sequence":"s","enrolledAt":1,"jitterSeed":1,"nextStep":0,"status":{"stopped":{"_0":"bored","at":1}}}"#, "no known reason"),
        (#"{"sequence":"s","enrolledAt":"yesterday","jitterSeed":1,"nextStep":0,"status":{"active":{}}}"#, "enrolledAt is not a number"),
        (#"{"sequence":"s""#, "not JSON at byte"),
    ])
    func damaged(text: String, reason: String) {
        do {
            _ = try SequenceState(jsonText: text)
            Issue.record("\(text) was read")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }
}
