import Foundation
import Testing
import Yams
@testable import LeadlineCore

@Suite struct ShippedTemplatesTests {
    @Test("the shipped templates lint clean")
    func lintClean() throws {
        let files = try loadShippedTemplates()
        #expect(files.count > 50)
        let findings = TemplateLinter.lint(TemplateCatalog(files: files))
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test("every shipped step renders in every language for a full and a bare lead, nothing left unfilled")
    func everyTemplateRenders() throws {
        let catalog = TemplateCatalog(files: try loadShippedTemplates())
        let renderer = try TemplateRenderer(catalog: catalog)
        for step in catalog.stepNames {
            for language in catalog.languages(of: step) {
                for lead in [fullLead, bareLead] {
                    let message = try renderer.render(step: step, language: language, values: lead)
                    #expect(message.language == language)
                    #expect(!message.subject.isEmpty && !message.textBody.isEmpty)
                    for text in [message.subject, message.textBody, message.htmlBody ?? ""] {
                        #expect(!text.contains("{{") && !text.contains("}}"), "\(step) \(language)")
                        #expect(!text.contains("&amp;") || text == message.htmlBody, "\(step) \(language): escaped text")
                    }
                    #expect(message.textBody.contains(lead.salespersonSignature), "\(step) \(language)")
                    if TemplateLinter.isFollowUp(step) { #expect(message.textBody.contains(lead.unsubscribeURL!)) }
                }
            }
        }
    }

    @Test("every step of every kind exists in the eleven shipped languages")
    func shippedLanguages() throws {
        let catalog = TemplateCatalog(files: try loadShippedTemplates())
        #expect(catalog.stepNames.count == 9)
        for step in catalog.stepNames {
            #expect(catalog.languages(of: step) == ["ar", "de", "en", "es", "fr", "pl", "pt", "ru", "tr", "vi", "zh"], "\(step)")
        }
    }

    @Test("the serious-buyer acknowledgement lists the products and asks only for what is missing")
    func seriousBuyerAcknowledgement() throws {
        let renderer = try TemplateRenderer(catalog: TemplateCatalog(files: try loadShippedTemplates()))
        let message = try renderer.render(step: "serious_buyer/1-acknowledge", language: "en", values: fullLead)
        #expect(message.subject == "Re: RFQ: PVC pipes <urgent>")
        #expect(message.textBody.hasPrefix("Dear Chinedu Okafor,\n\nThank you for your inquiry on behalf of Okafor & Sons Ltd."))
        #expect(message.textBody.contains("  - PVC pipes 110 mm: 2 x 40ft containers\n  - HDPE fittings\n"))
        #expect(message.textBody.contains("FOB, CIF or DAP"))
        #expect(message.textBody.contains("port of destination"))
        #expect(!message.textBody.contains("quantity per order"))
        #expect(message.htmlBody?.contains("Okafor &amp; Sons Ltd") == true)
    }

    @Test("the Vietnamese acknowledgement greets the buyer by name, or the company politely when no name is known")
    func vietnameseAcknowledgement() throws {
        let renderer = try TemplateRenderer(catalog: TemplateCatalog(files: try loadShippedTemplates()))
        let full = try renderer.render(step: "serious_buyer/1-acknowledge", language: "vi", values: fullLead)
        #expect(full.subject == "Re: RFQ: PVC pipes <urgent>")
        #expect(full.textBody.hasPrefix("Kính gửi Anh/Chị Chinedu Okafor,\n\nCảm ơn Okafor & Sons Ltd đã gửi yêu cầu báo giá"))
        #expect(full.textBody.contains("  - PVC pipes 110 mm: 2 x 40ft containers\n  - HDPE fittings\n"))
        #expect(full.textBody.contains("cảng đích") && !full.textBody.contains("số lượng cho mỗi đơn hàng"))
        let bare = try renderer.render(step: "serious_buyer/1-acknowledge", language: "vi", values: bareLead)
        #expect(bare.subject == "Yêu cầu báo giá của Quý công ty")
        #expect(bare.textBody.hasPrefix("Kính gửi Quý công ty,\n\nCảm ơn Quý công ty đã gửi yêu cầu báo giá"))
    }

    @Test("Config/sequences.yml decodes and validates against the shipped templates")
    func shippedConfig() throws {
        let yaml = try String(contentsOf: packageRoot.appendingPathComponent("Config/sequences.yml"), encoding: .utf8)
        let file = try YAMLDecoder().decode(SequencesFile.self, from: yaml)
        let steps = Set(TemplateCatalog(files: try loadShippedTemplates()).stepNames)
        let config = try file.validated(knownSteps: steps)
        #expect(Set(config.sequences.keys) == [.seriousBuyer, .priceComparer, .infoGatherer])
        #expect(config.sequences[.seriousBuyer]?.steps.first?.delay == .immediately)
        #expect(config.sequences[.infoGatherer]?.window.startMinute == 600)
        #expect(config.sequences[.seriousBuyer]?.window.maxJitterSeconds == 900)
    }
}

@Suite struct SequencesConfigTests {
    @Test("every bad field is reported at once with its key path")
    func allIssuesWithPaths() throws {
        let file = SequencesFile(
            window: .init(start: "9am", end: "17:00", jitterMinutes: 500), reenrolAfterDays: 30, outOfOffice: nil,
            sequences: [
                "a": .init(kind: "serious_buyer", window: nil, steps: [
                    .init(template: "a/1", delay: "immediately", condition: nil),
                    .init(template: "a/2", delay: "3 busines days", condition: "sometimes"),
                ]),
                "b": .init(kind: "serious_buyer", window: nil, steps: []),
                "c": .init(kind: "not_lead", window: nil, steps: [.init(template: "a/1", delay: "1 hour", condition: nil)]),
            ])
        do {
            _ = try file.validated(knownSteps: ["a/1"])
            Issue.record("accepted a bad file")
        } catch {
            let paths = error.issues.map(\.path)
            #expect(paths.contains("window.start"))
            #expect(paths.contains("window.jitter_minutes"))
            #expect(paths.contains("sequences.a.steps[1].delay"))
            #expect(paths.contains("sequences.a.steps[1].condition"))
            #expect(paths.contains("sequences.a.steps[1].template"))
            #expect(paths.contains("sequences.b.kind"))
            #expect(paths.contains("sequences.b.steps"))
            #expect(paths.contains("sequences.c.kind"))
            #expect(error.description.contains("Config/sequences.yml: sequences.a.steps[1].delay: '3 busines days' is not a delay"))
        }
    }

    @Test("delays parse from their written forms")
    func delays() {
        #expect(StepDelay(parsing: "immediately") == .immediately)
        #expect(StepDelay(parsing: "4 hours") == .hours(4))
        #expect(StepDelay(parsing: "1 business day") == .businessDays(1))
        #expect(StepDelay(parsing: "3 Business Days") == .businessDays(3))
        #expect(StepDelay(parsing: "soon") == nil)
        #expect(StepDelay(parsing: "-2 hours") == nil)
    }
}
