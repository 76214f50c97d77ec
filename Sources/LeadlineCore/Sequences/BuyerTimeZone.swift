public import Foundation

/// Works out the buyer's time zone, so follow-ups land in the buyer's working hours, not the salesperson's.
///
/// Evidence is tried from strongest to weakest: the buyer's country (ISO 3166-1 alpha-2), then the international
/// prefix of a phone number, then the UTC offset of the buyer's own `Date` header. Countries spanning several zones
/// get their main business zone (documented in ``countryZones``): the United States and `+1` resolve to
/// `America/New_York` (the East Coast holds most importers), Brazil to `America/Sao_Paulo`, Mexico to
/// `America/Mexico_City`, Russia to `Europe/Moscow`, China to `Asia/Shanghai`, Indonesia to `Asia/Jakarta`,
/// Canada to `America/Toronto`, Australia to `Australia/Sydney`. A `Date` offset gives a fixed-offset zone: right
/// today, blind to a later DST change, hence last.
public enum BuyerTimeZone {
    /// Where a resolved time zone came from, for the lead's "why" panel and logs.
    public enum Source: String, Sendable, Codable, Equatable {
        case country, phonePrefix = "phone_prefix", dateOffset = "date_offset", fallback
    }

    /// The main business time zone for each country code (upper-case ISO 3166-1 alpha-2).
    public static let countryZones: [String: String] = [
        // Africa
        "NG": "Africa/Lagos", "GH": "Africa/Accra", "KE": "Africa/Nairobi", "ZA": "Africa/Johannesburg",
        "EG": "Africa/Cairo", "MA": "Africa/Casablanca", "DZ": "Africa/Algiers", "TN": "Africa/Tunis",
        "ET": "Africa/Addis_Ababa", "TZ": "Africa/Dar_es_Salaam", "CI": "Africa/Abidjan", "SN": "Africa/Dakar",
        "CM": "Africa/Douala", "AO": "Africa/Luanda", "LY": "Africa/Tripoli", "UG": "Africa/Kampala",
        // Europe
        "PL": "Europe/Warsaw", "DE": "Europe/Berlin", "FR": "Europe/Paris", "ES": "Europe/Madrid",
        "IT": "Europe/Rome", "GB": "Europe/London", "NL": "Europe/Amsterdam", "BE": "Europe/Brussels",
        "CZ": "Europe/Prague", "SK": "Europe/Bratislava", "HU": "Europe/Budapest", "RO": "Europe/Bucharest",
        "BG": "Europe/Sofia", "GR": "Europe/Athens", "PT": "Europe/Lisbon", "AT": "Europe/Vienna",
        "CH": "Europe/Zurich", "SE": "Europe/Stockholm", "UA": "Europe/Kyiv", "RU": "Europe/Moscow",
        "TR": "Europe/Istanbul", "IE": "Europe/Dublin", "DK": "Europe/Copenhagen", "NO": "Europe/Oslo",
        "FI": "Europe/Helsinki", "LT": "Europe/Vilnius", "LV": "Europe/Riga", "EE": "Europe/Tallinn",
        // Middle East
        "AE": "Asia/Dubai", "SA": "Asia/Riyadh", "QA": "Asia/Qatar", "KW": "Asia/Kuwait", "BH": "Asia/Bahrain",
        "OM": "Asia/Muscat", "JO": "Asia/Amman", "IQ": "Asia/Baghdad", "IL": "Asia/Jerusalem", "IR": "Asia/Tehran",
        "LB": "Asia/Beirut", "YE": "Asia/Aden",
        // Asia and Oceania
        "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong", "TW": "Asia/Taipei", "IN": "Asia/Kolkata",
        "PK": "Asia/Karachi", "BD": "Asia/Dhaka", "LK": "Asia/Colombo", "VN": "Asia/Ho_Chi_Minh",
        "ID": "Asia/Jakarta", "MY": "Asia/Kuala_Lumpur", "SG": "Asia/Singapore", "TH": "Asia/Bangkok",
        "PH": "Asia/Manila", "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "KZ": "Asia/Almaty", "UZ": "Asia/Tashkent",
        "AU": "Australia/Sydney", "NZ": "Pacific/Auckland",
        // Americas
        "US": "America/New_York", "CA": "America/Toronto", "MX": "America/Mexico_City", "BR": "America/Sao_Paulo",
        "AR": "America/Argentina/Buenos_Aires", "CL": "America/Santiago", "CO": "America/Bogota",
        "PE": "America/Lima", "EC": "America/Guayaquil", "VE": "America/Caracas", "UY": "America/Montevideo",
        "PA": "America/Panama", "GT": "America/Guatemala", "DO": "America/Santo_Domingo",
    ]

