import CCurl
import Logging

extension IMAPClient {
    /// Runs one transfer on the connection's queue; maps a failure with `special` first, then the common mapping.
    ///
    /// When the reused connection turns out to be dead (the server closed an idle connection, or said BYE), a
    /// `retryable` request is sent once more on a fresh connection. Requests that may not be repeated safely
    /// (APPEND, CREATE, DELETE) pass `retryable: false`.
    func perform(
        _ request: CurlRequest, _ context: TransferContext, retryable: Bool = true,
        special: @escaping @Sendable (CurlResult) -> TransportError? = { _ in nil }
    ) async throws -> CurlResult {
        var request = request
        request.receiveBufferSize = IMAPLimits.receiveBufferSize
        // Commands (not message fetches, which must stay fast) keep the server's replies for error messages.
        request.captureDialogue = request.customRequest != nil || request.upload != nil
        if needsFreshConnection {
            request.freshConnection = true
            needsFreshConnection = false
        }
        do {
            return try await attempt(request, context, special: special)
        } catch let error as TransportError where error.code == .connectionLost && retryable {
            logger.debug("connection lost, retrying on a new one", metadata: ["imap.operation": "\(context.operation)"])
            request.freshConnection = true
            return try await attempt(request, context, special: special)
        }
    }

    private func attempt(
        _ request: CurlRequest, _ context: TransferContext,
        special: @escaping @Sendable (CurlResult) -> TransportError?
    ) async throws -> CurlResult {
        let endpoint = self.endpoint
        let result = try await connection.run { handle in handle.perform(request, endpoint: endpoint) }
        connectionsOpened += result.newConnections
        if result.newConnections > 0 || !result.succeeded {
            // A new session (libcurl selects read-write there), or one in an unknown state.
            readOnlySession = nil
            curlMailbox = nil
        }
        lastTransferSeconds = result.totalSeconds
        guard result.succeeded else { throw special(result) ?? TransportError.imap(result, context) }
        return result
    }

    /// The URL of `mailbox` with its UIDVALIDITY, so libcurl checks it when it selects the mailbox.
    func mailboxURL(_ mailbox: String, uidValidity: UInt32) -> String {
        "\(baseURL)/\(IMAPSyntax.urlPath(mailbox));UIDVALIDITY=\(uidValidity)"
    }

    /// `UID SEARCH criteria` in the selected `mailbox`.
    func search(_ mailbox: String, uidValidity: UInt32, criteria: String) async throws -> [UInt32] {
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, operation: "UID SEARCH")
        let request = CurlRequest(url: mailboxURL(mailbox, uidValidity: uidValidity), customRequest: "UID SEARCH \(criteria)")
        let result = try await perform(request, context)
        addressed(mailbox)
        guard let uids = IMAPSyntax.searchResults(result.body) else {
            throw TransportError(
                .protocolError, isTemporary: false, server: context.server, mailbox: mailbox,
                detail: "UID SEARCH: no SEARCH line in the answer")
        }
        return uids
    }

    /// A literal-free command run in the selected `mailbox` (e.g. `UID STORE`).
    func mailboxCommand(_ command: String, mailbox: String, uidValidity: UInt32, operation: String) async throws {
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, operation: operation)
        _ = try await perform(CurlRequest(url: mailboxURL(mailbox, uidValidity: uidValidity), customRequest: command), context)
        addressed(mailbox)
    }

    /// Notes a transfer by `mailbox`'s URL that succeeded: libcurl now believes `mailbox` selected, and a read-only
    /// session of another mailbox has ended (libcurl selected this one read-write).
    func addressed(_ mailbox: String) {
        curlMailbox = mailbox
        if readOnlySession?.mailbox != mailbox { readOnlySession = nil }
    }

    /// Selects the read-only session's mailbox read-write again, when there is one (before a `STORE`).
    func leaveReadOnly() async throws {
        guard let session = readOnlySession else { return }
        try await rootCommand(
            "SELECT \(IMAPSyntax.quoted(session.mailbox))", mailbox: session.mailbox, operation: "SELECT", retryable: true)
    }

    /// A literal-free command run with no mailbox selected (e.g. `CREATE`).
    func rootCommand(
        _ command: String, mailbox: String, operation: String, retryable: Bool, closeAfter: Bool = false
    ) async throws {
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, operation: operation)
        var request = CurlRequest(url: baseURL + "/", customRequest: command)
        request.closeAfter = closeAfter
        // SELECT, EXAMINE and DELETE change or end what is selected (enterReadOnly notes its EXAMINE after).
        if ["SELECT ", "EXAMINE ", "DELETE "].contains(where: command.hasPrefix) { readOnlySession = nil }
        _ = try await perform(request, context, retryable: retryable)
    }

    /// `BODY[]` (or `BODY[section]`) of one UID through its IMAP URL.
    func fetch(_ mailbox: String, uidValidity: UInt32, uid: UInt32, section: String?) async throws -> [UInt8] {
        var url = mailboxURL(mailbox, uidValidity: uidValidity) + "/;UID=\(uid)"
        if let section { url += ";SECTION=\(section)" }
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, uid: uid, operation: "fetch")
        let body = try await perform(CurlRequest(url: url), context).body
        addressed(mailbox)
        return body
    }
}

