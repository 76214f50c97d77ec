import ArgumentParser
import Foundation
import LeadlineApp
import LeadlineCore
import LeadlineStore
import Logging
import ServiceLifecycle

/// `leadline run [--once]`: the service. Polls every configured mailbox, turns new mail into leads, and prints
/// what it did. Stops cleanly on SIGTERM or SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetch new mail from every account, classify it and record the leads.",
        discussion: """
            Without --once it polls each mailbox every poll_interval until stopped (SIGTERM or Ctrl-C), finishing \
            the message it is recording. With --once it does one full pass, prints a summary line and exits.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Do one full pass and exit.")
    var once = false

    @Flag(name: .shortAndLong, help: "With --once, also print the log (at the configured log_level) on standard error.")
    var verbose = false

    @Option(help: "A classifier model file to use instead of the shipped one (from `leadline classify train`).")
    var model: String?

    func run() async throws {
        let configuration = try options.load()
        var logger = Logger(label: "leadline")
        // A one-off pass prints its own summary; its log is for --verbose. The service logs at the configured level.
        logger.logLevel = once && !verbose ? max(configuration.logLevel, .warning) : configuration.logLevel
        let store: LeadlineDatabase
        do {
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: configuration.database).deletingLastPathComponent().path,
                withIntermediateDirectories: true)
            store = try LeadlineDatabase.open(path: configuration.database)
        } catch {
            throw Console.failure("cannot open the database \(configuration.database): \(error)")
        }
        let classifier: LeadClassifier
        do {
            classifier = try ClassifierLoader.load(model: model, corrections: store)
        } catch {
            throw Console.failure("\(error)")
        }
        let progress = ProgressLine()
        let showProgress: @Sendable (IngestSummary) -> Void = { progress.show($0) }
        let pipeline = IngestPipeline(database: store, classifier: classifier, logger: logger,
                                      now: { Date() }, progress: showProgress,
                                      ownAddresses: Set(configuration.accounts.map(\.address)))
        let connections = MailConnections(logger: logger)
        var followUps: FollowUps?
        if let replies = configuration.replies {
            do {
                let kit = try SequenceKit.load(replies)
                followUps = FollowUps.make(configuration: configuration, kit: kit, database: store,
                                           connections: connections, now: { Date() })
            } catch {
                throw Console.failure("replies are configured but cannot be used: \(error)")
            }
        }
        let worker = Worker(configuration: configuration, pipeline: pipeline, connections: connections,
                            logger: logger, followUps: followUps)
        if once {
            let report = await worker.runOnce()
            progress.clear()
            print(report, configuration)
            if !report.failures.isEmpty { throw ExitCode(1) }
            return
        }
        let service = WorkerService(worker: worker, interval: configuration.pollInterval) { report in
            progress.clear()
            print(report, configuration)
        }
        let group = ServiceGroup(configuration: .init(
            services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    private func print(_ report: Worker.PassReport, _ configuration: LeadlineConfiguration) {
        for summary in report.summaries where summary.listed > 0 || summary.wasReset {
            Console.print("\(summary)\n")
        }
        for failure in report.failures {
            Console.error("\(failure.mailbox): \(failure.error)")
        }
        Console.print("leadline run: \(report.totalLine)\n")
        if let replies = report.replies {
            for line in replies.sequencing.refused + replies.sequencing.stopped + replies.sequencing.paused {
                Console.print("  \(line)\n")
            }
            for line in replies.sequencing.errors + replies.sending.errors + replies.sending.waiting {
                Console.error(line)
            }
            Console.print("leadline run: \(replies)\n")
        } else {
            Console.print("leadline run: no replies sent (add a replies: section to \(configuration.file) to answer inquiries)\n")
        }
    }
}
