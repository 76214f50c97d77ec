import ArgumentParser
import Foundation
import LeadlineStore

/// `leadline leads erase ADDRESS`: deletion on request, everywhere, with an audit entry free of personal data.
struct LeadsEraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase everything stored about a person: lead, timeline, messages both ways and their raw bytes.",
        discussion: "This cannot be undone (except from a backup). The audit log records counts only, no address.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The person's e-mail address.", valueName: "address"))
    var address: String

    @Option(help: ArgumentHelp("Who asks for the erasure, for the audit log (default: $USER).", valueName: "name"))
    var by: String?

    func validate() throws {
        guard address.contains("@") else { throw ValidationError("\(address) is not an e-mail address") }
    }

    func run() throws {
        let store = try options.openStore()
        do {
            let report = try store.erase(address: address, by: by ?? Console.person, now: Date())
            if report.leads == 0 && report.messages == 0 && report.outgoing == 0 {
                Console.print("Nothing stored about \(address). An audit entry records the request.\n")
            } else {
                Console.print("""
                    Erased \(address): \(report.leads) lead, \(report.messages) message(s) from them, \
                    \(report.outgoing) to them, \(report.events) timeline event(s).\n
                    """)
            }
            if report.stillSuppressed {
                Console.print("""
                    \(address) stays on the do-not-mail list (it unsubscribed or bounced), so nothing is sent to it \
                    again.\n
                    """)
            }
        } catch {
            throw Console.failure("cannot erase \(address): \(error)")
        }
    }
}
