/// Turns the features that pushed the model towards a kind into sentences a salesperson understands.
struct ReasonWriter {
    let model: LeadModel
    let lexicon: CueLexicon

    func reasons(for classIndex: Int, features: InquiryFeatures) -> [String] {
        let kind = model.classes[classIndex]
        var scored: [(Float, String)] = []
        func pull(_ name: String) -> Float {
            guard let row = model.weights(of: name) else { return 0 }
            return row[classIndex] - row.sum() / 4
        }
        for hit in features.cueHits {
            let cue = lexicon.matcher.cues[hit.cue]
            let weight = pull("cue:" + cue.id) + pull("cue2:" + cue.id)
            guard weight > 0.05 else { continue }
            let quote = hit.example.isEmpty ? "" : " (\"\(hit.example)\")"
            scored.append((weight, cue.reason + quote))
        }
        let structural: [(String, String)] = [
            ("msg:reply-to-elsewhere", "Reply-To points to another domain than the sender"),
            ("att:html", "carries an HTML file as attachment (a sign-in form pattern)"),
            ("msg:many-recipients", "was sent to several recipients at once"),
            ("msg:reply", "replies in an existing conversation"),
        ]
        for (name, text) in structural {
            let key = FeatureHash.of(name)  // once, not once per feature of the vector
            guard features.vector.contains(where: { $0.key == key }) else { continue }
            let weight = pull(name)
            if weight > 0.1 { scored.append((weight, text)) }
        }
        let facts = features.facts
        let factNames = ["fact:incoterm", "fact:container", "fact:quantity", "fact:payment", "fact:deadline",
                         "fact:model", "fact:certificate", "fact:destination"]
        let factPull = factNames.map(pull).reduce(0, +)
        if factPull > 0.1, let summary = Self.factSummary(facts) { scored.append((factPull, summary)) }
        if kind != .seriousBuyer, FeatureExtractor.tradeFactCount(facts) == 0, pull("trade:0") > 0.05 {
            scored.append((pull("trade:0"), "names no model, quantity, terms or deadline"))
        }
        scored.sort { $0.0 > $1.0 }
        var reasons = scored.prefix(4).map(\.1)
        if reasons.isEmpty {
            reasons = ["wording resembles earlier \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) inquiries"]
        }
        return reasons
    }

    /// "names model XJ-200 and 2x40HQ to Lagos, CIF; pays T/T 30% deposit; deadline before end of October"
    static func factSummary(_ f: InquiryFacts) -> String? {
        var named: [String] = []
        if !f.models.isEmpty { named.append((f.models.count == 1 ? "model " : "models ") + f.models.prefix(3).joined(separator: ", ")) }
        if !f.containers.isEmpty { named.append(f.containers.prefix(2).joined(separator: ", ")) }
        else if !f.quantities.isEmpty { named.append(f.quantities.prefix(2).joined(separator: ", ")) }
        var parts: [String] = []
        if !named.isEmpty {
            var text = "names " + named.joined(separator: " and ")
            if let destination = f.destination { text += " to \(destination)" }
            if let term = f.incoterms.first?.split(separator: " ").first { text += ", \(term)" }
            parts.append(text)
        } else if let term = f.incoterms.first {
            parts.append("asks for \(term) terms")
        }
        if !f.paymentTerms.isEmpty { parts.append("pays " + f.paymentTerms.prefix(2).joined(separator: ", ")) }
        if let deadline = f.deadline { parts.append("deadline \"\(deadline)\"") }
        if !f.certificates.isEmpty { parts.append("needs " + f.certificates.prefix(3).joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