/// What `IMAPClient.fetchMessages` did besides handing over messages.
public struct FetchReport: Sendable, Hashable {
    /// UIDs handed to the handler, in order.
    public var fetched: [UInt32] = []
    /// UIDs that were gone by the time they were fetched (deleted or moved meanwhile).
    public var missing: [UInt32] = []
    /// UIDs whose `\Seen` flag had to be removed again after the fetch (normally none: fetching happens read-only).
    public var restoredUnseen: [UInt32] = []

    public init() {}
}

extension IMAPClient {
    /// Fetches the exact bytes of each of `uids` in order over this client's one connection, and hands each to
    /// `handler` as it arrives (so the caller can store it before the next one is fetched).
    ///
    /// Unless `markFetchedAsSeen` is set, the mailbox's flags are left exactly as they were: the session switches to
    /// read-only (`EXAMINE`) before fetching, so fetching by URL cannot set `\Seen` (libcurl keeps the mailbox it
    /// selected and does not notice the switch), and stays so for the next call (one `EXAMINE` per pass, not per
    /// call; a later `STORE` selects read-write first). When anything may have selected the mailbox read-write
    /// meanwhile (libcurl re-selects after a reconnect), the UIDs that were unseen before are checked, and any that
    /// became seen get `\Seen` removed again with one `UID STORE` per few thousand UIDs. A UID that has disappeared is skipped and
    /// listed in the report's `missing`.
    ///
    /// The handler runs in the caller's context, not on the client's actor, so it need not be `Sendable`. Do not
    /// interleave other calls on the same client with this one (the session is read-only meanwhile).
    /// - Throws: the handler's error, `CancellationError` (checked between runs of messages), or a `TransportError`
    ///   other than `.messageMissing`.
    @discardableResult
    public nonisolated func fetchMessages(
        in mailbox: String, uidValidity: UInt32, uids: [UInt32],
        handler: (_ uid: UInt32, _ bytes: [UInt8]) async throws -> Void
    ) async throws -> FetchReport {
        var report = FetchReport()
        guard !uids.isEmpty else { return report }
        let preserve = !configuration.markFetchedAsSeen
        let unseen = preserve ? try await unseenUIDs(in: mailbox, uidValidity: uidValidity, among: uids) : []
        if preserve { try await enterReadOnly(mailbox, uidValidity: uidValidity) }
        var fetchedUnseen: [UInt32] = []
        do {
            var next = 0
            while next < uids.count {
                // Stop between runs when the task is cancelled (graceful shutdown); a transfer is never cut short.
                try Task.checkCancellation()
                // A run of messages fetched on the connection's thread in one go: no thread hop per message.
                let run = await fetchRun(mailbox, uidValidity: uidValidity, uids: Array(uids[next...]))
                next += run.consumed
                fetchedUnseen += run.messages.map(\.uid).filter { unseen.contains($0) }
                for uid in run.missing {
                    logger.info("message gone before fetch", metadata: ["imap.mailbox": "\(mailbox)", "imap.uid": "\(uid)"])
                }
                report.missing += run.missing
                for message in run.messages {
                    report.fetched.append(message.uid)
                    try await handler(message.uid, message.bytes)
                }
                if let error = run.error { throw error }
            }
        } catch {
            if preserve { _ = try? await restoreUnseen(mailbox, uidValidity: uidValidity, fetchedUnseen) }
            throw error
        }
        // Still the same read-only session: nothing can have become seen, and the session stays read-only for the
        // next run (a later STORE selects read-write first). Otherwise check and repair.
        if preserve, await readOnlySession != ReadOnlySession(mailbox: mailbox, uidValidity: uidValidity) {
            report.restoredUnseen = try await restoreUnseen(mailbox, uidValidity: uidValidity, fetchedUnseen)
        }
        return report
    }
}

extension IMAPClient {
    /// Re-opens the mailbox libcurl has selected as read-only (`EXAMINE`), checking its UIDVALIDITY.
    func enterReadOnly(_ mailbox: String, uidValidity: UInt32) async throws {
        // Still read-only from the last run of fetches: another EXAMINE would only make the server re-read the
        // mailbox (Dovecot lists a Maildir's whole cur/ folder on each).
        if readOnlySession == ReadOnlySession(mailbox: mailbox, uidValidity: uidValidity) { return }
        readOnlySession = nil
        let context = TransferContext(server: endpoint.displayName, mailbox: mailbox, operation: "EXAMINE")
        let result = try await perform(
            CurlRequest(url: baseURL + "/", customRequest: "EXAMINE \(IMAPSyntax.quoted(mailbox))"), context)
        let answer = String(decoding: result.body, as: UTF8.self) + "\n"
            + result.dialogue.filter { !$0.sent }.map(\.text).joined(separator: "\n")
        guard let validity = IMAPSyntax.responseCodeNumber("UIDVALIDITY", in: answer), validity == UInt64(uidValidity)
        else {
            // Back to read-write before reporting, so the session is in the state libcurl believes.
            try? await rootCommand("SELECT \(IMAPSyntax.quoted(mailbox))", mailbox: mailbox, operation: "SELECT", retryable: true)
            throw TransportError(
                .uidValidityChanged, isTemporary: false, server: context.server, mailbox: mailbox,
                detail: "EXAMINE: UIDVALIDITY is not \(uidValidity)")
        }
        if curlMailbox == mailbox { readOnlySession = ReadOnlySession(mailbox: mailbox, uidValidity: uidValidity) }
    }

