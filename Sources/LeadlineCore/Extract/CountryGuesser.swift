/// Guesses the buyer's country: phone prefix first, then place names in the text (signature lines count most),
/// then the country-code top-level domain of the sender.
enum CountryGuesser {
    static func guess(input: InquiryInput, tokens: [TextToken], into facts: inout InquiryFacts) {
        for phone in facts.phones where phone.hasPrefix("+") {
            let digits = phone.filter(\.isNumber)
            for length in [3, 2, 1] where digits.count > length {
                if let country = callingCodes[String(digits.prefix(length))] {
                    // +86 is the supplier's side (a Chinese forwarder or agent) unless nothing else is given.
                    if country == "China", facts.phones.count > 1 { break }
                    facts.country = country
                    facts.countryEvidence = "phone prefix +\(digits.prefix(length))"
                    return
                }
            }
        }
        // Place names: the last one wins (signatures sit at the end), Chinese ports are the supplier's side.
        // A country named as where other suppliers are ("we compare suppliers in China and Turkey") is not the
        // buyer's: a place preceded closely by a sourcing word is passed over.
        var found: (String, String)? = nil
        var lastSourcing = Int.min / 2  // index of the last sourcing word before the token at hand
        for (i, token) in tokens.enumerated() {
            defer { if sourcingWords.contains(token) { lastSourcing = i } }
            if i - lastSourcing <= 5 { continue }
            if let country = places[token.hash] {
                found = (country, token.raw)
            } else if i + 1 < tokens.count, let country = places[pairKey(token.hash, tokens[i + 1].hash)] {
                found = (country, token.raw + " " + tokens[i + 1].raw)
            }
        }
        if let (country, word) = found {
            facts.country = country
            facts.countryEvidence = "place name \(word)"
            return
        }
        if let domain = input.senderDomain, let dot = domain.lastIndex(of: ".") {
            let tld = String(domain[domain.index(after: dot)...]).lowercased()
            if let country = topLevelDomains[tld] {
                facts.country = country
                facts.countryEvidence = "domain .\(tld)"
                return
            }
        }
        // Languages spoken mainly in one country of this trade.
        let single = ["pl": "Poland", "tr": "Turkey", "vi": "Vietnam", "it": "Italy"]
        if let language = facts.language, let country = single[language] {
            facts.country = country
            facts.countryEvidence = "language \(language)"
        }
    }

    /// Words that introduce where goods or competing offers come from, in the corpus languages (folded forms).
    static let sourcingWords = WordSet([
        "supplier", "suppliers", "factory", "factories", "manufacturer", "manufacturers", "made", "origin",
        "competitor", "competitors", "producers", "vendors", "proveedor", "proveedores", "fabricantes", "fornecedor",
        "fornecedores", "fournisseur", "fournisseurs", "fabricants", "dostawcow", "dostawcy", "producentow",
        "lieferanten", "hersteller", "поставщиков", "поставщики", "поставщик", "tedarikci", "tedarikciler", "fornitori", "produttori",
    ])

