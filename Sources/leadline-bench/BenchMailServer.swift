import Foundation
import LeadlineTransport
import Logging

// The loopback mail servers the mail benchmarks (imap-fetch, ingest, smtp-send) run against: reuses the ones described by
// LEADLINE_* variables (eval "$(Scripts/mailserver env DIR)"), else runs `Scripts/mailserver up /tmp/llbench` from the
// package root and `down` at the end.

/// The mail server settings the benchmarks use, read from `Scripts/mailserver env` output or the environment.
struct BenchServer {
    var imapsPort: Int
    var submissionPort: Int
    var domain: String
    var caFile: String
    var user: String
    var password: String
    /// The servers' folder (`LEADLINE_MAIL_DIR`), for their logs; nil when not exported.
    var directory: String?

    init(_ env: [String: String]) throws {
        guard let port = env["LEADLINE_IMAPS_PORT"].flatMap(Int.init),
              let submission = env["LEADLINE_SUBMISSION_PORT"].flatMap(Int.init),
              let domain = env["LEADLINE_MAIL_DOMAIN"], let caFile = env["LEADLINE_MAIL_CA_FILE"],
              let user = env["LEADLINE_MAIL_BENCH_USER"], let password = env["LEADLINE_MAIL_BENCH_PASSWORD"]
        else {
            throw BenchError("mail server settings missing (LEADLINE_IMAPS_PORT, LEADLINE_SUBMISSION_PORT, "
                + "LEADLINE_MAIL_DOMAIN, LEADLINE_MAIL_CA_FILE, LEADLINE_MAIL_BENCH_USER)")
        }
        self.imapsPort = port
        self.submissionPort = submission
        self.domain = domain
        self.caFile = caFile
        self.user = user
        self.password = password
        self.directory = env["LEADLINE_MAIL_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// IMAPS as the bench user, verifying the server against the test CA.
    var imap: IMAPConfiguration {
        IMAPConfiguration(endpoint: ServerEndpoint(
            host: "localhost", port: imapsPort, security: .tls, credential: .password(user: user, password: password),
            caFile: caFile, connectTimeout: 10, stallTimeout: 60))
    }

    /// The submission port (STARTTLS and AUTH required) as the bench user.
    var submission: SMTPConfiguration {
        SMTPConfiguration(endpoint: ServerEndpoint(
            host: "localhost", port: submissionPort, security: .startTLS,
            credential: .password(user: user, password: password), caFile: caFile, connectTimeout: 10,
            stallTimeout: 60))
    }

    /// The address whose mail lands in the bench user's mailbox `mailbox` (`user+mailbox@domain`).
    func address(forMailbox mailbox: String) -> String {
        let local = user.split(separator: "@").first.map(String.init) ?? user
        return "\(local)+\(mailbox)@\(domain)"
    }

    /// The IMAPS port (the name the IMAP benchmarks use).
    var port: Int { imapsPort }

    /// The variables a child process needs to rebuild this value.
    var childEnvironment: [String: String] {
        ["LEADLINE_IMAPS_PORT": "\(imapsPort)", "LEADLINE_SUBMISSION_PORT": "\(submissionPort)",
         "LEADLINE_MAIL_DOMAIN": domain, "LEADLINE_MAIL_CA_FILE": caFile, "LEADLINE_MAIL_BENCH_USER": user,
         "LEADLINE_MAIL_BENCH_PASSWORD": password, "LEADLINE_MAIL_DIR": directory ?? ""]
    }
}

/// Runs an async body from the synchronous benchmark entry point.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var outcome: Result<T, any Error>?
    Task {
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        semaphore.signal()
    }
    semaphore.wait()
    return try outcome!.get()
}

func benchLogger() -> Logger {
    var logger = Logger(label: "leadline.bench")
    logger.logLevel = .warning
    return logger
}

/// Parses `export NAME='value'` lines.
func parseExports(_ text: String) -> [String: String] {
    var values: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("export ") {
        let assignment = line.dropFirst("export ".count)
        guard let equals = assignment.firstIndex(of: "=") else { continue }
        var value = String(assignment[assignment.index(after: equals)...])
        if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        values[String(assignment[..<equals])] = value
    }
    return values
}

/// Finds the servers: the environment's, or ones started now (then `stop` is non-nil).
func mailServers() throws -> (server: BenchServer, stop: (() -> Void)?) {
    if let server = try? BenchServer(ProcessInfo.processInfo.environment) { return (server, nil) }
    let script = FileManager.default.currentDirectoryPath + "/Scripts/mailserver"
    guard FileManager.default.isExecutableFile(atPath: script) else {
        throw BenchError("run from the package root (Scripts/mailserver not found) or export the servers' settings")
    }
    let dir = "/tmp/llbench"
    let base = ProcessInfo.processInfo.environment["LEADLINE_MAIL_PORT_BASE"] ?? "30000"
    let up = try runChild([script, "up", dir], environment: ["LEADLINE_MAIL_PORT_BASE": base])
    guard up.status == 0 else { throw BenchError("Scripts/mailserver up failed: \(up.output)") }
    print("mail servers started in \(dir) (\(fmt(up.seconds, 1)) s)")
    let env = try runChild([script, "env", dir])
    let server = try BenchServer(parseExports(env.output))
    return (server, { _ = try? runChild([script, "down", dir]) })
}

