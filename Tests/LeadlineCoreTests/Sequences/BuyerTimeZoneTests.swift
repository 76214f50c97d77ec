import Foundation
import Testing
@testable import LeadlineCore

@Suite struct BuyerTimeZoneTests {
    @Test("phone prefixes give the market's zone, longest prefix first", arguments: [
        ("+234 803 123 4567", "Africa/Lagos"), ("+48 22 123 45 67", "Europe/Warsaw"), ("+55 11 91234-5678", "America/Sao_Paulo"),
        ("+52 55 1234 5678", "America/Mexico_City"), ("+971 4 123 4567", "Asia/Dubai"), ("+966 11 123 4567", "Asia/Riyadh"),
        ("+90 212 123 45 67", "Europe/Istanbul"), ("+49 30 1234567", "Europe/Berlin"), ("+1 (212) 555-0100", "America/New_York"),
        ("+86 21 1234 5678", "Asia/Shanghai"), ("+91 22 1234 5678", "Asia/Kolkata"), ("+84 28 1234 5678", "Asia/Ho_Chi_Minh"),
        ("+62 21 123 4567", "Asia/Jakarta"), ("0048 22 123", "Europe/Warsaw"),
    ])
    func phonePrefix(phone: String, expected: String) {
        #expect(BuyerTimeZone.zone(forPhone: phone)?.identifier == expected)
    }

    @Test("every listed zone exists in this machine's zone database")
    func everyZoneResolves() {
        let all = Set(BuyerTimeZone.countryZones.values).union(BuyerTimeZone.phonePrefixZones.values)
        #expect(all.filter { TimeZone(identifier: $0) == nil }.isEmpty)
    }

    @Test("country beats phone, phone beats the Date offset, and a national number says nothing")
    func resolutionOrder() {
        let fallback = zone("UTC")
        #expect(BuyerTimeZone.resolve(country: "ng", phone: "+48 1", dateOffsetSeconds: 0, fallback: fallback).zone.identifier == "Africa/Lagos")
        #expect(BuyerTimeZone.resolve(country: "XX", phone: "+48 1", dateOffsetSeconds: 0, fallback: fallback).source == .phonePrefix)
        let byOffset = BuyerTimeZone.resolve(country: nil, phone: "022 123", dateOffsetSeconds: 3 * 3600, fallback: fallback)
        #expect(byOffset.source == .dateOffset)
        #expect(byOffset.zone.secondsFromGMT() == 3 * 3600)
        #expect(BuyerTimeZone.resolve(country: nil, phone: nil, dateOffsetSeconds: nil, fallback: fallback).source == .fallback)
    }
}
