/// Pulls the facts of an inquiry out of its text: models, quantities, containers, Incoterms, payment terms,
/// deadline, company, phones, website, language and country.
///
/// Pure and single-pass over the tokens the classifier already made; no regular expressions, so it keeps up with
/// thousands of messages per second.
public struct FactExtractor: Sendable {
    public init() {}

    /// Extracts the facts of one inquiry.
    /// - Parameters:
    ///   - input: the inquiry.
    ///   - tokens: `TextTokenizer.tokens(input.newText)`, when the caller has them already.
    public func extract(from input: InquiryInput, tokens: [TextToken]? = nil) -> InquiryFacts {
        let tokens = tokens ?? TextTokenizer.tokens(input.newText)
        var facts = InquiryFacts()
        facts.topic = Self.topic(of: input.subject)
        let subjectTokens = TextTokenizer.tokens(input.subject)
        scanTrade(subjectTokens, into: &facts)
        scanTrade(tokens, into: &facts)
        facts.deadline = Self.deadline(in: tokens)
        ContactScanner.scan(text: input.newText, into: &facts)
        facts.senderDomain = input.senderDomain
        facts.language = LanguageGuesser.guess(text: input.newText.isEmpty ? input.subject : input.newText,
                                               tokens: tokens)
        CountryGuesser.guess(input: input, tokens: tokens, into: &facts)
        facts.utcOffsetMinutes = input.header("Date").flatMap(BuyerTimeZone.offsetSeconds(ofDateHeader:)).map { $0 / 60 }
        return facts
    }

    /// The subject without reply/forward prefixes, or nil when empty.
    static func topic(of subject: String) -> String? {
        var s = Substring(subject)
        var changed = true
        while changed {
            changed = false
            s = s.drop(while: { $0 == " " || $0 == "\t" })
            let head = s.prefix(6).lowercased()
            for prefix in ["re:", "fw:", "fwd:", "aw:", "wg:", "rv:", "tr:", "r:", "odp:", "ynt:", "回复:", "答复:", "转发:"]
            where head.hasPrefix(prefix) {
                s = s.dropFirst(prefix.count)
                changed = true
                break
            }
        }
        let t = s.trimmingSpaces
        return t.isEmpty ? nil : String(t.prefix(120))
    }

    private func scanTrade(_ tokens: [TextToken], into facts: inout InquiryFacts) {
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            let f = t.folded
            // Containers: 2x40HQ, 40HQ, 2 x 40'HC, 3x20ft.
            if t.hasDigit, let container = Self.container(tokens, at: i) {
                facts.containers.appendUnique(container.text)
                i = container.next
                continue
            }
            // Incoterms with their place.
            if !t.hasDigit, Self.incoterms.contains(t), t.raw == t.raw.uppercased() {
                let place = Self.place(after: i, in: tokens)
                let term = t.raw.uppercased()
                facts.incoterms.appendUnique(place.map { "\(term) \($0)" } ?? term)
                if let place, Self.destinationTerms.contains(t), facts.destination == nil { facts.destination = place }
                i += 1
                continue
            }
            // "ex-factory", "ex works": EXW in other words.
            if (f == "ex" || f == "ex-factory"), i + 1 < tokens.count,
               ["factory", "works", "work", "fabrica", "fabrik", "usine", "zaklad"].contains(tokens[i + 1].folded) {
                facts.incoterms.appendUnique("EXW")
                i += 2
                continue
            }
            // Payment terms.
            if t.hasDigit || Self.paymentStarts.contains(t), let payment = Self.payment(tokens, at: i) {
                facts.paymentTerms.appendUnique(payment.text)
                i = payment.next
                continue
            }
            if Self.certificateWords.contains(t), t.raw.uppercased() == t.raw || f.count > 4 {
                facts.certificates.appendUnique(Self.certificateLabel(tokens, at: i))
            }
            // Quantities: number + unit.
            if t.hasDigit, !t.hasLetter, let quantity = Self.quantity(tokens, at: i) {
                facts.quantities.appendUnique(quantity.text)
                i = quantity.next
                continue
            }
            // Model numbers: XJ-200, WC67K-100T/3200, 6204-2RS.
            let joinedNext = i + 1 < tokens.count && tokens[i + 1].joiner != nil && tokens[i + 1].hasDigit
            if t.hasDigit || joinedNext, !t.isCJK, let model = Self.model(tokens, at: i) {
                if facts.models.count < 8 { facts.models.appendUnique(model.text) }
                i = model.next
                continue
            }
            // "ship to Onne", "shipping to Durban", "entrega en Manzanillo", "Zielhafen Hamburg".
            if facts.destination == nil, Self.shipToWords.contains(t), i + 1 < tokens.count {
                var j = i + 1
                if tokens[j].folded == "to" || tokens[j].folded == "en" || tokens[j].folded == "a" { j += 1 }
                if j < tokens.count, Self.looksLikePlace(tokens[j]) {
                    facts.destination = Self.place(startingAt: j, in: tokens)
                }
            }
            i += 1
        }
    }
}

extension Array where Element: Equatable {
    /// Appends `element` unless it is already there.
    mutating func appendUnique(_ element: Element) {
        if !contains(element) { append(element) }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }
}
