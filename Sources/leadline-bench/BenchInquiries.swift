import Foundation

// The "inquiries" mix of the benchmark mailbox: messages shaped like the development set's real inquiries
// (../shared/corpus/inquiries: text median 436 bytes, 90th percentile 879, longest 1,346), written for the project.
// Each is a greeting, a request naming product, quantity, Incoterm and port, one to three questions, and a
// signature with name, company, city and phone, in one of five languages; 30% carry a 2-9 KB attachment, as in the
// "long-text" mix. Deterministic: the same bytes in every run.

/// The sentence parts of one language.
private struct InquiryLanguage {
    var greeting: [String]
    var request: [String]  // placeholders: {product} {quantity} {incoterm} {port}
    var questions: [String]
    var closing: [String]
    var subject: String  // {product}
}

private let languages: [InquiryLanguage] = [
    InquiryLanguage(
        greeting: ["Dear Sir/Madam,", "Hello,", "Dear Sales Team,", "Good day,"],
        request: [
            "We are interested in {product} and would like your best price for {quantity}, {incoterm} {port}.",
            "Please quote {quantity} of {product} {incoterm} {port}. We need the goods for our next project.",
            "Our company imports {product} every month. Kindly send your offer for {quantity} {incoterm} {port}.",
        ],
        questions: [
            "What is your MOQ and lead time?", "Can you send the specification sheet and certificates?",
            "Payment would be 30% T/T deposit and balance against B/L copy.", "Do you offer samples?",
            "Please confirm the packing and the loading per 40HQ container.", "We can open an L/C at sight.",
        ],
        closing: ["Best regards,", "Kind regards,", "Thank you and regards,"],
        subject: "Inquiry: {product}"),
    InquiryLanguage(
        greeting: ["Estimados señores:", "Buenos días,"],
        request: [
            "Estamos interesados en {product}. Por favor envíen su mejor precio para {quantity}, {incoterm} {port}.",
            "Solicitamos cotización de {quantity} de {product} {incoterm} {port}.",
        ],
        questions: [
            "¿Cuál es el plazo de entrega?", "¿Pueden enviar la ficha técnica y los certificados?",
            "Forma de pago: carta de crédito a la vista.", "¿Cuál es la cantidad mínima de pedido?",
        ],
        closing: ["Saludos cordiales,", "Atentamente,"],
        subject: "Solicitud de cotización: {product}"),
    InquiryLanguage(
        greeting: ["Prezados senhores,", "Bom dia,"],
        request: [
            "Temos interesse em {product}. Favor enviar o melhor preço para {quantity}, {incoterm} {port}.",
            "Gostaríamos de uma cotação de {quantity} de {product} {incoterm} {port}.",
        ],
        questions: [
            "Qual é o prazo de entrega?", "Podem enviar a ficha técnica e os certificados?",
            "Pagamento: 30% antecipado e saldo contra cópia do B/L.", "Qual é o pedido mínimo?",
        ],
        closing: ["Atenciosamente,", "Abraços,"],
        subject: "Cotação: {product}"),
    InquiryLanguage(
        greeting: ["Madame, Monsieur,", "Bonjour,"],
        request: [
            "Nous sommes intéressés par {product}. Merci de nous envoyer votre meilleur prix pour {quantity}, {incoterm} {port}.",
            "Pourriez-vous nous faire une offre pour {quantity} de {product} {incoterm} {port} ?",
        ],
        questions: [
            "Quel est votre délai de livraison ?", "Pouvez-vous envoyer la fiche technique et les certificats ?",
            "Paiement par lettre de crédit à vue.", "Quelle est la quantité minimale de commande ?",
        ],
        closing: ["Cordialement,", "Bien à vous,"],
        subject: "Demande de prix : {product}"),
    InquiryLanguage(
        greeting: ["Szanowni Państwo,", "Dzień dobry,"],
        request: [
            "Jesteśmy zainteresowani zakupem: {product}. Prosimy o ofertę cenową na {quantity}, {incoterm} {port}.",
            "Proszę o wycenę {quantity} – {product}, {incoterm} {port}.",
        ],
        questions: [
            "Jaki jest czas realizacji?", "Prosimy o kartę techniczną i certyfikaty.",
            "Płatność: przelew 30% przedpłaty, reszta przed wysyłką.", "Jakie jest minimalne zamówienie?",
        ],
        closing: ["Z poważaniem,", "Pozdrawiam,"],
        subject: "Zapytanie ofertowe: {product}"),
]

private let products = ["cashew nuts", "sesame seeds", "frozen chicken", "sunflower oil", "steel pipes", "PVC resin",
                        "cocoa beans", "rice 5% broken", "cement", "solar panels", "tyres", "urea 46%"]
private let quantities = ["2x40HQ", "1x20GP", "500 MT", "25 tons", "12,000 pcs", "3 containers", "800 sets"]
private let incoterms = ["CIF", "CFR", "FOB", "DAP", "EXW"]
private let places: [(domain: String, port: String, city: String, phone: String)] = [
    ("ng", "Apapa", "Lagos, Nigeria", "+234 803 555 01"), ("pl", "Gdansk", "Warszawa", "+48 601 555 2"),
    ("br", "Santos", "São Paulo", "+55 11 9555 0"), ("ae", "Jebel Ali", "Dubai, UAE", "+971 50 555 0"),
    ("vn", "Hai Phong", "Hanoi", "+84 91 555 0"), ("id", "Tanjung Priok", "Jakarta", "+62 812 555 0"),
    ("sa", "Dammam", "Riyadh", "+966 55 555 0"), ("eg", "Alexandria", "Cairo", "+20 100 555 0"),
    ("tr", "Mersin", "Istanbul", "+90 532 555 0"), ("my", "Port Klang", "Kuala Lumpur", "+60 12 555 0"),
]
private let companies = ["Trading Ltd", "Import & Export Co.", "Sp. z o.o.", "Ltda.", "SARL", "General Trading LLC"]

/// One inquiry of the "inquiries" mix (see the file comment).
func makeRealisticInquiry(
    _ index: Int, to: String, random: inout BenchRandom, attachmentBytes: ClosedRange<Int>? = nil
) -> [UInt8] {
    let language = languages[random.next(languages.count)]
    let place = places[random.next(places.count)]
    let product = products[random.next(products.count)]
    func pick(_ items: [String]) -> String { items[random.next(items.count)] }
    let request = pick(language.request)
        .replacingOccurrences(of: "{product}", with: product)
        .replacingOccurrences(of: "{quantity}", with: pick(quantities))
        .replacingOccurrences(of: "{incoterm}", with: pick(incoterms))
        .replacingOccurrences(of: "{port}", with: place.port)
    var lines = [pick(language.greeting), "", request]
    for _ in 0 ... random.next(3) { lines.append(pick(language.questions)) }
    let name = "Buyer \(index)"
    lines += ["", pick(language.closing), name, "Purchasing Manager", "\(name.split(separator: " ")[0]) \(index % 97) \(pick(companies))",
              place.city, "Tel: \(place.phone)\(10 + index % 90)"]
    let body = lines.joined(separator: "\r\n") + "\r\n"
    let sender = "buyer\(index)@trade\(index % 211).example.\(place.domain)"
    return benchMessage(
        index, from: "\(name) <\(sender)>", returnPath: sender, to: to,
        subject: language.subject.replacingOccurrences(of: "{product}", with: product),
        messageID: "<inq-\(index)@trade.example.\(place.domain)>", text: body, random: &random,
        attachmentBytes: attachmentBytes)
}
