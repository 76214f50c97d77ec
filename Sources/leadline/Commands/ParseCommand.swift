import ArgumentParser
import Foundation
import LeadlineMIME

/// `leadline parse [--json] FILE.eml...`: shows how Leadline reads messages.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show how Leadline reads .eml messages (sender, subject, text, attachments).",
        discussion: "With --json, prints one JSON object per file (JSON Lines); a file that cannot be read still gets a line with its error."
    )

    @Flag(name: .long, help: "Print one JSON object per file (JSON Lines) instead of a summary.")
    var json = false

    @Argument(help: "The .eml files to read.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one .eml file, e.g. `leadline parse inquiry.eml`.") }
    }

    func run() throws {
        let parser = MIMEParser()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var failures = 0
        for file in files {
            let record: ParsedMessageRecord
            if let data = FileManager.default.contents(atPath: file) {
                do {
                    record = ParsedMessageRecord(file: file, message: try parser.parse(Array(data)))
                } catch {
                    record = ParsedMessageRecord(file: file, error: "\(file): \(error)")
                }
            } else {
                record = ParsedMessageRecord(file: file, error: "\(file): cannot read the file (missing or not readable)")
            }
            if record.error != nil { failures += 1 }
            if json {
                let line = (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) }
                    ?? "{\"file\": \"\(file)\", \"error\": \"cannot encode the reading\"}"
                print(line)
            } else {
                print(MessageSummary.text(for: record))
            }
        }
        if failures > 0 && failures == files.count { throw ExitCode(1) }
    }
}
