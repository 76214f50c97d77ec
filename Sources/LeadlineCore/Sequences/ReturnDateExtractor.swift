public import Foundation

/// Finds the day an out-of-office reply says its writer is back, in English, Spanish, Portuguese, French, German,
/// Polish, Italian, Turkish, Russian and Chinese.
///
/// Dates are read as written: `3 December`, `December 3rd`, `5 de enero`, `10/01`, `05.01.2026`, `2026-01-05`,
/// `7 stycznia`, `3 Aralık`, `3 декабря`, `12月3日`. Numeric dates are day-first (`10/01` is 10 January) unless the
/// first number cannot be a month's day order (`12/25` is 25 December). A date without a year is the next such day
/// (a day up to 14 days past counts as this year's: mail is often read late).
///
/// Which date is the return: one after a "back/return" cue (`back on`, `de vuelta`, `retorno`, `de retour`,
/// `zurück`, `wracam`, `rientro`, `döneceğim`, `вернусь`, `返回`) is the return day itself; one after an "until"
/// cue (`until`, `hasta`, `até`, `jusqu'au`, `bis`, `do`, `fino al`, `'a kadar`, `по`, `至`) or closing a range
/// (`1-5 January`) means back the day after; with no cue, the latest future date is taken. Nil when no date is
/// found, and the caller pauses for its default. With no date at all, a weekday after a return or "until" cue
/// ("back on Monday", "wracam w poniedziałek", "周一回来") gives the next such day.
public enum ReturnDateExtractor {
    /// The announced return day in `text`, or nil. `today` is the local day the reply arrived.
    public static func returnDay(in text: String, today: LocalDay) -> LocalDay? {
        let lower = text.lowercased()
        let candidates = DateScanner.scan(lower, today: today).filter { $0.day >= today.adding(days: -1) }
        if let back = candidates.first(where: { $0.cue == .returnOn }) { return back.day }
        if let until = candidates.first(where: { $0.cue == .until }) { return until.day.adding(days: 1) }
        if let latest = candidates.filter({ $0.cue == .none }).map(\.day).max() { return latest }
        return DateScanner.weekdayReturn(in: lower, today: today)
    }

    /// The return day for a reply received at `now`, read in `timeZone`.
    public static func returnDay(in text: String, now: Date, timeZone: TimeZone) -> LocalDay? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return returnDay(in: text, today: LocalDay(now, in: calendar))
    }
}

/// A date found in text, with the cue that tells how to read it.
struct DateCandidate: Equatable {
    enum Cue { case returnOn, until, from, none }
    var day: LocalDay
    var cue: Cue
    var offset: Int
    var end: Int = 0
}

/// The regular-expression scanner behind ``ReturnDateExtractor``.
enum DateScanner {
    /// Month names, genitive forms and common abbreviations, lower-case, by month number.
    static let monthNames: [(String, Int)] = {
        let names: [[String]] = [
            ["january", "jan", "enero", "janeiro", "janvier", "januar", "jänner", "stycznia", "styczeń", "gennaio", "ocak", "января", "январь"],
            ["february", "feb", "febrero", "fevereiro", "février", "fevrier", "februar", "lutego", "luty", "febbraio", "şubat", "subat", "февраля", "февраль"],
            ["march", "mar", "marzo", "março", "marco", "mars", "märz", "maerz", "marca", "marzec", "mart", "марта", "март"],
            ["april", "apr", "abril", "avril", "kwietnia", "kwiecień", "aprile", "nisan", "апреля", "апрель"],
            ["may", "mayo", "maio", "mai", "maja", "maj", "maggio", "mayıs", "mayis", "мая", "май"],
            ["june", "jun", "junio", "junho", "juin", "juni", "czerwca", "czerwiec", "giugno", "haziran", "июня", "июнь"],
            ["july", "jul", "julio", "julho", "juillet", "juli", "lipca", "lipiec", "luglio", "temmuz", "июля", "июль"],
            ["august", "aug", "agosto", "août", "aout", "sierpnia", "sierpień", "ağustos", "agustos", "августа", "август"],
            ["september", "sep", "sept", "septiembre", "setiembre", "setembro", "septembre", "września", "wrzesień", "settembre", "eylül", "eylul", "сентября", "сентябрь"],
            ["october", "oct", "octubre", "outubro", "octobre", "oktober", "października", "październik", "ottobre", "ekim", "октября", "октябрь"],
            ["november", "nov", "noviembre", "novembro", "novembre", "listopada", "listopad", "kasım", "kasim", "ноября", "ноябрь"],
            ["december", "dec", "diciembre", "dezembro", "décembre", "decembre", "dezember", "grudnia", "grudzień", "dicembre", "aralık", "aralik", "декабря", "декабрь"],
        ]
        return names.enumerated().flatMap { index, list in list.map { ($0, index + 1) } }
            .sorted { $0.0.count > $1.0.count }
    }()

    static let monthLookup: [String: Int] = Dictionary(monthNames, uniquingKeysWith: { first, _ in first })

