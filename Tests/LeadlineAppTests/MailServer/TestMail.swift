import Foundation

/// A realistic buyer's message for the end-to-end tests: an inquiry in one of several languages, or a reply in a
/// thread. Message-IDs carry a per-test tag, so they are unique across tests and runs.
struct TestMail {
    var messageID: String
    var sender: String
    var bytes: [UInt8]

    static let products = ["solar water pumps SP-750", "cashew nuts W320", "sunflower oil 1L PET", "PVC resin SG-5",
                           "steel pipes ERW 2 inch", "frozen chicken paws", "urea 46%", "cocoa beans grade 1"]
    static let buyers = [
        ("Adaeze Obi", "lagos-pumps.example", "CIF Lagos", "Lagos Pumps Ltd"),
        ("Jan Kowalski", "hurt-pl.example", "DAP Warszawa", "Hurtownia Kowalski"),
        ("Ana Souza", "souza-imports.example", "CIF Santos", "Souza Importadora"),
        ("Omar Haddad", "gulf-trading.example", "CFR Jebel Ali", "Gulf Trading LLC"),
        ("Nguyen Van An", "saigon-foods.example", "CIF Ho Chi Minh", "Saigon Foods JSC"),
    ]

    /// Inquiry number `index` of buyer `buyer` (the buyer's address is the same for every inquiry of theirs).
    static func inquiry(_ index: Int, buyer: Int? = nil, tag: String, to: String) -> TestMail {
        let b = buyer ?? index
        let (name, domain, terms, company) = buyers[b % buyers.count]
        let address = "buyer\(b)@\(domain)"
        let product = products[(index * 7 + b) % products.count]
        let quantity = 2 + (index * 13) % 40
        let id = "inq-\(index)-\(tag)@\(domain)"
        let body: String
        switch b % buyers.count {
        case 1:
            body = """
                Dzień dobry,\r
                proszę o ofertę cenową na \(quantity) ton \(product), \(terms). Prosimy o proformę, termin dostawy\r
                i warunki płatności. Zamówienie planujemy w tym miesiącu.\r
                \r
                Pozdrawiam,\r
                \(name)\r
                \(company)\r
                """
        case 2:
            body = """
                Prezados,\r
                Solicitamos cotação para \(quantity) contêineres de \(product), \(terms), pagamento por carta de\r
                crédito. Favor enviar a fatura proforma e o prazo de entrega.\r
                \r
                Atenciosamente,\r
                \(name), \(company)\r
                """
        default:
            body = """
                Dear Sir,\r
                Please send your proforma invoice for \(quantity) containers of \(product), \(terms), payment by L/C\r
                at sight. We need delivery within 45 days and would like to place the order this month.\r
                \r
                Best regards,\r
                \(name)\r
                Procurement, \(company)\r
                """
        }
        return make(id: id, from: address, name: name, to: to, subject: "RFQ \(index): \(product)", body: body)
    }

    /// A reply in the thread of `original`, from another person of the same company.
    static func reply(to original: TestMail, tag: String, to recipient: String) -> TestMail {
        let domain = original.sender.split(separator: "@").last.map(String.init) ?? "example.com"
        let id = "re-\(tag)@\(domain)"
        return make(
            id: id, from: "colleague@\(domain)", name: "A Colleague", to: recipient,
            subject: "Re: your quotation",
            body: "Thank you. Please also quote 10 spare controllers.\r\n",
            extra: ["In-Reply-To: <\(original.messageID)>", "References: <\(original.messageID)>"])
    }

    static func make(
        id: String, from: String, name: String, to: String, subject: String, body: String, extra: [String] = []
    ) -> TestMail {
        let header = [
            "From: \(name) <\(from)>", "To: <\(to)>", "Subject: \(subject)",
            "Date: Mon, 23 Nov 2026 09:30:00 +0100", "Message-ID: <\(id)>",
        ] + extra + ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"]
        return TestMail(messageID: id, sender: from,
                        bytes: Array((header.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8))
    }
}
