import Foundation
import LeadlineStore

/// Stores a tick's batches one after the other on its own thread, so the next batch is read and its messages
/// written meanwhile. At most one batch waits to be stored: ``submit(_:)`` blocks until the previous one is done.
/// The first error stops the writing and is thrown by the next ``submit(_:)`` or by ``finish()``.
final class TickWriter: @unchecked Sendable {
    private let database: LeadlineDatabase
    private let now: Date
    private let queue = DispatchQueue(label: "leadline.tick.writer")
    private let slot = DispatchSemaphore(value: 1)
    private let lock = NSLock()
    private var results: [(TickWrite, TickWriteOutcome)] = []
    private var failure: (any Error)?

    init(database: LeadlineDatabase, now: Date) {
        self.database = database
        self.now = now
    }

    /// Hands a batch over to be stored in one transaction.
    /// - Throws: the error of an earlier batch (nothing more is written then).
    func submit(_ writes: [PreparedTickWrite]) throws {
        slot.wait()
        if let failure = lock.withLock({ failure }) {
            slot.signal()
            throw failure
        }
        queue.async { [self] in
            defer { slot.signal() }
            do {
                let outcomes = try database.writeTick(writes, now: now)
                lock.withLock { results += zip(writes.map(\.write), outcomes) }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for the last batch; returns every write with its outcome, in order.
    func finish() throws -> [(TickWrite, TickWriteOutcome)] {
        waitUntilIdle()
        return try lock.withLock {
            if let failure { throw failure }
            return results
        }
    }

    /// Returns when no batch is being stored.
    func waitUntilIdle() {
        slot.wait()
        slot.signal()
    }
}
