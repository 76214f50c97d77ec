import Foundation
import LeadlineApp
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display for long first syncs on a terminal: count, rate and time left, redrawn in place at
/// most five times a second. Off the terminal it draws nothing (the summary lines and logs say what happened).
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
        guard now.timeIntervalSince(lastDraw) >= 0.2 || summary.stored == summary.listed else { return }
        lastDraw = now
        let done = summary.stored
        let elapsed = max(now.timeIntervalSince(started!), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(summary.listed - done) / rate : 0
        let line = String(format: "%@: %d/%d messages, %.0f/s, %@ left", summary.mailbox, done, summary.listed, rate,
                          Self.duration(left))
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        drawn = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
        started = nil
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
