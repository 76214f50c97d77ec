/// What the classifier knows about one inquiry before deciding: cue hits, facts, rule verdicts and the word
/// features for the learned model.
public struct InquiryFeatures: Sendable {
    /// Cues found in subject and new text.
    public var cueHits: [CueHit]
    /// Facts extracted from the message.
    public var facts: InquiryFacts
    /// A rule verdict that the message is no inquiry (final when present).
    public var notLead: NotLeadVerdict?
    /// Hashed features with values, for the model (names like `cue:price.lowest`, `fact:incoterm`, `w:catalogue`).
    public var vector: [FeatureValue]
}

/// Computes `InquiryFeatures` from an `InquiryInput`: one tokenization, one cue pass, fact extraction, rules.
public struct FeatureExtractor: Sendable {
    /// The cue lexicon (all languages).
    public let lexicon: CueLexicon
    let rules = NotLeadRules()
    let facts = FactExtractor()

    public init(lexicon: CueLexicon = CueLexicon()) {
        self.lexicon = lexicon
    }

    /// Number of trade facts (Incoterm, container, quantity, payment, deadline, model, certificate) present.
    static func tradeFactCount(_ f: InquiryFacts) -> Int {
        [!f.incoterms.isEmpty, !f.containers.isEmpty, !f.quantities.isEmpty, !f.paymentTerms.isEmpty,
         f.deadline != nil, !f.models.isEmpty, !f.certificates.isEmpty].filter { $0 }.count
    }

    /// Tokenizes subject and new text once, finds cues, extracts facts, applies the not-lead rules and builds the
    /// model's feature vector.
    public func features(of input: InquiryInput) -> InquiryFeatures {
        let bodyTokens = TextTokenizer.tokens(input.newText)
        let subjectTokens = TextTokenizer.tokens(input.subject)
        let extracted = facts.extract(from: input, tokens: bodyTokens)
        let bodyHits = lexicon.matcher.match(bodyTokens)
        let hits = Self.merge(lexicon.matcher.match(subjectTokens), bodyHits)
        let trade = Self.tradeFactCount(extracted)
        var verdict = rules.headerVerdict(input)
        if verdict == nil {
            let away = hits.first { $0.cue == lexicon.awayIndex }
            var bounce = hits.first { $0.cue == lexicon.bounceIndex }
            if bounce == nil, input.newText.count < 40 {
                // A report whose explanation is only in the full text (an HTML-only bounce, a DSN with no body).
                bounce = lexicon.matcher.match(TextTokenizer.tokens(String(input.fullText.prefix(2000))))
                    .first { $0.cue == lexicon.bounceIndex }
            }
            let asks = bodyHits.contains { CueLexicon.buyerRequestCueIDs.contains(lexicon.matcher.cues[$0.cue].id) }
            verdict = rules.textVerdict(input, away: away, bounce: bounce, tradeFacts: trade, words: bodyTokens.count,
                                        buyerAsks: asks)
        }

        var vector: [FeatureValue] = []
        vector.reserveCapacity(bodyTokens.count * 2 + 64)
        vector.append(FeatureValue("bias", 1))
        for hit in hits {
            let id = lexicon.matcher.cues[hit.cue].id
            vector.append(FeatureValue("cue:" + id, 1))
            if hit.count >= 2 { vector.append(FeatureValue("cue2:" + id, 1)) }
        }
        if let verdict { vector.append(FeatureValue("rule:" + verdict.kind.rawValue, 1)) }
        appendStructure(input, extracted, trade, words: bodyTokens.count, into: &vector)
        appendWords(subjectTokens, prefix: "s:", into: &vector)
        appendWords(bodyTokens, prefix: "w:", into: &vector)
        return InquiryFeatures(cueHits: hits, facts: extracted, notLead: verdict, vector: vector)
    }

    /// Hits of subject and body together, in cue order; the first example wins.
    static func merge(_ a: [CueHit], _ b: [CueHit]) -> [CueHit] {
        guard !a.isEmpty else { return b }
        var merged = a
        for hit in b {
            if let k = merged.firstIndex(where: { $0.cue == hit.cue }) { merged[k].count += hit.count } else { merged.append(hit) }
        }
        return merged.sorted { $0.cue < $1.cue }
    }

