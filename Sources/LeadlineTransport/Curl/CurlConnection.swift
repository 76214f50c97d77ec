import CCurl
import Dispatch

/// Owns one libcurl easy handle, and the serial queue on which every use of it runs.
///
/// `curl_easy_perform` blocks, so it must not run on Swift's cooperative pool (two threads on small machines): every
/// transfer runs on this connection's own `DispatchQueue` and is bridged back with a continuation. The handle keeps
/// its live connection between transfers (and an IMAP connection keeps its selected mailbox), so one
/// `CurlConnection` used for a whole sync costs one TCP + TLS + login. The queue is serial, so the handle, which is
/// not thread-safe, is only ever touched from one thread at a time.
final class CurlConnection: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let queue: DispatchQueue

    init(label: String) {
        guard let handle = curl_easy_init() else {
            // curl_easy_init fails only when memory is exhausted or libcurl's global init failed.
            fatalError("libcurl could not create a handle (curl_easy_init returned NULL)")
        }
        self.handle = handle
        self.queue = DispatchQueue(label: label)
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Runs `body` on this connection's queue with exclusive use of the handle.
    func run<T: Sendable>(_ body: @escaping @Sendable (CurlHandle) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(CurlHandle(raw: self.handle)) })
            }
        }
    }

    /// Runs `body` on this connection's queue and waits for it, blocking the calling thread. For `deinit`-time
    /// cleanup and synchronous tools (benchmarks); never call it from an async context.
    func runBlocking<T>(_ body: (CurlHandle) throws -> T) rethrows -> T {
        try queue.sync { try body(CurlHandle(raw: handle)) }
    }
}

/// One line of the protocol dialogue, captured for SMTP to learn which recipients were refused.
struct ProtocolLine: Sendable {
    /// True for a line the client sent, false for a server reply line.
    var sent: Bool
    var text: String
}

/// What one transfer produced.
struct CurlResult: Sendable {
    var code: CURLcode
    /// Downloaded bytes (message bytes, or untagged responses of a custom IMAP command).
    var body: [UInt8]
    /// libcurl's error message for a failed transfer ("Login denied", "RCPT failed: 550").
    var errorText: String
    /// The last protocol reply code (SMTP 250/550...; IMAP is not numeric).
    var replyCode: Int
    /// The dialogue, when `CurlRequest.captureDialogue` was set.
    var dialogue: [ProtocolLine]
    /// Connections libcurl opened for this transfer (0 when it reused the live one).
    var newConnections: Int
    /// The transfer's duration as libcurl measured it (connect and sign-in included), in seconds.
    var totalSeconds: Double

    var succeeded: Bool { code == CURLE_OK }
}

/// What to ask libcurl for in one transfer, besides the endpoint's connection settings.
struct CurlRequest {
    var url: String
    var customRequest: String?
    var upload: [UInt8]?
    var mailFrom: String?
    var mailRecipients: [String] = []
    var captureDialogue = false
    /// Bytes to reserve for the download (e.g. a known message size); avoids buffer regrowth.
    var expectedSize = 0
    /// Open a new connection instead of reusing the live one (after the server dropped or will drop it).
    var freshConnection = false
    /// Close the connection after this transfer (the server is going to drop it anyway).
    var closeAfter = false
    /// libcurl's receive buffer size; 0 keeps its default (16 KB).
    var receiveBufferSize = 0
}

/// Per-transfer state reached from the C callbacks through their user-data pointer.
private final class TransferState {
    var body: [UInt8] = []
    var upload: [UInt8]
    var uploadOffset = 0
    var dialogue: [ProtocolLine] = []

    init(upload: [UInt8]) { self.upload = upload }
}

/// The easy handle, usable only inside `CurlConnection.run`.
struct CurlHandle {
    let raw: UnsafeMutableRawPointer

