import Foundation
import Testing
@testable import LeadlineApp

/// The package root, to read the shipped files under Config/.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func parse(_ yaml: String, folder: String = "/srv/leadline/Config") throws -> LeadlineConfiguration {
    try ConfigurationLoader.parse(yaml: yaml, file: "test.yml", folder: folder)
}

/// Expects parsing to fail and returns the error's one-line description.
func failure(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        _ = try parse(yaml)
        Issue.record("expected a configuration error", sourceLocation: sourceLocation)
        return ""
    } catch let error as ConfigurationError {
        return error.description
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return ""
    }
}

let imapAccount = """
    database: var/leadline.sqlite
    accounts:
      - name: sales
        address: sales@supplier.example
        display_name: Supplier Sales Team
        imap: { url: "imaps://imap.example.com:993", username: "sales@supplier.example", password_env: LEADLINE_SALES_PASSWORD, mailboxes: [INBOX, Leads], allow_insecure: false }
        smtp: { url: "smtps://smtp.example.com:465", username: "sales@supplier.example", password_file: secrets/smtp, allow_insecure: false }
    """

@Suite("Configuration")
struct ConfigurationTests {
    @Test("the issue's IMAP/SMTP account loads with paths resolved against the config folder")
    func loadsIssueExample() throws {
        let config = try parse(imapAccount)
        #expect(config.database == "/srv/leadline/Config/var/leadline.sqlite")
        #expect(config.pollInterval == .seconds(300))
        #expect(config.accounts.count == 1)
        let account = config.accounts[0]
        #expect(account.name == "sales")
        #expect(account.displayName == "Supplier Sales Team")
        guard case .imap(let imap) = account.inbound, case .smtp(let smtp)? = account.outbound else {
            Issue.record("expected imap and smtp")
            return
        }
        #expect(imap.url.absoluteString == "imaps://imap.example.com:993")
        #expect(imap.mailboxes == ["INBOX", "Leads"])
        #expect(imap.credential.source == .passwordEnvironment("LEADLINE_SALES_PASSWORD"))
        #expect(imap.credential.line == 6)
        #expect(!imap.markProcessed)
        #expect(imap.connections == 3)
        #expect(smtp.credential.source == .passwordFile("/srv/leadline/Config/secrets/smtp"))
    }

    @Test("imap.connections takes 1 to 10; anything else names the line and the key")
    func imapConnections() throws {
        let two = imapAccount.replacingOccurrences(of: "allow_insecure: false }\n    smtp", with: "allow_insecure: false, connections: 2 }\n    smtp")
        guard case .imap(let imap) = try parse(two).accounts[0].inbound else {
            Issue.record("expected imap")
            return
        }
        #expect(imap.connections == 2)
        for bad in ["0", "11", "many"] {
            let text = failure(imapAccount.replacingOccurrences(of: "allow_insecure: false }\n    smtp", with: "allow_insecure: false, connections: \(bad) }\n    smtp"))
            #expect(text.contains("test.yml:6"), "\(text)")
            #expect(text.contains("connections"), "\(text)")
            #expect(text.contains("expected a whole number from 1 to 10"), "\(text)")
        }
    }

    @Test("a password literal is refused with its line and a pointer to password_env/password_file")
    func passwordLiteralRefused() {
        let yaml = imapAccount.replacingOccurrences(of: "password_env: LEADLINE_SALES_PASSWORD", with: "password: hunter2")
        let message = failure(yaml)
        #expect(message.hasPrefix("test.yml:6: accounts[0].imap.password: a password in the configuration file is refused"))
        #expect(message.contains("password_env"))
        #expect(message.contains("password_file"))
        #expect(!message.contains("hunter2"))
    }

    @Test("a secret pasted into password_env is refused without repeating it")
    func secretInEnvNameRefused() {
        let yaml = imapAccount.replacingOccurrences(of: "LEADLINE_SALES_PASSWORD", with: "\"s3cr3t!pass\"")
        let message = failure(yaml)
        #expect(message.hasPrefix("test.yml:6: accounts[0].imap.password_env: expected the NAME of an environment variable"))
        #expect(!message.contains("s3cr3t"))
    }

    @Test("an unknown key names the file, the line and the key, and suggests the right one")
    func unknownKey() {
        let yaml = """
            database: x.sqlite
            accounts:
              - name: demo
                address: demo@supplier.example
                source: { eml_dir: /tmp }
                outbox:
                  directry: out
            """
        #expect(failure(yaml) == "test.yml:7: accounts[0].outbox.directry: unknown key (did you mean directory?); allowed here: directory")
    }

    @Test("bad values are errors with line and key", arguments: [
        ("poll_interval: soon", "test.yml:2: poll_interval: expected a duration like 300, 30s, 5m or 1h"),
        ("poll_interval: 2s", "test.yml:2: poll_interval: must be between 10s and 24h"),
        ("log_level: loud", "test.yml:2: log_level: expected one of trace, debug, info, notice, warning, error, critical"),
        ("accounts: []", "test.yml:2: accounts: expected a list of at least one account"),
    ])
    func badTopLevelValues(line: String, expected: String) {
        let yaml = "database: x.sqlite\n\(line)\n" + (line.hasPrefix("accounts") ? "" : """
            accounts:
              - { name: demo, address: demo@supplier.example, source: { eml_dir: /tmp } }
            """)
        #expect(failure(yaml) == expected)
    }

