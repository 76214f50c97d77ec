/// Guesses the language of a text: by script for Chinese, Arabic and Cyrillic, by letters and frequent words for
/// Latin-script languages.
enum LanguageGuesser {
    private static let stopwords: [(String, Set<String>)] = [
        ("en", ["the", "and", "we", "you", "your", "for", "please", "our", "is", "are", "with", "of", "to", "kindly", "price"]),
        ("es", ["el", "los", "las", "que", "para", "por", "con", "una", "del", "su", "sus", "necesitamos", "somos", "precio", "gracias"]),
        ("pt", ["o", "os", "que", "para", "com", "uma", "do", "da", "voces", "nao", "obrigado", "obrigada", "preco", "nos", "sao"]),
        ("fr", ["le", "les", "des", "pour", "vous", "nous", "une", "est", "avec", "votre", "vos", "merci", "prix", "du", "au"]),
        ("pl", ["i", "w", "na", "z", "do", "sie", "prosze", "oraz", "jest", "dla", "nie", "panstwo", "pozdrawiam", "cena", "ze"]),
        ("de", ["und", "die", "der", "das", "wir", "sie", "ihre", "fur", "mit", "ist", "bitte", "uns", "den", "nicht", "von"]),
        ("it", ["il", "di", "che", "per", "con", "una", "della", "vostro", "vorremmo", "sono", "gli", "prezzo", "cordiali", "saluti", "nel"]),
        ("tr", ["ve", "bir", "icin", "bu", "ile", "misiniz", "fiyat", "tesekkurler", "sayin", "urun", "olarak", "iyi", "merhaba", "rica", "ederiz"]),
        ("vi", ["cua", "va", "cac", "chung", "toi", "cong", "ty", "em", "gui", "anh", "chi", "gia", "cho", "khong", "nhu"]),
    ]

    private static let languagesOfWord: HashIndex<[String]> = {
        var map: [UInt64: [String]] = [:]
        for (code, words) in stopwords { for word in words { map[FeatureHash.of(word), default: []].append(code) } }
        return HashIndex(map)
    }()

    static func guess(text: String, tokens: [TextToken]) -> String? {
        var cjk = 0, arabic = 0, cyrillic = 0, latin = 0, vietnamese = 0
        var polish = 0, turkish = 0, german = 0, portuguese = 0, spanish = 0, french = 0, italian = 0
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 { if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { latin += 1 }; continue }
            switch v {
            case 0x4E00 ... 0x9FFF, 0x3400 ... 0x4DBF: cjk += 1
            case 0x600 ... 0x6FF: arabic += 1
            case 0x400 ... 0x4FF: cyrillic += 1
            case 0x1EA0 ... 0x1EF9, 0x1A1, 0x1B0, 0x111, 0x110: vietnamese += 1; latin += 1
            case 0x105, 0x119, 0x142, 0x144, 0x15B, 0x17A, 0x17C, 0x141, 0x15A, 0x17B: polish += 1; latin += 1
            case 0x11F, 0x131, 0x15F, 0x130, 0x15E, 0x11E: turkish += 1; latin += 1
            case 0xDF, 0xE4, 0xC4: german += 1; latin += 1
            case 0xE3, 0xF5, 0xE7, 0xEA, 0xC3, 0xD5: portuguese += 1; latin += 1
            case 0xF1, 0xBF, 0xA1: spanish += 1; latin += 1
            case 0xE8, 0xE0, 0xE2, 0xEE, 0xF4, 0xFB, 0x153: french += 1; italian += 1; latin += 1
            default: if s.properties.isAlphabetic { latin += 1 }
            }
        }
        let total = cjk + arabic + cyrillic + latin
        guard total > 0 else { return nil }
        if cjk * 4 >= total { return "zh" }
        if arabic * 3 >= total { return "ar" }
        if cyrillic * 3 >= total { return "ru" }
        if vietnamese >= 3 { return "vi" }
        var scores: [String: Double] = [:]
        for token in tokens where !token.hasDigit {
            for code in languagesOfWord[token.hash] ?? [] { scores[code, default: 0] += 1 }
        }
        scores["pl", default: 0] += Double(polish) * 0.7
        scores["tr", default: 0] += Double(turkish) * 0.7
        scores["de", default: 0] += Double(german) * 0.5
        scores["pt", default: 0] += Double(portuguese) * 0.5
        scores["es", default: 0] += Double(spanish) * 0.7
        scores["fr", default: 0] += Double(french) * 0.2
        scores["it", default: 0] += Double(italian) * 0.1
        return scores.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.map(\.key)
    }
}
