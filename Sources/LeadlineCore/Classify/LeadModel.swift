import Foundation

/// The learned part of the classifier: a multinomial logistic regression over hashed features (cue hits, facts,
/// rule verdicts, words and word pairs), one weight per kind.
///
/// Stored as JSON (`Resources/model.json` for the default), trained reproducibly by `LeadModel.train`, improved by
/// salespeople's corrections through `updated(with:)`.
public struct LeadModel: Sendable, Equatable {
    /// Format version of the stored model.
    public var version: Int = 1
    /// The kinds, in the order of each weight vector (always the four `LeadKind`s).
    public let classes: [LeadKind] = LeadKind.allCases
    /// Weights per feature hash, one lane per class.
    public var weights: [UInt64: SIMD4<Float>] = [:]
    /// Number of examples the model has learned from (corpus and corrections).
    public var trainedOn: Int = 0
    /// Training settings used.
    public var settings: TrainingSettings = TrainingSettings()

    /// Settings of training: fixed, so the same examples always give the same model.
    public struct TrainingSettings: Sendable, Codable, Equatable {
        /// Passes over the examples.
        public var epochs: Int = 40
        /// Base step size (AdaGrad scales it per weight).
        public var learningRate: Float = 0.3
        /// L2 regularisation.
        public var l2: Float = 0.0005
        /// Seed of the example order.
        public var seed: UInt64 = 42
        /// Weight of a salesperson's correction relative to a corpus example.
        public var correctionWeight: Float = 3
        /// Features seen in fewer examples are dropped (word noise).
        public var minimumCount: Int = 2
        public init() {}
    }

    public init() {}

    /// The weights of one named feature, or nil when the model never saw it.
    public func weights(of name: String) -> SIMD4<Float>? { weights[FeatureHash.of(name)] }

    /// Class scores (before softmax) for a feature vector.
    func scores(_ vector: [FeatureValue]) -> SIMD4<Float> {
        var scores = SIMD4<Float>(repeating: 0)
        for feature in vector {
            if let row = weights[feature.key] { scores += row * feature.value }
        }
        return scores
    }

    /// Class probabilities for a feature vector, in `classes` order.
    public func probabilities(_ vector: [FeatureValue]) -> [Float] {
        let p = Self.softmax(scores(vector))
        return [p[0], p[1], p[2], p[3]]
    }

    static func softmax(_ scores: SIMD4<Float>) -> SIMD4<Float> {
        let top = scores.max()
        var exps = SIMD4<Float>(expf(scores[0] - top), expf(scores[1] - top), expf(scores[2] - top), expf(scores[3] - top))
        exps /= exps.sum()
        return exps
    }

    /// One labelled example: features and the kind a person gave it.
    public struct Example: Sendable {
        /// The example's features.
        public var vector: [FeatureValue]
        /// The kind a person gave it.
        public var kind: LeadKind
        /// How much it counts (1 for a corpus message; corrections count more).
        public var weight: Float
        public init(vector: [FeatureValue], kind: LeadKind, weight: Float = 1) {
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
        var counts: [UInt64: Int] = [:]
        for example in examples { for feature in example.vector { counts[feature.key, default: 0] += 1 } }
        let kept = examples.map { example in
            Example(vector: example.vector.filter { counts[$0.key, default: 0] >= settings.minimumCount },
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
        var squares: [UInt64: SIMD4<Float>] = [:]
        var order = Array(examples.indices)
        var rng = SplitMix64(seed: settings.seed)
        for _ in 0 ..< epochs {
            order.shuffle(using: &rng)
            for index in order {
                let example = examples[index]
                var error = Self.softmax(scores(example.vector))
                error[LeadKind.allCases.firstIndex(of: example.kind) ?? 0] -= 1
                for feature in example.vector {
                    let row = weights[feature.key] ?? SIMD4<Float>(repeating: 0)
                    let g = error * (feature.value * example.weight) + settings.l2 * row
                    let sq = (squares[feature.key] ?? SIMD4<Float>(repeating: 1e-6)) + g * g
                    squares[feature.key] = sq
                    weights[feature.key] = row - settings.learningRate * g / sq.squareRoot()
                }
            }
        }
    }
}

extension LeadModel: Codable {
    enum CodingKeys: String, CodingKey { case version, classes, weights, trainedOn, settings }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        let classes = try container.decode([LeadKind].self, forKey: .classes)
        guard classes == LeadKind.allCases else {
            throw DecodingError.dataCorruptedError(forKey: .classes, in: container,
                                                   debugDescription: "classes must be \(LeadKind.allCases.map(\.rawValue))")
        }
        trainedOn = try container.decode(Int.self, forKey: .trainedOn)
        settings = try container.decode(TrainingSettings.self, forKey: .settings)
        let stored = try container.decode([String: [Float]].self, forKey: .weights)
        weights.reserveCapacity(stored.count)
        for (key, row) in stored {
            guard let hash = UInt64(key, radix: 16), row.count == 4 else {
                throw DecodingError.dataCorruptedError(forKey: .weights, in: container,
                                                       debugDescription: "bad weight entry \(key)")
            }
            weights[hash] = SIMD4(row[0], row[1], row[2], row[3])
        }
    }

    /// Stores the weights as hex feature hashes with four rounded weights each.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(classes, forKey: .classes)
        try container.encode(trainedOn, forKey: .trainedOn)
        try container.encode(settings, forKey: .settings)
        // Rounded to 5 significant digits: smaller file, same decisions.
        let stored = Dictionary(uniqueKeysWithValues: weights.map { key, row in
            (String(key, radix: 16), (0 ..< 4).map { Float(String(format: "%.5g", row[$0])) ?? row[$0] })
        })
        try container.encode(stored, forKey: .weights)
    }
}
