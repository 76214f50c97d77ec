import ArgumentParser
import Foundation
import LeadlineCore
import LeadlineMIME

/// `leadline classify [--json] [--model PATH] FILE.eml...`: the kind of each sender, with reasons and facts.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Sort inquiries into serious buyers, price comparers, information gatherers and non-inquiries.",
        discussion: """
            With --json, prints one JSON object per file (JSON Lines): file, class, confidence, reasons, facts; \
            a file that cannot be read or parsed gets a line with file and error.
            `leadline classify train LABELS.tsv --out model.json` trains a model from labelled messages.
            """,
        subcommands: [ClassifyFilesCommand.self, ClassifyTrainCommand.self],
        defaultSubcommand: ClassifyFilesCommand.self
    )
}

/// The default `classify` action over .eml files.
struct ClassifyFilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files", abstract: "Classify .eml files (the default: `leadline classify FILE.eml...`).")

    @Flag(name: .long, help: "Print one JSON object per file (JSON Lines) instead of a summary.")
    var json = false

    @Option(name: .long, help: "A model trained by `leadline classify train` (default: the built-in model).")
    var model: String?

    @Argument(help: "The .eml files to classify.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one .eml file, e.g. `leadline classify inquiry.eml`.") }
    }

    func run() throws {
        let classifier = LeadClassifier(model: try ClassifierFiles.loadModel(path: model))
        let parser = MIMEParser()
        var failures = 0
        for file in files {
            let record: ClassifyRecord
            do {
                let message = try ClassifierFiles.readMessage(file, parser: parser)
                record = ClassifyRecord(file: file, result: classifier.classify(InquiryInput(message: message)))
            } catch {
                record = ClassifyRecord(file: file, error: "\(error)")
                failures += 1
            }
            print(json ? record.jsonLine() : record.summary())
        }
        if failures > 0 && failures == files.count { throw ExitCode(1) }
    }
}
