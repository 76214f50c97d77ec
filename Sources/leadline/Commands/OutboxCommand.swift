import ArgumentParser
import Foundation
import LeadlineApp
import LeadlineStore

/// `leadline outbox [list] [--json] [--all]`, `leadline outbox resend ID`, `leadline outbox drop ID`.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List queued, held and failed outgoing mail; resend or drop held mail.",
        subcommands: [List.self, Resend.self, Drop.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List queued, held and failed mail (the default).",
            discussion: """
                held: interrupted while sending (it may have gone out): check with the buyer or the Sent folder, \
                then `leadline outbox resend ID` or `leadline outbox drop ID`. failed: refused for good (the reason is \
                shown). With --all, sent mail is listed too.
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

    /// Shared by resend and drop.
    struct Decision: ParsableArguments {
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The outbox message's number (first column of `leadline outbox`).")
        var id: Int64
        @Option(help: "Who decides (for the audit log).")
        var by: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        func apply(resend: Bool) throws {
            let store = try options.openStore()
            do {
                try store.decideHeld(outboxID: id, resend: resend, by: by, now: Date())
            } catch {
                throw Console.failure("\(error)")
            }
            Console.print(resend ? "outbox #\(id) queued again: the next `leadline run` sends it\n" : "outbox #\(id) dropped\n")
        }
    }

    struct Resend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a held or failed message again.")
        @OptionGroup var decision: Decision
        func run() throws { try decision.apply(resend: true) }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Never send a held or failed message.")
        @OptionGroup var decision: Decision
        func run() throws { try decision.apply(resend: false) }
    }
}
