import Foundation

/// Finds phone numbers, a WhatsApp number, a website and the company name in a message's text.
enum ContactScanner {
    static func scan(text: String, into facts: inout InquiryFacts) {
        let lines = text.split(whereSeparator: \.isNewline)
        var whatsappLine = false
        var whatsappSame = false
        for line in lines {
            let mentionsWhatsApp = ByteSearch.contains(line, "whatsapp")
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
            if facts.website == nil, ByteSearch.contains(line, "www."), let site = website(in: line) { facts.website = site }
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

    private static let companyMarkers: Set<String> = [
        "ltd", "llc", "inc", "corp", "co", "gmbh", "ag", "sa", "s.a", "sac", "srl", "s.r.l", "sarl", "spa", "sp",
        "pvt", "plc", "ltda", "llp", "bv", "pty", "oy", "ab", "kg", "e.u", "snc", "s.n.c", "sas", "cv", "sae",
        "limited", "company", "trading", "industries", "enterprises", "ventures", "group", "sdn", "bhd", "jsc",
        "ооо", "тоо", "оао", "зао", "ип", "şti", "sti", "a.s", "cia", "eireli", "me", "tbk", "pt", "fzco", "fze",
        "est", "holdings",
    ]

    static func company(in lines: ArraySlice<Substring>) -> String? {
        for line in lines.reversed() {
            let trimmed = line.trimmingSpaces
            guard trimmed.count >= 3, trimmed.count <= 90 else { continue }
            let lower = trimmed.lowercased()
            if lower.hasPrefix("we ") || lower.hasPrefix("our ") || lower.hasPrefix("http") || lower.contains("@") { continue }
            if trimmed.contains("有限公司") || trimmed.hasPrefix("PT ") || lower.hasPrefix("شركة") {
                return String(trimmed)
            }
            let words = lower.split(whereSeparator: { !$0.isLetter && $0 != "." }).map { $0.trimming(".") }
            guard words.count <= 10, words.contains(where: companyMarkers.contains) else { continue }
            // Cut a trailing address or city after " - " or a comma.
            var name = trimmed
            if let dash = name.range(of: " - ") { name = name[..<dash.lowerBound] }
            if let pipe = name.firstIndex(of: "|") { name = name[..<pipe] }
            return String(name.trimmingSpaces)
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
