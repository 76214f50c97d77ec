import Foundation
@testable import LeadlineCore

/// An instant from an ISO 8601 text with offset, e.g. `"2026-03-27T18:00:00+01:00"`.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }

func businessCalendar(_ country: String, _ identifier: String) -> BusinessCalendar {
    BusinessCalendar(country: country, timeZone: zone(identifier))
}

/// Local wall time of `date` in `calendar`'s zone as "yyyy-MM-dd HH:mm (EEE)".
func wallTime(_ date: Date, _ calendar: BusinessCalendar) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = calendar.timeZone
    formatter.dateFormat = "yyyy-MM-dd HH:mm EEE"
    return formatter.string(from: date)
}
