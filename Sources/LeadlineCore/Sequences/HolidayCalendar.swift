/// Weekends and public holidays per country: which local days a buyer's office is closed.
///
/// Covered with public holidays: NG, PL, BR, MX, IN, AE, SA, TR, DE, US, CN. Only nationwide holidays are listed
/// (German Länder, US states, Brazilian states and Indian states add their own). Other countries get their weekend
/// and no holidays. Lunar and Islamic holidays come from ``HolidayTables`` (2025-2028 only).
///
/// Weekends (checked against each government's current rule): Friday-Saturday in Saudi Arabia, Kuwait, Qatar, Oman,
/// Bahrain, Egypt, Jordan, Iraq, Algeria, Libya, Yemen, Israel and Bangladesh; Friday only in Iran; Saturday-Sunday
/// everywhere else, including the UAE, which moved from Friday-Saturday to Saturday-Sunday on 1 January 2022.
public enum HolidayCalendar {
    /// Weekend days (1 = Sunday ... 7 = Saturday) for a country code; Saturday-Sunday when not listed.
    public static func weekend(country: String) -> Set<Int> {
        switch country.uppercased() {
        case "SA", "KW", "QA", "OM", "BH", "EG", "JO", "IQ", "DZ", "LY", "YE", "IL", "BD": return [6, 7]
        case "IR": return [6]
        default: return [1, 7]
        }
    }

    /// The holiday rules of a country (upper-case ISO code); empty for a country not covered.
    public static func rules(country: String) -> [HolidayRule] {
        let T = HolidayTables.self
        switch country.uppercased() {
        case "NG":
            return [.fixed(month: 1, day: 1, name: "New Year's Day"), .easter(offset: -2, name: "Good Friday"),
                    .easter(offset: 1, name: "Easter Monday"), .fixed(month: 5, day: 1, name: "Workers' Day"),
                    .fixed(month: 6, day: 12, name: "Democracy Day"), .fixed(month: 10, day: 1, name: "Independence Day"),
                    .fixed(month: 12, day: 25, name: "Christmas Day"), .fixed(month: 12, day: 26, name: "Boxing Day"),
                    .tableSpan(T.eidAlFitr, startOffset: 0, length: 2), .tableSpan(T.eidAlAdha, startOffset: 0, length: 2),
                    .table(T.mawlid)]
        case "PL":
            return [.fixed(month: 1, day: 1, name: "Nowy Rok"), .fixed(month: 1, day: 6, name: "Trzech Króli"),
                    .easter(offset: 0, name: "Wielkanoc"), .easter(offset: 1, name: "Poniedziałek Wielkanocny"),
                    .fixed(month: 5, day: 1, name: "Święto Pracy"), .fixed(month: 5, day: 3, name: "Święto Konstytucji 3 Maja"),
                    .easter(offset: 49, name: "Zielone Świątki"), .easter(offset: 60, name: "Boże Ciało"),
                    .fixed(month: 8, day: 15, name: "Wniebowzięcie NMP"), .fixed(month: 11, day: 1, name: "Wszystkich Świętych"),
                    .fixed(month: 11, day: 11, name: "Święto Niepodległości"),
                    .fixed(month: 12, day: 24, name: "Wigilia"), // a public holiday since 2025
                    .fixed(month: 12, day: 25, name: "Boże Narodzenie"), .fixed(month: 12, day: 26, name: "Drugi dzień Świąt")]
        case "DE":
            return [.fixed(month: 1, day: 1, name: "Neujahr"), .easter(offset: -2, name: "Karfreitag"),
                    .easter(offset: 1, name: "Ostermontag"), .fixed(month: 5, day: 1, name: "Tag der Arbeit"),
                    .easter(offset: 39, name: "Christi Himmelfahrt"), .easter(offset: 50, name: "Pfingstmontag"),
                    .fixed(month: 10, day: 3, name: "Tag der Deutschen Einheit"),
                    .fixed(month: 12, day: 25, name: "1. Weihnachtstag"), .fixed(month: 12, day: 26, name: "2. Weihnachtstag")]
        case "BR":
            // Carnival Monday/Tuesday and Corpus Christi are "pontos facultativos" that most businesses close for.
            return [.fixed(month: 1, day: 1, name: "Confraternização Universal"),
                    .easter(offset: -48, name: "Carnaval"), .easter(offset: -47, name: "Carnaval"),
                    .easter(offset: -2, name: "Sexta-feira Santa"), .fixed(month: 4, day: 21, name: "Tiradentes"),
                    .fixed(month: 5, day: 1, name: "Dia do Trabalho"), .easter(offset: 60, name: "Corpus Christi"),
                    .fixed(month: 9, day: 7, name: "Independência"), .fixed(month: 10, day: 12, name: "Nossa Senhora Aparecida"),
                    .fixed(month: 11, day: 2, name: "Finados"), .fixed(month: 11, day: 15, name: "Proclamação da República"),
                    .fixed(month: 11, day: 20, name: "Consciência Negra"), .fixed(month: 12, day: 25, name: "Natal")]
        case "MX":
            // Holy Thursday and Good Friday are not statutory but nearly every business closes.
            return [.fixed(month: 1, day: 1, name: "Año Nuevo"), .nthWeekday(month: 2, weekday: 2, n: 1, name: "Día de la Constitución"),
                    .nthWeekday(month: 3, weekday: 2, n: 3, name: "Natalicio de Benito Juárez"),
                    .easter(offset: -3, name: "Jueves Santo"), .easter(offset: -2, name: "Viernes Santo"),
                    .fixed(month: 5, day: 1, name: "Día del Trabajo"), .fixed(month: 9, day: 16, name: "Día de la Independencia"),
                    .nthWeekday(month: 11, weekday: 2, n: 3, name: "Día de la Revolución"),
                    .fixed(month: 12, day: 25, name: "Navidad")]
        case "IN":
            return [.fixed(month: 1, day: 26, name: "Republic Day"), .fixed(month: 8, day: 15, name: "Independence Day"),
                    .fixed(month: 10, day: 2, name: "Gandhi Jayanti"), .table(T.holi), .table(T.diwali),
                    .fixed(month: 12, day: 25, name: "Christmas")]
        case "AE":
            return [.fixed(month: 1, day: 1, name: "New Year's Day"), .tableSpan(T.eidAlFitr, startOffset: 0, length: 3),
                    .table(T.arafatDay), .tableSpan(T.eidAlAdha, startOffset: 0, length: 3), .table(T.islamicNewYear),
                    .table(T.mawlid), .fixed(month: 12, day: 1, name: "Commemoration Day"),
                    .fixed(month: 12, day: 2, name: "National Day"), .fixed(month: 12, day: 3, name: "National Day")]
        case "SA":
            // Private-sector holidays: four days from Eid al-Fitr, Arafat Day plus three days of Eid al-Adha.
            return [.fixed(month: 2, day: 22, name: "Founding Day"), .tableSpan(T.eidAlFitr, startOffset: 0, length: 4),
                    .table(T.arafatDay), .tableSpan(T.eidAlAdha, startOffset: 0, length: 3),
                    .fixed(month: 9, day: 23, name: "National Day")]
        case "TR":
            return [.fixed(month: 1, day: 1, name: "Yılbaşı"), .fixed(month: 4, day: 23, name: "Ulusal Egemenlik ve Çocuk Bayramı"),
                    .fixed(month: 5, day: 1, name: "Emek ve Dayanışma Günü"),
                    .fixed(month: 5, day: 19, name: "Atatürk'ü Anma, Gençlik ve Spor Bayramı"),
                    .fixed(month: 7, day: 15, name: "Demokrasi ve Millî Birlik Günü"), .fixed(month: 8, day: 30, name: "Zafer Bayramı"),
                    .fixed(month: 10, day: 29, name: "Cumhuriyet Bayramı"),
                    .tableSpan(T.eidAlFitr, startOffset: 0, length: 3), .tableSpan(T.eidAlAdha, startOffset: 0, length: 4)]
        case "US":
            return [.fixed(month: 1, day: 1, name: "New Year's Day"),
                    .nthWeekday(month: 1, weekday: 2, n: 3, name: "Martin Luther King Jr. Day"),
                    .nthWeekday(month: 2, weekday: 2, n: 3, name: "Washington's Birthday"),
                    .nthWeekday(month: 5, weekday: 2, n: -1, name: "Memorial Day"), .fixed(month: 6, day: 19, name: "Juneteenth"),
                    .fixed(month: 7, day: 4, name: "Independence Day"), .nthWeekday(month: 9, weekday: 2, n: 1, name: "Labor Day"),
                    .nthWeekday(month: 10, weekday: 2, n: 2, name: "Columbus Day"), .fixed(month: 11, day: 11, name: "Veterans Day"),
                    .nthWeekday(month: 11, weekday: 5, n: 4, name: "Thanksgiving Day"),
                    .fixed(month: 12, day: 25, name: "Christmas Day")]
        case "CN":
            return [.table(T.chinaDaysOff)]
        default:
            return []
        }
    }

