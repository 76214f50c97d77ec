import ArgumentParser
import Foundation
import LeadlineApp
import Logging

/// `leadline check`: validates the configuration, then signs in to each account, one line per account.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and try each account's sign-in, one line per account.",
        discussion: "Exit status: 0 when every account works, 1 when one fails, 2 when the configuration is invalid.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        Console.print("\(options.path): configuration valid, \(configuration.accounts.count) account(s)\n")
        var logger = Logger(label: "leadline")
        logger.logLevel = .warning
        let check = AccountCheck(connections: MailConnections(logger: logger))
        var failed = false
        for account in configuration.accounts {
            let result = await check.check(account)
            Console.print(result.line + "\n")
            failed = failed || !result.ok
        }
        if failed { throw ExitCode(1) }
    }
}
