import CCurl

/// Where a failed transfer happened, so its `TransportError` can say so.
struct TransferContext {
    var server: String
    var mailbox: String? = nil
    var uid: UInt32? = nil
    /// What Leadline was doing, e.g. `STATUS`, `fetch`, `APPEND`.
    var operation: String
}

extension TransportError {
    /// Maps a failed IMAP transfer to a typed error. libcurl 7.88 reports a failed `SELECT` as `CURLE_LOGIN_DENIED`
    /// with the text "Select failed", a stale UIDVALIDITY and a missing UID as `CURLE_REMOTE_FILE_NOT_FOUND`, and a
    /// custom command's `NO`/`BAD` as `CURLE_QUOTE_ERROR`.
    static func imap(_ result: CurlResult, _ context: TransferContext) -> TransportError {
        let code = result.code
        let text = result.errorText
        // The server's refusal, when the dialogue was captured (e.g. "A005 NO [ALREADYEXISTS] ..."): the last tagged
        // NO or BAD, else the last line (libcurl may log out after a failure, so the last line can be the LOGOUT's).
        let received = result.dialogue.filter { !$0.sent }.map(\.text)
        let refusal = received.last { line in
            let words = line.split(separator: " ", maxSplits: 2)
            return words.count >= 2 && words[0] != "*" && (words[1].uppercased() == "NO" || words[1].uppercased() == "BAD")
        } ?? received.last
        let reply = refusal.map { "; server said: \($0)" } ?? ""
        func make(_ errorCode: Code, temporary: Bool) -> TransportError {
            TransportError(
                errorCode, isTemporary: temporary, server: context.server, mailbox: context.mailbox, uid: context.uid,
                detail: "\(context.operation): \(text) (libcurl \(code.rawValue))\(reply)")
        }
        if code == CURLE_LOGIN_DENIED && text.contains("Select failed") {
            return make(.mailboxMissing, temporary: false)
        }
        if code == CURLE_REMOTE_FILE_NOT_FOUND {
            return text.contains("UIDVALIDITY")
                ? make(.uidValidityChanged, temporary: false) : make(.messageMissing, temporary: false)
        }
        if code == CURLE_QUOTE_ERROR {
            return make(.protocolError, temporary: false)
        }
        return common(result, make)
    }

    /// The mapping shared by IMAP and SMTP: network, TLS, timeouts, sign-in.
    static func common(_ result: CurlResult, _ make: (Code, Bool) -> TransportError) -> TransportError {
        switch result.code {
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR:
            return make(.authenticationFailed, false)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY:
            return make(.unreachable, true)
        case CURLE_OPERATION_TIMEDOUT:
            return make(.timeout, true)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
            CURLE_USE_SSL_FAILED, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            return make(.tls, false)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return make(.connectionLost, true)
        case CURLE_WEIRD_SERVER_REPLY:
            return make(.protocolError, true)
        default:
            return make(.protocolError, false)
        }
    }
}
