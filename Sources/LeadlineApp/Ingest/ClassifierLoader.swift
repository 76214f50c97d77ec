import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore

/// Builds the classifier the worker uses: the shipped model (or a model file), improved by every kind correction
/// salespeople stored (`leadline leads set-kind`), each learned from the inquiry the classifier had judged.
public enum ClassifierLoader {
    /// A model file that could not be used, or corrections that could not be read.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - model: a model file from `leadline classify train`; nil for the shipped model.
    ///   - corrections: the store whose corrections are learned.
    public static func load(model path: String?, corrections store: LeadlineDatabase) throws -> LeadClassifier {
        let model: LeadModel
        do {
            if let path {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw LoadError(description: "\(path): cannot read the model file (missing or not readable)")
                }
                model = try LeadModel.decode(data, source: path)
            } else {
                model = try LeadModel.bundled()
            }
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "cannot load the classifier model: \(error)")
        }
        let classifier = LeadClassifier(model: model)
        let examples = try correctionExamples(store)
        return examples.isEmpty ? classifier : classifier.updated(with: examples)
    }

    /// Each correction with the inquiry it corrects; corrections whose message was erased are skipped.
    static func correctionExamples(_ store: LeadlineDatabase) throws -> [(InquiryInput, LeadKind)] {
        let parser = MIMEParser()
        var examples: [(InquiryInput, LeadKind)] = []
        for correction in try store.kindCorrections() {
            guard let row = correction.messageRowID, let raw = try store.rawMessage(rowID: row),
                  let parsed = try? parser.parse(Array(raw))
            else { continue }
            examples.append((InquiryInput(message: parsed), correction.newKind))
        }
        return examples
    }
}