    /// Words before a date saying "I am back on that day".
    static let returnCues = [
        "back", "return", "returning", "returns", "in the office on", "in the office from", "available again",
        "vuelta", "regreso", "regresaré", "regresare", "volveré", "volvere", "reincorporo", "reincorporaré",
        "retorno", "retornarei", "volto", "voltarei", "regresso", "estarei de volta",
        "retour", "reviendrai", "serai de retour",
        "zurück", "zuruck", "wieder im büro", "wieder erreichbar", "wieder da",
        "wracam", "powrót", "powrot", "będę dostępn", "bede dostepn", "od dnia",
        "rientro", "rientrerò", "tornerò", "tornero", "di ritorno",
        "dönüş", "donus",
        "вернусь", "возвращаюсь", "возвращения", "выйду",
        "返回", "回来", "回到", "回复", "上班",
    ]
    /// Words before a date saying "away until that day (inclusive)".
    static let untilCues = [
        "until", "till", "through", "thru", "up to and including",
        "hasta el", "hasta", "até dia", "até o dia", "até", "ate", "jusqu'au", "jusqu’au", "jusqu'à", "jusqu’à",
        "bis zum", "bis einschließlich", "bis", "do dnia", "do", "fino al", "fino a", "al",
        "по", "до",
        "至", "到", "直到",
    ]
    /// Words before a date saying "away from that day" (the start, never the return).
    static let fromCues = ["from", "since", "desde", "del", "du", "depuis", "vom", "seit", "ab dem", "ab", "od", "dal", "с", "从", "自"]
    /// Words after a date (Turkish, Chinese) giving the cue.
    static let trailingReturnCues = ["'de", "'da", "'te", "'ta", "’de", "’da", "’te", "’ta", "tarihinde", "döneceğim", "doneceğim", "ofisteyim", "wieder", "返回", "回来", "回到", "上班", "回复"]
    static let trailingUntilCues = ["'a kadar", "'e kadar", "'ya kadar", "'ye kadar", "’a kadar", "’e kadar", "tarihine kadar", "kadar", "之前", "前"]

    static let patterns: [(NSRegularExpression, Kind)] = {
        let months = monthNames.map { NSRegularExpression.escapedPattern(for: $0.0) }.joined(separator: "|")
        let day = "(\\d{1,2})(?:st|nd|rd|th|er|º|°|\\.)?"
        let list: [(String, Kind)] = [
            ("(?:(\\d{4})年)?\\s*(\\d{1,2})月(\\d{1,2})[日号]", .chinese),
            ("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b", .iso),
            ("\\b(\\d{1,2})\\.?\\s*[-–]\\s*" + day + "\\s+(?:de\\s+)?(" + months + ")(?![\\p{L}])(?:,?\\s+(?:de\\s+)?(\\d{4}))?", .rangeDayMonth),
            ("\\b" + day + "\\s*(?:de\\s+)?(" + months + ")(?![\\p{L}])\\.?(?:,?\\s+(?:de\\s+)?(\\d{4}))?", .dayMonth),
            ("\\b(" + months + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?", .monthDay),
            // Not inside a longer dotted number ("552 5.2.2", "v1.2.3").
            ("(?<![\\d./])(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{4}|\\d{2}))?(?![\\d/]|\\.\\d)\\.?", .numeric),
        ]
        return list.map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }
    }()

    enum Kind { case chinese, iso, rangeDayMonth, dayMonth, monthDay, numeric }

