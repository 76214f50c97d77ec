import ArgumentParser
import Foundation
import LeadlineApp
import LeadlineStore

/// `--config PATH`, shared by every command that reads the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The configuration file.", discussion: "Default: $LEADLINE_CONFIG, else Config/leadline.yml.",
        valueName: "path"))
    var config: String?

    /// The file to read: `--config`, else `$LEADLINE_CONFIG`, else `Config/leadline.yml`.
    var path: String {
        config ?? ProcessInfo.processInfo.environment["LEADLINE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "Config/leadline.yml"
    }

    /// Loads the configuration; on error prints `file:line: key: problem` and exits with 2.
    func load() throws -> LeadlineConfiguration {
        do {
            return try ConfigurationLoader.load(file: path)
        } catch let error as ConfigurationError {
            // Printed as `file:line: key: problem`, with no prefix, so editors and CI logs can link to it.
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }

    /// Loads the configuration and opens its database (exit 2 on configuration errors, 1 if it cannot open).
    func openStore() throws -> LeadlineDatabase {
        let configuration = try load()
        do {
            return try LeadlineDatabase.open(path: configuration.database)
        } catch {
            throw Console.failure("cannot open the database \(configuration.database): \(error)")
        }
    }
}

/// Output helpers for commands: results on stdout, errors on stderr.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("leadline: " + text + "\n").utf8))
    }

    /// Prints a runtime failure and returns exit code 1 to throw.
    static func failure(_ text: String) -> ExitCode {
        error(text)
        return ExitCode(1)
    }

    /// The person running the command, for audit entries: `$USER`, else `cli`.
    static var person: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
    }
}
