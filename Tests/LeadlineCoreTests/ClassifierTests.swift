import Testing
@testable import LeadlineCore

@Suite struct ClassifierTests {
    let classifier = LeadClassifier(model: try! LeadModel.bundled())

    @Test("a Polish inquiry with specs, quantity, Incoterm, payment and deadline is a serious buyer, with the facts as reason")
    func polishSeriousBuyer() {
        let input = InquiryInput(
            subject: "Zapytanie - kabel YDY 3x2,5, 40 000 m",
            newText: """
                Dzień dobry,
                prosimy o fakturę proforma na kabel YDY 3x2,5 mm2, 450/750 V, bębny po 500 m. Ilość: 40 000 m.
                Warunki: CIF Gdynia, płatność 30% przedpłaty, reszta po otrzymaniu B/L.
                Dostawa najpóźniej do 20 maja.
                Pozdrawiam
                Jan Nowak
                ELKAB Hurtownia Sp. z o.o.
                tel. +48 22 555 01 99
                """)
        let result = classifier.classify(input)
        #expect(result.kind == .seriousBuyer)
        #expect(result.facts.incoterms == ["CIF Gdynia"])
        #expect(result.facts.country == "Poland")
        #expect(result.facts.language == "pl")
        #expect(result.reasons.contains { $0.contains("CIF") })
    }

    @Test("a mail that only asks for the lowest price of a whole range is a price comparer")
    func priceOnly() {
        let input = InquiryInput(
            subject: "price",
            newText: "Hello, send me price list of all your water pumps. I want your lowest price, other supplier already quoted me. Give discount.")
        let result = classifier.classify(input)
        #expect(result.kind == .priceComparer)
        #expect(result.reasons.contains { $0.contains("lowest") || $0.contains("other suppliers") })
    }

    @Test("a catalogue request for future projects is an information gatherer, in Spanish as in English")
    func catalogueForLater() {
        for text in [
            "Dear Sir, please send your catalogue and company profile for our future projects. No immediate requirement.",
            "Estimados, les agradecería enviarnos su catálogo y la presentación de la empresa para proyectos futuros.",
        ] {
            let result = classifier.classify(InquiryInput(subject: "Catalogue", newText: text))
            #expect(result.kind == .infoGatherer, "\(text)")
            #expect(result.reasons.contains { $0.contains("catalogue") || $0.contains("later") })
        }
    }

    @Test("confidence lies in [0, 1] and every verdict carries at least one reason")
    func confidenceAndReasons() {
        for text in ["hi", "Need 3x40HQ CIF Mombasa", "Catalog please", "你好，请报最低价"] {
            let result = classifier.classify(InquiryInput(subject: "", newText: text))
            #expect(result.confidence >= 0 && result.confidence <= 1)
            #expect(!result.reasons.isEmpty)
        }
    }

    @Test("Chinese cues are found across characters and quoted in the reason")
    func chineseCue() {
        let hits = CueLexicon().matcher.match(TextTokenizer.tokens("请报最低价，我们已经收到好几家的报价"))
        let ids = hits.map { CueLexicon().matcher.cues[$0.cue].id }
        #expect(ids.contains("price.lowest"))
        #expect(ids.contains("competitor.quote"))
    }
}
