import Foundation
import Yams

/// Validates one entry of `accounts`.
struct AccountParser {
    let reader: YAMLNodeReader
    let paths: PathResolver

    static let credentialKeys = ["password_env", "password_file", "oauth2_token_env", "oauth2_token_file"]
    static let refusedSecrets = [
        "password": ConfigurationLoader.passwordRefusal, "pass": ConfigurationLoader.passwordRefusal,
        "oauth2_token": ConfigurationLoader.tokenRefusal, "token": ConfigurationLoader.tokenRefusal,
    ]

    func parse() throws -> AccountConfiguration {
        let keys = try reader.mapping(
            allowed: ["name", "address", "display_name", "imap", "source", "smtp", "outbox"],
            refused: Self.refusedSecrets)
        guard let nameEntry = keys["name"] else { throw reader.error("the key name is missing", key: "\(reader.path).name") }
        let nameReader = reader.child("name", nameEntry)
        let name = try nameReader.string()
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw nameReader.error("use only letters, digits, - and _ (it names the account in logs and the store)")
        }
        guard let addressEntry = keys["address"] else {
            throw reader.error("the key address is missing (the account's own e-mail address)", key: "\(reader.path).address")
        }
        let addressReader = reader.child("address", addressEntry)
        let address = try addressReader.string()
        guard Self.looksLikeAddress(address) else { throw addressReader.error("\(address) is not an e-mail address") }

