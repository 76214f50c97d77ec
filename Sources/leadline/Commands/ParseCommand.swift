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
    var files: [String] = []

    func validate() throws {
        if files.isEmpty {
            // Usage errors exit 2 (the project's convention), with the fix in plain words.
            FileHandle.standardError.write(Data("Error: name at least one .eml file, e.g. `leadline parse inquiry.eml`.\nUsage: leadline parse [--json] FILE.eml...\n".utf8))
            throw ExitCode(2)
        }
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
                let line = (try? encoder.encode(record)).map { JSONLines.escapeLineSeparators(String(decoding: $0, as: UTF8.self)) }
                    ?? "{\"file\": \"\(file)\", \"error\": \"cannot encode the reading\"}"
                print(line)
            } else {
                print(MessageSummary.text(for: record))
            }
        }
        // Every file got its line; exit 1 tells scripts that some could not be read or parsed.
        if failures > 0 { throw ExitCode(1) }
    }
}

/// JSON Lines output helpers.
enum JSONLines {
    /// Escapes the characters that JSON allows raw but line readers split on (U+0085, U+2028, U+2029, and the
    /// C1/file separators), so that one record stays one line.
    static func escapeLineSeparators(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { (0x1C ... 0x1E).contains($0.value) || $0.value == 0x85 || $0.value == 0x2028 || $0.value == 0x2029 }) else {
            return line
        }
        var output = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if (0x1C ... 0x1E).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                output.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }
}
