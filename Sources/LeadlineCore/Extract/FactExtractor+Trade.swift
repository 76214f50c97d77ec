/// A set of folded words looked up by token hash (no string hashing on the hot path).
struct WordSet: Sendable {
    private let hashes: HashIndex<Bool>
    init(_ words: Set<String>) { hashes = HashIndex(set: words.map(FeatureHash.of)) }
    func contains(_ token: TextToken) -> Bool { hashes.contains(token.hash) }
}

extension FactExtractor {
    static let incoterms = WordSet([
        "exw", "fca", "fas", "fob", "cfr", "cnf", "cif", "cpt", "cip", "dap", "dpu", "ddp", "ddu", "dat",
    ])
    static let destinationTerms = WordSet(["cfr", "cnf", "cif", "cpt", "cip", "dap", "dpu", "ddp", "ddu", "dat"])
    /// Words skipped between an Incoterm and its place ("CIF port of Apapa", "CFR ميناء جدة").
    static let placeFillers = WordSet([
        "port", "of", "puerto", "porto", "de", "d", "do", "da", "del", "ميناء", "порт", "limani", "hafen", "港",
    ])
    static let shipToWords = WordSet(["ship", "shipping", "shipped", "deliver", "delivered", "entrega", "zielhafen"])

    static let units: Set<String> = [
        "pcs", "pc", "piece", "pieces", "unit", "units", "set", "sets", "ton", "tons", "tonne", "tonnes", "mt",
        "kg", "kgs", "sqm", "m2", "meters", "metres", "rolls", "roll", "cartons", "ctns", "bags", "pairs",
        "sheets", "boxes", "drums", "containers", "container", "lots", "szt", "sztuk", "unidades", "unidad",
        "piezas", "pares", "rollos", "toneladas", "pecas", "pares", "rolos", "pieces", "rouleaux", "adet", "шт",
        "штук", "тонн", "тонны", "тонна", "stuck", "stk", "sets", "pezzi", "metri", "chiec", "bo", "cai", "tan",
        "m³", "m3", "cbm", "ml", "kwp", "mw",
    ]
    static let cjkUnits: Set<String> = ["件", "套", "个", "吨", "台", "颗", "片", "米", "柜"]

    /// Container sizes and types: 20GP, 40HQ, 40HC, 40'RF, 20ft.
    private static let containerTypes: Set<String> = ["gp", "hq", "hc", "ft", "rf", "dc", "ot", "fr", "rh", "std"]

    static func container(_ tokens: [TextToken], at i: Int) -> (text: String, next: Int)? {
        let f = tokens[i].folded
        var count = ""
        var body = Substring(f)
        if let x = body.firstIndex(of: "x"), x > body.startIndex, body[..<x].allSatisfy(\.isNumber) {
            count = String(body[..<x])
            body = body[body.index(after: x)...]
        }
        let size = body.prefix(while: \.isNumber)
        guard size == "20" || size == "40" || size == "45" else { return nil }
        var type = String(body.dropFirst(size.count))
        var next = i + 1
        if type.isEmpty, next < tokens.count, tokens[next].joiner != nil || tokens[next].folded == "ft",
           containerTypes.contains(tokens[next].folded) {
            type = tokens[next].folded
            next += 1
        } else if type.isEmpty, next < tokens.count, tokens[next].joiner == "'" {
            type = "'"
        }
        guard containerTypes.contains(type) || type == "'" else { return nil }
        if count.isEmpty, i >= 2, tokens[i - 1].folded == "x", tokens[i - 2].folded.allSatisfy(\.isNumber) {
            count = tokens[i - 2].folded
        }
        let label = String(size) + (type == "'" ? "'" : type.uppercased())
        return (count.isEmpty ? label : "\(count)x\(label)", next)
    }

    static func looksLikePlace(_ token: TextToken) -> Bool {
        guard token.hasLetter, !token.hasDigit else { return false }
        guard let first = token.raw.unicodeScalars.first else { return false }
        if first.value < 0x250 { return first.properties.isUppercase }
        return true // Arabic, Cyrillic, CJK names carry no case.
    }

    /// The place right after an Incoterm ("CIF Apapa", "CIF port of Apapa", "FOB China port").
    static func place(after i: Int, in tokens: [TextToken]) -> String? {
        var j = i + 1
        while j < tokens.count, placeFillers.contains(tokens[j]), j - i < 4 { j += 1 }
        guard j < tokens.count, !tokens[j].startsLine, looksLikePlace(tokens[j]),
              !incoterms.contains(tokens[j]) else { return nil }
        return place(startingAt: j, in: tokens)
    }

