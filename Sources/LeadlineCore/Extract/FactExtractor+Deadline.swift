extension FactExtractor {
    /// Words that open a deadline phrase, as folded single tokens or two-token phrases.
    private static let deadlineStarts: [[String]] = [
        ["before"], ["by", "end"], ["by", "mid"], ["by", "early"], ["no", "later"], ["latest", "by"], ["deadline"],
        ["at", "the", "latest"], ["must", "arrive"], ["landed", "by"], ["ship", "date"], ["ship", "by"],
        ["loading", "by"], ["load", "first"], ["within"], ["until"], ["a", "mas", "tardar"], ["antes", "del"],
        ["antes", "de"], ["ate", "o"], ["au", "plus", "tard"], ["avant", "le"], ["avant", "fin"], ["najpozniej"],
        ["do", "konca"], ["не", "позднее"], ["до", "конца"], ["en", "gec"], ["spatestens"],
        ["entro"], ["truoc"], ["之", "前"], ["前"], ["قبل"],
    ]

    private static let startsByFirstWord: HashIndex<[[String]]> =
        HashIndex(Dictionary(grouping: deadlineStarts, by: { FeatureHash.of($0[0]) }))

    /// The first deadline phrase of the text, as written (up to eight words).
    static func deadline(in tokens: [TextToken]) -> String? {
        for i in tokens.indices {
            guard let starts = startsByFirstWord[tokens[i].hash] else { continue }
            for start in starts {
                guard i + start.count <= tokens.count else { continue }
                var ok = true
                for (k, word) in start.enumerated().dropFirst() where tokens[i + k].folded != word { ok = false }
                guard ok else { continue }
                // A date-like word must follow within the phrase: a digit, a month, a season or an event.
                var j = i
                var words: [String] = []
                var sawTime = false
                var afterTime = 0
                while j < tokens.count, j - i < 9 {
                    let t = tokens[j]
                    if j > i, t.startsLine || t.separator == "." || t.separator == ";" { break }
                    if j > i + start.count, t.separator == ",", sawTime { break }
                    if sawTime && !(t.hasDigit || timeWords.contains(t.folded)) {
                        afterTime += 1
                        if afterTime > 0 { break }
                    }
                    if let joiner = t.joiner, j > i, !words.isEmpty {
                        words[words.count - 1] += String(joiner) + t.raw
                    } else {
                        words.append(t.raw)
                    }
                    if t.hasDigit || timeWords.contains(t.folded) { sawTime = true }
                    j += 1
                }
                guard sawTime else { continue }
                let joined = tokens[i].isCJK ? words.joined() : words.joined(separator: " ")
                return joined
            }
        }
        return nil
    }

    private static let timeWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "week", "month", "friday", "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "season",
        "summer", "winter", "spring", "harvest", "christmas", "ramadan", "tet", "days", "weeks",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro",
        "outubro", "novembro", "dezembro", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
        "septembre", "octobre", "novembre", "decembre", "fin", "stycznia", "lutego", "marca", "kwietnia", "maja",
        "czerwca", "lipca", "sierpnia", "wrzesnia", "pazdziernika", "listopada", "grudnia", "января", "февраля",
        "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "kw",
        "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
        "月", "日", "号", "tuan", "thang",
    ]
}