    /// Selects the mailbox read-write again and makes `uids` (unseen before the fetch) unseen if any became seen.
    /// - Returns: the UIDs whose `\Seen` flag had to be removed.
    func restoreUnseen(_ mailbox: String, uidValidity: UInt32, _ uids: [UInt32]) async throws -> [UInt32] {
        try await rootCommand("SELECT \(IMAPSyntax.quoted(mailbox))", mailbox: mailbox, operation: "SELECT", retryable: true)
        guard !uids.isEmpty else { return [] }
        let stillUnseen = try await unseenUIDs(in: mailbox, uidValidity: uidValidity, among: uids)
        let nowSeen = uids.filter { !stillUnseen.contains($0) }
        if !nowSeen.isEmpty {
            logger.info("restoring unseen flags", metadata: ["imap.mailbox": "\(mailbox)", "imap.count": "\(nowSeen.count)"])
            try await setSeen(false, in: mailbox, uidValidity: uidValidity, uids: nowSeen)
        }
        return nowSeen
    }
}

/// What one `fetchRun` produced.
struct FetchRun: Sendable {
    var messages: [(uid: UInt32, bytes: [UInt8])] = []
    var missing: [UInt32] = []
    /// UIDs dealt with (fetched, missing, or the one that failed).
    var consumed = 0
    /// The error that stopped the run early, after `messages`.
    var error: TransportError?
    /// Connections libcurl opened during the run.
    var newConnections = 0
}

extension IMAPClient {
    /// Fetches from the front of `uids` on the connection's thread until `IMAPLimits.fetchRunBytes` or
    /// `IMAPLimits.fetchRunMessages` is reached, so a whole run costs one hop to and from that thread. A missing UID
    /// is recorded and skipped; a dropped connection is retried once on a fresh one; any other error ends the run.
    func fetchRun(_ mailbox: String, uidValidity: UInt32, uids: [UInt32]) async -> FetchRun {
        let endpoint = self.endpoint
        let base = mailboxURL(mailbox, uidValidity: uidValidity)
        let server = endpoint.displayName
        let startFresh = needsFreshConnection
        needsFreshConnection = false
        do {
            let run = try await connection.run { handle in
                var run = FetchRun()
                var bytes = 0
                var fresh = startFresh
                for uid in uids {
                    if run.messages.count >= IMAPLimits.fetchRunMessages || bytes >= IMAPLimits.fetchRunBytes { break }
                    run.consumed += 1
                    var request = CurlRequest(url: base + "/;UID=\(uid)")
                    request.receiveBufferSize = IMAPLimits.receiveBufferSize
                    request.freshConnection = fresh
                    fresh = false
                    var outcome = handle.perform(request, endpoint: endpoint)
                    let context = TransferContext(server: server, mailbox: mailbox, uid: uid, operation: "fetch")
                    if !outcome.succeeded && TransportError.imap(outcome, context).code == .connectionLost {
                        request.freshConnection = true
                        run.newConnections += outcome.newConnections
                        outcome = handle.perform(request, endpoint: endpoint)
                    }
                    run.newConnections += outcome.newConnections
                    if outcome.succeeded {
                        bytes += outcome.body.count
                        run.messages.append((uid, outcome.body))
                        continue
                    }
                    let error = TransportError.imap(outcome, context)
                    if error.code == .messageMissing {
                        run.missing.append(uid)
                        continue
                    }
                    run.error = error
                    break
                }
                return run
            }
            connectionsOpened += run.newConnections
            if run.newConnections > 0 || run.error != nil {
                readOnlySession = nil
                curlMailbox = run.error == nil ? mailbox : nil
            } else if !run.messages.isEmpty || !run.missing.isEmpty {
                addressed(mailbox)
            }
            return run
        } catch {
            readOnlySession = nil
            curlMailbox = nil
            var run = FetchRun()
            run.error = error as? TransportError
                ?? TransportError(.protocolError, isTemporary: false, server: server, mailbox: mailbox, detail: "\(error)")
            return run
        }
    }
}

/// A mailbox open read-only (`EXAMINE`) on the live connection, under the UIDVALIDITY it was checked against.
struct ReadOnlySession: Sendable, Equatable {
    var mailbox: String
    var uidValidity: UInt32
}
