import ArgumentParser
import Foundation
import LeadlineApp
import LeadlineStore

/// `leadline outbox [--json] [--all]`: mail waiting, held for a person, or failed.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List queued, held and failed outgoing mail.",
        discussion: """
            held: interrupted while sending (it may have gone out): check the Sent folder for its Message-ID. \
            failed: refused for good (the reason is shown). With --all, sent mail is listed too.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print JSON Lines, one message per line, for scripts.")
    var json = false

    @Flag(help: "Include mail already sent.")
    var all = false

    func run() throws {
        let store = try options.openStore()
        let states: Set<OutboxState> = all ? [] : [.queued, .sending, .retry, .held, .failed]
        let messages: [OutboxMessage]
        do {
            messages = try store.outbox(states: states)
        } catch {
            throw Console.failure("cannot read the outbox: \(error)")
        }
        Console.print(json ? messages.map { OutboxReport.jsonLine($0) + "\n" }.joined() : OutboxReport.table(messages))
    }
}
