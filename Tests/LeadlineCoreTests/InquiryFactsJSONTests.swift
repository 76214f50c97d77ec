import Foundation
import LeadlineCore
import Testing

/// `InquiryFacts.jsonText` and `JSONText` write what JSONEncoder writes, so stored facts read the same either way.
struct InquiryFactsJSONTests {
    static func encoderText(_ facts: InquiryFacts) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(facts), as: UTF8.self)
    }

    @Test func emptyFactsMatchJSONEncoder() throws {
        #expect(InquiryFacts().jsonText == (try Self.encoderText(InquiryFacts())))
    }

    /// Every field set, with the characters JSON must escape and non-ASCII text.
    static var everyField: InquiryFacts {
        var facts = InquiryFacts()
        facts.models = ["XJ-200", "6204-2RS"]
        facts.topic = "Quote \"urgent\" \\ path/to\tnext\nline \u{01} \u{08}\u{0C}"
        facts.quantities = ["8000 szt", "2,400 sets"]
        facts.containers = ["2x40HQ"]
        facts.incoterms = ["CIF Apapa"]
        facts.destination = "Apapa, Lagos"
        facts.paymentTerms = ["T/T", "30% deposit"]
        facts.certificates = ["SONCAP"]
        facts.deadline = "before end of October"
        facts.company = "Zakład Produkcyjny Sp. z o.o. 有限公司"
        facts.phones = ["+234 803 555 0148"]
        facts.whatsapp = "+234 803 555 0148"
        facts.website = "www.example.ng"
        facts.senderDomain = "example.ng"
        facts.language = "pl"
        facts.country = "Nigeria"
        facts.countryEvidence = "phone prefix +234"
        facts.utcOffsetMinutes = -330
        return facts
    }

    @Test func everyFieldAndAwkwardCharactersMatchJSONEncoder() throws {
        let facts = Self.everyField
        let text = facts.jsonText
        #expect(text == (try Self.encoderText(facts)))
        #expect(try JSONDecoder().decode(InquiryFacts.self, from: Data(text.utf8)) == facts)
    }

    @Test func stringArraysMatchJSONEncoder() throws {
        let reasons = ["asks for \"CIF\" price", "a/b", "tab\there", "émigré 中文"]
        let expected = String(decoding: try JSONEncoder().encode(reasons), as: UTF8.self)
            .replacingOccurrences(of: "\\/", with: "/")
        #expect(JSONText.array(reasons) == expected)
        #expect(try JSONDecoder().decode([String].self, from: Data(JSONText.array(reasons).utf8)) == reasons)
    }
}

/// `InquiryFacts(jsonText:)` reads what JSONDecoder reads, from our own text and from JSONEncoder's (escaped slashes).
struct InquiryFactsReadingTests {
    @Test("facts with every field and awkward characters read back directly as JSONDecoder reads them")
    func everyField() throws {
        let facts = InquiryFactsJSONTests.everyField
        #expect(try InquiryFacts(jsonText: facts.jsonText) == facts)
        let encoded = String(decoding: try JSONEncoder().encode(facts), as: UTF8.self)
        #expect(encoded.contains(#"T\/T"#))
        #expect(try InquiryFacts(jsonText: encoded) == facts)
        #expect(try InquiryFacts(jsonText: "{}") == InquiryFacts())
    }

    @Test("text that is not a facts object is refused")
    func refused() {
        #expect(throws: JSONValue.ParseError.self) { try InquiryFacts(jsonText: "[]") }
        #expect(throws: JSONValue.ParseError.self) { try InquiryFacts(jsonText: #"{"models":"#) }
    }
}
