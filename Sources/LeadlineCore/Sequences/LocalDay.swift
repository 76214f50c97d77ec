public import Foundation
import LeadlineMIME

/// A calendar day in some local time zone (no time, no zone): the unit of weekends and public holidays.
public struct LocalDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The local day that `date` falls on in `calendar`'s time zone.
    public init(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(parts.year!, parts.month!, parts.day!)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    public var dayNumber: Int { CivilCalendar.daysFromCivil(year: year, month: month, day: day) }

    /// The day `dayNumber` days after 1970-01-01 (`civil_from_days`).
    public init(dayNumber: Int) {
        let civil = CivilCalendar.civilFromDays(dayNumber)
        self.init(civil.year, civil.month, civil.day)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> LocalDay { LocalDay(dayNumber: dayNumber + count) }

    /// Day of the week as Foundation numbers it: 1 = Sunday ... 7 = Saturday.
    public var weekday: Int { ((dayNumber % 7 + 7 + 4) % 7) + 1 }

    /// The number of days in this day's month.
    public var daysInMonth: Int {
        LocalDay(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1).adding(days: -1).day
    }

    /// True when the fields name a real day (no 31 April, no 29 February in a common year).
    public var isValid: Bool {
        (1 ... 12).contains(month) && day >= 1 && LocalDay(dayNumber: dayNumber) == self
    }

    /// The instant at `hour:minute` of this day in `calendar`'s zone. A wall time skipped by a DST change moves
    /// forward, as Foundation does.
    public func date(hour: Int, minute: Int, in calendar: Calendar) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    public static func < (lhs: LocalDay, rhs: LocalDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
