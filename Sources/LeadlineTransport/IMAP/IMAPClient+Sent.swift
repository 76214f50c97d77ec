extension IMAPClient {
    /// Whether `mailbox` (a Sent folder) holds a message with this Message-ID: `UID SEARCH HEADER Message-ID "id"`,
    /// an answer without literals, safe through libcurl's custom commands. Used after a crash to learn whether a
    /// message left in `sending` went out.
    /// - Throws: `TransportError` (`.mailboxMissing` when the folder does not exist), or `.protocolError` for a
    ///   Message-ID that cannot be written as an IMAP quoted string.
    public func containsMessage(withID messageID: String, in mailbox: String) async throws -> Bool {
        guard messageID.allSatisfy({ $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }) else {
            throw TransportError(.protocolError, isTemporary: false, server: endpoint.displayName, mailbox: mailbox,
                                 detail: "Message-ID cannot be searched for: \(messageID.prefix(80))")
        }
        let status = try await status(of: mailbox)
        return try await !search(mailbox, uidValidity: status.uidValidity,
                                 criteria: "HEADER Message-ID \"\(messageID)\"").isEmpty
    }
}