    static func place(startingAt j: Int, in tokens: [TextToken]) -> String {
        var words = [tokens[j].raw]
        if tokens[j].isCJK {
            var k = j + 1
            while k < tokens.count, tokens[k].isCJK, k - j < 4, tokens[k].separator == nil { words.append(tokens[k].raw); k += 1 }
            return words.joined()
        }
        let k = j + 1
        if k < tokens.count, !tokens[k].startsLine, tokens[k].separator == nil || tokens[k].joiner == "-",
           looksLikePlace(tokens[k]), !incoterms.contains(tokens[k]) {
            words.append(tokens[k].raw)
        }
        return words.joined(separator: " ")
    }

    static func payment(_ tokens: [TextToken], at i: Int) -> (text: String, next: Int)? {
        let t = tokens[i]
        let f = t.folded
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        func atSight(_ j: Int, _ base: String) -> (String, Int) {
            if j + 1 < tokens.count, tokens[j].folded == "at", tokens[j + 1].folded == "sight" {
                return (base + " at sight", j + 2)
            }
            if j + 1 < tokens.count, tokens[j].hasDigit, tokens[j + 1].folded == "days" {
                return (base + " \(tokens[j].raw) days", j + 2)
            }
            return (base, j)
        }
        if (f == "t" || f == "l" || f == "d") && next?.joiner == "/" {
            let pair = f + "/" + (next?.folded ?? "")
            switch pair {
            case "t/t": return ("T/T", i + 2)
            case "l/c": let r = atSight(i + 2, "L/C"); return (r.0, r.1)
            case "d/p": return ("D/P", i + 2)
            case "d/a": return ("D/A", i + 2)
            default: return nil
            }
        }
        if (f == "tt" || f == "lc") && t.raw == t.raw.uppercased() {
            if f == "tt" { return ("T/T", i + 1) }
            let r = atSight(i + 1, "L/C")
            return (r.0, r.1)
        }
        if f == "letter", next?.folded == "of", i + 2 < tokens.count, tokens[i + 2].folded == "credit" {
            return ("L/C", i + 3)
        }
        if let name = creditWords[f] { return (name, i + 1) }
        // 30/70, 50/50
        if t.hasDigit, !t.hasLetter, let n = next, n.joiner == "/", let a = Int(f), let b = Int(n.folded),
           a + b == 100, a > 0, b > 0 {
            return ("\(a)/\(b)", i + 2)
        }
        // 30% deposit / advance
        if t.hasDigit, !t.hasLetter, let n = next, n.joiner == "%" || n.separator == "%", let pct = Int(f), pct <= 100 {
            for k in (i + 1) ..< min(i + 5, tokens.count) where depositWords.contains(tokens[k].folded) {
                return ("\(pct)% \(depositLabel(tokens[k].folded))", i + 1)
            }
        }
        return nil
    }

    static let paymentStarts = WordSet([
        "t", "l", "d", "tt", "lc", "letter", "akredytywa", "аккредитив", "akreditif", "akkreditiv", "信用证", "escrow",
        "paypal", "prepayment", "предоплата",
    ])
    private static let creditWords: [String: String] = [
        "akredytywa": "L/C", "аккредитив": "L/C", "akreditif": "L/C", "akkreditiv": "L/C", "信用证": "L/C",
        "escrow": "escrow", "paypal": "PayPal", "prepayment": "prepayment", "предоплата": "prepayment",
    ]
    static let depositWords: Set<String> = [
        "deposit", "advance", "prepayment", "anticipo", "adelanto", "adiantamento", "acompte", "zaliczki",
        "przedpłaty", "przedplaty", "zaliczka", "предоплата", "pesin", "anzahlung", "anticipato", "dat", "coc",
        "predpłaty", "on", "with", "upfront", "down",
    ]
    private static func depositLabel(_ word: String) -> String {
        switch word {
        case "on", "with", "dat", "coc": return "deposit"
        default: return word
        }
    }

    static let certificateWords = WordSet([
        "soncap", "son", "inmetro", "saso", "saber", "pvoc", "eac", "tse", "ce", "ul", "rohs", "reach", "oeko",
        "iec", "iso", "bis", "sirim", "coc", "coa", "msds", "sds", "mtc", "fcc", "bsci", "fsc", "tdra", "phyto",
        "form",
    ])
    static func certificateLabel(_ tokens: [TextToken], at i: Int) -> String {
        let t = tokens[i]
        if t.folded == "form", i + 1 < tokens.count, tokens[i + 1].raw.count == 1 {
            return "Form " + tokens[i + 1].raw.uppercased()
        }
        if (t.folded == "iec" || t.folded == "iso"), i + 1 < tokens.count, tokens[i + 1].hasDigit {
            return t.raw.uppercased() + " " + tokens[i + 1].raw
        }
        if t.folded == "oeko" { return "OEKO-TEX" }
        return t.raw.uppercased()
    }