    /// How the country moves a holiday that falls on its weekend.
    public static func observance(country: String) -> HolidayObservance {
        switch country.uppercased() {
        case "US": return .usFederal
        case "NG": return .nextMonday
        default: return .none
        }
    }

    /// Weekend days worked by decree (mainland China's make-up days); empty elsewhere.
    public static func makeUpWorkdays(country: String) -> Set<LocalDay> {
        country.uppercased() == "CN" ? HolidayTables.chinaMakeUpWorkdays : []
    }

    /// The country's public holidays in `year`, observed days included, sorted by day.
    public static func holidays(country: String, year: Int) -> [Holiday] {
        var result = rules(country: country).flatMap { $0.days(in: year) }
        switch observance(country: country) {
        case .none: break
        case .usFederal:
            result += result.compactMap { holiday in
                switch holiday.day.weekday {
                case 7: Holiday(day: holiday.day.adding(days: -1), name: holiday.name + " (observed)")
                case 1: Holiday(day: holiday.day.adding(days: 1), name: holiday.name + " (observed)")
                default: nil
                }
            }
        case .nextMonday:
            result += result.compactMap { holiday in
                switch holiday.day.weekday {
                case 7: Holiday(day: holiday.day.adding(days: 2), name: holiday.name + " (observed)")
                case 1: Holiday(day: holiday.day.adding(days: 1), name: holiday.name + " (observed)")
                default: nil
                }
            }
        }
        return result.sorted { $0.day < $1.day }
    }

    /// The years in `range` for which some of the country's table-based holidays (Islamic, Chinese, Hindu) are
    /// unknown, so a business-day count there may treat a holiday as a working day.
    public static func uncoveredYears(country: String, in range: ClosedRange<Int>) -> [Int] {
        let tables = rules(country: country).compactMap(\.table)
        return range.filter { year in tables.contains { $0.dates[year] == nil } }
    }
}
