/// Why a message is no inquiry at all, decided by rules before any learning.
public struct NotLeadVerdict: Sendable, Equatable {
    /// The kind of non-inquiry.
    public enum Kind: String, Sendable, Codable {
        case autoReply = "auto_reply"
        case bounce
        case bulk
    }
    /// The kind of non-inquiry.
    public var kind: Kind
    /// The evidence, for the salesperson ("auto-reply: Auto-Submitted: auto-replied").
    public var reason: String
}

/// Recognises auto-replies, bounces and list mail from headers (RFC 3834, RFC 3464, RFC 2369/2919) and from
/// unmistakable texts in many languages. These verdicts are final: Leadline never answers such mail.
public struct NotLeadRules: Sendable {
    public init() {}

    /// The verdict from headers and sender alone, or nil.
    public func headerVerdict(_ input: InquiryInput) -> NotLeadVerdict? {
        if let value = input.header("Auto-Submitted")?.trimmed, !value.isEmpty, value.lowercased() != "no" {
            return bounceOr(.autoReply, input, "auto-reply: Auto-Submitted: \(value)")
        }
        for name in ["X-Autoreply", "X-Autorespond", "X-Autoresponder"] where input.header(name) != nil {
            return bounceOr(.autoReply, input, "auto-reply: \(name) header")
        }
        if input.contentType.hasPrefix("multipart/report") {
            return NotLeadVerdict(kind: .bounce, reason: "delivery report: multipart/report")
        }
        if let local = input.senderLocalPart, local == "mailer-daemon" || local == "postmaster" {
            return NotLeadVerdict(kind: .bounce, reason: "bounce: sent by \(input.from?.address ?? local)")
        }
        if let path = input.header("Return-Path")?.trimmed, path == "<>" {
            return NotLeadVerdict(kind: .bounce, reason: "bounce: empty Return-Path <>")
        }
        if let precedence = input.header("Precedence")?.trimmed.lowercased(),
           ["bulk", "list", "junk", "auto_reply"].contains(precedence) {
            let kind: NotLeadVerdict.Kind = precedence == "auto_reply" ? .autoReply : .bulk
            return NotLeadVerdict(kind: kind, reason: "\(kind == .bulk ? "bulk mail" : "auto-reply"): Precedence: \(precedence)")
        }
        if let listID = input.header("List-Id")?.trimmed {
            return NotLeadVerdict(kind: .bulk, reason: "mailing list: List-Id \(listID.prefix(60))")
        }
        if input.header("List-Unsubscribe") != nil {
            return NotLeadVerdict(kind: .bulk, reason: "newsletter: List-Unsubscribe header")
        }
        return nil
    }

    private func bounceOr(_ kind: NotLeadVerdict.Kind, _ input: InquiryInput, _ reason: String) -> NotLeadVerdict {
        if let local = input.senderLocalPart, local == "mailer-daemon" || local == "postmaster" {
            return NotLeadVerdict(kind: .bounce, reason: "bounce: sent by \(input.from?.address ?? local)")
        }
        return NotLeadVerdict(kind: kind, reason: reason)
    }

    /// Subject prefixes mail systems put on automatic replies and bounces.
    static let autoSubjectPrefixes: [String] = [
        "automatic reply", "auto reply", "autoreply", "auto-reply", "auto:", "out of office", "ooo:",
        "abwesenheitsnotiz", "abwesend", "automatische antwort", "respuesta automática", "respuesta automatica",
        "fuera de la oficina", "réponse automatique", "reponse automatique", "absence", "risposta automatica",
        "resposta automática", "resposta automatica", "automatyczna odpowiedź", "automatyczna odpowiedz",
        "otomatik yanıt", "otomatik yanit", "автоматический ответ", "автоответ", "رد تلقائي", "自动回复", "自動回覆",
        "trả lời tự động", "undeliverable:", "undelivered mail", "mail delivery failed", "delivery status notification",
        "failure notice", "returned mail", "unzustellbar", "non remis", "no entregado", "não entregue", "退信",
        "delayed mail",
    ]

    /// The verdict from text when headers say nothing: an auto-reply or bounce subject together with a matching
    /// text, or two independent auto-reply texts in a short message with no trade facts and no request of a buyer
    /// (order, proforma, price, catalogue) in its new text.
    func textVerdict(_ input: InquiryInput, away: CueHit?, bounce: CueHit?, tradeFacts: Int, words: Int,
                     buyerAsks: Bool) -> NotLeadVerdict? {
        guard away != nil || bounce != nil else { return nil }
        let subject = input.subject.lowercased()
        let prefixed = Self.autoSubjectPrefixes.first { subject.hasPrefix($0) || ByteSearch.contains(subject, ": " + $0) }
        if let bounce, prefixed != nil || bounce.count >= 2 {
            return NotLeadVerdict(kind: .bounce, reason: "bounce: \"\(bounce.example)\"")
        }
        if let away, let prefixed {
            return NotLeadVerdict(kind: .autoReply, reason: "auto-reply: subject \"\(prefixed)\", text \"\(away.example)\"")
        }
        if let away, away.count >= 2, words < 90, tradeFacts == 0, !buyerAsks {
            return NotLeadVerdict(kind: .autoReply, reason: "auto-reply: text \"\(away.example)\"")
        }
        return nil
    }
}

extension String {
    var trimmed: String {
        String(Substring(self).trimmingSpaces)
    }
}