    static let callingCodes: [String: String] = [
        "1": "USA/Canada", "7": "Russia/Kazakhstan", "20": "Egypt", "27": "South Africa", "30": "Greece",
        "31": "Netherlands", "32": "Belgium", "33": "France", "34": "Spain", "36": "Hungary", "39": "Italy",
        "40": "Romania", "41": "Switzerland", "43": "Austria", "44": "United Kingdom", "45": "Denmark",
        "46": "Sweden", "47": "Norway", "48": "Poland", "49": "Germany", "51": "Peru", "52": "Mexico", "53": "Cuba",
        "54": "Argentina", "55": "Brazil", "56": "Chile", "57": "Colombia", "58": "Venezuela", "60": "Malaysia",
        "61": "Australia", "62": "Indonesia", "63": "Philippines", "64": "New Zealand", "65": "Singapore",
        "66": "Thailand", "81": "Japan", "82": "South Korea", "84": "Vietnam", "86": "China", "90": "Turkey",
        "91": "India", "92": "Pakistan", "93": "Afghanistan", "94": "Sri Lanka", "95": "Myanmar", "98": "Iran",
        "212": "Morocco", "213": "Algeria", "216": "Tunisia", "218": "Libya", "220": "Gambia", "221": "Senegal",
        "223": "Mali", "224": "Guinea", "225": "Côte d'Ivoire", "226": "Burkina Faso", "227": "Niger",
        "228": "Togo", "229": "Benin", "231": "Liberia", "232": "Sierra Leone", "233": "Ghana", "234": "Nigeria",
        "235": "Chad", "237": "Cameroon", "241": "Gabon", "242": "Congo", "243": "DR Congo", "244": "Angola",
        "249": "Sudan", "250": "Rwanda", "251": "Ethiopia", "252": "Somalia", "254": "Kenya", "255": "Tanzania",
        "256": "Uganda", "258": "Mozambique", "260": "Zambia", "261": "Madagascar", "263": "Zimbabwe",
        "264": "Namibia", "265": "Malawi", "267": "Botswana", "351": "Portugal", "353": "Ireland", "358": "Finland",
        "359": "Bulgaria", "370": "Lithuania", "371": "Latvia", "372": "Estonia", "375": "Belarus", "380": "Ukraine",
        "381": "Serbia", "385": "Croatia", "420": "Czechia", "421": "Slovakia", "502": "Guatemala",
        "503": "El Salvador", "504": "Honduras", "505": "Nicaragua", "506": "Costa Rica", "507": "Panama",
        "591": "Bolivia", "593": "Ecuador", "595": "Paraguay", "598": "Uruguay", "852": "Hong Kong",
        "853": "Macau", "855": "Cambodia", "856": "Laos", "880": "Bangladesh", "886": "Taiwan", "960": "Maldives",
        "961": "Lebanon", "962": "Jordan", "963": "Syria", "964": "Iraq", "965": "Kuwait", "966": "Saudi Arabia",
        "967": "Yemen", "968": "Oman", "970": "Palestine", "971": "United Arab Emirates", "972": "Israel",
        "973": "Bahrain", "974": "Qatar", "976": "Mongolia", "977": "Nepal", "992": "Tajikistan",
        "993": "Turkmenistan", "994": "Azerbaijan", "995": "Georgia", "996": "Kyrgyzstan", "998": "Uzbekistan",
    ]

    static let topLevelDomains: [String: String] = [
        "ng": "Nigeria", "gh": "Ghana", "ke": "Kenya", "za": "South Africa", "eg": "Egypt", "ma": "Morocco",
        "dz": "Algeria", "tn": "Tunisia", "tz": "Tanzania", "ug": "Uganda", "et": "Ethiopia", "sn": "Senegal",
        "ci": "Côte d'Ivoire", "cm": "Cameroon", "ao": "Angola", "pl": "Poland", "de": "Germany", "fr": "France",
        "es": "Spain", "it": "Italy", "pt": "Portugal", "uk": "United Kingdom", "nl": "Netherlands",
        "be": "Belgium", "ch": "Switzerland", "at": "Austria", "ru": "Russia", "by": "Belarus", "kz": "Kazakhstan",
        "uz": "Uzbekistan", "ua": "Ukraine", "tr": "Turkey", "sa": "Saudi Arabia", "ae": "United Arab Emirates",
        "kw": "Kuwait", "qa": "Qatar", "om": "Oman", "bh": "Bahrain", "jo": "Jordan", "iq": "Iraq", "ir": "Iran",
        "pk": "Pakistan", "in": "India", "bd": "Bangladesh", "lk": "Sri Lanka", "vn": "Vietnam", "th": "Thailand",
        "my": "Malaysia", "sg": "Singapore", "id": "Indonesia", "ph": "Philippines", "au": "Australia",
        "nz": "New Zealand", "br": "Brazil", "ar": "Argentina", "cl": "Chile", "co": "Colombia", "pe": "Peru",
        "mx": "Mexico", "ec": "Ecuador", "ca": "Canada", "tw": "Taiwan", "hk": "Hong Kong", "kr": "South Korea",
        "jp": "Japan", "cz": "Czechia", "ro": "Romania", "hu": "Hungary", "gr": "Greece", "se": "Sweden",
    ]
}
