import Foundation

/// The learned part of the classifier: a multinomial logistic regression over named features (cue hits, facts,
/// rule verdicts, words and word pairs).
///
/// Stored as JSON (`Resources/model.json` for the default), trained reproducibly by `LeadModel.train`, improved by
/// salespeople's corrections through `updated(with:)`.
public struct LeadModel: Sendable, Codable, Equatable {
    /// Format version of the stored model.
    public var version: Int = 1
    /// The kinds, in the order of each weight row.
    public var classes: [LeadKind] = LeadKind.allCases
    /// Weight per feature name, one per class.
    public var weights: [String: [Float]] = [:]
    /// How the model was trained, for the record.
    public var trainedOn: Int = 0
    /// Training settings used.
    public var settings: TrainingSettings = TrainingSettings()

    /// Settings of training: fixed, so the same examples always give the same model.
    public struct TrainingSettings: Sendable, Codable, Equatable {
        public var epochs: Int = 40
        public var learningRate: Float = 0.3
        public var l2: Float = 0.0005
        public var seed: UInt64 = 42
        /// Weight of a salesperson's correction relative to a corpus example.
        public var correctionWeight: Float = 3
        /// Features seen in fewer examples are dropped (word noise).
        public var minimumCount: Int = 1
        public init() {}
    }

    public init() {}

    /// Class probabilities for a feature vector, in `classes` order.
    public func probabilities(_ vector: [(name: String, value: Float)]) -> [Float] {
        var scores = [Float](repeating: 0, count: classes.count)
        for (name, value) in vector {
            guard let row = weights[name] else { continue }
            for k in scores.indices { scores[k] += row[k] * value }
        }
        return Self.softmax(scores)
    }

    static func softmax(_ scores: [Float]) -> [Float] {
        let top = scores.max() ?? 0
        var exps = scores.map { expf($0 - top) }
        let sum = exps.reduce(0, +)
        for k in exps.indices { exps[k] /= sum }
        return exps
    }

    /// One labelled example: features and the kind a person gave it.
    public struct Example: Sendable {
        public var vector: [(name: String, value: Float)]
        public var kind: LeadKind
        public var weight: Float
        public init(vector: [(name: String, value: Float)], kind: LeadKind, weight: Float = 1) {
            self.vector = vector
            self.kind = kind
            self.weight = weight
        }
    }

    /// Trains a model from scratch.
    /// - Parameters:
    ///   - examples: labelled feature vectors.
    ///   - settings: training settings (epochs, rate, regularisation, seed).
    /// - Returns: a model that depends only on `examples` and `settings`.
    public static func train(_ examples: [Example], settings: TrainingSettings = TrainingSettings()) -> LeadModel {
        var model = LeadModel()
        model.settings = settings
        var counts: [String: Int] = [:]
        for example in examples { for (name, _) in example.vector { counts[name, default: 0] += 1 } }
        let kept = examples.map { example in
            Example(vector: example.vector.filter { counts[$0.name, default: 0] >= settings.minimumCount },
                    kind: example.kind, weight: example.weight)
        }
        model.fit(kept, epochs: settings.epochs)
        model.trainedOn = examples.count
        return model
    }

    /// A copy improved by corrections: a few passes of the same learning over the corrected examples, starting
    /// from the current weights, so one correction moves the model without erasing what it knew.
    public func updated(with corrections: [Example], epochs: Int = 8) -> LeadModel {
        var model = self
        let weighted = corrections.map {
            Example(vector: $0.vector, kind: $0.kind, weight: $0.weight * settings.correctionWeight)
        }
        model.fit(weighted, epochs: epochs)
        model.trainedOn += corrections.count
        return model
    }

    /// Stochastic gradient descent with AdaGrad step sizes and L2 decay, in a seeded order.
    private mutating func fit(_ examples: [Example], epochs: Int) {
        guard !examples.isEmpty else { return }
        let k = classes.count
        var squares: [String: [Float]] = [:]
        var order = Array(examples.indices)
        var rng = SplitMix64(seed: settings.seed)
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        for _ in 0 ..< epochs {
            order.shuffle(using: &rng)
            for index in order {
                let example = examples[index]
                let p = probabilities(example.vector)
                let target = classIndex[example.kind] ?? 0
                for (name, value) in example.vector {
                    var row = weights[name] ?? [Float](repeating: 0, count: k)
                    var sq = squares[name] ?? [Float](repeating: 1e-6, count: k)
                    for c in 0 ..< k {
                        let g = (p[c] - (c == target ? 1 : 0)) * value * example.weight + settings.l2 * row[c]
                        sq[c] += g * g
                        row[c] -= settings.learningRate * g / sq[c].squareRoot()
                    }
                    weights[name] = row
                    squares[name] = sq
                }
            }
        }
    }
}
