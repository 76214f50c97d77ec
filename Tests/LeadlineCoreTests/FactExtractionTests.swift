import LeadlineMIME
import Testing
@testable import LeadlineCore

@Suite struct FactExtractionTests {
    func facts(_ text: String, subject: String = "", from: String? = nil) -> InquiryFacts {
        FactExtractor().extract(from: InquiryInput(subject: subject, newText: text,
                                                   from: from.map { Mailbox(name: nil, address: $0) }))
    }

    @Test("containers are read in their usual spellings: 2x40HQ, 1 x 20GP, 40'HC")
    func containers() {
        #expect(facts("We need 2x40HQ").containers == ["2x40HQ"])
        #expect(facts("Quantity: 1 x 20GP of tiles").containers == ["1x20GP"])
        #expect(facts("two 40'HC, CIF").containers == ["40HC"])
    }

    @Test("FOB Shanghai and CIF port of Apapa give the Incoterm with its place, the C-term the destination")
    func incoterms() {
        let f = facts("Price FOB Shanghai and CIF port of Apapa please.")
        #expect(f.incoterms == ["FOB Shanghai", "CIF Apapa"])
        #expect(f.destination == "Apapa")
    }

    @Test("payment terms: T/T 30% deposit, 30/70 and L/C at sight")
    func payment() {
        #expect(facts("Payment T/T 30% deposit, balance before shipment.").paymentTerms == ["T/T", "30% deposit"])
        #expect(facts("Terms 30/70 by TT").paymentTerms == ["30/70", "T/T"])
        #expect(facts("We open L/C at sight").paymentTerms == ["L/C at sight"])
    }

    @Test("the company comes from the signature, not from a list item or a Brazilian state abbreviation")
    func companyFromSignature() {
        let f = facts("Please quote:\n- SP-750 solar pump: 30 pcs\nRegards,\nMariana Costa\nAgroSol Engenharia Ltda.\nCampinas - SP, Brasil")
        #expect(f.company == "AgroSol Engenharia Ltda.")
        #expect(facts("Z poważaniem\nJan Nowak\nHydroSolar Instalacje Sp. z o.o.").company == "HydroSolar Instalacje Sp. z o.o.")
    }

    @Test("the sender's Date offset is kept as the buyer's clock of last resort; -0000 means unknown")
    func dateOffset() {
        func offset(_ date: String) -> Int? {
            FactExtractor().extract(from: InquiryInput(subject: "", newText: "Price?",
                                                       headers: [HeaderField(name: "Date", value: date)])).utcOffsetMinutes
        }
        #expect(offset("Mon, 16 Nov 2026 09:30:00 +0530") == 330)
        #expect(offset("Mon, 16 Nov 2026 09:30:00 -0300") == -180)
        #expect(offset("Mon, 16 Nov 2026 09:30:00 -0000") == nil)
    }

    @Test("a country named as where other suppliers are is not taken for the buyer's")
    func sourcingCountryIsNotTheBuyers() {
        #expect(facts("Send your price list. We are comparing suppliers in China and Turkey.").country == nil)
        #expect(facts("We import pumps made in Germany. Our office is in Lagos, Nigeria.").country == "Nigeria")
    }

    @Test("a +234 phone number makes Nigeria, and a WhatsApp label marks the number")
    func phoneCountry() {
        let f = facts("Regards,\nEmeka\nWhatsApp: +234 803 555 0148")
        #expect(f.phones == ["+234 803 555 0148"])
        #expect(f.whatsapp == "+234 803 555 0148")
        #expect(f.country == "Nigeria")
        #expect(f.countryEvidence == "phone prefix +234")
    }

    @Test("quantities keep their unit, thousands groups included; measures like 550W are not models")
    func quantitiesAndModels() {
        let f = facts("Model XJ-200, 8 000 szt. and 2,400 sets of 550W panels, part 6204-2RS")
        #expect(f.quantities == ["8 000 szt", "2,400 sets"])
        #expect(f.models == ["XJ-200", "6204-2RS"])
    }

    @Test("company from a signature line with a legal form, website and language")
    func signature() {
        let f = facts("Dear Sir,\nplease quote.\nBest regards\nJohn Smith\nAcme Trading Ltd\nwww.acme-trading.test")
        #expect(f.company == "Acme Trading Ltd")
        #expect(f.website == "www.acme-trading.test")
        #expect(f.language == "en")
    }

    @Test("the deadline phrase is kept as written")
    func deadline() {
        #expect(facts("Goods must arrive before 20 August, thanks").deadline == "must arrive before 20 August")
        #expect(facts("Please confirm the price before ordering.").deadline == nil)
        #expect(facts("Towar potrzebny najpóźniej 10 września.").deadline == "najpóźniej 10 września")
    }
}
