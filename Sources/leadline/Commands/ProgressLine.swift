import Foundation
import LeadlineApp
#if canImport(Glibc)
import Glibc
#endif

/// Progress of long syncs: on a terminal one line with count, rate and time left, redrawn in place at most five times
/// a second; off a terminal (a service log, a pipe) a plain line every 10 seconds, and only for passes of more than
/// 100 messages, so short passes log nothing but their summary.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Date?
    private var lastDraw = Date.distantPast
    private var drawn = false
    /// True when standard error is a terminal.
    let isTerminal = isatty(2) == 1

    func show(_ summary: IngestSummary) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if started == nil { started = now }
        if !isTerminal {
            let since = lastDraw == .distantPast ? started! : lastDraw
            guard summary.listed > 100, now.timeIntervalSince(since) >= 10, summary.stored < summary.listed else { return }
        } else {
            guard now.timeIntervalSince(lastDraw) >= 0.2 || summary.stored == summary.listed else { return }
        }
        lastDraw = now
        let done = summary.stored
        let elapsed = max(now.timeIntervalSince(started!), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(summary.listed - done) / rate : 0
        let line = "\(summary.mailbox): \(done)/\(summary.listed) messages, \(Int(rate.rounded()))/s, "
            + "\(Self.duration(left)) left"
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            drawn = true
        } else {
            FileHandle.standardError.write(Data("leadline: \(line)\n".utf8))
        }
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
        started = nil
        lastDraw = .distantPast
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
