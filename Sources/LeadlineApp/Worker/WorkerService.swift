import Foundation
import Logging
public import ServiceLifecycle

/// The long-running worker: a pass over every mailbox, then a wait of the configured poll interval, until the
/// process is asked to stop (SIGTERM or SIGINT through the `ServiceGroup`). A pass that is under way when the stop
/// arrives finishes the message it is recording (each message is one transaction) and ends.
public struct WorkerService: Service {
    let worker: Worker
    let interval: Duration
    let report: @Sendable (Worker.PassReport) -> Void

    /// - Parameters:
    ///   - worker: does one pass.
    ///   - interval: the wait between two passes.
    ///   - report: called after each pass (prints the summary).
    public init(worker: Worker, interval: Duration, report: @escaping @Sendable (Worker.PassReport) -> Void) {
        self.worker = worker
        self.interval = interval
        self.report = report
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let pass = await cancelWhenGracefulShutdown { await worker.runOnce() }
            report(pass)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
