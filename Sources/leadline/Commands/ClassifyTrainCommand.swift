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

    @Option(name: .long, help: "Passes over the examples (default 40).")
    var epochs: Int?

    @Option(name: .long, help: "L2 regularisation (default 0.0005).")
    var l2: Float?

    @Option(name: .long, help: "Drop features seen in fewer messages than this (default 2).")
    var minCount: Int?

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if let l2, l2 < 0 { throw ValidationError("--l2 cannot be negative.") }
        if let minCount, minCount < 1 { throw ValidationError("--min-count must be at least 1.") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: labels) else {
            FileHandle.standardError.write(Data("leadline classify train: \(labels): cannot read the label file (missing or not readable)\n".utf8))
            throw ExitCode(2)
        }
        let rows: [LabelledFile]
        do { rows = try LabelFile.parse(String(decoding: data, as: UTF8.self)) } catch {
            FileHandle.standardError.write(Data("leadline classify train: \(labels): \(error)\n".utf8))
            throw ExitCode(2)
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
        var settings = LeadModel.TrainingSettings()
        if let epochs { settings.epochs = epochs }
        if let l2 { settings.l2 = l2 }
        if let minCount { settings.minimumCount = minCount }
        let model = LeadClassifier.train(examples: examples, settings: settings)
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
