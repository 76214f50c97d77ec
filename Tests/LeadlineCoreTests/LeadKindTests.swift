import Testing
@testable import LeadlineCore

@Suite struct LeadKindTests {
    @Test("kinds use the labels of the inquiry corpus and the JSON output")
    func rawValuesMatchCorpusLabels() {
        #expect(LeadKind.allCases.map(\.rawValue) == ["serious_buyer", "price_comparer", "info_gatherer", "not_lead"])
        #expect(LeadKind(rawValue: "price_comparer") == .priceComparer)
    }
}
