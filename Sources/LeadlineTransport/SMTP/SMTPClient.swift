import CCurl
public import Logging

/// Settings of one SMTP account.
public struct SMTPConfiguration: Sendable, Hashable {
    /// Server, security (`.tls` for port 465, `.startTLS` for 587), sign-in and timeouts.
    public var endpoint: ServerEndpoint
    /// The name Leadline gives in `EHLO` (a host name; libcurl would otherwise send the upload's file name).
    public var heloName: String

    public init(endpoint: ServerEndpoint, heloName: String = "localhost") {
        self.endpoint = endpoint
        self.heloName = heloName
    }
}

/// One message to send: the envelope and the exact bytes (CRLF line endings, headers included).
public struct OutgoingMail: Sendable, Hashable {
    /// Envelope sender (`MAIL FROM`), usually the salesperson's address; bounces go there.
    public var sender: String
    /// Envelope recipients (`RCPT TO`). Headers (`To`, `Cc`) are not read: only these addresses get the message.
    public var recipients: [String]
    /// The message as it should arrive. Lines starting with `.` are dot-stuffed on the wire and arrive intact.
    public var data: [UInt8]

    public init(sender: String, recipients: [String], data: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.data = data
    }
}

/// The outcome of a message the server accepted for at least one recipient.
public struct SMTPDelivery: Sendable, Hashable {
    /// Recipients the server accepted.
    public var accepted: [String]
    /// Recipients the server refused; the message went to the others. Each says whether a retry may help.
    public var refused: [TransportError.RefusedRecipient]

    public init(accepted: [String], refused: [TransportError.RefusedRecipient]) {
        self.accepted = accepted
        self.refused = refused
    }
}

/// An SMTP client over libcurl that keeps one connection (one easy handle) for a batch of messages.
///
/// STARTTLS, when configured, is required: a server that does not offer it fails with `.tls` before anything is
/// sent. A message refused for some recipients still goes to the rest; `SMTPDelivery.refused` lists the others.
///
/// ```swift
/// let smtp = SMTPClient(configuration: config, logger: logger)
/// let delivery = try await smtp.send(OutgoingMail(sender: "ana@firma.pl", recipients: ["buyer@example.ng"], data: bytes))
/// ```
public actor SMTPClient {
    /// The account settings this client was made with.
    public nonisolated let configuration: SMTPConfiguration
    private let connection: CurlConnection
    private let logger: Logger
    /// Connections opened so far (1 for a batch when all goes well); for tests and diagnostics.
    var connectionsOpened = 0

    /// Creates a client; nothing connects until the first send.
    public init(configuration: SMTPConfiguration, logger: Logger) {
        self.configuration = configuration
        self.connection = CurlConnection(label: "leadline.smtp")
        var logger = logger
        logger[metadataKey: "smtp.server"] = "\(configuration.endpoint.displayName)"
        self.logger = logger
    }

    /// Sends one message.
    /// - Returns: who accepted it and who refused it, when at least one recipient accepted it.
    /// - Throws: `TransportError`: `.recipientsRefused` when every recipient was refused (temporary only if every
    ///   refusal was 4xx), `.messageRefused` for a refused sender or content (4xx temporary, 5xx permanent),
    ///   `.authenticationFailed`, `.tls`, or a temporary network error (`.unreachable`, `.timeout`, `.connectionLost`).
    public func send(_ mail: OutgoingMail) async throws -> SMTPDelivery {
        let endpoint = configuration.endpoint
        let request = request(for: mail)
        let result = try await connection.run { handle in handle.perform(request, endpoint: endpoint) }
        return try outcome(of: result, for: mail).get()
    }

    /// Sends several messages over one connection, in order, and reports each one's outcome; one failure does not
    /// stop the rest.
    ///
    /// The whole batch runs in one turn on the connection's thread: a message's `MAIL FROM` follows the previous
    /// message's final reply at once, without the two thread hand-offs per message that separate `send(_:)` calls
    /// cost (on a busy machine each hand-off can wait for a CPU). Cancellation is not checked inside a batch, so
    /// keep batches to what may be sent in one go (the outbox's due messages).
    public func send(batch: [OutgoingMail]) async -> [Result<SMTPDelivery, TransportError>] {
        guard !batch.isEmpty else { return [] }
        let endpoint = configuration.endpoint
        let requests = batch.map { request(for: $0) }
        let results: [CurlResult]
        do {
            results = try await connection.run { handle in requests.map { handle.perform($0, endpoint: endpoint) } }
        } catch {
            // `run` rethrows only what its body throws, and `perform` does not throw.
            let failure = TransportError(.protocolError, isTemporary: true, detail: "\(error)")
            return batch.map { _ in .failure(failure) }
        }
        return zip(results, batch).map { outcome(of: $0, for: $1) }
    }

    /// The libcurl transfer for one message: EHLO name in the URL path, envelope, dialogue captured.
    private func request(for mail: OutgoingMail) -> CurlRequest {
        let endpoint = configuration.endpoint
        let url = endpoint.baseURL(plainScheme: "smtp", tlsScheme: "smtps") + "/" + configuration.heloName
        return CurlRequest(
            url: url, upload: mail.data, mailFrom: "<\(mail.sender)>",
            mailRecipients: mail.recipients.map { "<\($0)>" }, captureDialogue: true)
    }

    /// Reads one transfer's result: who accepted the message, or the error.
    private func outcome(of result: CurlResult, for mail: OutgoingMail) -> Result<SMTPDelivery, TransportError> {
        let endpoint = configuration.endpoint
        connectionsOpened += result.newConnections
        let refused = SMTPDialogue.refusedRecipients(result.dialogue)
        guard result.succeeded else {
            return .failure(TransportError.smtp(result, refused: refused, server: endpoint.displayName))
        }
        let refusedAddresses = Set(refused.map(\.address))
        let delivery = SMTPDelivery(accepted: mail.recipients.filter { !refusedAddresses.contains($0) }, refused: refused)
        if !delivery.refused.isEmpty {
            logger.info("recipients refused", metadata: ["smtp.refused": "\(delivery.refused.count)"])
        }
        return .success(delivery)
    }
}