    /// International dialling prefixes (digits after `+`) and their main business zone; longest prefix wins.
    public static let phonePrefixZones: [String: String] = [
        "1": "America/New_York", "7": "Europe/Moscow", "20": "Africa/Cairo", "27": "Africa/Johannesburg",
        "30": "Europe/Athens", "31": "Europe/Amsterdam", "32": "Europe/Brussels", "33": "Europe/Paris",
        "34": "Europe/Madrid", "36": "Europe/Budapest", "39": "Europe/Rome", "40": "Europe/Bucharest",
        "41": "Europe/Zurich", "43": "Europe/Vienna", "44": "Europe/London", "45": "Europe/Copenhagen",
        "46": "Europe/Stockholm", "47": "Europe/Oslo", "48": "Europe/Warsaw", "49": "Europe/Berlin",
        "51": "America/Lima", "52": "America/Mexico_City", "54": "America/Argentina/Buenos_Aires",
        "55": "America/Sao_Paulo", "56": "America/Santiago", "57": "America/Bogota", "58": "America/Caracas",
        "60": "Asia/Kuala_Lumpur", "61": "Australia/Sydney", "62": "Asia/Jakarta", "63": "Asia/Manila",
        "64": "Pacific/Auckland", "65": "Asia/Singapore", "66": "Asia/Bangkok", "81": "Asia/Tokyo",
        "82": "Asia/Seoul", "84": "Asia/Ho_Chi_Minh", "86": "Asia/Shanghai", "90": "Europe/Istanbul",
        "91": "Asia/Kolkata", "92": "Asia/Karachi", "93": "Asia/Kabul", "94": "Asia/Colombo", "98": "Asia/Tehran",
        "212": "Africa/Casablanca", "213": "Africa/Algiers", "216": "Africa/Tunis", "218": "Africa/Tripoli",
        "221": "Africa/Dakar", "225": "Africa/Abidjan", "233": "Africa/Accra", "234": "Africa/Lagos",
        "237": "Africa/Douala", "244": "Africa/Luanda", "251": "Africa/Addis_Ababa", "254": "Africa/Nairobi",
        "255": "Africa/Dar_es_Salaam", "256": "Africa/Kampala", "351": "Europe/Lisbon", "353": "Europe/Dublin",
        "358": "Europe/Helsinki", "359": "Europe/Sofia", "370": "Europe/Vilnius", "371": "Europe/Riga",
        "372": "Europe/Tallinn", "380": "Europe/Kyiv", "420": "Europe/Prague", "421": "Europe/Bratislava",
        "852": "Asia/Hong_Kong", "880": "Asia/Dhaka", "886": "Asia/Taipei", "961": "Asia/Beirut",
        "962": "Asia/Amman", "964": "Asia/Baghdad", "965": "Asia/Kuwait", "966": "Asia/Riyadh",
        "967": "Asia/Aden", "968": "Asia/Muscat", "971": "Asia/Dubai", "972": "Asia/Jerusalem",
        "973": "Asia/Bahrain", "974": "Asia/Qatar", "998": "Asia/Tashkent",
    ]

    /// The zone for a country code (`"ng"`, `"PL"`), or nil when the code is unknown or the zone is not installed.
    public static func zone(forCountry code: String) -> TimeZone? {
        countryZones[code.uppercased()].flatMap(TimeZone.init(identifier:))
    }

    /// The zone for an international phone number (`"+234 803 123 4567"`, `"00 48 22 123"`), longest prefix first.
    ///
    /// Returns nil for a number without an international prefix (`+` or `00`): a national number says nothing.
    public static func zone(forPhone phone: String) -> TimeZone? {
        var text = phone.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("+") { text.removeFirst() } else if text.hasPrefix("00") { text.removeFirst(2) } else { return nil }
        let digits = String(text.prefix(while: { $0.isNumber || $0 == " " || $0 == "-" || $0 == "(" || $0 == ")" })
            .filter(\.isNumber))
        for length in stride(from: 3, through: 1, by: -1) where digits.count >= length {
            if let identifier = phonePrefixZones[String(digits.prefix(length))] { return TimeZone(identifier: identifier) }
        }
        return nil
    }

    /// A fixed-offset zone from the buyer's `Date` header offset in seconds east of UTC (`+0100` is 3600).
    public static func zone(forDateOffset seconds: Int) -> TimeZone? {
        TimeZone(secondsFromGMT: seconds)
    }

    /// The best zone from whatever evidence there is, with its source; `fallback` (e.g. the account's own zone)
    /// when nothing is known.
    public static func resolve(
        country: String?, phone: String?, dateOffsetSeconds: Int?, fallback: TimeZone
    ) -> (zone: TimeZone, source: Source) {
        if let country, let zone = zone(forCountry: country) { return (zone, .country) }
        if let phone, let zone = zone(forPhone: phone) { return (zone, .phonePrefix) }
        if let offset = dateOffsetSeconds, let zone = zone(forDateOffset: offset) { return (zone, .dateOffset) }
        return (fallback, .fallback)
    }
}
