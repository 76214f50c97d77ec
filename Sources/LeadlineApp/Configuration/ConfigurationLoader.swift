import Foundation
import Logging
import Yams

/// Loads and validates Leadline's YAML configuration.
///
/// Strict: unknown keys, wrong types, bad URLs, a missing mailbox folder and password literals are errors
/// naming the file, the line and the key. Relative paths are resolved against the configuration file's folder
/// (`~/` against the home folder). Secrets are not read here; see ``CredentialReference/resolve(environment:)``.
///
/// ```swift
/// let config = try ConfigurationLoader.load(file: "Config/leadline.yml")
/// ```
public enum ConfigurationLoader {
    static let defaultPollInterval = Duration.seconds(300)
    static let passwordRefusal =
        "a password in the configuration file is refused: put it in an environment variable named by "
        + "password_env, or in a file named by password_file"
    static let tokenRefusal =
        "a token in the configuration file is refused: name an environment variable with oauth2_token_env, "
        + "or a file with oauth2_token_file"

    /// Reads and validates the configuration file at `file`.
    /// - Throws: ``ConfigurationError``.
    public static func load(file: String) throws -> LeadlineConfiguration {
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            throw ConfigurationError(
                file: file, line: nil, key: "",
                problem: exists ? "cannot read the file" : "no such file (create one with `leadline init`)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, line: nil, key: "", problem: "the file is not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
        return try parse(yaml: text, file: file, folder: folder)
    }

    /// Validates YAML text; `file` is used in messages, `folder` to resolve relative paths.
    /// - Throws: ``ConfigurationError``.
    public static func parse(yaml: String, file: String, folder: String) throws -> LeadlineConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigurationError(file: file, line: 1, key: "", problem: "the file is empty")
            }
            root = node
        } catch let error as ConfigurationError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file, yaml: yaml)
        }
        let reader = YAMLNodeReader(file: file, node: root, path: "")
        let keys = try reader.mapping(allowed: ["database", "poll_interval", "log_level", "accounts", "replies"])
        guard let database = keys["database"] else { throw reader.error("the key database is missing", key: "database") }
        guard let accountsEntry = keys["accounts"] else {
            throw reader.error("the key accounts is missing: list at least one account", key: "accounts")
        }
        let paths = PathResolver(folder: folder)
        let accountsReader = reader.child("accounts", accountsEntry)
        guard let list = accountsReader.node.sequence, !list.isEmpty else {
            throw accountsReader.error("expected a list of at least one account")
        }
        var accounts: [AccountConfiguration] = []
        for (index, node) in list.enumerated() {
            let item = YAMLNodeReader(file: file, node: node, path: "accounts[\(index)]")
            let account = try AccountParser(reader: item, paths: paths).parse()
            if accounts.contains(where: { $0.name == account.name }) {
                throw item.error("another account is already named \(account.name)", key: "\(item.path).name")
            }
            accounts.append(account)
        }
        return LeadlineConfiguration(
            file: file,
            database: paths.resolve(try reader.child("database", database).string()),
            pollInterval: try keys["poll_interval"].map { try pollInterval(reader.child("poll_interval", $0)) }
                ?? defaultPollInterval,
            logLevel: try keys["log_level"].map { try logLevel(reader.child("log_level", $0)) } ?? .info,
            accounts: accounts,
            replies: try keys["replies"].map { try RepliesConfiguration.parse(reader.child("replies", $0), paths: paths) })
    }

    /// `poll_interval`: seconds as a number, or a number with `s`, `m` or `h`; between 10 seconds and a day.
    static func pollInterval(_ reader: YAMLNodeReader) throws -> Duration {
        let text = try reader.string().lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        var digits = text
        var unit = 1
        if let last = text.last, let factor = units[last] {
            digits = String(text.dropLast())
            unit = factor
        }
        guard let value = Int(digits.trimmingCharacters(in: .whitespaces)), value > 0 else {
            throw reader.error("expected a duration like 300, 30s, 5m or 1h")
        }
        let seconds = value * unit
        guard (10...86_400).contains(seconds) else { throw reader.error("must be between 10s and 24h") }
        return .seconds(seconds)
    }

    static func logLevel(_ reader: YAMLNodeReader) throws -> Logger.Level {
        let text = try reader.string()
        guard let level = Logger.Level(rawValue: text) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.error("expected one of \(names)")
        }
        return level
    }

    static func syntaxError(_ error: YamlError, file: String, yaml: String) -> ConfigurationError {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            return ConfigurationError(
                file: file, line: secondOccurrence(of: key, in: yaml, from: context.mark.line) ?? context.mark.line,
                key: key, problem: "the key appears twice")
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return ConfigurationError(file: file, line: mark.line, key: "", problem: "YAML syntax: \(problem)")
        default:
            return ConfigurationError(file: file, line: nil, key: "", problem: "YAML syntax: \(error)")
        }
    }
}

extension ConfigurationLoader {
    /// The line (1-based) where `key:` is written the second time at or after line `from`: Yams reports a
    /// duplicated key at its mapping, and the user needs the line of the repeat.
    static func secondOccurrence(of key: String, in yaml: String, from: Int) -> Int? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 >= from {
            let text = line.drop { $0 == " " || $0 == "-" || $0 == "{" || $0 == "," }
            if text.hasPrefix("\(key):") || text.hasPrefix("\"\(key)\":") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }
}

/// Resolves configured paths: absolute stay, `~/` goes to the home folder, the rest to the config's folder.
struct PathResolver {
    let folder: String

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        if path == "~" || path.hasPrefix("~/") {
            let home = FileManager.default.homeDirectoryForCurrentUser.path
            return URL(fileURLWithPath: home + path.dropFirst()).standardizedFileURL.path
        }
        return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}
