import ArgumentParser
import Foundation
import LeadlineApp

/// `leadline sequences pause|resume|stop LEAD`: a salesperson takes over a lead's follow-ups.
struct SequencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequences", abstract: "Pause, resume or stop a lead's follow-up sequence.",
        subcommands: [Pause.self, Resume.self, Stop.self])

    /// Shared by the three subcommands.
    struct Target: ParsableArguments {
        @OptionGroup var options: ConfigOptions
        @Argument(help: ArgumentHelp("The lead's number or e-mail address.", valueName: "id-or-address"))
        var lead: String
        @Option(help: "Who does it (for the audit log).")
        var by: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        func apply(_ command: SequenceControl.Command) throws {
            let configuration = try options.load()
            guard let replies = configuration.replies else {
                throw Console.failure("\(configuration.file) has no replies: section, so no lead is in a sequence")
            }
            let store = try options.openStore()
            do {
                let kit = try SequenceKit.load(replies)
                let line = try SequenceControl(database: store, kit: kit).apply(command, lead: lead, by: by, now: Date())
                Console.print(line + "\n")
            } catch {
                throw Console.failure("\(error)")
            }
        }
    }

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause until resumed (nothing is sent meanwhile).")
        @OptionGroup var target: Target
        func run() throws { try target.apply(.pause) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused sequence (the next step is planned again).")
        @OptionGroup var target: Target
        func run() throws { try target.apply(.resume) }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop for good: a salesperson takes over.")
        @OptionGroup var target: Target
        func run() throws { try target.apply(.stop) }
    }
}