    @Test("server URLs must use the right scheme", arguments: [
        ("imaps://imap.example.com:993", "ftp://imap.example.com", "accounts[0].imap.url: ftp://imap.example.com is not a server URL: use imaps:// or imap:// and a host"),
        ("smtps://smtp.example.com:465", "imaps://smtp.example.com", "accounts[0].smtp.url: imaps://smtp.example.com is not a server URL: use smtps:// or smtp:// and a host"),
    ])
    func urlSchemes(original: String, replacement: String, expected: String) {
        let message = failure(imapAccount.replacingOccurrences(of: original, with: replacement))
        #expect(message.contains(expected))
    }

    @Test("an account must have exactly one inbound and at most one outbound")
    func accountShape() {
        #expect(failure("""
            database: x.sqlite
            accounts:
              - name: demo
                address: demo@supplier.example
            """) == "test.yml:3: accounts[0]: the account needs imap (a mail server) or source (a local folder)")
        #expect(failure("""
            database: x.sqlite
            accounts:
              - name: demo
                address: demo@supplier.example
                source: { eml_dir: /tmp }
                outbox: { directory: out }
                smtp: { url: "smtp://localhost", username: u, password_env: P }
            """).hasPrefix("test.yml:6: accounts[0].outbox: give either smtp or outbox, not both"))
    }

    @Test("missing credentials, two credentials, duplicate names and duplicate keys are errors")
    func credentialsAndDuplicates() {
        let noCredential = imapAccount.replacingOccurrences(of: ", password_env: LEADLINE_SALES_PASSWORD", with: "")
        #expect(failure(noCredential).hasPrefix("test.yml:6: accounts[0].imap: no credential: add password_env"))
        let twoCredentials = imapAccount.replacingOccurrences(
            of: "password_env: LEADLINE_SALES_PASSWORD", with: "password_env: A, oauth2_token_env: B")
        #expect(failure(twoCredentials).contains("give only one of password_env, oauth2_token_env"))
        let twice = """
            database: x.sqlite
            accounts:
              - { name: demo, address: demo@supplier.example, source: { eml_dir: /tmp } }
              - { name: demo, address: other@supplier.example, source: { eml_dir: /tmp } }
            """
        #expect(failure(twice) == "test.yml:4: accounts[1].name: another account is already named demo")
        #expect(failure("database: a\ndatabase: b\naccounts: []\n") == "test.yml:2: database: the key appears twice")
    }

    @Test("a missing Maildir folder, and a folder that is not a Maildir, are reported")
    func maildirChecked() {
        let missing = """
            database: x.sqlite
            accounts:
              - { name: demo, address: demo@supplier.example, source: { maildir: /nonexistent/inbox } }
            """
        #expect(failure(missing) == "test.yml:3: accounts[0].source.maildir: no such folder: /nonexistent/inbox")
        let notMaildir = missing.replacingOccurrences(of: "/nonexistent/inbox", with: "/")
        #expect(failure(notMaildir).contains("is not a Maildir"))
    }

    @Test("YAML syntax errors and unreadable files say where")
    func syntaxAndFiles() {
        #expect(failure("database: [unclosed\naccounts: x\n").hasPrefix("test.yml:2: YAML syntax:"))
        #expect(throws: ConfigurationError(file: "/nonexistent/leadline.yml", line: nil, key: "",
                                           problem: "no such file (create one with `leadline init`)")) {
            try ConfigurationLoader.load(file: "/nonexistent/leadline.yml")
        }
    }

    @Test("secrets resolve from the environment or a file, and never print")
    func secretsResolve() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadline-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("secrets"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("file-secret\n".utf8).write(to: folder.appendingPathComponent("secrets/smtp"))
        let config = try parse(imapAccount, folder: folder.path)
        guard case .imap(let imap) = config.accounts[0].inbound, case .smtp(let smtp)? = config.accounts[0].outbound else {
            Issue.record("expected imap and smtp")
            return
        }
        let password = try imap.credential.resolve(environment: ["LEADLINE_SALES_PASSWORD": "env-secret"])
        #expect(password == .password(Secret("env-secret")))
        #expect(try smtp.credential.resolve(environment: [:]) == .password(Secret("file-secret")))
        #expect("\(password)".contains("env-secret") == false)
        #expect(String(reflecting: Secret("env-secret")) == "<secret>")
        #expect(throws: ConfigurationError(file: "test.yml", line: 6, key: "accounts[0].imap.password_env",
                                           problem: "the environment variable LEADLINE_SALES_PASSWORD is not set or empty")) {
            try imap.credential.resolve(environment: [:])
        }
    }

    @Test("the shipped demo configuration loads and points at the sample inbox")
    func shippedDemoLoads() throws {
        let file = packageRoot.appendingPathComponent("Config/leadline.yml").path
        let config = try ConfigurationLoader.load(file: file)
        #expect(config.database == packageRoot.appendingPathComponent("var/leadline.sqlite").standardizedFileURL.path)
        #expect(config.accounts.map(\.name) == ["demo"])
        #expect(config.accounts[0].inbound == .maildir(path: packageRoot.appendingPathComponent("Config/sample-inbox").standardizedFileURL.path))
        #expect(config.accounts[0].outbound == .outbox(directory: packageRoot.appendingPathComponent("var/outbox").standardizedFileURL.path))
    }

    @Test("the embedded example equals Config/leadline.example.yml and loads")
    func exampleMatchesFile() throws {
        let file = packageRoot.appendingPathComponent("Config/leadline.example.yml")
        #expect(try String(contentsOf: file, encoding: .utf8) == ExampleConfiguration.yaml)
        let config = try parse(ExampleConfiguration.yaml)
        #expect(config.accounts.map(\.name) == ["sales"])
    }
}
