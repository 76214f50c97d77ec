import LeadlineMIME

extension AutoReplyCandidate {
    /// The auto-reply facts of a parsed message: the reply goes to `Reply-To` when present, else `From`; the
    /// `Return-Path` and every header are kept for the RFC 3834 rules.
    public init(kind: LeadKind, message: ParsedMessage) {
        let replyTo = message.header("Reply-To").map(AddressParser.parseList)?.first
        self.init(
            kind: kind,
            replyAddress: replyTo?.address ?? message.from.first?.address ?? "",
            returnPath: message.header("Return-Path"),
            headers: message.headers.map { (name: $0.name, value: $0.value) })
    }
}

extension BuyerTimeZone {
    /// The UTC offset in seconds east of a raw RFC 5322 `Date` value (`"Tue, 13 Jan 2026 10:00:00 +0100"` gives
    /// 3600), or nil when it has no numeric zone or says `-0000` (RFC 5322: zone unknown).
    public static func offsetSeconds(ofDateHeader value: String) -> Int? {
        for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" }).reversed() {
            guard token.count == 5, let sign = token.first, sign == "+" || sign == "-",
                  token.dropFirst().allSatisfy(\.isNumber), let hhmm = Int(token.dropFirst()) else { continue }
            if token == "-0000" { return nil }
            let seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60
            guard hhmm % 100 < 60, seconds <= 14 * 3600 else { return nil }
            return sign == "-" ? -seconds : seconds
        }
        return nil
    }
}
