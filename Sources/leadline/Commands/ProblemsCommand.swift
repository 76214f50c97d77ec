import ArgumentParser
import Foundation
import LeadlineApp

/// `leadline problems [--json]`: messages that failed to parse or classify, kept with their error.
struct ProblemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems", abstract: "List messages that could not be parsed or classified.")

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print JSON Lines, one problem per line, for scripts.")
    var json = false

    func run() throws {
        let store = try options.openStore()
        do {
            let problems = try store.problems()
            Console.print(json
                ? problems.map { ProblemsReport.jsonLine($0) + "\n" }.joined()
                : ProblemsReport.table(problems, timeZone: .current))
        } catch {
            throw Console.failure("cannot list problems: \(error)")
        }
    }
}
