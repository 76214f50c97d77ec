#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where outgoing mail goes: an SMTP server (`SMTPClient`) or, without one, a folder (`FileOutbox`).
public protocol MailSink: Sendable {
    /// Delivers one message (to the server, or into the folder).
    /// - Returns: accepted and refused recipients.
    /// - Throws: `TransportError`; `isTemporary` says whether to retry later.
    func deliver(_ mail: OutgoingMail) async throws -> SMTPDelivery
}

extension SMTPClient: MailSink {
    public func deliver(_ mail: OutgoingMail) async throws -> SMTPDelivery {
        try await send(mail)
    }
}

/// An outbox folder: each outgoing message is written as one `.eml` file with its exact bytes, for running without
/// an SMTP server (demo, review before sending). Writes are atomic: a reader sees a whole file or none.
///
/// File names are `<UTC time>-<random>.eml` (`20261123-101502-8f3a9c1d.eml`), so they sort by time and never collide.
public struct FileOutbox: MailSink {
    /// The folder; created on first write when missing.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Writes `mail.data` as a new `.eml` file.
    /// - Returns: the file's path.
    @discardableResult
    public func write(_ mail: OutgoingMail) throws -> String {
        try LocalFiles.makeDirectories(directory)
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let stamp = String(
            format4: Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
            Int(parts.tm_min), Int(parts.tm_sec))
        let random = String(UInt32.random(in: 0 ... .max), radix: 16)
        return try LocalFiles.writeAtomically(mail.data, directory: directory, name: "\(stamp)-\(random).eml")
    }

    public func deliver(_ mail: OutgoingMail) async throws -> SMTPDelivery {
        try write(mail)
        return SMTPDelivery(accepted: mail.recipients, refused: [])
    }
}

extension String {
    /// `YYYYMMDD-HHMMSS` from date and time parts.
    fileprivate init(format4 year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        self = "\(year)\(two(month))\(two(day))-\(two(hour))\(two(minute))\(two(second))"
    }
}
