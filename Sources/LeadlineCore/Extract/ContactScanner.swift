import Foundation

/// Finds phone numbers, a WhatsApp number, a website and the company name in a message's text.
enum ContactScanner {
    static func scan(text: String, into facts: inout InquiryFacts) {
        let lines = text.utf8.split(separator: 0x0A).map { Substring($0) }
        var whatsappLine = false
        var whatsappSame = false
        // Whole-text checks first: most messages name no WhatsApp and no www. site, and then no line needs the search.
        let anyWhatsApp = ByteSearch.contains(text, "whatsapp")
        let anyWebsite = ByteSearch.contains(text, "www.")
        for line in lines {
            let mentionsWhatsApp = anyWhatsApp && ByteSearch.contains(line, "whatsapp")
            let hasDigits = line.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
            let found = hasDigits ? phones(in: line) : []
            for phone in found {
                if facts.phones.count < 4 { facts.phones.appendUnique(phone) }
                if mentionsWhatsApp || whatsappLine, facts.whatsapp == nil { facts.whatsapp = phone }
            }
            if mentionsWhatsApp, ByteSearch.contains(line, "whatsapp same") || ByteSearch.contains(line, "(whatsapp)") {
                whatsappSame = true
            }
            whatsappLine = mentionsWhatsApp && found.isEmpty && line.utf8.count < 30
            if anyWebsite, facts.website == nil, ByteSearch.contains(line, "www."), let site = website(in: line) {
                facts.website = site
            }
        }
        if facts.whatsapp == nil, whatsappSame, let first = facts.phones.first { facts.whatsapp = first }
        facts.company = company(in: lines.suffix(14))
    }

    /// International numbers (`+234 803 555 0148`, `966555550147+` in right-to-left text) and labelled local ones.
    static func phones(in line: Substring) -> [String] {
        var result: [String] = []
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let isPlus = scalars[i] == "+"
            let isDigit = scalars[i].value >= 0x30 && scalars[i].value <= 0x39
            guard isPlus || isDigit else { i += 1; continue }
            var j = isPlus ? i + 1 : i
            var digits = ""
            var written = isPlus ? "+" : ""
            while j < scalars.count {
                let s = scalars[j]
                if s.value >= 0x30 && s.value <= 0x39 { digits.unicodeScalars.append(s); written.unicodeScalars.append(s) }
                else if s == " " || s == "-" || s == "(" || s == ")" || s == "." { written.unicodeScalars.append(s) }
                else { break }
                j += 1
            }
            let trailingPlus = !isPlus && j < scalars.count && scalars[j] == "+"
            let labelled = !isPlus && !trailingPlus && digits.count >= 8 && digits.count <= 15
                && hasPhoneLabel(scalars, before: i)
            if (isPlus || trailingPlus || labelled), digits.count >= 8, digits.count <= 15 {
                let cleaned = written.trimming(" -.(")
                result.append(trailingPlus ? "+" + digits : cleaned)
                i = trailingPlus ? j + 1 : j
            } else {
                i = max(j, i + 1)
            }
        }
        return result
    }

    private static func hasPhoneLabel(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
        let start = max(0, index - 14)
        let prefix = String(String.UnicodeScalarView(scalars[start ..< index])).lowercased()
        return ["tel", "mob", "phone", "cel", "whatsapp", "тел", "جوال", "هاتف", "电话", "手机", "fone", "telf", "gsm"]
            .contains(where: prefix.contains)
    }

    static func website(in line: Substring) -> String? {
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "<" || $0 == ">" || $0 == "|" }) {
            let w = word.lowercased()
            if w.hasPrefix("www.") || w.hasPrefix("http://www.") || w.hasPrefix("https://www.") {
                return String(word.trimming(".,;)("))
            }
        }
        return nil
    }

    private static let companyMarkers = WordSet([
        "ltd", "llc", "inc", "corp", "co", "gmbh", "ag", "sa", "sac", "srl", "sarl", "spa", "sp", "pvt", "plc",
        "ltda", "llp", "bv", "pty", "oy", "ab", "kg", "snc", "sas", "cv", "sae", "limited", "company", "trading",
        "industries", "enterprises", "ventures", "group", "sdn", "bhd", "jsc", "ооо", "тоо", "оао", "зао", "sti",
        "cia", "eireli", "tbk", "pt", "fzco", "fze", "est", "holdings", "gmbh&co",
    ])

    /// True when the token at `index` marks a company. `Sp` only as in `Sp. z o.o.` (Polish), since `SP` is also a
    /// Brazilian state and a common model prefix (`SP-750`).
    static func isMarker(_ tokens: [TextToken], at index: Int) -> Bool {
        guard companyMarkers.contains(tokens[index]) else { return false }
        if tokens[index].folded == "sp" { return index + 1 < tokens.count && tokens[index + 1].folded == "z" }
        return true
    }

    /// The last signature line that names a company (a legal form or a company word), cut before " - " or "|".
    static func company(in lines: ArraySlice<Substring>) -> String? {
        for line in lines.reversed() {
            let trimmed = line.trimmingSpaces
            let bytes = trimmed.utf8.count
            guard bytes >= 3, bytes <= 120 else { continue }
            // The byte tests first: Foundation's `contains` (NSString on Linux) can only find "@" or "有限公司" in a
            // line whose bytes hold "@" or a non-ASCII character.
            if (trimmed.utf8.contains(0x40) && trimmed.contains("@")) || trimmed.hasPrefix("http")
                || trimmed.lowercased().hasPrefix("www.") { continue }
            // List items ("- SP-750 pump: 30 pcs") are what the buyer asks for, not a signature.
            if ["- ", "* ", "• ", "– "].contains(where: { trimmed.hasPrefix($0) }) { continue }
            if (trimmed.utf8.contains(where: { $0 >= 0x80 }) && trimmed.contains("有限公司")) || trimmed.hasPrefix("PT ")
                || trimmed.hasPrefix("شركة") {
                return String(trimmed)
            }
            let tokens = TextTokenizer.tokens(String(trimmed))
            guard (2 ... 10).contains(tokens.count) || (tokens.count == 1 && isMarker(tokens, at: 0)) else { continue }
            let first = tokens[0].folded
            if first == "we" || first == "our" || first == "i" { continue }
            var marked = tokens.indices.contains { isMarker(tokens, at: $0) }
            if !marked {
                // S.A., S.r.l., S.A.C.: single letters joined by dots.
                marked = tokens.indices.dropFirst().contains { k in
                    tokens[k].joiner == "." && tokens[k].raw.count == 1 && tokens[k - 1].raw.count == 1
                        && tokens[k - 1].folded == "s"
                }
            }
            guard marked else { continue }
            // "Buyer, Highveld Radiators (Pty) Ltd" or "Purchasing | Acme Co. | Lagos": keep the marked segment.
            var segments: [Substring] = []
            for part in trimmed.split(separator: "|") {
                var rest = Substring(part)
                while let cut = rest.utf8.firstRange(of: " - ".utf8) {
                    segments.append(rest[..<cut.lowerBound])
                    rest = rest[cut.upperBound...]
                }
                segments.append(rest)
            }
            let markedSegment = segments.first { segment in
                let words = TextTokenizer.tokens(String(segment))
                return words.indices.contains { isMarker(words, at: $0) }
            }
            return String((markedSegment ?? segments[0]).trimmingSpaces)
        }
        return nil
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
