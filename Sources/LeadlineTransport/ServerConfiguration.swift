/// How the connection to a mail server is protected.
public enum ConnectionSecurity: String, Sendable, Hashable, Codable {
    /// TLS from the first byte (`imaps://`, port 993; `smtps://`, port 465).
    case tls
    /// Plain connection upgraded with STARTTLS, which is required: the server must offer it or the connection fails
    /// (`imap://` port 143; `smtp://` port 587).
    case startTLS
    /// No encryption at all. Only for servers on loopback in tests: passwords travel in clear text. Must be chosen
    /// explicitly; never a default.
    case insecurePlaintext
}

/// How Leadline signs in to a mail server. `description` never shows the secret.
public enum MailCredential: Sendable, Hashable, CustomStringConvertible {
    /// User name and password (or an app password).
    case password(user: String, password: String)
    /// User name and an OAuth 2.0 access token, sent with SASL XOAUTH2 (Gmail, Microsoft 365).
    case oauth2(user: String, accessToken: String)

    /// The user name.
    public var user: String {
        switch self {
        case .password(let user, _), .oauth2(let user, _): user
        }
    }

    public var description: String {
        switch self {
        case .password(let user, _): "password for \(user)"
        case .oauth2(let user, _): "OAuth token for \(user)"
        }
    }
}

/// Where a mail server is and how to reach it: shared by `IMAPConfiguration` and `SMTPConfiguration`.
public struct ServerEndpoint: Sendable, Hashable {
    /// Host name or IP address. With TLS the certificate must match it.
    public var host: String
    /// TCP port.
    public var port: Int
    /// TLS, STARTTLS (required) or, only if chosen explicitly, no encryption.
    public var security: ConnectionSecurity
    /// Sign-in details.
    public var credential: MailCredential
    /// A PEM file of CA certificates to trust instead of the system's (e.g. a company CA); nil: system store.
    public var caFile: String?
    /// Seconds allowed to connect, including TLS and the server's greeting.
    public var connectTimeout: Double
    /// Seconds a transfer may stall (below 1 byte/s) or wait for one server reply before it is abandoned.
    public var stallTimeout: Double

    /// - Parameters:
    ///   - host: host name or IP address.
    ///   - port: TCP port.
    ///   - security: `.tls`, `.startTLS` or, for loopback tests only, `.insecurePlaintext`.
    ///   - credential: user name with a password or an OAuth token.
    ///   - caFile: PEM CA file to trust; nil uses the system's trust store.
    ///   - connectTimeout: seconds to connect (default 15).
    ///   - stallTimeout: seconds without progress before giving up (default 60).
    public init(
        host: String, port: Int, security: ConnectionSecurity, credential: MailCredential, caFile: String? = nil,
        connectTimeout: Double = 15, stallTimeout: Double = 60
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credential = credential
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    /// `host:port`, as shown in errors and logs (IPv6 literals bracketed).
    public var displayName: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `scheme://host:port` for libcurl, with the TLS scheme when `security` is `.tls`.
    func baseURL(plainScheme: String, tlsScheme: String) -> String {
        let scheme = security == .tls ? tlsScheme : plainScheme
        return "\(scheme)://\(displayName)"
    }
}
