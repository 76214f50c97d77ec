import Foundation
import Testing
@testable import LeadlineCore

@Suite struct BusinessCalendarTests {
    @Test("Easter Sunday matches the published dates 2024-2028")
    func easterDates() {
        #expect(HolidayRule.easterSunday(2024) == LocalDay(2024, 3, 31))
        #expect(HolidayRule.easterSunday(2025) == LocalDay(2025, 4, 20))
        #expect(HolidayRule.easterSunday(2026) == LocalDay(2026, 4, 5))
        #expect(HolidayRule.easterSunday(2027) == LocalDay(2027, 3, 28))
        #expect(HolidayRule.easterSunday(2028) == LocalDay(2028, 4, 16))
    }

    @Test("local days count weekdays and month lengths like the Gregorian calendar")
    func localDayArithmetic() {
        #expect(LocalDay(1970, 1, 1).dayNumber == 0)
        #expect(LocalDay(2026, 11, 23).weekday == 2) // a Monday
        #expect(LocalDay(2028, 2, 28).adding(days: 1) == LocalDay(2028, 2, 29))
        #expect(LocalDay(2027, 2, 28).adding(days: 1) == LocalDay(2027, 3, 1))
        #expect(!LocalDay(2027, 2, 29).isValid)
        #expect(LocalDay(dayNumber: LocalDay(1999, 12, 31).dayNumber) == LocalDay(1999, 12, 31))
    }

    @Test("Polish business days skip the weekend, Epiphany and Corpus Christi")
    func polishBusinessDays() {
        let warsaw = businessCalendar("PL", "Europe/Warsaw")
        // Friday 2 January 2026 + 1 business day: Monday 5 January (weekend skipped).
        #expect(warsaw.adding(businessDays: 1, to: LocalDay(2026, 1, 2)) == LocalDay(2026, 1, 5))
        // Monday 5 January + 1: Wednesday 7 January (Tuesday 6 January is Trzech Króli).
        #expect(warsaw.adding(businessDays: 1, to: LocalDay(2026, 1, 5)) == LocalDay(2026, 1, 7))
        #expect(warsaw.holiday(on: LocalDay(2026, 6, 4)) == "Boże Ciało") // Easter 5 April + 60
        #expect(warsaw.holiday(on: LocalDay(2025, 12, 24)) == "Wigilia")
        #expect(warsaw.closedReason(LocalDay(2026, 1, 10)) == "weekend")
    }

    @Test("German nationwide holidays follow Easter: Good Friday, Ascension, Whit Monday")
    func germanEasterHolidays() {
        let berlin = businessCalendar("DE", "Europe/Berlin")
        #expect(!berlin.isBusinessDay(LocalDay(2026, 4, 3)))  // Karfreitag
        #expect(!berlin.isBusinessDay(LocalDay(2026, 5, 14))) // Christi Himmelfahrt
        #expect(!berlin.isBusinessDay(LocalDay(2026, 5, 25))) // Pfingstmontag
        #expect(berlin.isBusinessDay(LocalDay(2026, 5, 26)))
        // Thursday 1 October 2026 + 2 business days: Monday 5 October (Saturday 3 October is a holiday anyway).
        #expect(berlin.adding(businessDays: 2, to: LocalDay(2026, 10, 1)) == LocalDay(2026, 10, 5))
    }

    @Test("US floating Mondays and Thursdays land on the right days, weekend holidays are observed")
    func usFederalHolidays() {
        let newYork = businessCalendar("US", "America/New_York")
        #expect(newYork.holiday(on: LocalDay(2026, 1, 19)) == "Martin Luther King Jr. Day")
        #expect(newYork.holiday(on: LocalDay(2026, 5, 25)) == "Memorial Day")
        #expect(newYork.holiday(on: LocalDay(2025, 11, 27)) == "Thanksgiving Day")
        #expect(newYork.holiday(on: LocalDay(2026, 9, 7)) == "Labor Day")
        // 4 July 2026 is a Saturday: observed Friday 3 July.
        #expect(newYork.holiday(on: LocalDay(2026, 7, 3)) == "Independence Day (observed)")
    }