extension TransportError {
    /// Maps a failed SMTP transfer. libcurl reports a refused `RCPT` (all recipients, with allow-fails on) or `MAIL` as
    /// `CURLE_SEND_ERROR` "RCPT failed: 550" / "MAIL failed: 530", a refused `DATA` end as a weird server reply, and
    /// the last reply code through `CURLINFO_RESPONSE_CODE`.
    static func smtp(_ result: CurlResult, refused: [RefusedRecipient], server: String) -> TransportError {
        let detail = "\(result.errorText) (libcurl \(result.code.rawValue))"
        let reply = result.replyCode
        let replyIsTemporary = (400 ..< 500).contains(reply)
        if result.errorText.hasPrefix("RCPT failed") || (!refused.isEmpty && result.code == CURLE_SEND_ERROR) {
            let allTemporary = !refused.isEmpty && refused.allSatisfy(\.isTemporary)
            return TransportError(
                .recipientsRefused, isTemporary: refused.isEmpty ? replyIsTemporary : allTemporary, server: server,
                replyCode: reply == 0 ? nil : reply, refusedRecipients: refused, detail: detail)
        }
        if (400 ..< 600).contains(reply) && result.code != CURLE_LOGIN_DENIED
            && (result.code == CURLE_SEND_ERROR || result.code == CURLE_WEIRD_SERVER_REPLY
                || result.code == CURLE_RECV_ERROR) {
            return TransportError(
                .messageRefused, isTemporary: replyIsTemporary, server: server, replyCode: reply, detail: detail)
        }
        return common(result) { code, temporary in
            TransportError(code, isTemporary: temporary, server: server, replyCode: reply == 0 ? nil : reply, detail: detail)
        }
    }
}

/// Reads the captured SMTP dialogue (pure).
enum SMTPDialogue {
    /// Pairs each `RCPT TO:<address>` the client sent with the server's final reply line; returns those not 2xx.
    static func refusedRecipients(_ dialogue: [ProtocolLine]) -> [TransportError.RefusedRecipient] {
        var refused: [TransportError.RefusedRecipient] = []
        var pending: String?
        for line in dialogue {
            if line.sent {
                let text = line.text
                if text.uppercased().hasPrefix("RCPT TO:") {
                    var address = text.dropFirst("RCPT TO:".count).trimmingPrefix(" ")
                    if let close = address.firstIndex(of: ">") { address = address[..<close] }
                    pending = String(address.drop { $0 == "<" })
                } else {
                    pending = nil
                }
                continue
            }
            guard let address = pending else { continue }
            let text = line.text
            let digits = text.prefix(3)
            // A multi-line reply continues with "550-"; its last line has a space (or nothing) after the code.
            guard let code = Int(digits), text.count == 3 || text.dropFirst(3).first == " " else { continue }
            if !(200 ..< 300).contains(code) {
                refused.append(.init(address: address, replyCode: code, reply: String(text.dropFirst(4))))
            }
            pending = nil
        }
        return refused
    }
}
