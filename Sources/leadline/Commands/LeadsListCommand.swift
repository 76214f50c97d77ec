import ArgumentParser
import Foundation
import LeadlineApp
import LeadlineCore

/// `leadline leads list [--kind K] [--since D] [--json]`.
struct LeadsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List leads, most recently active first.")

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Only leads of this kind.", valueName: "kind"))
    var kind: LeadKind?

    @Option(help: ArgumentHelp(
        "Only leads active since then: a date (2025-11-01), an ISO 8601 time, or a span back (36h, 7d, 2w).",
        valueName: "when"))
    var since: String?

    @Flag(help: "Print JSON Lines, one lead per line, for scripts.")
    var json = false

    func validate() throws {
        if let since, SinceParser.parse(since, now: Date(), timeZone: .current) == nil {
            throw ValidationError("--since \(since): use a date like 2025-11-01, an ISO 8601 time, or a span like 7d")
        }
    }

    func run() throws {
        let store = try options.openStore()
        let sinceDate = since.flatMap { SinceParser.parse($0, now: Date(), timeZone: .current) }
        do {
            let leads = try store.listLeads(kind: kind, since: sinceDate)
            if json {
                Console.print(leads.map { LeadsReport.jsonLine($0) + "\n" }.joined())
            } else {
                Console.print(LeadsReport.table(leads, timeZone: .current))
            }
        } catch {
            throw Console.failure("cannot list leads: \(error)")
        }
    }
}
