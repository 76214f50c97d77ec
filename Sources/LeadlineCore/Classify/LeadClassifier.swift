/// The verdict on one inquiry: kind, confidence, reasons a salesperson can read, and the facts.
public struct LeadClassification: Sendable, Equatable {
    /// The kind of sender.
    public var kind: LeadKind
    /// Confidence in `kind`, in [0, 1].
    public var confidence: Double
    /// Why, in a salesperson's words, strongest first.
    public var reasons: [String]
    /// The facts of the inquiry.
    public var facts: InquiryFacts
    /// The rule verdict when the message is no inquiry (auto-reply, bounce, list mail).
    public var notLead: NotLeadVerdict?
}

/// Sorts an inquiry's sender into serious buyer, price comparer or information gatherer, or recognises mail that is
/// no inquiry, and explains why.
///
/// Rules come first: a header or text that proves an auto-reply, bounce or list mail decides `not_lead` outright.
/// Otherwise a learned model weighs the multilingual cues, the extracted facts and the words; the reasons are the
/// cues and facts that pushed hardest towards the chosen kind.
///
/// ```swift
/// let classifier = LeadClassifier(model: try LeadModel.bundled())
/// let verdict = classifier.classify(InquiryInput(subject: "PI for 2x40HQ", newText: "..."))
/// print(verdict.kind, verdict.reasons)
/// ```
public struct LeadClassifier: Sendable {
    /// The learned model.
    public var model: LeadModel {
        didSet { weightIndex = HashIndex(model.weights) }
    }
    /// The feature extractor (lexicon, rules, facts).
    public let extractor: FeatureExtractor
    /// The model's weights for lookups on the hot path (no SipHash per feature); rebuilt when `model` changes.
    private var weightIndex: HashIndex<SIMD4<Float>>

    public init(model: LeadModel, extractor: FeatureExtractor = FeatureExtractor()) {
        self.model = model
        self.extractor = extractor
        self.weightIndex = HashIndex(model.weights)
    }

    /// `model.probabilities(vector)`, with the weights read from `weightIndex`: the same sums in the same order.
    private func probabilities(_ vector: [FeatureValue]) -> [Float] {
        var scores = SIMD4<Float>(repeating: 0)
        for feature in vector {
            if let row = weightIndex[feature.key] { scores += row * feature.value }
        }
        let p = LeadModel.softmax(scores)
        return [p[0], p[1], p[2], p[3]]
    }

    /// Classifies one inquiry.
    public func classify(_ input: InquiryInput) -> LeadClassification {
        let features = extractor.features(of: input)
        if let verdict = features.notLead {
            return LeadClassification(kind: .notLead, confidence: verdict.kind == .bulk ? 0.97 : 0.99,
                                      reasons: [verdict.reason], facts: features.facts, notLead: verdict)
        }
        var p = probabilities(features.vector)
        // The model may call a message not_lead only with evidence a salesperson can see (a spam, phishing, list
        // or auto-reply cue, or a Reply-To elsewhere / HTML attachment); otherwise the best buyer kind stands.
        if let notLead = model.classes.firstIndex(of: .notLead), !hasNotLeadEvidence(features) {
            p[notLead] = 0
            let sum = p.reduce(0, +)
            if sum > 0 { p = p.map { $0 / sum } }
        }
        var best = 0
        for k in p.indices where p[k] > p[best] { best = k }
        let kind = model.classes[best]
        let reasons = ReasonWriter(model: model, lexicon: extractor.lexicon)
            .reasons(for: best, features: features)
        return LeadClassification(kind: kind, confidence: Double(p[best]), reasons: reasons,
                                  facts: features.facts, notLead: nil)
    }

    private static let replyToElsewhere = FeatureHash.of("msg:reply-to-elsewhere")
    private static let htmlAttachment = FeatureHash.of("att:html")

    private func hasNotLeadEvidence(_ features: InquiryFeatures) -> Bool {
        let cues = extractor.lexicon.matcher.cues
        if features.cueHits.contains(where: { CueLexicon.notLeadCueIDs.contains(cues[$0.cue].id) }) { return true }
        return features.vector.contains { $0.key == Self.replyToElsewhere || $0.key == Self.htmlAttachment }
    }

    /// Trains a classifier's model from labelled inquiries.
    public static func train(examples: [(InquiryInput, LeadKind)], extractor: FeatureExtractor = FeatureExtractor(),
                             settings: LeadModel.TrainingSettings = .init()) -> LeadModel {
        LeadModel.train(examples.map { LeadModel.Example(vector: extractor.features(of: $0.0).vector, kind: $0.1) },
                        settings: settings)
    }

    /// A copy whose model has learned from salespeople's corrections (an inquiry and the kind they chose).
    public func updated(with corrections: [(InquiryInput, LeadKind)]) -> LeadClassifier {
        var copy = self
        copy.model = model.updated(with: corrections.map {
            LeadModel.Example(vector: extractor.features(of: $0.0).vector, kind: $0.1)
        })
        return copy
    }
}
