import ArgumentParser
import Foundation
import LeadlineCore
import LeadlineMIME

/// `leadline classify train LABELS.tsv --out PATH`: trains the classifier's model from labelled messages.
struct ClassifyTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the classifier from a tab-separated label file (columns file and label).",
        discussion: """
            Files in the label file are relative to its folder. Training is deterministic: the same labels give the \
            same model. The built-in model is made with:
              leadline classify train ../shared/corpus/inquiries/labels.tsv --out Sources/LeadlineCore/Resources/model.json
            """
    )

    @Argument(help: "The label file (labels.tsv).")
    var labels: String

    @Option(name: .long, help: "Where to write the model (JSON).")
    var out: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: labels) else {
            throw ValidationError("\(labels): cannot read the label file (missing or not readable).")
        }
        let rows: [LabelledFile]
        do { rows = try LabelFile.parse(String(decoding: data, as: UTF8.self)) } catch {
            throw ValidationError("\(labels): \(error)")
        }
        let base = URL(fileURLWithPath: labels).deletingLastPathComponent()
        let parser = MIMEParser()
        var examples: [(InquiryInput, LeadKind)] = []
        for row in rows {
            let path = row.file.hasPrefix("/") ? row.file : base.appendingPathComponent(row.file).path
            do {
                examples.append((InquiryInput(message: try ClassifierFiles.readMessage(path, parser: parser)), row.kind))
            } catch {
                FileHandle.standardError.write(Data("\(labels) line \(row.line): skipped, \(error)\n".utf8))
            }
        }
        guard !examples.isEmpty else {
            FileHandle.standardError.write(Data("\(labels): no readable labelled message, no model written\n".utf8))
            throw ExitCode(1)
        }
        let model = LeadClassifier.train(examples: examples)
        do {
            try model.encoded().write(to: URL(fileURLWithPath: out))
        } catch {
            FileHandle.standardError.write(Data("\(out): cannot write the model: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let counts = Dictionary(grouping: examples, by: \.1).mapValues(\.count)
        let summary = LeadKind.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("trained on \(examples.count) messages (\(summary)); \(model.weights.count) features; wrote \(out)\n".utf8))
    }
}
