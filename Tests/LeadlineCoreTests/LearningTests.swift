import Foundation
import Testing
@testable import LeadlineCore

@Suite struct LearningTests {
    let examples: [(InquiryInput, LeadKind)] = [
        (InquiryInput(subject: "Order", newText: "Please send PI for 500 pcs model AB-100, FOB Ningbo, T/T 30% deposit."), .seriousBuyer),
        (InquiryInput(subject: "Price", newText: "Send your lowest price, other supplier is cheaper. Discount?"), .priceComparer),
        (InquiryInput(subject: "Catalogue", newText: "Please send catalogue and company profile for future projects."), .infoGatherer),
        (InquiryInput(subject: "Weekly news", newText: "Our newsletter. Unsubscribe here."), .notLead),
    ]

    @Test("corrections on top of the shipped model change the verdict on the corrected message and keep reasons")
    func correctionsOnShippedModel() throws {
        let shipped = LeadClassifier(model: try LeadModel.bundled())
        let mail = InquiryInput(subject: "Cooperation", newText: "We want to be your exclusive distributor in Ghana. Send catalogue and price list.")
        let before = shipped.classify(mail).kind
        let target: LeadKind = before == .seriousBuyer ? .infoGatherer : .seriousBuyer
        let corrected = shipped.updated(with: Array(repeating: (mail, target), count: 3))
        #expect(corrected.classify(mail).kind == target)
        #expect(corrected.model.trainedOn == shipped.model.trainedOn + 3)
    }

    @Test("training is reproducible: the same examples give byte-identical models")
    func reproducible() throws {
        let a = try LeadClassifier.train(examples: examples).encoded()
        let b = try LeadClassifier.train(examples: examples).encoded()
        #expect(a == b)
    }

    @Test("a stored model decodes to a model that stores the same bytes and decides alike; a broken file names its source")
    func roundTrip() throws {
        let model = LeadClassifier.train(examples: examples)
        let stored = try model.encoded()
        let decoded = try LeadModel.decode(stored, source: "test")
        #expect(try decoded.encoded() == stored)
        for (input, _) in examples {
            #expect(LeadClassifier(model: decoded).classify(input).kind == LeadClassifier(model: model).classify(input).kind)
        }
        #expect(throws: LeadModelError.self) { try LeadModel.decode(Data("{}".utf8), source: "broken.json") }
    }

    @Test("a salesperson's corrections move the classifier towards the corrected kind")
    func corrections() {
        var settings = LeadModel.TrainingSettings()
        settings.minimumCount = 1 // four examples: keep every word
        let classifier = LeadClassifier(model: LeadClassifier.train(examples: examples, settings: settings))
        let mail = InquiryInput(subject: "Distributor", newText: "We want to be your distributor in Kenya, send catalogue.")
        let before = classifier.classify(mail)
        #expect(before.kind == .infoGatherer)
        let corrected = classifier.updated(with: [(mail, .seriousBuyer), (mail, .seriousBuyer)])
        let after = corrected.classify(mail)
        #expect(after.kind == .seriousBuyer)
        #expect(!after.reasons.isEmpty)
    }

    @Test("label files are read by column name; an unknown label names its line")
    func labelFile() throws {
        let rows = try LabelFile.parse("file\tlabel\tlanguage\na.eml\tnot_lead\ten\nb.eml\tserious_buyer\tpl\n")
        #expect(rows.map(\.file) == ["a.eml", "b.eml"])
        #expect(rows.map(\.kind) == [.notLead, .seriousBuyer])
        #expect(throws: LabelFileError(line: 3, problem: "unknown label \"buyer\" (known: serious_buyer, price_comparer, info_gatherer, not_lead)")) {
            try LabelFile.parse("file\tlabel\na.eml\tnot_lead\nb.eml\tbuyer\n")
        }
    }
}
