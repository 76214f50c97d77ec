import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore

// The scheduler tick: every step due at a moment, read, worked out and stored in batches.
extension Sequencer {
    /// What ticking one enrolment calls for.
    enum StepOutcome {
        /// Queue this message, and save the enrolment with the step marked queued.
        case queue(OutboxDraft, Enrolment)
        /// Save the enrolment's new plan (nothing to send now).
        case save(Enrolment)
    }

    /// Ticks one enrolment through its state machine and, when a step is due, writes its message.
    /// - Returns: what to store, or nil when the sequence is unknown (reported in `report`).
    func step(_ enrolment: Enrolment, lead: LeadRecord, facts: InquiryFacts?, account: AccountConfiguration,
              now: Date, into report: inout SequencingReport) throws -> StepOutcome? {
        var enrolment = enrolment
        guard let machine = planner.machine(for: lead, sequence: enrolment.state.sequence, facts: facts) else {
            report.errors.append("lead #\(enrolment.leadID): no sequence named \(enrolment.state.sequence) in \(kit.replies.sequences)")
            return nil
        }
        let action = machine.handle(.tick, state: &enrolment.state, now: now)
        guard case let .send(step, template, _) = action else { return .save(enrolment) }
        let composer = ReplyComposer(kit: kit)
        let draft = try composer.compose(.init(
            account: account, lead: lead, enrolment: enrolment, step: step, template: template, facts: facts,
            now: now, unique: Self.messageIDUnique(leadID: enrolment.leadID, step: step, now: now)))
        machine.handle(.stepQueued(index: step), state: &enrolment.state, now: now)
        return .queue(draft, enrolment)
    }

    /// The left part of a step's Message-ID: `leadline.` and the moment in UTC (`20260113080500`), then the lead,
    /// the step and eight random hex digits. The moment first keeps the ids of one tick side by side in the outbox's
    /// unique index (a random id would put each in a different page of it, written again at every tick).
    public static func messageIDUnique(leadID: Int64, step: Int, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let civil = CivilCalendar.civilFromDays(secondOfDay < 0 ? days - 1 : days)
        let time = (secondOfDay + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamp = "\(civil.year)\(two(civil.month))\(two(civil.day))"
            + "\(two(time / 3600))\(two(time / 60 % 60))\(two(time % 60))"
        return "leadline.\(stamp).\(leadID).\(step).\(randomTag())"
    }

    /// Eight random hex digits for a Message-ID (`UUID()` would open /dev/urandom for each message).
    static func randomTag() -> String {
        let text = String(UInt32.random(in: 0 ... .max), radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }

    func count(queued step: Int, into report: inout SequencingReport) {
        if step == 0 { report.acknowledgementsQueued += 1 } else { report.followUpsQueued += 1 }
    }

    /// How many due enrolments one tick reads, works out and writes at a time (one read and one write transaction
    /// per batch).
    public static let tickBatch = 2000

    /// Queues every step due at `now` (and resumes pauses that ended), in batches of `batchSize` (see
    /// ``batches(count:size:)``): each batch's enrolments, leads and inquiry facts are read in one transaction, its
    /// messages written on every core, and its messages and new states stored in one write transaction, while the
    /// next batch is read and written; checkpoints wait until the tick is over
    /// (``LeadlineDatabase/deferringCheckpoints(_:)``). Every enrolment due when the tick starts is looked at once;
    /// one that fails (a template that cannot be written, a suppressed address) is reported and stays due, for the
    /// next tick.
    public func tick(now: Date, batchSize: Int = Sequencer.tickBatch) throws -> SequencingReport {
        try database.deferringCheckpoints { try tickBatches(now: now, batchSize: batchSize) }
    }

    private func tickBatches(now: Date, batchSize: Int) throws -> SequencingReport {
        var report = SequencingReport()
        let due = try database.dueEnrolmentIDs(now: now)
        let accounts = Dictionary(configuration.accounts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let writer = TickWriter(database: database, now: now)
        defer { writer.waitUntilIdle() }
        for range in Self.batches(count: due.count, size: batchSize) {
            let batch = try database.dueEnrolments(leadIDs: Array(due[range]), now: now)
            let (writes, errors) = steps(batch, accounts: accounts, now: now)
            report.errors += errors
            try writer.submit(writes)
        }
        for (write, outcome) in try writer.finish() {
            switch (write, outcome) {
            case let (.queue(draft, _, _), .written): count(queued: draft.stepIndex, into: &report)
            case let (.queue(_, enrolment, _), .refused(error)):
                report.errors.append("lead #\(enrolment.leadID): \(error)")
            case let (.queue(_, enrolment, _), .changed), let (.save(enrolment, _), .changed):
                logger.debug("sequences: enrolment changed during the tick; left for the next", metadata: [
                    "lead.id": "\(enrolment.leadID)",
                ])
            default: break
            }
        }
        return report
    }

    /// The ranges of `count` due enrolments a tick takes one after the other: `size` at a time, but a quarter of it
    /// first and last. The first batch is read and worked out before anything can be written, the last one written
    /// after everything else is done, each time with a core idle: small ends keep that short.
    static func batches(count: Int, size: Int) -> [Range<Int>] {
        let size = max(1, size)
        let end = max(1, size / 4)
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let left = count - start
            let take = if ranges.isEmpty || left <= end {
                min(end, left)
            } else if left <= size + end {
                left - end
            } else {
                size
            }
            ranges.append(start ..< start + take)
            start += take
        }
        return ranges
    }

    /// Works out a batch of due enrolments, split over the machine's cores (each lead's plan and message depend on
    /// that lead only). Returns the writes in the batch's order and the errors.
    func steps(_ batch: [DueEnrolment], accounts: [String: AccountConfiguration], now: Date)
        -> ([PreparedTickWrite], [String]) {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 50))
        var results = [(write: PreparedTickWrite?, errors: [String])](repeating: (nil, []), count: batch.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes its own indexes only, straight into place: no lock, no sorting, no copies.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: batch.count, by: workers) {
                    slots[index] = step(batch[index], accounts: accounts, now: now)
                }
            }
        }
        return (results.compactMap(\.write), results.flatMap(\.errors))
    }

    /// One due enrolment worked out, and its write prepared (the state encoded here, not on the writing thread).
    func step(_ item: DueEnrolment, accounts: [String: AccountConfiguration], now: Date)
        -> (write: PreparedTickWrite?, errors: [String]) {
        guard let account = accounts[item.enrolment.account] else { return (nil, []) }
        var report = SequencingReport()
        do {
            let facts = SequencePlanner.facts(item.inquiryFacts)
            switch try step(item.enrolment, lead: item.lead, facts: facts, account: account, now: now, into: &report) {
            case nil: return (nil, report.errors)
            case let .queue(draft, enrolment)?:
                return (TickWrite.queue(draft, enrolment, storedState: item.storedState).prepared(), report.errors)
            case let .save(enrolment)?:
                return (TickWrite.save(enrolment, storedState: item.storedState).prepared(), report.errors)
            }
        } catch {
            return (nil, report.errors + ["lead #\(item.enrolment.leadID): \(error)"])
        }
    }
}
