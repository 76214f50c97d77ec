public import Foundation

/// Throttling rules for one sending account and one buyer, over counts the caller reads from the store (so they
/// hold across restarts).
public struct SendThrottle: Sendable, Equatable, Codable {
    /// At most this many messages per account per local day (default 100).
    public var dailyCap: Int
    /// At least this long between two messages from one account (default 30 s).
    public var minimumSpacing: TimeInterval
    /// At most `buyerCap` messages to one buyer within `buyerPeriod` (default 2 in 72 hours).
    public var buyerCap: Int
    public var buyerPeriod: TimeInterval

    public init(dailyCap: Int = 100, minimumSpacing: TimeInterval = 30, buyerCap: Int = 2, buyerPeriod: TimeInterval = 72 * 3600) {
        self.dailyCap = dailyCap
        self.minimumSpacing = minimumSpacing
        self.buyerCap = buyerCap
        self.buyerPeriod = buyerPeriod
    }

    /// The verdict for one message.
    public enum Decision: Sendable, Equatable {
        case sendNow
        /// Try again at `until`; `reason` is readable.
        case deferred(until: Date, reason: String)
    }

    /// Whether a message may go now.
    /// - Parameters:
    ///   - sentTodayByAccount: messages the account sent since `startOfAccountDay`.
    ///   - startOfAccountDay: the start of the account's current local day (see ``startOfDay(_:in:)``).
    ///   - lastAccountSend: the account's latest send time.
    ///   - recentSendsToBuyer: send times to this buyer (any within `buyerPeriod` count).
    public func decide(
        sentTodayByAccount: Int, startOfAccountDay: Date, lastAccountSend: Date?, recentSendsToBuyer: [Date], now: Date
    ) -> Decision {
        if sentTodayByAccount >= dailyCap {
            return .deferred(until: startOfAccountDay + 86400,
                             reason: "the account reached its daily cap of \(dailyCap) messages")
        }
        if let last = lastAccountSend, now.timeIntervalSince(last) < minimumSpacing {
            return .deferred(until: last + minimumSpacing,
                             reason: "the account waits \(Int(minimumSpacing)) s between messages")
        }
        let window = recentSendsToBuyer.filter { now.timeIntervalSince($0) < buyerPeriod && $0 <= now }.sorted()
        if window.count >= buyerCap {
            let release = window[window.count - buyerCap] + buyerPeriod
            return .deferred(until: release,
                             reason: "the buyer already got \(window.count) messages in the last \(Int(buyerPeriod / 3600)) hours")
        }
        return .sendNow
    }

    /// The start of the local day containing `date` in `timeZone` (for the daily cap).
    public static func startOfDay(_ date: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: date)
    }
}

/// Exponential retry delays for temporary failures (SMTP 4xx, network): `base`, `base*factor`, ... capped at
/// `cap`, giving up after `maxAttempts`.
public struct RetryBackoff: Sendable, Equatable, Codable {
    public var base: TimeInterval
    public var factor: Double
    public var cap: TimeInterval
    public var maxAttempts: Int

    /// Defaults: 1 min, 2 min, 4 min ... capped at 2 h, 10 attempts in all (about 9 hours of trying).
    public init(base: TimeInterval = 60, factor: Double = 2, cap: TimeInterval = 7200, maxAttempts: Int = 10) {
        self.base = base
        self.factor = factor
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The wait after failed attempt number `attempt` (1 = the first try failed), or nil when it is time to give up.
    /// `jitterFraction` (0...1) is scaled by up to ±10% to spread retries.
    public func delay(afterAttempt attempt: Int, jitterFraction: Double = 0.5) -> TimeInterval? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        let raw = min(cap, base * pow(factor, Double(attempt - 1)))
        let spread = 1 + (min(max(jitterFraction, 0), 1) - 0.5) * 0.2
        return min(cap, raw * spread)
    }
}
