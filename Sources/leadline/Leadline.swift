import ArgumentParser
import Foundation

/// The `leadline` command: turns a sales inbox into qualified leads and timely follow-ups.
///
/// Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.
@main
struct Leadline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadline",
        abstract: "Turn an export sales inbox into qualified leads and timely follow-ups.",
        subcommands: [
            // One line per subcommand; each lives in Commands/<Name>Command.swift.
            ParseCommand.self,
            ClassifyCommand.self,
            RunCommand.self,
            OutboxCommand.self,
            SequencesCommand.self,
            TemplatesCommand.self,
            CheckCommand.self,
            InitCommand.self,
            LeadsCommand.self,
            ProblemsCommand.self,
            BackupCommand.self,
        ]
    )

    /// Runs the command, mapping usage errors to exit code 2 (ArgumentParser's default is 64).
    static func main() async {
        MemoryTuning.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
