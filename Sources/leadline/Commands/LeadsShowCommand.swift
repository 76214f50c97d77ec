import ArgumentParser
import LeadlineApp
import LeadlineStore
import Foundation

/// `leadline leads show ID|ADDRESS [--json]`.
struct LeadsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a lead and its timeline.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The lead's number or e-mail address.", valueName: "id-or-address"))
    var lead: String

    @Flag(help: "Print the lead and its timeline as one JSON object.")
    var json = false

    func run() throws {
        let store = try options.openStore()
        let detail: LeadDetail?
        do {
            detail = try Int64(lead).map { try store.lead(id: $0) } ?? store.lead(address: lead)
        } catch {
            throw Console.failure("cannot read lead \(lead): \(error)")
        }
        guard let detail else { throw Console.failure("no lead \(lead) (see `leadline leads list`)") }
        let inquiry = detail.timeline.last(where: { $0.kind == .inquiry })?.messageRowID
            .flatMap { try? store.message(rowID: $0) }
        Console.print(json ? LeadsReport.jsonLine(detail) + "\n"
                           : LeadsReport.text(detail, inquiry: inquiry, timeZone: .current))
    }
}
