public import Foundation

// Fast answers for the usual text (visible ASCII), so cleaning it costs a scan and no copy.
extension StringProtocol {
    /// True when the text is visible ASCII words with single spaces between them and none at either end
    /// (`Re: Quote for SP-1500`): a header value or subject that cleaning would leave as it is. Empty text is not.
    public var isSingleSpacedASCII: Bool {
        var previous: UInt8 = 0x20
        for byte in utf8 {
            if byte <= 0x20 && (byte != 0x20 || previous == 0x20) || byte >= 0x7F { return false }
            previous = byte
        }
        return previous != 0x20
    }
}

extension String {
    /// True when the first and the last character are visible ASCII: there is no white space to trim.
    public var hasVisibleASCIIEnds: Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        return (0x21 ... 0x7E).contains(first) && (0x21 ... 0x7E).contains(last)
    }

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation when both ends are visible ASCII (the usual case:
    /// then there is nothing to trim).
    public var trimmedSpaces: String { hasVisibleASCIIEnds ? self : trimmingCharacters(in: .whitespaces) }
}
