import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore

/// Builds the pure state machine for one lead: its sequence, its business calendar (country weekend and holidays
/// in the buyer's time zone) and its facts. Calendars are cached per country and zone within one planner.
final class SequencePlanner: @unchecked Sendable {
    let config: SequencesConfig
    let fallbackZone: TimeZone
    private var calendars: [String: BusinessCalendar] = [:]
    private let lock = NSLock()

    init(config: SequencesConfig, fallbackZone: TimeZone) {
        self.config = config
        self.fallbackZone = fallbackZone
    }

    /// The machine for `lead` running `sequence`, or nil when the configuration has no such sequence.
    func machine(for lead: LeadRecord, sequence: String, facts: InquiryFacts?) -> SequenceStateMachine? {
        guard let definition = config.sequence(named: sequence) else { return nil }
        let country = lead.country.flatMap(Self.countryCode) ?? ""
        let zone = BuyerTimeZone.resolve(country: country, phone: facts?.phones.first,
                                         dateOffsetSeconds: facts?.utcOffsetMinutes.map { $0 * 60 },
                                         fallback: fallbackZone).zone
        let key = "\(country)|\(zone.identifier)"
        let calendar: BusinessCalendar = lock.withLock {
            if let cached = calendars[key] { return cached }
            let made = BusinessCalendar(country: country, timeZone: zone)
            calendars[key] = made
            return made
        }
        let hasProducts = !(facts?.models.isEmpty ?? true)
        return SequenceStateMachine(definition: definition, calendar: calendar,
                                    facts: LeadFacts(hasProducts: hasProducts), config: config)
    }

    /// The sequence a lead of `kind` follows, if any (never for `not_lead`).
    func definition(for kind: LeadKind) -> SequenceDefinition? {
        kind == .notLead ? nil : config.sequences[kind]
    }

    static func facts(_ json: String?) -> InquiryFacts? {
        json.flatMap { try? InquiryFacts(jsonText: $0) }
    }

    /// The ISO 3166-1 code of a country as the classifier stores it (`"Nigeria"`, or already `"NG"`).
    static func countryCode(_ country: String) -> String? {
        let trimmed = country.trimmedSpaces
        if trimmed.count == 2, trimmed.allSatisfy(\.isLetter) { return trimmed.uppercased() }
        return countryCodes[trimmed.lowercased()]
    }

    /// English country names to codes, from Foundation's region list (plus the names the classifier writes).
    static let countryCodes: [String: String] = {
        let english = Locale(identifier: "en_US")
        var table: [String: String] = [:]
        for region in Locale.Region.isoRegions {
            let code = region.identifier
            guard code.count == 2, let name = english.localizedString(forRegionCode: code) else { continue }
            table[name.lowercased()] = code
        }
        for (name, code) in ["usa": "US", "united states of america": "US", "uk": "GB", "uae": "AE",
                             "vietnam": "VN", "viet nam": "VN", "south korea": "KR", "russia": "RU",
                             "turkey": "TR", "türkiye": "TR", "czech republic": "CZ", "ivory coast": "CI"] {
            table[name] = code
        }
        return table
    }()

    /// A reproducible jitter seed per lead.
    static func jitterSeed(leadID: Int64) -> UInt64 {
        UInt64(bitPattern: leadID) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5EED
    }
}
