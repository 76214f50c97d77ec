import Foundation

/// Reads the Date header: RFC 5322 and obsolete forms (optional day name, two-digit years, named zones, missing
/// seconds, `.` as time separator, RFC 850 `dd-Mon-yy`), following the long-standing reading of Python's
/// `email.utils` so that both agree on what is a date.
public enum DateParser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                                 "january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"]
    private static let days: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let zones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "AST": -400, "ADT": -300, "EST": -500, "EDT": -400,
        "CST": -600, "CDT": -500, "MST": -700, "MDT": -600, "PST": -800, "PDT": -700,
    ]

    /// The instant a Date header names, or nil when it names none. A missing or unknown zone (and `-0000`) is UTC.
    public static func parse(_ value: String) -> Date? {
        var data = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        guard !data.isEmpty else { return nil }
        if data[0].hasSuffix(",") || days.contains(data[0].lowercased()) {
            data.removeFirst()
        } else if let comma = data[0].lastIndex(of: ",") {
            data[0] = String(data[0][data[0].index(after: comma)...])
        }
        if data.count == 3 {
            let stuff = data[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            if stuff.count == 3 { data = stuff + data[1...] }
        }
        if data.count == 4 {
            let s = data[3]
            var split = s.firstIndex(of: "+")
            if split == nil { split = s.firstIndex(of: "-") }
            if let split, split > s.startIndex {
                data[3] = String(s[..<split])
                data.append(String(s[split...]))
            } else {
                data.append("")
            }
        }
        guard data.count >= 5 else { return nil }
        var (dd, mm, yy, tm, tz) = (data[0], data[1].lowercased(), data[2], data[3], data[4])
        guard !dd.isEmpty, !mm.isEmpty, !yy.isEmpty else { return nil }
        if !months.contains(mm) {
            (dd, mm) = (mm, dd.lowercased())
            guard months.contains(mm) else { return nil }
        }
        var month = months.firstIndex(of: mm)! + 1
        if month > 12 { month -= 12 }
        if dd.hasSuffix(",") { dd.removeLast() }
        if let colon = yy.firstIndex(of: ":"), colon > yy.startIndex { (yy, tm) = (tm, yy) }
        if yy.hasSuffix(",") {
            yy.removeLast()
            if yy.isEmpty { return nil }
        }
        if let first = yy.first, !first.isNumber { (yy, tz) = (tz, yy) }
        if tm.hasSuffix(",") { tm.removeLast() }
        var timeParts = tm.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if timeParts.count == 1 && tm.contains(".") {
            timeParts = tm.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard timeParts.count == 2 || timeParts.count == 3 else { return nil }
        }
        guard timeParts.count == 2 || timeParts.count == 3 else { return nil }
        if timeParts.count == 2 { timeParts.append("0") }
        guard var year = pyInt(yy), let day = pyInt(dd), let hour = pyInt(timeParts[0]),
              let minute = pyInt(timeParts[1]), let second = pyInt(timeParts[2]) else { return nil }
        if year < 100 { year += year > 68 ? 1900 : 2000 }
        var offsetSeconds = 0
        let zone = tz.uppercased()
        if let named = zones[zone] {
            offsetSeconds = (named / 100) * 3600 + (named % 100) * 60
        } else if let numeric = pyInt(zone), numeric != 0 {
            let sign = numeric < 0 ? -1 : 1
            let magnitude = abs(numeric)
            offsetSeconds = sign * ((magnitude / 100) * 3600 + (magnitude % 100) * 60)
        }
        guard abs(offsetSeconds) < 86_400, (1 ... 9999).contains(year), (0 ... 23).contains(hour),
              (0 ... 59).contains(minute), (0 ... 59).contains(second) || second == 60 && false,
              (1 ... daysIn(month: month, year: year)).contains(day) else { return nil }
        let daysSinceEpoch = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Python's int(): optional sign, digits, surrounding whitespace allowed.
    private static func pyInt(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count < 12 else { return nil }
        return Int(trimmed)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for a date (UTC).
    public static func iso8601UTC(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}
