import Foundation

extension DateScanner {
    /// Weekday names by Foundation weekday number (1 = Sunday ... 7 = Saturday), lower-case, in the extractor's
    /// languages, with the inflected forms used after "on" (`w środę`, `в пятницу`).
    static let weekdayNames: [(String, Int)] = {
        let names: [[String]] = [
            ["sunday", "domingo", "dimanche", "sonntag", "niedziela", "niedzielę", "domenica", "pazar", "воскресенье", "周日", "星期日", "星期天"],
            ["monday", "lunes", "segunda-feira", "segunda", "lundi", "montag", "poniedziałek", "lunedì", "lunedi", "pazartesi", "понедельник", "周一", "星期一"],
            ["tuesday", "martes", "terça-feira", "terca-feira", "terça", "mardi", "dienstag", "wtorek", "martedì", "martedi", "salı", "sali", "вторник", "周二", "星期二"],
            ["wednesday", "miércoles", "miercoles", "quarta-feira", "quarta", "mercredi", "mittwoch", "środa", "środę", "sroda", "mercoledì", "mercoledi", "çarşamba", "carsamba", "среда", "среду", "周三", "星期三"],
            ["thursday", "jueves", "quinta-feira", "quinta", "jeudi", "donnerstag", "czwartek", "giovedì", "giovedi", "perşembe", "persembe", "четверг", "周四", "星期四"],
            ["friday", "viernes", "sexta-feira", "sexta", "vendredi", "freitag", "piątek", "piatek", "venerdì", "venerdi", "cuma", "пятница", "пятницу", "周五", "星期五"],
            ["saturday", "sábado", "sabado", "samedi", "samstag", "sonnabend", "sobota", "sobotę", "sabato", "cumartesi", "суббота", "субботу", "周六", "星期六"],
        ]
        return names.enumerated().flatMap { index, list in list.map { ($0, index + 1) } }.sorted { $0.0.count > $1.0.count }
    }()

    static let weekdayPattern: NSRegularExpression = {
        // Chinese names stand between other ideographs ("周一回来"): no word boundaries for them.
        let isChinese = { (name: String) in name.unicodeScalars.first.map { $0.value >= 0x3000 } ?? false }
        let words = weekdayNames.map(\.0).filter { !isChinese($0) }.map(NSRegularExpression.escapedPattern(for:))
        let chinese = weekdayNames.map(\.0).filter(isChinese).map(NSRegularExpression.escapedPattern(for:))
        let pattern = "(?<![\\p{L}])(?:" + words.joined(separator: "|") + ")(?![\\p{L}])|" + chinese.joined(separator: "|")
        return try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }()

    /// The next such weekday after `today` when a weekday name stands right after a return or "until" cue
    /// ("back on Monday", "wracam w poniedziałek", "周一回来"): people back "until Monday" are back on Monday.
    static func weekdayReturn(in text: String, today: LocalDay) -> LocalDay? {
        let ns = text as NSString
        let lookup = Dictionary(weekdayNames, uniquingKeysWith: { first, _ in first })
        for match in weekdayPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let weekday = lookup[ns.substring(with: match.range).lowercased()] else { continue }
            let before = String(ns.substring(to: match.range.location).suffix(25))
            let after = String(ns.substring(from: match.range.location + match.range.length).prefix(20))
            var cue = cueBefore(before)
            if cue == .none || cue == .from { cue = cueAfter(after) }
            guard cue == .returnOn || cue == .until else { continue }
            let ahead = (weekday - today.weekday + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        return nil
    }
}
