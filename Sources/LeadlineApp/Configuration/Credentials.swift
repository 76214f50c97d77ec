import Foundation

/// A password or token. Its `description` never shows the value, so it cannot leak into logs by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The value itself, for the one place that needs it (the transport's login).
    public func reveal() -> String { value }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
}

/// A resolved login credential.
public enum Credential: Sendable, Equatable {
    case password(Secret)
    /// An OAuth2 bearer token for XOAUTH2 (Gmail, Microsoft 365).
    case oauth2Token(Secret)
}

/// Where a credential is read at run time: an environment variable or a file, never the configuration file.
public struct CredentialReference: Sendable, Equatable {
    /// The kind of credential and where it lives.
    public enum Source: Sendable, Equatable {
        case passwordEnvironment(String)
        case passwordFile(String)
        case oauth2TokenEnvironment(String)
        case oauth2TokenFile(String)
    }

    public var source: Source
    /// The configuration file, line and key that named it, for error messages.
    public var file: String
    public var line: Int?
    public var key: String

    /// Reads the secret now.
    /// - Parameter environment: the process environment (injected for tests).
    /// - Throws: ``ConfigurationError`` naming the file, line and key, when the variable is unset or empty,
    ///   or the file is unreadable or empty. The message never contains the secret.
    public func resolve(environment: [String: String]) throws -> Credential {
        switch source {
        case .passwordEnvironment(let name): return .password(try fromEnvironment(name, environment))
        case .passwordFile(let path): return .password(try fromFile(path))
        case .oauth2TokenEnvironment(let name): return .oauth2Token(try fromEnvironment(name, environment))
        case .oauth2TokenFile(let path): return .oauth2Token(try fromFile(path))
        }
    }

    private func fromEnvironment(_ name: String, _ environment: [String: String]) throws -> Secret {
        guard let value = environment[name], !value.isEmpty else {
            throw ConfigurationError(file: file, line: line, key: key,
                                     problem: "the environment variable \(name) is not set or empty")
        }
        return Secret(value)
    }

    private func fromFile(_ path: String) throws -> Secret {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: file, line: line, key: key, problem: "cannot read the file \(path)")
        }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !value.isEmpty else {
            throw ConfigurationError(file: file, line: line, key: key, problem: "the file \(path) is empty")
        }
        return Secret(value)
    }
}
