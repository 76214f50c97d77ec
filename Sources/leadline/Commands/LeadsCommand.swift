import ArgumentParser
import LeadlineCore

/// `leadline leads …`: list, show, correct and erase leads.
struct LeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "List, show, correct and erase leads.",
        subcommands: [LeadsListCommand.self, LeadsShowCommand.self, LeadsSetKindCommand.self, LeadsEraseCommand.self])
}

extension LeadKind: ExpressibleByArgument {}