    static func quantity(_ tokens: [TextToken], at i: Int) -> (text: String, next: Int)? {
        var number = tokens[i].raw
        var j = i + 1
        // 8 000 szt, 1,500 sqm, 2.400 sets: thousands groups.
        while j < tokens.count, tokens[j].folded.count == 3, tokens[j].folded.allSatisfy(\.isNumber),
              tokens[j].separator == nil || tokens[j].joiner == "," || tokens[j].joiner == "." {
            number += tokens[j].joiner.map { String($0) } ?? " "
            number += tokens[j].raw
            j += 1
        }
        guard j < tokens.count else { return nil }
        let unit = tokens[j]
        if unit.isCJK {
            if cjkUnits.contains(unit.folded) || (unit.folded == "万" && j + 1 < tokens.count && cjkUnits.contains(tokens[j + 1].folded)) {
                let end = unit.folded == "万" ? j + 2 : j + 1
                return (number + tokens[j ..< end].map(\.raw).joined(), end)
            }
            return nil
        }
        guard units.contains(unit.folded), unit.joiner != "/" else { return nil }
        if unit.folded == "ml" || unit.folded == "m2" || unit.folded == "m3" || unit.folded == "kg" {
            // 500ml bottles, 180 g/m2: a measure, not a quantity, unless a big round amount.
            guard Int(number.filter(\.isNumber)) ?? 0 >= 1000 else { return nil }
        }
        return ("\(number) \(unit.raw)", j + 1)
    }

    private static let measureSuffixes: Set<String> = [
        "w", "kw", "kwh", "v", "kv", "kva", "mm", "cm", "m", "km", "kg", "g", "t", "ml", "l", "pcs", "hp", "ah",
        "mah", "mt", "bph", "hz", "mic", "gsm", "mw", "kwp", "wp", "nf", "uf", "pf", "k", "a", "ma", "x", "h",
        "s", "d", "st", "nd", "rd", "th", "pc", "in", "ft", "kgs", "tph", "tpd", "lm", "ha", "bar", "psi",
        "mil", "mpa", "db", "ppm", "rpm", "cc", "m2", "m3", "sqm", "ton", "tons", "sets", "set", "mb", "gb",
        "tb", "km2", "min", "hrs", "hr", "days", "am", "pm",
    ]

    private static let currencies = WordSet(["usd", "us", "eur", "rmb", "cny", "gbp", "aud", "cad", "inr", "aed", "sar"])

    /// A model, part or article number: a joined run of letters and digits with a capital letter
    /// (`XJ-200`, `WC67K-100T/3200`, `6204-2RS`), not a measure (`550W`) or a container.
    static func model(_ tokens: [TextToken], at i: Int) -> (text: String, next: Int)? {
        var j = i + 1
        var text = tokens[i].raw
        var parts = [tokens[i]]
        while j < tokens.count, let joiner = tokens[j].joiner, joiner == "-" || joiner == "/" || joiner == ".",
              !tokens[j].isCJK, parts.count < 5 {
            text += String(joiner) + tokens[j].raw
            parts.append(tokens[j])
            j += 1
        }
        let hasDigit = parts.contains(where: \.hasDigit)
        let hasLetter = parts.contains(where: \.hasLetter)
        guard hasDigit, hasLetter, text.count >= 3, text.count <= 24 else { return nil }
        // A capital Latin letter (models are written in Latin letters), not a price unit like USD/m3.
        guard text.unicodeScalars.contains(where: { $0.value >= 0x41 && $0.value <= 0x5A }) else { return nil }
        if currencies.contains(parts[0]) { return nil }
        if parts.count == 1 {
            // 550W, 12mm, 2x40HQ are measures; letters then digits (SD02) is a model.
            let f = parts[0].folded
            let letters = String(f.drop(while: \.isNumber))
            if f.first?.isNumber == true, measureSuffixes.contains(letters) || letters.count <= 1 { return nil }
            if f.first?.isNumber == true, letters.allSatisfy(\.isLetter), letters.count <= 3 { return nil }
        }
        if parts.allSatisfy({ !$0.hasLetter || measureSuffixes.contains(String($0.folded.drop(while: \.isNumber))) }) {
            return nil
        }
        return (text, j)
    }
}
