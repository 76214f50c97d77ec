public import Foundation

/// The working days of one buyer's office: the country's weekend and public holidays, in the buyer's time zone.
///
/// Built once per country and reused (holidays are computed up front for `years`; a day outside them is computed
/// on demand). A value type over immutable shared tables: cheap and safe to copy into every scheduling task.
///
/// ```swift
/// let lagos = BusinessCalendar(country: "NG", timeZone: TimeZone(identifier: "Africa/Lagos")!)
/// lagos.isBusinessDay(LocalDay(2025, 10, 1))   // false: Independence Day
/// ```
public struct BusinessCalendar: Sendable {
    /// The immutable tables, shared by every copy (one reference to retain: the scheduler copies calendars a lot).
    private final class Storage: Sendable {
        let country: String
        let timeZone: TimeZone
        let calendar: Calendar
        let weekend: Set<Int>
        let holidayNames: [LocalDay: String]
        let makeUpWorkdays: Set<LocalDay>
        let precomputedYears: ClosedRange<Int>
        /// Day number of 1 January of the first precomputed year.
        let firstDayNumber: Int
        /// Whether the office is open, per day of the precomputed years (index: day number - `firstDayNumber`): an
        /// array read instead of hashing a date, since the scheduler asks this for every lead.
        let openDays: [Bool]

        init(country: String, timeZone: TimeZone, years: ClosedRange<Int>) {
            self.country = country.uppercased()
            self.timeZone = timeZone
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            self.calendar = calendar
            let weekend = HolidayCalendar.weekend(country: country)
            let makeUp = HolidayCalendar.makeUpWorkdays(country: country)
            self.weekend = weekend
            self.makeUpWorkdays = makeUp
            self.precomputedYears = years
            var names: [LocalDay: String] = [:]
            for year in years {
                for holiday in HolidayCalendar.holidays(country: country, year: year) where names[holiday.day] == nil {
                    names[holiday.day] = holiday.name
                }
            }
            self.holidayNames = names
            let first = LocalDay(years.lowerBound, 1, 1).dayNumber
            self.firstDayNumber = first
            self.openDays = (first ... LocalDay(years.upperBound, 12, 31).dayNumber).map { number in
                let day = LocalDay(dayNumber: number)
                return names[day] == nil && (!weekend.contains(day.weekday) || makeUp.contains(day))
            }
        }
    }

    private let storage: Storage

    /// Upper-case ISO country code whose weekend and holidays apply.
    public var country: String { storage.country }
    /// The buyer's time zone.
    public var timeZone: TimeZone { storage.timeZone }
    /// A Gregorian calendar in `timeZone`.
    public var calendar: Calendar { storage.calendar }
    /// Weekend days, 1 = Sunday ... 7 = Saturday.
    public var weekend: Set<Int> { storage.weekend }

    /// - Parameters:
    ///   - country: ISO 3166-1 alpha-2 code; an unknown code gives a Saturday-Sunday weekend and no holidays.
    ///   - timeZone: the buyer's zone (see ``BuyerTimeZone``).
    ///   - years: years whose holidays are computed up front.
    public init(country: String, timeZone: TimeZone, years: ClosedRange<Int> = 2024 ... 2030) {
        storage = Storage(country: country, timeZone: timeZone, years: years)
    }

    /// The public holiday on `day`, if any.
    public func holiday(on day: LocalDay) -> String? {
        if storage.precomputedYears.contains(day.year) { return storage.holidayNames[day] }
        return HolidayCalendar.holidays(country: country, year: day.year).first { $0.day == day }?.name
    }

    /// True when the office is open on `day`: not a weekend day (unless a decreed make-up workday) and no holiday.
    public func isBusinessDay(_ day: LocalDay) -> Bool {
        let index = day.dayNumber - storage.firstDayNumber
        if index >= 0, index < storage.openDays.count { return storage.openDays[index] }
        if holiday(on: day) != nil { return false }
        return !storage.weekend.contains(day.weekday) || storage.makeUpWorkdays.contains(day)
    }

    /// Why `day` is not a business day ("weekend", "Boże Ciało"), or nil when it is one.
    public func closedReason(_ day: LocalDay) -> String? {
        if let name = holiday(on: day) { return name }
        return isBusinessDay(day) ? nil : "weekend"
    }

    /// The first business day on or after `day`.
    public func businessDay(onOrAfter day: LocalDay) -> LocalDay {
        var current = day
        var steps = 0
        while !isBusinessDay(current), steps < 60 {
            current = current.adding(days: 1)
            steps += 1
        }
        return current
    }

    /// The business day `count` business days after `day` (count 0: `day` itself if it is a business day, else the
    /// next one). Saturday + 1 business day in Warsaw is Monday if Monday is no holiday.
    public func adding(businessDays count: Int, to day: LocalDay) -> LocalDay {
        guard count > 0 else { return businessDay(onOrAfter: day) }
        var current = day
        for _ in 0 ..< count { current = businessDay(onOrAfter: current.adding(days: 1)) }
        return current
    }

    /// The local day `date` falls on in the buyer's zone.
    public func localDay(of date: Date) -> LocalDay { localTime(of: date).day }

    /// The local day and the second of that day (0..<86400) at `date` in the buyer's zone.
    ///
    /// Computed from the zone's UTC offset at that instant and integer arithmetic: the scheduler calls this for
    /// every lead, and Foundation's `Calendar.dateComponents` is several times slower on Linux.
    public func localTime(of date: Date) -> (day: LocalDay, second: Int) {
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let dayNumber = local >= 0 ? local / 86400 : (local - 86399) / 86400
        return (LocalDay(dayNumber: dayNumber), local - dayNumber * 86400)
    }

    /// The instant of local wall time `second` (seconds after midnight) on `day` in the buyer's zone. A wall time
    /// skipped by a DST change moves forward by the change (02:30 becomes 03:30), as Foundation does; a repeated
    /// one resolves to one of its two instants.
    public func instant(_ day: LocalDay, second: Int) -> Date {
        let local = Double(day.dayNumber * 86400 + second)
        let first = local - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local)))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: first))
        return Date(timeIntervalSince1970: local - Double(offset))
    }
}
