import ArgumentParser
import Foundation
import LeadlineCore
import LeadlineStore

/// `leadline leads set-kind ID KIND`: a person's correction, kept for the classifier to learn from.
struct LeadsSetKindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-kind",
        abstract: "Correct a lead's kind; the correction is kept for learning and is not overridden later.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The lead's number.", valueName: "id"))
    var id: Int64

    @Argument(help: ArgumentHelp("The kind the lead really is.", valueName: "kind"))
    var kind: LeadKind

    @Option(help: ArgumentHelp("Who makes the correction (default: $USER).", valueName: "name"))
    var by: String?

    func run() throws {
        let store = try options.openStore()
        do {
            let correction = try store.setKind(leadID: id, kind: kind, by: by ?? Console.person, now: Date())
            Console.print("Lead #\(id) is now \(kind.rawValue) (was \(correction.oldKind.rawValue)).\n")
        } catch let error as StoreError where error.code == .leadNotFound {
            throw Console.failure("no lead #\(id) (see `leadline leads list`)")
        } catch {
            throw Console.failure("cannot set the kind of lead #\(id): \(error)")
        }
    }
}
