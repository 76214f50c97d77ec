import ArgumentParser

/// The `leadline` command: turns a sales inbox into qualified leads and timely follow-ups.
@main
struct Leadline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadline",
        abstract: "Turn an export sales inbox into qualified leads and timely follow-ups.",
        subcommands: [
            // One line per subcommand; each lives in Commands/<Name>Command.swift.
            ParseCommand.self,
            ClassifyCommand.self,
        ]
    )
}
