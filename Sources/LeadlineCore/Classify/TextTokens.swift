/// One word of a message, as the classifier and the fact extractor see it.
///
/// `folded` is lower-case with Latin diacritics removed and Arabic letter variants unified, so cue lexicons match
/// "precio más bajo", "precio mas bajo" and "PRECIO MAS BAJO" alike. Every CJK ideograph or kana is a token of its
/// own, so Chinese cues are written as space-separated characters ("最 低 价").
public struct TextToken: Sendable, Equatable {
    /// Lower-case, diacritic-free form used for matching.
    public var folded: String
    /// The word as written.
    public var raw: String
    /// The non-space character right before the token (`/` in `T/T`, `-` in `XJ-200`), or nil after a space or
    /// at the start.
    public var joiner: Unicode.Scalar?
    /// The last punctuation character between the previous token and this one, spaces or not (`,` in
    /// `Apapa, Lagos`); nil when only spaces separate them.
    public var separator: Unicode.Scalar?
    /// True when a line break lies between the previous token and this one.
    public var startsLine: Bool
    /// True when the token holds at least one digit.
    public var hasDigit: Bool
    /// True when the token holds at least one letter.
    public var hasLetter: Bool
    /// True when the token is a single CJK ideograph or kana.
    public var isCJK: Bool
}

/// Splits text into `TextToken`s in one pass over its Unicode scalars.
///
/// Pure and allocation-light: the classifier tokenizes each message once and shares the tokens between cue
/// matching, the learned model and fact extraction.
public enum TextTokenizer {
    /// Tokenizes `text`.
    /// - Parameter text: any text; HTML should be converted to text before.
    /// - Returns: the tokens in order.
    public static func tokens(_ text: String) -> [TextToken] {
        var result: [TextToken] = []
        result.reserveCapacity(text.utf8.count / 5)
        var folded = String.UnicodeScalarView()
        var raw = String.UnicodeScalarView()
        var hasDigit = false
        var hasLetter = false
        var joiner: Unicode.Scalar? = nil
        var pendingJoiner: Unicode.Scalar? = nil
        var pendingSeparator: Unicode.Scalar? = nil
        var separator: Unicode.Scalar? = nil
        var sawNewline = false
        var startsLine = true

        func flush() {
            guard !raw.isEmpty else { return }
            result.append(TextToken(
                folded: String(folded), raw: String(raw), joiner: joiner, separator: separator,
                startsLine: startsLine,
                hasDigit: hasDigit, hasLetter: hasLetter, isCJK: false))
            folded = String.UnicodeScalarView()
            raw = String.UnicodeScalarView()
            hasDigit = false
            hasLetter = false
            joiner = nil
            separator = nil
            startsLine = false
        }

        for scalar in text.unicodeScalars {
            let v = scalar.value
            if CharacterFolding.isCJK(v) {
                flush()
                let s = String(scalar)
                result.append(TextToken(
                    folded: s, raw: s, joiner: pendingJoiner, separator: pendingSeparator,
                    startsLine: sawNewline || startsLine,
                    hasDigit: false, hasLetter: true, isCJK: true))
                pendingJoiner = nil
                pendingSeparator = nil
                sawNewline = false
                startsLine = false
                continue
            }
            if let f = CharacterFolding.fold(scalar) {
                if raw.isEmpty {
                    joiner = pendingJoiner
                    separator = pendingSeparator
                    startsLine = startsLine || sawNewline
                    pendingJoiner = nil
                    pendingSeparator = nil
                    sawNewline = false
                }
                raw.append(scalar)
                if f.value != 0 { folded.append(f) }
                if v >= 0x30 && v <= 0x39 { hasDigit = true } else { hasLetter = true }
                continue
            }
            if CharacterFolding.isIgnorableMark(v) { continue }
            flush()
            if v == 0x0A || v == 0x0D {
                sawNewline = true
                pendingJoiner = nil
            } else if v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x3000 {
                pendingJoiner = nil
            } else {
                pendingJoiner = scalar
                pendingSeparator = scalar
            }
        }
        flush()
        return result
    }
}
