import Foundation
import LeadlineCore
import LeadlineStore
import Testing

/// Runs the built `leadline` binary, as a user would, against a temporary configuration and database (the folder
/// is removed when the test is done with it).
final class CLI {
    static var binary: URL? {
        let url = Bundle.main.bundleURL.appendingPathComponent("leadline")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mail"), withIntermediateDirectories: true)
        try Data("""
            database: data/leadline.sqlite
            accounts:
              - { name: demo, address: demo@supplier.example, source: { eml_dir: mail }, outbox: { directory: out } }
            """.utf8).write(to: folder.appendingPathComponent("leadline.yml"))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var configPath: String { folder.appendingPathComponent("leadline.yml").path }

    /// Opens the configured database directly to seed it.
    func store() throws -> LeadlineDatabase {
        try LeadlineDatabase.open(path: folder.appendingPathComponent("data/leadline.sqlite").path)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("leadline command line", .enabled(if: CLI.binary != nil, "the leadline binary is not built (run `swift build` first)"))
struct CLITests {
    @Test("leads list --json prints one JSON object per lead; show, set-kind and erase work by id and address")
    func leadsCommands() throws {
        // Given a database with one lead
        let cli = try CLI()
        defer { cli.remove() }
        let message = IncomingMessage(
            location: .local(account: "demo", mailbox: "mail", key: "a.eml"), raw: Data("From: x\r\n\r\nhi\r\n".utf8),
            messageID: "<a@okafor.example>", subject: "Inquiry: SP-1500", fromAddress: "ade@okafor.example",
            fromName: "Adebayo Okafor", sentAt: Date(timeIntervalSince1970: 1_763_900_000))
        let verdict = Classification(kind: .priceComparer, confidence: 0.7, reasons: ["asks for the lowest price"])
        try cli.store().recordIngested(message, as: .inquiry(verdict, LeadProfile(country: "NG")), now: Date())

        // When the commands run, Then they print what a user and a script expect
        let list = try cli.run(["leads", "list", "--json", "--config", cli.configPath])
        #expect(list.status == 0)
        let lines = list.out.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["address"] as? String == "ade@okafor.example")
        #expect(object["messages"] as? Int == 1)

        let table = try cli.run(["leads", "list", "--kind", "price_comparer", "--since", "2020-01-01"],
                                environment: ["LEADLINE_CONFIG": cli.configPath])
        #expect(table.status == 0)
        #expect(table.out.contains("ade@okafor.example"))

        let show = try cli.run(["leads", "show", "ADE@okafor.example", "--config", cli.configPath])
        #expect(show.status == 0)
        #expect(show.out.contains("Lead #1: Adebayo Okafor <ade@okafor.example>"))
        #expect(show.out.contains("inquiry"))

        let setKind = try cli.run(["leads", "set-kind", "1", "serious_buyer", "--by", "anna", "--config", cli.configPath])
        #expect(setKind.out == "Lead #1 is now serious_buyer (was price_comparer).\n")
        #expect(try cli.store().kindCorrections().count == 1)

        let erase = try cli.run(["leads", "erase", "ade@okafor.example", "--config", cli.configPath])
        #expect(erase.status == 0)
        #expect(erase.out.hasPrefix("Erased ade@okafor.example: 1 lead, 1 message(s)"))
        #expect(try cli.run(["leads", "show", "1", "--config", cli.configPath]).status == 1)
    }

    @Test("a configuration error exits 2 and prints file:line: key: problem")
    func configErrorExit() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try Data("database: x.sqlite\naccounts:\n  - name: demo\n    adress: a@b.example\n".utf8)
            .write(to: cli.folder.appendingPathComponent("leadline.yml"))
        let result = try cli.run(["problems", "--config", cli.configPath])
        #expect(result.status == 2)
        #expect(result.err == "\(cli.configPath):4: accounts[0].adress: unknown key (did you mean address?); "
            + "allowed here: name, address, display_name, imap, source, smtp, outbox\n")
    }

    @Test("usage errors exit 2; a missing lead exits 1")
    func usageAndRuntimeExit() throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run(["leads", "list", "--kind", "hot", "--config", cli.configPath]).status == 2)
        #expect(try cli.run(["leads", "list", "--since", "soon", "--config", cli.configPath]).status == 2)
        #expect(try cli.run(["leads", "set-kind", "7", "serious_buyer", "--config", cli.configPath]).status == 1)
        #expect(try cli.run(["problems", "--config", cli.configPath]).out.hasPrefix("No problems"))
    }

    @Test("init writes the example once and refuses to overwrite it")
    func initOnce() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let target = cli.folder.appendingPathComponent("fresh").path
        #expect(try cli.run(["init", target]).status == 0)
        let written = try String(contentsOfFile: target + "/leadline.yml", encoding: .utf8)
        #expect(written.contains("password_env: LEADLINE_SALES_PASSWORD"))
        let again = try cli.run(["init", target])
        #expect(again.status == 2)
        #expect(again.err.contains("already exists; not overwriting it"))
    }

    @Test("backup writes a database that opens with the same leads")
    func backupCommand() throws {
        let cli = try CLI()
        defer { cli.remove() }
        _ = try cli.store()
        let path = cli.folder.appendingPathComponent("backup.sqlite").path
        let result = try cli.run(["backup", path, "--config", cli.configPath])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("Backed up to \(path)"))
        #expect(try LeadlineDatabase.open(path: path).appliedMigrations() == ["v1", "v2", "v3", "v4"])
        #expect(try cli.run(["backup", "/nonexistent-dir/x.sqlite", "--config", cli.configPath]).status == 1)
    }

    @Test("help lists the lead commands and the shared --config option")
    func helpText() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let help = try cli.run(["leads", "--help"])
        #expect(help.status == 0)
        for command in ["list", "show", "set-kind", "erase"] { #expect(help.out.contains("  \(command) ")) }
        let listHelp = try cli.run(["leads", "list", "--help"])
        #expect(listHelp.out.contains("--config <path>"))
        #expect(listHelp.out.contains("Default: $LEADLINE_CONFIG, else Config/leadline.yml."))
        #expect(listHelp.out.contains("--json"))
    }

    @Test("templates preview renders an inquiry file in the language asked for, and names a file it cannot read")
    func templatesPreview() throws {
        let cli = try CLI()
        let config = packageRoot.appendingPathComponent("Config/leadline.yml").path
        let inquiry = cli.folder.appendingPathComponent("inquiry.eml")
        try Data("""
            From: Adebayo Okafor <ade@okafor.example>\r
            To: sales@supplier.example\r
            Subject: RFQ: SP-1500 pumps\r
            Message-ID: <rfq-1@okafor.example>\r
            \r
            Please quote 200 units SP-1500, CIF Apapa.\r

            """.utf8).write(to: inquiry)
        let german = try cli.run(["templates", "preview", "serious_buyer/1-acknowledge", "--file", inquiry.path,
                                  "--lang", "de", "--config", config])
        #expect(german.status == 0, "\(german.err)")
        #expect(german.out.contains("Language: de"))
        #expect(german.out.contains("Guten Tag Adebayo Okafor,"))
        let missing = try cli.run(["templates", "preview", "serious_buyer/1-acknowledge", "--file", "/nonexistent/x.eml",
                                   "--config", config])
        #expect(missing.status == 1)
        #expect(missing.err.contains("/nonexistent/x.eml: cannot read the file (missing or not readable)"), "\(missing.err)")
        #expect(!missing.err.contains("NSCocoaErrorDomain"))
    }
}

