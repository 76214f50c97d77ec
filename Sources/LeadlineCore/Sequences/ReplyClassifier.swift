import Foundation

/// What ingest knows about a message that arrived while a lead is in a sequence.
public struct InboundReply: Sendable, Equatable {
    /// The sender's address.
    public var from: String
    /// The message is an automatic out-of-office reply (classification or `Auto-Submitted: auto-replied`).
    public var isOutOfOffice: Bool
    /// The message is a permanent delivery failure about the buyer's address (RFC 3464 `Action: failed`).
    public var isPermanentBounce: Bool
    /// The message asks to unsubscribe (mailto unsubscribe, or "unsubscribe"/"stop" as the subject).
    public var isUnsubscribeRequest: Bool
    /// `In-Reply-To`/`References` point at one of our messages.
    public var isThreaded: Bool
    /// The readable text (for the out-of-office return date).
    public var text: String

    public init(from: String, isOutOfOffice: Bool = false, isPermanentBounce: Bool = false,
                isUnsubscribeRequest: Bool = false, isThreaded: Bool = false, text: String = "") {
        self.from = from
        self.isOutOfOffice = isOutOfOffice
        self.isPermanentBounce = isPermanentBounce
        self.isUnsubscribeRequest = isUnsubscribeRequest
        self.isThreaded = isThreaded
        self.text = text
    }
}

/// Turns an inbound message into the sequence event it means for a lead, or nil when it means nothing for it.
public enum ReplyClassifier {
    /// - Parameters:
    ///   - buyerAddress: the lead's address.
    ///   - ownAddresses: our sending accounts (a message from one, seen in Sent, is a salesperson's manual reply).
    ///   - today: the local day in the buyer's zone (for the out-of-office return date).
    public static func event(
        for reply: InboundReply, buyerAddress: String, ownAddresses: Set<String>, today: LocalDay
    ) -> SequenceEvent? {
        let from = reply.from.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        let buyer = buyerAddress.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        if reply.isPermanentBounce { return .permanentBounce }
        if ownAddresses.contains(where: { $0.lowercased() == from }) { return .salespersonReplied }
        if from == buyer {
            if reply.isUnsubscribeRequest { return .unsubscribed }
            if reply.isOutOfOffice {
                return .outOfOffice(returnsOn: ReturnDateExtractor.returnDay(in: reply.text, today: today))
            }
            return .buyerReplied(threaded: reply.isThreaded)
        }
        guard let fromDomain = FreeMailDomains.domain(of: from), let buyerDomain = FreeMailDomains.domain(of: buyer),
              fromDomain == buyerDomain, !FreeMailDomains.contains(fromDomain) else { return nil }
        // A colleague's out-of-office says nothing about the buyer.
        return reply.isOutOfOffice ? nil : .colleagueReplied
    }
}