        let inbound: AccountConfiguration.Inbound
        switch (keys["imap"], keys["source"]) {
        case (let imap?, nil): inbound = .imap(try imapConfiguration(reader.child("imap", imap)))
        case (nil, let source?): inbound = try localSource(reader.child("source", source))
        case (.some, .some(let source)):
            throw reader.error("give either imap or source, not both", at: source.key, key: "\(reader.path).source")
        case (nil, nil):
            throw reader.error("the account needs imap (a mail server) or source (a local folder)")
        }
        var outbound: AccountConfiguration.Outbound?
        switch (keys["smtp"], keys["outbox"]) {
        case (let smtp?, nil): outbound = .smtp(try smtpConfiguration(reader.child("smtp", smtp)))
        case (nil, let outbox?): outbound = try outboxConfiguration(reader.child("outbox", outbox))
        case (.some, .some(let outbox)):
            throw reader.error("give either smtp or outbox, not both", at: outbox.key, key: "\(reader.path).outbox")
        case (nil, nil): outbound = nil
        }
        return AccountConfiguration(
            name: name, address: address,
            displayName: try keys["display_name"].map { try reader.child("display_name", $0).string() },
            inbound: inbound, outbound: outbound)
    }

    static func looksLikeAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    func imapConfiguration(_ reader: YAMLNodeReader) throws -> IMAPConfiguration {
        let keys = try reader.mapping(
            allowed: ["url", "username", "mailboxes", "allow_insecure", "ca_file", "mark_processed", "sent_mailbox",
                      "connections"]
                + Self.credentialKeys,
            refused: Self.refusedSecrets)
        let server = try serverFields(reader, keys, schemes: ["imaps", "imap"], example: "imaps://imap.example.com:993")
        return IMAPConfiguration(
            url: server.url, username: server.username, credential: server.credential,
            mailboxes: try keys["mailboxes"].map { try reader.child("mailboxes", $0).stringList() } ?? ["INBOX"],
            allowInsecure: server.allowInsecure, caFile: server.caFile,
            markProcessed: try keys["mark_processed"].map { try reader.child("mark_processed", $0).bool() } ?? false,
            sentMailbox: try keys["sent_mailbox"].map { try reader.child("sent_mailbox", $0).string() },
            connections: try keys["connections"].map { try reader.child("connections", $0).integer(in: 1 ... 10) }
                ?? IMAPConfiguration.defaultConnections)
    }

    func smtpConfiguration(_ reader: YAMLNodeReader) throws -> SMTPConfiguration {
        let keys = try reader.mapping(
            allowed: ["url", "username", "allow_insecure", "ca_file"] + Self.credentialKeys, refused: Self.refusedSecrets)
        let server = try serverFields(reader, keys, schemes: ["smtps", "smtp"], example: "smtps://smtp.example.com:465")
        return SMTPConfiguration(
            url: server.url, username: server.username, credential: server.credential,
            allowInsecure: server.allowInsecure, caFile: server.caFile)
    }

    typealias Entries = [String: (key: Node, value: Node)]

    func serverFields(_ reader: YAMLNodeReader, _ keys: Entries, schemes: [String], example: String) throws
        -> (url: URL, username: String, credential: CredentialReference, allowInsecure: Bool, caFile: String?)
    {
        guard let urlEntry = keys["url"] else { throw reader.error("the key url is missing (like \(example))", key: "\(reader.path).url") }
        let urlReader = reader.child("url", urlEntry)
        let text = try urlReader.string()
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
              let host = url.host, !host.isEmpty
        else {
            throw urlReader.error(
                "\(text) is not a server URL: use \(schemes.map { "\($0)://" }.joined(separator: " or ")) and a host, like \(example)")
        }
        guard let userEntry = keys["username"] else { throw reader.error("the key username is missing", key: "\(reader.path).username") }
        let username = try reader.child("username", userEntry).string()
        let given = Self.credentialKeys.filter { keys[$0] != nil }
        guard given.count == 1, let credentialKey = given.first, let entry = keys[credentialKey] else {
            let problem = given.isEmpty
                ? "no credential: add password_env, password_file, oauth2_token_env or oauth2_token_file"
                : "give only one of \(given.joined(separator: ", "))"
            throw reader.error(problem)
        }
        let credentialReader = reader.child(credentialKey, entry)
        let value = try credentialReader.string()
        let source: CredentialReference.Source
        switch credentialKey {
        case "password_env": source = .passwordEnvironment(try Self.environmentName(value, credentialReader))
        case "password_file": source = .passwordFile(paths.resolve(value))
        case "oauth2_token_env": source = .oauth2TokenEnvironment(try Self.environmentName(value, credentialReader))
        default: source = .oauth2TokenFile(paths.resolve(value))
        }
        let credential = CredentialReference(
            source: source, file: reader.file, line: entry.key.mark?.line, key: credentialReader.path)
        var caFile: String?
        if let caEntry = keys["ca_file"] {
            let caReader = reader.child("ca_file", caEntry)
            let path = paths.resolve(try caReader.string())
            guard FileManager.default.isReadableFile(atPath: path) else { throw caReader.error("cannot read the file \(path)") }
            caFile = path
        }
        let allowInsecure = try keys["allow_insecure"].map { try reader.child("allow_insecure", $0).bool() } ?? false
        return (url, username, credential, allowInsecure, caFile)
    }

    /// An environment variable name; a value that looks like a password is refused so it is not kept in the file.
    static func environmentName(_ value: String, _ reader: YAMLNodeReader) throws -> String {
        guard let first = value.first, first.isLetter || first == "_",
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw reader.error("expected the NAME of an environment variable (letters, digits, _), not the secret itself")
        }
        return value
    }

    func localSource(_ reader: YAMLNodeReader) throws -> AccountConfiguration.Inbound {
        let keys = try reader.mapping(allowed: ["maildir", "eml_dir"])
        switch (keys["maildir"], keys["eml_dir"]) {
        case (let entry?, nil):
            let child = reader.child("maildir", entry)
            let path = paths.resolve(try child.string())
            guard Self.isDirectory(path) else { throw child.error("no such folder: \(path)") }
            guard Self.isDirectory(path + "/cur") || Self.isDirectory(path + "/new") else {
                throw child.error("\(path) is not a Maildir (it has no cur/ or new/ folder)")
            }
            return .maildir(path: path)
        case (nil, let entry?):
            let child = reader.child("eml_dir", entry)
            let path = paths.resolve(try child.string())
            guard Self.isDirectory(path) else { throw child.error("no such folder: \(path)") }
            return .emlDirectory(path: path)
        default:
            throw reader.error("give exactly one of maildir or eml_dir")
        }
    }

    func outboxConfiguration(_ reader: YAMLNodeReader) throws -> AccountConfiguration.Outbound {
        let keys = try reader.mapping(allowed: ["directory"])
        guard let entry = keys["directory"] else { throw reader.error("the key directory is missing", key: "\(reader.path).directory") }
        return .outbox(directory: paths.resolve(try reader.child("directory", entry).string()))
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
