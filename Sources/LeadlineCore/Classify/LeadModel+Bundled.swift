import Foundation

/// An error loading a stored model.
public struct LeadModelError: Error, CustomStringConvertible {
    /// Where the model came from (a path or "built-in model").
    public var source: String
    /// What is wrong.
    public var problem: String
    public var description: String { "\(source): \(problem)" }
    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }
}

extension LeadModel {
    /// Decodes a model from its JSON.
    /// - Throws: `LeadModelError` when the data is no model of this version.
    public static func decode(_ data: Data, source: String) throws(LeadModelError) -> LeadModel {
        let model: LeadModel
        do {
            model = try JSONDecoder().decode(LeadModel.self, from: data)
        } catch {
            throw LeadModelError(source: source, problem: "not a Leadline classifier model (\(error))")
        }
        guard model.version == 1 else {
            throw LeadModelError(source: source, problem: "model version \(model.version) is not supported (expected 1)")
        }
        guard !model.weights.isEmpty else { throw LeadModelError(source: source, problem: "the model has no weights") }
        return model
    }

    /// The model as JSON, keys sorted so the same training gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// The default model shipped with Leadline, trained on the labelled inquiry corpus by
    /// `leadline classify train ../shared/corpus/inquiries/labels.tsv --out Sources/LeadlineCore/Resources/model.json`.
    ///
    /// Reads the package resource once per call; callers keep the result.
    public static func bundled() throws(LeadModelError) -> LeadModel {
        guard let url = Bundle.module.url(forResource: "model", withExtension: "json") else {
            throw LeadModelError(source: "built-in model", problem: "resource model.json is missing from the build")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LeadModelError(source: "built-in model", problem: "cannot read \(url.path): \(error)")
        }
        return try decode(data, source: "built-in model")
    }
}
