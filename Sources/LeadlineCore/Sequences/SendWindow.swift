public import Foundation

/// The buyer-local hours in which follow-ups may go out (default 09:00-17:00), with a small random delay so that
/// mail does not leave on the hour, second for second.
///
/// ```swift
/// var random = SplitMix64(seed: lead.jitterSeed)
/// let at = SendWindow().nextSendTime(notBefore: due, in: warsawCalendar, random: &random)
/// ```
public struct SendWindow: Sendable, Codable, Equatable {
    /// Opening time, minutes after local midnight (540 = 09:00).
    public var startMinute: Int
    /// Closing time, minutes after local midnight (1020 = 17:00); nothing is sent at or after it.
    public var endMinute: Int
    /// Largest random delay added to a send time, in seconds (default 15 minutes); 0 disables jitter.
    public var maxJitterSeconds: Int

    public init(startMinute: Int = 9 * 60, endMinute: Int = 17 * 60, maxJitterSeconds: Int = 15 * 60) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.maxJitterSeconds = maxJitterSeconds
    }

    /// Parses `"09:00"`-`"17:30"` style times; nil when either is not `HH:MM` or the window is empty.
    public init?(start: String, end: String, maxJitterSeconds: Int = 15 * 60) {
        guard let s = SendWindow.minutes(start), let e = SendWindow.minutes(end), s < e else { return nil }
        self.init(startMinute: s, endMinute: e, maxJitterSeconds: maxJitterSeconds)
    }

    /// Minutes after midnight for `"HH:MM"` (00:00-24:00), or nil.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0 ... 24).contains(h), (0 ..< 60).contains(m),
              h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    /// True when `date` is inside the window on a business day of `calendar`.
    public func contains(_ date: Date, in calendar: BusinessCalendar) -> Bool {
        let (day, second) = calendar.localTime(of: date)
        guard calendar.isBusinessDay(day) else { return false }
        return second >= startMinute * 60 && date < closing(of: day, in: calendar)
    }

    /// The earliest moment at or after `notBefore` inside the window, before jitter.
    /// - Parameters:
    ///   - calendar: the buyer's business calendar (window hours are the buyer's).
    ///   - sender: the sales team's calendar, if follow-ups should also wait while the team is off (Chinese New
    ///     Year, Golden Week): the chosen moment must fall on one of the team's business days too, in its zone.
    public func nextOpening(notBefore: Date, in calendar: BusinessCalendar, sender: BusinessCalendar? = nil) -> Date {
        var earliest = notBefore
        for _ in 0 ..< 60 {
            let candidate = buyerOpening(notBefore: earliest, in: calendar)
            guard let sender else { return candidate }
            let senderDay = sender.localDay(of: candidate)
            if sender.isBusinessDay(senderDay) { return candidate }
            earliest = sender.instant(sender.businessDay(onOrAfter: senderDay), second: 0)
        }
        return earliest
    }

    private func buyerOpening(notBefore: Date, in calendar: BusinessCalendar) -> Date {
        var day = calendar.localDay(of: notBefore)
        for _ in 0 ..< 60 {
            day = calendar.businessDay(onOrAfter: day)
            let open = opening(of: day, in: calendar)
            if notBefore < open { return open }
            if notBefore < closing(of: day, in: calendar) { return notBefore }
            day = day.adding(days: 1)
        }
        return notBefore
    }

    /// The send time for something due at `notBefore`: the next window opening (or `notBefore` itself when inside
    /// the window) plus a jitter in `0...maxJitterSeconds` drawn from `random`, kept before the window closes.
    public func nextSendTime(
        notBefore: Date, in calendar: BusinessCalendar, sender: BusinessCalendar? = nil,
        random: inout some RandomNumberGenerator
    ) -> Date {
        let opening = nextOpening(notBefore: notBefore, in: calendar, sender: sender)
        guard maxJitterSeconds > 0 else { return opening }
        let jitter = Double(Int.random(in: 0 ... maxJitterSeconds, using: &random))
        let close = closing(of: calendar.localDay(of: opening), in: calendar)
        let latest = close.addingTimeInterval(-1)
        return min(opening.addingTimeInterval(jitter), max(opening, latest))
    }

    /// The window's opening on `day`, in the buyer's zone.
    public func opening(of day: LocalDay, in calendar: BusinessCalendar) -> Date {
        calendar.instant(day, second: startMinute * 60)
    }

    /// The window's closing on `day`, in the buyer's zone.
    public func closing(of day: LocalDay, in calendar: BusinessCalendar) -> Date {
        endMinute >= 24 * 60 ? calendar.instant(day.adding(days: 1), second: 0) : calendar.instant(day, second: endMinute * 60)
    }
}

/// A small, fast, seedable random number generator (SplitMix64), so jitter is reproducible per lead and step.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
