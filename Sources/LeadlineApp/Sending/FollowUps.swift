import Foundation
import LeadlineStore

/// The sending half of a worker pass: after ingest, answer new inquiries and apply replies (``Sequencer``), queue
/// follow-ups that came due, then deliver what is due (``Sender``). Time comes from `now`, injected for tests.
public struct FollowUps: Sendable {
    public let sequencer: Sequencer
    public let sender: Sender
    public let now: @Sendable () -> Date

    public init(sequencer: Sequencer, sender: Sender, now: @escaping @Sendable () -> Date) {
        self.sequencer = sequencer
        self.sender = sender
        self.now = now
    }

    /// Builds both halves from the configuration's `replies:` section.
    public static func make(configuration: LeadlineConfiguration, kit: SequenceKit, database: LeadlineDatabase,
                            connections: MailConnections, now: @escaping @Sendable () -> Date) -> FollowUps {
        FollowUps(
            sequencer: Sequencer(database: database, configuration: configuration, kit: kit, logger: connections.logger),
            sender: Sender(database: database, configuration: configuration, connections: connections, kit: kit,
                           logger: connections.logger),
            now: now)
    }

    /// What one pass did.
    public struct Report: Sendable, Equatable {
        public var sequencing = SequencingReport()
        public var sending = SendingReport()
        public init() {}
    }

    /// One pass: inbound events, due steps, deliveries.
    public func run() async -> Report {
        var report = Report()
        do {
            report.sequencing = try sequencer.processInbound(now: now())
            report.sequencing.merge(try sequencer.tick(now: now()))
        } catch {
            report.sequencing.errors.append("\(error)")
        }
        report.sending = await sender.deliverDue(now: now)
        return report
    }
}

extension FollowUps.Report: CustomStringConvertible {
    /// One line, e.g. `replies: 11 acknowledgements written to var/outbox, 0 held`.
    public var description: String {
        let s = sequencing, d = sending
        if self == FollowUps.Report() { return "replies: nothing new to answer or send" }
        var parts: [String] = []
        parts.append("\(s.acknowledgementsQueued) acknowledgement\(s.acknowledgementsQueued == 1 ? "" : "s") queued")
        if s.followUpsQueued > 0 { parts.append("\(s.followUpsQueued) follow-ups queued") }
        if d.written > 0 || d.sent == 0 {
            let folder = d.folders.count == 1 ? Self.shortPath(d.folders[0]) : "the outbox folder"
            parts.append("\(d.written) written to \(folder)")
        }
        if d.sent > 0 { parts.append("\(d.sent) sent") }
        parts.append("\(d.held) held")
        if d.retrying > 0 { parts.append("\(d.retrying) to retry") }
        if d.failed > 0 { parts.append("\(d.failed) failed") }
        if d.deferred > 0 { parts.append("\(d.deferred) waiting for the send limits") }
        if d.cancelled > 0 { parts.append("\(d.cancelled) cancelled (sequence stopped)") }
        if !s.refused.isEmpty { parts.append("\(s.refused.count) inquiries not answered automatically") }
        if !s.stopped.isEmpty { parts.append("\(s.stopped.count) sequences stopped") }
        if !s.paused.isEmpty { parts.append("\(s.paused.count) paused") }
        return "replies: " + parts.joined(separator: ", ")
    }

    /// A path relative to the working directory when it lies inside it.
    static func shortPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