    static func scan(_ text: String, today: LocalDay) -> [DateCandidate] {
        let ns = text as NSString
        var taken: [NSRange] = []
        var found: [DateCandidate] = []
        for (regex, kind) in patterns {
            for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                if taken.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) { continue }
                func group(_ i: Int) -> String? {
                    let r = match.range(at: i)
                    return r.location == NSNotFound ? nil : ns.substring(with: r)
                }
                guard let (day, isRangeEnd) = date(kind: kind, group: group, today: today) else { continue }
                taken.append(match.range)
                let before = ns.substring(to: match.range.location).suffix(40)
                let after = ns.substring(from: match.range.location + match.range.length).prefix(20)
                var cue = cueBefore(String(before))
                let trailing = cueAfter(String(after))
                // "ab 5.1. wieder im Büro": a "from" date followed by "again" is the return.
                if cue == .none || (cue == .from && trailing == .returnOn) { cue = trailing }
                if isRangeEnd, cue != .returnOn { cue = .until }
                found.append(DateCandidate(day: day, cue: cue, offset: match.range.location,
                                           end: match.range.location + match.range.length))
            }
        }
        found.sort { $0.offset < $1.offset }
        // "22.12.2025 to 02.01.2026", "du 22 décembre au 2 janvier": the second date of a range closes the absence.
        for index in found.indices.dropFirst() where found[index].cue == .none || found[index].cue == .from {
            let previous = found[index - 1]
            guard previous.end <= found[index].offset else { continue }
            let gap = ns.substring(with: NSRange(location: previous.end, length: found[index].offset - previous.end))
                .trimmingCharacters(in: .whitespaces)
            if rangeConnectors.contains(gap) { found[index].cue = .until }
        }
        return found
    }

    /// Words joining the two dates of a range.
    static let rangeConnectors: Set<String> = [
        "-", "–", "—", "~", "to", "till", "until", "through", "a", "al", "au", "até", "ate", "bis", "do", "по", "до", "至", "到",
    ]

    private static func date(kind: Kind, group: (Int) -> String?, today: LocalDay) -> (LocalDay, Bool)? {
        switch kind {
        case .chinese:
            guard let m = group(2).flatMap(Int.init), let d = group(3).flatMap(Int.init) else { return nil }
            return resolve(year: group(1).flatMap(Int.init), month: m, day: d, today: today).map { ($0, false) }
        case .iso:
            guard let y = group(1).flatMap(Int.init), let m = group(2).flatMap(Int.init), let d = group(3).flatMap(Int.init) else { return nil }
            return resolve(year: y, month: m, day: d, today: today).map { ($0, false) }
        case .rangeDayMonth:
            guard let d = group(2).flatMap(Int.init), let m = group(3).flatMap({ monthLookup[$0] }) else { return nil }
            return resolve(year: group(4).flatMap(Int.init), month: m, day: d, today: today).map { ($0, true) }
        case .dayMonth:
            guard let d = group(1).flatMap(Int.init), let m = group(2).flatMap({ monthLookup[$0] }) else { return nil }
            return resolve(year: group(3).flatMap(Int.init), month: m, day: d, today: today).map { ($0, false) }
        case .monthDay:
            guard let m = group(1).flatMap({ monthLookup[$0] }), let d = group(2).flatMap(Int.init) else { return nil }
            return resolve(year: group(3).flatMap(Int.init), month: m, day: d, today: today).map { ($0, false) }
        case .numeric:
            guard var d = group(1).flatMap(Int.init), var m = group(2).flatMap(Int.init) else { return nil }
            if m > 12, d <= 12 { swap(&d, &m) }
            var year = group(3).flatMap(Int.init)
            if let y = year, y < 100 { year = 2000 + y }
            return resolve(year: year, month: m, day: d, today: today).map { ($0, false) }
        }
    }

    /// A valid day from its parts; without a year, the next such day from `today` (up to 14 days back allowed).
    private static func resolve(year: Int?, month: Int, day: Int, today: LocalDay) -> LocalDay? {
        if let year {
            let value = LocalDay(year, month, day)
            return value.isValid ? value : nil
        }
        let thisYear = LocalDay(today.year, month, day)
        guard thisYear.isValid || LocalDay(today.year + 1, month, day).isValid else { return nil }
        if thisYear.isValid, thisYear >= today.adding(days: -14) { return thisYear }
        let next = LocalDay(today.year + 1, month, day)
        return next.isValid ? next : nil
    }

    /// A day number and a range word right before a date: "5th to ", "1er au ", "1 al ", "3 - ".
    static let rangeStart = try! NSRegularExpression(
        pattern: "\\d{1,2}(?:st|nd|rd|th|er|º|°|\\.)?\\s*(?:to|till|until|through|-|–|al|au|a|bis|do|até|ate|по|до)\\s*$",
        options: [.caseInsensitive])

    static func cueBefore(_ text: String) -> DateCandidate.Cue {
        // "from 5th to 25th August": the end of a range whose start is a bare day number.
        let ns = text as NSString
        if rangeStart.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) != nil { return .until }
        // The cue nearest to the date wins: look at the last few words only.
        let tail = String(text.suffix(30))
        func endsWithCue(_ cues: [String]) -> Int? {
            cues.compactMap { cue -> Int? in
                guard let range = tail.range(of: cue, options: .backwards) else { return nil }
                let start = range.lowerBound
                if start > tail.startIndex, tail[tail.index(before: start)].isLetter, !cue.first!.isIdeographic { return nil }
                let rest = tail[range.upperBound...]
                if let next = rest.first, next.isLetter, !cue.last!.isIdeographic { return nil }
                return tail.distance(from: range.upperBound, to: tail.endIndex)
            }.min()
        }
        let candidates: [(Int?, DateCandidate.Cue)] = [
            (endsWithCue(returnCues), .returnOn), (endsWithCue(untilCues), .until), (endsWithCue(fromCues), .from),
        ]
        return candidates.compactMap { distance, cue in distance.map { ($0, cue) } }.min { $0.0 < $1.0 }?.1 ?? .none
    }

    static func cueAfter(_ text: String) -> DateCandidate.Cue {
        let head = text.trimmingCharacters(in: .whitespaces)
        if trailingUntilCues.contains(where: { head.hasPrefix($0) }) { return .until }
        if trailingReturnCues.contains(where: { head.hasPrefix($0) || head.prefix(12).contains($0) }) { return .returnOn }
        return .none
    }
}

private extension Character {
    var isIdeographic: Bool { unicodeScalars.first.map { (0x3000 ... 0x9FFF).contains($0.value) } ?? false }
}