    @Test("Mexico and Brazil: first and third Mondays, Carnival before Lent")
    func mexicoAndBrazil() {
        let mexico = businessCalendar("MX", "America/Mexico_City")
        #expect(mexico.holiday(on: LocalDay(2026, 2, 2)) == "Día de la Constitución")
        #expect(mexico.holiday(on: LocalDay(2026, 3, 16)) == "Natalicio de Benito Juárez")
        #expect(mexico.holiday(on: LocalDay(2026, 11, 16)) == "Día de la Revolución")
        let saoPaulo = businessCalendar("BR", "America/Sao_Paulo")
        #expect(!saoPaulo.isBusinessDay(LocalDay(2026, 2, 16)))
        #expect(!saoPaulo.isBusinessDay(LocalDay(2026, 2, 17)))
        #expect(saoPaulo.isBusinessDay(LocalDay(2026, 2, 18)))
        #expect(saoPaulo.holiday(on: LocalDay(2025, 11, 20)) == "Consciência Negra")
    }

    @Test("the Saudi weekend is Friday-Saturday, so Thursday plus one business day is Sunday")
    func gulfWeekend() {
        let riyadh = businessCalendar("SA", "Asia/Riyadh")
        #expect(!riyadh.isBusinessDay(LocalDay(2026, 1, 9)))   // Friday
        #expect(!riyadh.isBusinessDay(LocalDay(2026, 1, 10)))  // Saturday
        #expect(riyadh.isBusinessDay(LocalDay(2026, 1, 11)))   // Sunday
        #expect(riyadh.adding(businessDays: 1, to: LocalDay(2026, 1, 8)) == LocalDay(2026, 1, 11))
        for country in ["KW", "QA", "OM", "BH", "EG"] {
            #expect(HolidayCalendar.weekend(country: country) == [6, 7], "\(country)")
        }
    }

    @Test("the UAE works Fridays and rests Saturday-Sunday since 2022")
    func uaeWeekend() {
        let dubai = businessCalendar("AE", "Asia/Dubai")
        #expect(dubai.isBusinessDay(LocalDay(2026, 1, 9)))    // Friday
        #expect(!dubai.isBusinessDay(LocalDay(2026, 1, 11)))  // Sunday
        #expect(!dubai.isBusinessDay(LocalDay(2025, 12, 2)))  // National Day
    }

    @Test("Islamic holidays from the table close Gulf, Turkish and Nigerian offices")
    func islamicHolidays() {
        let riyadh = businessCalendar("SA", "Asia/Riyadh")
        #expect(riyadh.holiday(on: LocalDay(2026, 3, 22)) == "Eid al-Fitr")
        #expect(riyadh.holiday(on: LocalDay(2026, 5, 26)) == "Arafat Day")
        let istanbul = businessCalendar("TR", "Europe/Istanbul")
        #expect((0 ..< 4).allSatisfy { !istanbul.isBusinessDay(LocalDay(2026, 5, 27).adding(days: $0)) })
        #expect(istanbul.isBusinessDay(LocalDay(2026, 5, 26)))
        let lagos = businessCalendar("NG", "Africa/Lagos")
        #expect(lagos.holiday(on: LocalDay(2025, 10, 1)) == "Independence Day")
        #expect(!lagos.isBusinessDay(LocalDay(2026, 3, 20)))  // Eid al-Fitr, a Friday
        // Eid's second day falls on Saturday 21 March 2026: observed on Monday 23 March.
        #expect(!lagos.isBusinessDay(LocalDay(2026, 3, 23)))
    }

    @Test("China closes for the Spring Festival and works its decreed make-up Saturday")
    func chinaSchedule() {
        let shanghai = businessCalendar("CN", "Asia/Shanghai")
        #expect(!shanghai.isBusinessDay(LocalDay(2026, 2, 16)))
        #expect(shanghai.isBusinessDay(LocalDay(2026, 2, 14)))  // Saturday worked
        #expect(!shanghai.isBusinessDay(LocalDay(2025, 10, 8)))
        let mumbai = businessCalendar("IN", "Asia/Kolkata")
        #expect(mumbai.holiday(on: LocalDay(2026, 1, 26)) == "Republic Day")
        #expect(mumbai.holiday(on: LocalDay(2025, 10, 20)) == "Diwali")
    }

    @Test("years outside the lunar tables are reported as not covered")
    func uncoveredYears() {
        #expect(HolidayCalendar.uncoveredYears(country: "SA", in: 2024 ... 2030) == [2024, 2029, 2030])
        #expect(HolidayCalendar.uncoveredYears(country: "PL", in: 2024 ... 2030).isEmpty)
        #expect(businessCalendar("SA", "Asia/Riyadh").holiday(on: LocalDay(2031, 9, 23)) == "National Day")
    }
}