    /// Performs one transfer: resets per-transfer options (the live connection survives `curl_easy_reset`), applies
    /// the endpoint's security, credentials and timeouts, then the request.
    func perform(_ request: CurlRequest, endpoint: ServerEndpoint) -> CurlResult {
        curl_easy_reset(raw)
        let state = TransferState(upload: request.upload ?? [])
        state.body.reserveCapacity(request.expectedSize)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipients) }

        let code: CURLcode = withExtendedLifetime(state) {
            let userData = Unmanaged.passUnretained(state).toOpaque()
            return errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
                applyEndpoint(endpoint)
                set(CURLOPT_URL, request.url)
                if request.freshConnection { set(CURLOPT_FRESH_CONNECT, 1) }
                if request.closeAfter { set(CURLOPT_FORBID_REUSE, 1) }
                if request.receiveBufferSize > 0 { set(CURLOPT_BUFFERSIZE, request.receiveBufferSize) }
                set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorPointer.baseAddress!))
                leadline_setopt_data_cb(raw, CURLOPT_WRITEFUNCTION, curlWriteCallback)
                set(CURLOPT_WRITEDATA, userData)
                if let custom = request.customRequest { set(CURLOPT_CUSTOMREQUEST, custom) }
                if request.upload != nil {
                    set(CURLOPT_UPLOAD, 1)
                    leadline_setopt_data_cb(raw, CURLOPT_READFUNCTION, curlReadCallback)
                    set(CURLOPT_READDATA, userData)
                    leadline_setopt_off(raw, CURLOPT_INFILESIZE_LARGE, curl_off_t(state.upload.count))
                }
                if let from = request.mailFrom { set(CURLOPT_MAIL_FROM, from) }
                if !request.mailRecipients.isEmpty {
                    for address in request.mailRecipients { recipients = curl_slist_append(recipients, address) }
                    leadline_setopt_slist(raw, CURLOPT_MAIL_RCPT, recipients)
                    set(CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1)
                }
                if request.captureDialogue {
                    set(CURLOPT_VERBOSE, 1)
                    leadline_setopt_debug_cb(raw, CURLOPT_DEBUGFUNCTION, curlDebugCallback)
                    set(CURLOPT_DEBUGDATA, userData)
                }
                return curl_easy_perform(raw)
            }
        }
        var replyCode = 0
        leadline_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &replyCode)
        var newConnections = 0
        leadline_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &newConnections)
        var totalMicroseconds: curl_off_t = 0
        leadline_getinfo_off(raw, CURLINFO_TOTAL_TIME_T, &totalMicroseconds)
        let errorText = errorBuffer.withUnsafeBufferPointer { pointer in
            let bytes = pointer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return bytes.isEmpty ? String(cString: curl_easy_strerror(code)) : String(decoding: bytes, as: UTF8.self)
        }
        return CurlResult(
            code: code, body: state.body, errorText: code == CURLE_OK ? "" : errorText, replyCode: replyCode,
            dialogue: state.dialogue, newConnections: newConnections, totalSeconds: Double(totalMicroseconds) / 1e6)
    }

    private func applyEndpoint(_ endpoint: ServerEndpoint) {
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_NOPROGRESS, 1)
        set(CURLOPT_CONNECTTIMEOUT_MS, Int(endpoint.connectTimeout * 1000))
        let stall = max(1, Int(endpoint.stallTimeout.rounded(.up)))
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, stall)
        set(CURLOPT_SERVER_RESPONSE_TIMEOUT, stall)
        set(CURLOPT_TCP_KEEPALIVE, 1)
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = endpoint.caFile { set(CURLOPT_CAINFO, caFile) }
        switch endpoint.security {
        case .tls: break  // the imaps:// or smtps:// scheme gives implicit TLS
        case .startTLS: set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .insecurePlaintext: set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        switch endpoint.credential {
        case .password(let user, let password):
            set(CURLOPT_USERNAME, user)
            set(CURLOPT_PASSWORD, password)
        case .oauth2(let user, let token):
            set(CURLOPT_USERNAME, user)
            set(CURLOPT_XOAUTH2_BEARER, token)
            set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
        }
    }

    private func set(_ option: CURLoption, _ value: Int) {
        leadline_setopt_long(raw, option, value)
    }

    private func set(_ option: CURLoption, _ value: String) {
        // libcurl copies string options, so the temporary C string may go away after the call.
        leadline_setopt_string(raw, option, value)
    }

    private func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer) {
        leadline_setopt_pointer(raw, option, value)
    }
}

private let curlWriteCallback: leadline_curl_data_cb = { pointer, size, count, userData in
    let state = Unmanaged<TransferState>.fromOpaque(userData!).takeUnretainedValue()
    let length = size * count
    if let pointer, length > 0 {
        state.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
    }
    return length
}

private let curlReadCallback: leadline_curl_data_cb = { pointer, size, count, userData in
    let state = Unmanaged<TransferState>.fromOpaque(userData!).takeUnretainedValue()
    let length = min(size * count, state.upload.count - state.uploadOffset)
    guard let pointer, length > 0 else { return 0 }
    state.upload.withUnsafeBytes { source in
        UnsafeMutableRawPointer(pointer).copyMemory(
            from: source.baseAddress! + state.uploadOffset, byteCount: length)
    }
    state.uploadOffset += length
    return length
}

private let curlDebugCallback: leadline_curl_debug_cb = { _, type, data, size, userData in
    guard type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT, let data, let userData else { return 0 }
    let state = Unmanaged<TransferState>.fromOpaque(userData).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let sent = type == CURLINFO_HEADER_OUT
    for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
        // Keep only the envelope commands of what the client sent: AUTH/LOGIN lines and SASL answers carry secrets.
        // Server lines are kept (the last is quoted in errors); they never contain the client's secrets.
        let upper = line.prefix(9).uppercased()
        if sent && !(upper.hasPrefix("MAIL FROM") || upper.hasPrefix("RCPT TO") || upper.hasPrefix("DATA")) { continue }
        if state.dialogue.count > 200 { state.dialogue.removeFirst(100) }
        state.dialogue.append(ProtocolLine(sent: sent, text: String(line)))
    }
    return 0
}