    private func appendStructure(_ input: InquiryInput, _ f: InquiryFacts, _ trade: Int, words: Int,
                                 into vector: inout [FeatureValue]) {
        func flag(_ name: String, _ on: Bool) { if on { vector.append(FeatureValue(name, 1)) } }
        flag("fact:incoterm", !f.incoterms.isEmpty)
        flag("fact:container", !f.containers.isEmpty)
        flag("fact:quantity", !f.quantities.isEmpty)
        flag("fact:quantity2", f.quantities.count >= 2)
        flag("fact:payment", !f.paymentTerms.isEmpty)
        flag("fact:deadline", f.deadline != nil)
        flag("fact:model", !f.models.isEmpty)
        flag("fact:model2", f.models.count >= 2)
        flag("fact:certificate", !f.certificates.isEmpty)
        flag("fact:destination", f.destination != nil)
        flag("fact:company", f.company != nil)
        flag("fact:phone", !f.phones.isEmpty)
        vector.append(FeatureValue("trade:\(min(trade, 4))", 1))
        flag("trade:3+", trade >= 3)
        let subject = input.subject.lowercased()
        let reply = input.header("In-Reply-To") != nil || subject.hasPrefix("re:") || subject.hasPrefix("aw:")
            || subject.hasPrefix("odp:") || subject.hasPrefix("rv:") || subject.hasPrefix("ynt:")
        flag("msg:reply", reply)
        flag("msg:many-recipients", input.recipientCount > 3)
        if let from = input.from?.address.lowercased(), !input.replyTo.isEmpty,
           let fromDomain = from.split(separator: "@").last {
            flag("msg:reply-to-elsewhere", input.replyTo.contains { !$0.address.lowercased().hasSuffix("@" + fromDomain) })
        }
        let local = input.senderLocalPart ?? ""
        flag("msg:noreply-sender", local.contains("noreply") || local.contains("no-reply") || local.contains("notify"))
        for attachment in input.attachments {
            let type = attachment.contentType
            let name = attachment.filename?.lowercased() ?? ""
            if type == "text/html" || name.hasSuffix(".htm") || name.hasSuffix(".html") { vector.append(FeatureValue("att:html", 1)) }
            else if type.hasPrefix("image/") { vector.append(FeatureValue("att:image", 1)) }
            else if type.contains("pdf") { vector.append(FeatureValue("att:pdf", 1)) }
            else if type.contains("sheet") || type.contains("excel") || name.hasSuffix(".csv") { vector.append(FeatureValue("att:sheet", 1)) }
            else { vector.append(FeatureValue("att:other", 1)) }
        }
        vector.append(FeatureValue("len:" + (words < 25 ? "xs" : words < 60 ? "s" : words < 150 ? "m" : "l"), 1))
        let links = ByteSearch.count(input.newText, "http", limit: 3)
        flag("msg:links", links >= 1)
        flag("msg:links3", links >= 3)
    }

    private func appendWords(_ tokens: [TextToken], prefix: String, into vector: inout [FeatureValue]) {
        var seen = HashIndex<Bool>(capacity: tokens.count * 2)
        var base = FeatureHash()
        base.add(prefix)
        var previous: FeatureHash? = nil
        for token in tokens {
            var word = base
            if token.hasDigit {
                word.add(token.hasLetter ? "#alnum" : "#num")
            } else {
                word.add(hash: token.hash)
            }
            if seen.insert(word.value) { vector.append(FeatureValue(word.value, 1)) }
            if let previous, !token.startsLine {
                // Pair hash: the previous word's hash, a separator, then this word's hash bytes.
                var pair = previous
                pair.add(byte: 0x5F)
                var w = word.value
                for _ in 0 ..< 8 { pair.add(byte: UInt8(truncatingIfNeeded: w)); w >>= 8 }
                if seen.insert(pair.value) { vector.append(FeatureValue(pair.value, 0.7)) }
            }
            previous = word
        }
    }
}
