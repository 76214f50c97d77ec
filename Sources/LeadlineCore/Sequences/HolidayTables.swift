/// Dates of holidays that follow the Islamic (Hijri) or Chinese lunisolar calendars, or Hindu festivals, for
/// 2025-2028 only.
///
/// Source and range: the Islamic dates are the Umm al-Qura calendar's expected Gregorian dates (the calendar Saudi
/// Arabia publishes; the UAE, Turkey's Diyanet and Nigeria usually land on the same day, sometimes one day later
/// after moon sighting); the Chinese dates are the State Council's published schedules for 2025 and 2026 and the
/// lunar dates of the festivals for 2027 and 2028 (those two schedules were not yet published when this table was
/// written, so only the statutory days are listed, without bridge days); the Indian dates (Holi, Diwali) follow
/// the central government's gazetted list for 2025 and the festival dates from the Hindu calendar for later years.
/// The authorities announce the final dates shortly before; update this table when they do.
///
/// Outside 2025-2028 these holidays are **not covered**: no date is assumed, and
/// ``HolidayCalendar/uncoveredYears(country:in:)`` names the years a caller would be guessing.
public enum HolidayTables {
    private static func days(_ list: [(Int, Int, Int)]) -> [Int: [LocalDay]] {
        Dictionary(grouping: list.map { LocalDay($0.0, $0.1, $0.2) }, by: \.year)
    }

    /// 1 Shawwal: Eid al-Fitr (Ramazan Bayramı, Sallah).
    public static let eidAlFitr = TableHoliday(name: "Eid al-Fitr", dates: days([
        (2025, 3, 30), (2026, 3, 20), (2027, 3, 9), (2028, 2, 26),
    ]))
    /// 9 Dhu al-Hijjah: the Day of Arafah, the eve of Eid al-Adha.
    public static let arafatDay = TableHoliday(name: "Arafat Day", dates: days([
        (2025, 6, 5), (2026, 5, 26), (2027, 5, 15), (2028, 5, 4),
    ]))
    /// 10 Dhu al-Hijjah: Eid al-Adha (Kurban Bayramı, Eid-el-Kabir).
    public static let eidAlAdha = TableHoliday(name: "Eid al-Adha", dates: days([
        (2025, 6, 6), (2026, 5, 27), (2027, 5, 16), (2028, 5, 5),
    ]))
    /// 1 Muharram: Islamic New Year.
    public static let islamicNewYear = TableHoliday(name: "Islamic New Year", dates: days([
        (2025, 6, 26), (2026, 6, 16), (2027, 6, 6), (2028, 5, 25),
    ]))
    /// 12 Rabi' al-Awwal: the Prophet's Birthday (Mawlid, Eid-el-Maulud).
    public static let mawlid = TableHoliday(name: "Prophet's Birthday", dates: days([
        (2025, 9, 4), (2026, 8, 25), (2027, 8, 14), (2028, 8, 3),
    ]))

    /// Mainland China's days off (State Council schedules for 2025 and 2026; statutory days for 2027-2028).
    public static let chinaDaysOff = TableHoliday(name: "Chinese public holiday", dates: days(
        // 2025: New Year; Spring Festival 28 Jan-4 Feb; Qingming 4-6 Apr; Labour Day 1-5 May; Dragon Boat
        // 31 May-2 Jun; National Day and Mid-Autumn 1-8 Oct.
        [(2025, 1, 1)] + span(2025, 1, 28, 8) + span(2025, 4, 4, 3) + span(2025, 5, 1, 5) + span(2025, 5, 31, 3)
            + span(2025, 10, 1, 8)
            // 2026: New Year 1-3 Jan; Spring Festival 15-23 Feb; Qingming 4-6 Apr; Labour Day 1-5 May; Dragon
            // Boat 19-21 Jun; Mid-Autumn 25-27 Sep; National Day 1-7 Oct.
            + span(2026, 1, 1, 3) + span(2026, 2, 15, 9) + span(2026, 4, 4, 3) + span(2026, 5, 1, 5)
            + span(2026, 6, 19, 3) + span(2026, 9, 25, 3) + span(2026, 10, 1, 7)
            // 2027 (statutory only): New Year; Spring Festival eve 5 Feb + 3 days; Qingming 5 Apr; Labour Day
            // 1-2 May; Dragon Boat 9 Jun; Mid-Autumn 15 Sep; National Day 1-3 Oct.
            + [(2027, 1, 1)] + span(2027, 2, 5, 4) + [(2027, 4, 5)] + span(2027, 5, 1, 2) + [(2027, 6, 9)]
            + [(2027, 9, 15)] + span(2027, 10, 1, 3)
            // 2028 (statutory only): New Year; Spring Festival eve 25 Jan + 3 days; Qingming 4 Apr; Labour Day
            // 1-2 May; Dragon Boat 28 May; Mid-Autumn 3 Oct; National Day 1-3 Oct.
            + [(2028, 1, 1)] + span(2028, 1, 25, 4) + [(2028, 4, 4)] + span(2028, 5, 1, 2) + [(2028, 5, 28)]
            + span(2028, 10, 1, 3)
    ))

    /// Weekend days mainland China works to make up for the long holidays (调休), 2025 and 2026 schedules.
    public static let chinaMakeUpWorkdays: Set<LocalDay> = Set([
        (2025, 1, 26), (2025, 2, 8), (2025, 4, 27), (2025, 9, 28), (2025, 10, 11),
        (2026, 1, 4), (2026, 2, 14), (2026, 2, 28), (2026, 5, 9), (2026, 9, 20), (2026, 10, 10),
    ].map { LocalDay($0.0, $0.1, $0.2) })

    /// Holi (the day of colours), India.
    public static let holi = TableHoliday(name: "Holi", dates: days([
        (2025, 3, 14), (2026, 3, 4), (2027, 3, 22), (2028, 3, 11),
    ]))
    /// Diwali (Deepavali), India.
    public static let diwali = TableHoliday(name: "Diwali", dates: days([
        (2025, 10, 20), (2026, 11, 8), (2027, 10, 29), (2028, 10, 17),
    ]))

    /// The years every table covers.
    public static let coveredYears: ClosedRange<Int> = 2025 ... 2028

    private static func span(_ year: Int, _ month: Int, _ day: Int, _ count: Int) -> [(Int, Int, Int)] {
        (0 ..< count).map { offset in
            let d = LocalDay(year, month, day).adding(days: offset)
            return (d.year, d.month, d.day)
        }
    }
}
