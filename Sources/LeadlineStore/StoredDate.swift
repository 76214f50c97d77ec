import Foundation
import LeadlineMIME

/// A date as GRDB stores it (`2026-01-13 08:05:00.000`, UTC, to the nearest millisecond), written without a
/// `DateFormatter`: the scheduler's tick binds five dates per queued step on the thread that holds the write
/// transaction, where ICU's formatter cost a fifth of that thread's time. Tests hold it to GRDB's own text.
enum StoredDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, millisecondOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let dayNumber = millisecondOfDay < 0 ? days - 1 : days
        let ms = millisecondOfDay < 0 ? millisecondOfDay + 86_400_000 : millisecondOfDay
        let civil = CivilCalendar.civilFromDays(dayNumber)
        var out = [UInt8]()
        out.reserveCapacity(23)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1 ..< count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(0x30 + rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(civil.year, 4)
        out.append(UInt8(ascii: "-"))
        digits(civil.month, 2)
        out.append(UInt8(ascii: "-"))
        digits(civil.day, 2)
        out.append(UInt8(ascii: " "))
        digits(ms / 3_600_000, 2)
        out.append(UInt8(ascii: ":"))
        digits(ms / 60000 % 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(ms / 1000 % 60, 2)
        out.append(UInt8(ascii: "."))
        digits(ms % 1000, 3)
        return String(decoding: out, as: UTF8.self)
    }
}
