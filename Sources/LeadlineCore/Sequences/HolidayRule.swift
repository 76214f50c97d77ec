/// One public holiday on one day, with its local name for the lead's "why not sent today" note.
public struct Holiday: Hashable, Sendable, Codable {
    public var day: LocalDay
    public var name: String

    public init(day: LocalDay, name: String) {
        self.day = day
        self.name = name
    }
}

/// How a country's holidays fall each year: fixed dates, Easter-based dates, "n-th weekday" rules, and dates
/// looked up in a table (lunar and Islamic calendars, see ``HolidayTables``).
public enum HolidayRule: Sendable {
    /// The same month and day every year.
    case fixed(month: Int, day: Int, name: String)
    /// `offset` days after Western (Gregorian) Easter Sunday: -2 Good Friday, +1 Easter Monday, +39 Ascension,
    /// +49 Pentecost, +50 Whit Monday, +60 Corpus Christi, -47/-48 Carnival.
    case easter(offset: Int, name: String)
    /// The `n`-th given weekday of a month (weekday 1 = Sunday ... 7 = Saturday; `n` = -1 for the last).
    case nthWeekday(month: Int, weekday: Int, n: Int, name: String)
    /// Dates from a table keyed by year; a year missing from the table contributes nothing (and is reported by
    /// ``HolidayCalendar/uncoveredYears(country:in:)``).
    case table(TableHoliday)
    /// Several consecutive days starting at table dates (`length` days, starting `startOffset` days from the date).
    case tableSpan(TableHoliday, startOffset: Int, length: Int)

    /// The days this rule gives in `year`.
    public func days(in year: Int) -> [Holiday] {
        switch self {
        case let .fixed(month, day, name):
            return [Holiday(day: LocalDay(year, month, day), name: name)]
        case let .easter(offset, name):
            return [Holiday(day: HolidayRule.easterSunday(year).adding(days: offset), name: name)]
        case let .nthWeekday(month, weekday, n, name):
            return HolidayRule.nthWeekday(year: year, month: month, weekday: weekday, n: n)
                .map { [Holiday(day: $0, name: name)] } ?? []
        case let .table(table):
            return (table.dates[year] ?? []).map { Holiday(day: $0, name: table.name) }
        case let .tableSpan(table, startOffset, length):
            return (table.dates[year] ?? []).flatMap { start in
                (0 ..< length).map { Holiday(day: start.adding(days: startOffset + $0), name: table.name) }
            }
        }
    }

    /// The table this rule reads, if any.
    var table: TableHoliday? {
        switch self {
        case let .table(table), let .tableSpan(table, _, _): return table
        default: return nil
        }
    }

    /// Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDay {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDay(year, month, day)
    }

    /// The `n`-th `weekday` of a month (n = -1: the last), or nil when the month has no such day.
    public static func nthWeekday(year: Int, month: Int, weekday: Int, n: Int) -> LocalDay? {
        if n < 0 {
            let last = LocalDay(year, month, 1).adding(days: LocalDay(year, month, 1).daysInMonth - 1)
            return last.adding(days: -((last.weekday - weekday + 7) % 7))
        }
        let first = LocalDay(year, month, 1)
        let day = first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
        return day.month == month ? day : nil
    }
}

/// A holiday whose dates come from a table (lunar or Islamic calendar), with the years the table covers.
public struct TableHoliday: Sendable {
    public var name: String
    public var dates: [Int: [LocalDay]]

    public init(name: String, dates: [Int: [LocalDay]]) {
        self.name = name
        self.dates = dates
    }
}

/// How a holiday falling on a weekend is moved to a working day.
public enum HolidayObservance: Sendable {
    /// Not moved.
    case none
    /// United States federal rule: Saturday is observed the Friday before, Sunday the Monday after.
    case usFederal
    /// Nigeria (federal government practice): a holiday on Saturday or Sunday is also observed the next Monday.
    case nextMonday
}
