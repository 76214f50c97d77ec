public import Foundation
import LeadlineMIME

/// What the auto-reply rules look at in an incoming message, filled in by the caller from the parsed headers.
public struct AutoReplyCandidate: Sendable, Equatable {
    /// The classification of the message.
    public var kind: LeadKind
    /// The address the reply would go to (Reply-To or From).
    public var replyAddress: String
    /// The `Return-Path` value as received (`<>` for a null path), nil when absent.
    public var returnPath: String?
    /// All header fields, names in any case (only the ones below are read).
    public var headers: [(name: String, value: String)]

    public init(kind: LeadKind, replyAddress: String, returnPath: String?, headers: [(name: String, value: String)]) {
        self.kind = kind
        self.replyAddress = replyAddress
        self.returnPath = returnPath
        self.headers = headers
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kind == rhs.kind && lhs.replyAddress == rhs.replyAddress && lhs.returnPath == rhs.returnPath
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    func header(_ name: String) -> String? {
        headers.first { FieldName.equal($0.name, name) }?.value
    }
}

/// Why an automatic reply was refused (RFC 3834 section 2 and our own loop rules).
public enum AutoReplyRefusal: Sendable, Equatable, CustomStringConvertible {
    case notALead
    case autoSubmitted(String)
    case mailingList(header: String)
    case bulkPrecedence(String)
    case nullReturnPath
    case mailerDaemon(String)
    case noReplyAddress(String)
    case ownAccount(String)
    case repliedRecently(Date)

    public var description: String {
        switch self {
        case .notALead: "the message is not an inquiry (classified not_lead)"
        case let .autoSubmitted(value): "it was sent automatically (Auto-Submitted: \(value))"
        case let .mailingList(header): "it came through a mailing list (\(header) header)"
        case let .bulkPrecedence(value): "it is bulk mail (Precedence: \(value))"
        case .nullReturnPath: "its return path is empty (<>), as on bounces"
        case let .mailerDaemon(address): "it comes from a mail system (\(address))"
        case let .noReplyAddress(address): "its address does not take replies (\(address))"
        case let .ownAccount(address): "it comes from one of our own accounts (\(address))"
        case let .repliedRecently(date): "this address already got an automatic reply on \(ISO8601DateFormatter().string(from: date))"
        }
    }
}

/// The auto-reply safety rules (RFC 3834) as one pure function: whether Leadline may answer a message
/// automatically, and every reason it may not.
public struct AutoReplyPolicy: Sendable {
    /// Our own sending addresses, lower-case: never answer ourselves.
    public var ownAddresses: Set<String>
    /// No second automatic reply to the same address within this time (default 7 days).
    public var minimumInterval: TimeInterval

    public init(ownAddresses: Set<String>, minimumInterval: TimeInterval = 7 * 86400) {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
        self.minimumInterval = minimumInterval
    }

    /// Local parts that do not take replies.
    public static let noReplyLocalParts = ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "postmaster", "bounce", "bounces"]

    /// Every reason not to auto-reply to `message`; empty means a reply is allowed.
    /// - Parameters:
    ///   - lastAutoReply: when we last auto-replied to `message.replyAddress`, if ever.
    ///   - now: the current time.
    public func refusals(for message: AutoReplyCandidate, lastAutoReply: Date?, now: Date) -> [AutoReplyRefusal] {
        var reasons: [AutoReplyRefusal] = []
        if message.kind == .notLead { reasons.append(.notALead) }
        if let value = message.header("Auto-Submitted"),
           value.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) != "no" {
            reasons.append(.autoSubmitted(value.trimmingCharacters(in: .whitespaces)))
        }
        for name in ["List-Id", "List-Unsubscribe", "List-Post", "List-Help"] where message.header(name) != nil {
            reasons.append(.mailingList(header: name))
            break
        }
        if let precedence = message.header("Precedence")?.trimmingCharacters(in: .whitespaces).lowercased(),
           ["bulk", "list", "junk"].contains(precedence) {
            reasons.append(.bulkPrecedence(precedence))
        }
        if let path = message.returnPath?.trimmingCharacters(in: .whitespaces) {
            let bare = path.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            if bare.isEmpty { reasons.append(.nullReturnPath) }
            else if bare.lowercased().hasPrefix("mailer-daemon@") || bare.lowercased() == "mailer-daemon" {
                reasons.append(.mailerDaemon(bare.lowercased()))
            }
        }
        let address = message.replyAddress.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")).lowercased()
        let local = address.split(separator: "@").first.map(String.init) ?? address
        if local == "mailer-daemon" {
            if !reasons.contains(where: { if case .mailerDaemon = $0 { true } else { false } }) { reasons.append(.mailerDaemon(address)) }
        } else if Self.noReplyLocalParts.contains(where: { local == $0 || local.hasPrefix($0 + "+") || local.hasPrefix($0 + ".") }) {
            reasons.append(.noReplyAddress(address))
        }
        if ownAddresses.contains(address) { reasons.append(.ownAccount(address)) }
        if let last = lastAutoReply, now.timeIntervalSince(last) < minimumInterval { reasons.append(.repliedRecently(last)) }
        return reasons
    }
}
