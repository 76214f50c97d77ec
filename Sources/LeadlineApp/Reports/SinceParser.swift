import Foundation

/// Reads `--since` values: a date (`2025-11-01`, midnight in `timeZone`), a date and time in ISO 8601
/// (`2025-11-01T09:00:00Z`), or a span back from now (`36h`, `7d`, `2w`).
public enum SinceParser {
    /// - Returns: the instant, or nil when `text` is none of the accepted forms.
    public static func parse(_ text: String, now: Date, timeZone: TimeZone) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let last = text.last, let unit = ["h": 3600.0, "d": 86_400.0, "w": 604_800.0][String(last)],
           let count = Int(text.dropLast()), count >= 0
        {
            return now.addingTimeInterval(-Double(count) * unit)
        }
        let parts = text.split(separator: "-")
        if parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
           parts[0].count == 4
        {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let components = DateComponents(year: year, month: month, day: day)
            guard components.isValidDate(in: calendar) else { return nil }
            return calendar.date(from: components)
        }
        return try? Date(text, strategy: .iso8601)
    }
}
