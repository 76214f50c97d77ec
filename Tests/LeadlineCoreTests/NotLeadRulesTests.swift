import LeadlineMIME
import Testing
@testable import LeadlineCore

@Suite struct NotLeadRulesTests {
    let classifier = LeadClassifier(model: try! LeadModel.bundled())

    @Test("Auto-Submitted header makes not_lead with the header as reason, even when the text talks about orders")
    func autoSubmittedHeader() {
        let input = InquiryInput(
            subject: "Re: PI for 2x40HQ", newText: "Please send the PI for 2x40HQ CIF Lagos, T/T 30% deposit.",
            headers: [HeaderField(name: "Auto-Submitted", value: "auto-replied")])
        let result = classifier.classify(input)
        #expect(result.kind == .notLead)
        #expect(result.reasons == ["auto-reply: Auto-Submitted: auto-replied"])
        #expect(result.notLead?.kind == .autoReply)
    }

    @Test("Auto-Submitted: no is an ordinary message")
    func autoSubmittedNo() {
        let input = InquiryInput(subject: "Order", newText: "Hello",
                                 headers: [HeaderField(name: "auto-submitted", value: "no")])
        #expect(NotLeadRules().headerVerdict(input) == nil)
    }

    @Test("X-Autoreply alone, multipart/report, MAILER-DAEMON, null Return-Path, List-Id and Precedence each decide not_lead")
    func headerEvidence() {
        let rules = NotLeadRules()
        let cases: [(InquiryInput, NotLeadVerdict.Kind)] = [
            (InquiryInput(subject: "Ferie", newText: "Sono in ferie", headers: [HeaderField(name: "X-Autoreply", value: "yes")]), .autoReply),
            (InquiryInput(subject: "Report", newText: "", contentType: "multipart/report; report-type=delivery-status"), .bounce),
            (InquiryInput(subject: "failure", newText: "x", from: Mailbox(name: nil, address: "MAILER-DAEMON@mx.test")), .bounce),
            (InquiryInput(subject: "x", newText: "x", headers: [HeaderField(name: "Return-Path", value: "<>")]), .bounce),
            (InquiryInput(subject: "x", newText: "x", headers: [HeaderField(name: "List-Id", value: "<news.test>")]), .bulk),
            (InquiryInput(subject: "x", newText: "x", headers: [HeaderField(name: "Precedence", value: "bulk")]), .bulk),
        ]
        for (input, kind) in cases {
            #expect(rules.headerVerdict(input)?.kind == kind)
        }
    }

    @Test("an out-of-office text without any automatic header is recognised in German, Spanish and Polish")
    func outOfOfficeTexts() {
        let texts: [(String, String)] = [
            ("Abwesenheitsnotiz: Ihre Anfrage", "Vielen Dank. Ich bin bis 12.08. nicht im Büro. Ihre E-Mail wird nicht weitergeleitet."),
            ("Respuesta automática: pedido", "Gracias por su mensaje. Estaré fuera de la oficina hasta el lunes."),
            ("Automatyczna odpowiedź: oferta", "Dzień dobry, przebywam na urlopie do 3 stycznia."),
        ]
        for (subject, text) in texts {
            let result = classifier.classify(InquiryInput(subject: subject, newText: text))
            #expect(result.kind == .notLead, "\(subject)")
            #expect(result.reasons.first?.hasPrefix("auto-reply:") == true)
        }
    }

    @Test("a plain-text bounce from a mail server is not_lead")
    func plainBounce() {
        let input = InquiryInput(
            subject: "Mail delivery failed: returning message to sender",
            newText: "This message was created automatically by mail delivery software.\nA message that you sent could not be delivered to one or more of its recipients. This is a permanent error.")
        #expect(classifier.classify(input).kind == .notLead)
    }

    @Test("a short note about travelling that asks for a catalogue is no auto-reply (buyer request in the new text)")
    func travellingBuyer() {
        let input = InquiryInput(
            subject: "catalogue",
            newText: "I am travelling to China next week, for urgent matters call my mobile. Please send your catalogue.")
        #expect(classifier.classify(input).notLead == nil)
    }

    @Test("a buyer who mentions being away but sends an order is not taken for an auto-reply")
    func buyerMentioningTravel() {
        let input = InquiryInput(
            subject: "Order confirmation HX-300",
            newText: "Dear Amy, I will be back in the office on Monday. Please send PI for 500 pcs HX-300, FOB Ningbo, T/T 30% deposit, shipment before 15 March.")
        let result = classifier.classify(input)
        #expect(result.notLead == nil)
        #expect(result.kind == .seriousBuyer)
    }
}
