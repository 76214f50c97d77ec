import LeadlineTransport

/// The hand-over between the task that fetches and the task that reads and records: first in, first out, bounded by
/// the bytes it holds (a message larger than the budget still passes, alone), so a fast server cannot fill memory.
///
/// The producer `push`es and then `finish`es or `fail`s; the consumer takes batches with `next(max:)` until nil (or
/// the producer's error, after everything pushed before it), and `close`s the queue if it stops early, which makes
/// a waiting or later `push` throw `CancellationError`.
actor MessageQueue {
    private let byteBudget: Int
    private var items: [SourceMessage] = []
    private var bytes = 0
    private var finished = false
    private var failure: (any Error)?
    private var closed = false
    private var waitingConsumer: CheckedContinuation<Void, Never>?
    private var waitingProducer: CheckedContinuation<Void, Never>?

    init(byteBudget: Int) {
        self.byteBudget = byteBudget
    }

    /// Adds a message, waiting while the queue holds its budget.
    /// - Throws: `CancellationError` when the consumer has closed the queue.
    func push(_ message: SourceMessage) async throws {
        while !closed, !items.isEmpty, bytes + message.bytes.count > byteBudget {
            await withCheckedContinuation { waitingProducer = $0 }
        }
        if closed { throw CancellationError() }
        items.append(message)
        bytes += message.bytes.count
        wakeConsumer()
    }

    /// Up to `max` messages in order, waiting for the first; nil when the producer has finished and all were taken.
    /// - Throws: the producer's error once the messages pushed before it were taken.
    func next(max: Int) async throws -> [SourceMessage]? {
        while items.isEmpty, !finished, failure == nil {
            await withCheckedContinuation { waitingConsumer = $0 }
        }
        if !items.isEmpty {
            let batch = Array(items.prefix(max))
            items.removeFirst(batch.count)
            bytes -= batch.reduce(0) { $0 + $1.bytes.count }
            wakeProducer()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The producer has pushed everything.
    func finish() {
        finished = true
        wakeConsumer()
    }

    /// The producer stopped with `error`.
    func fail(_ error: any Error) {
        failure = error
        wakeConsumer()
    }

    /// The consumer stops taking messages.
    func close() {
        closed = true
        items.removeAll()
        wakeProducer()
    }

    private func wakeConsumer() {
        waitingConsumer?.resume()
        waitingConsumer = nil
    }

    private func wakeProducer() {
        waitingProducer?.resume()
        waitingProducer = nil
    }
}
