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
    /// `FeatureHash.of(folded)`, for fast lexicon lookups.
    public var hash: UInt64
    /// `FeatureHash.of` the first four characters of `folded`, or 0 when it is shorter.
    public var prefixHash: UInt64
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
        var text = text
        return text.withUTF8 { tokens(utf8: $0) }
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x100_0000_01b3

    private static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [TextToken] {
        var result: [TextToken] = []
        result.reserveCapacity(bytes.count / 5)
        var folded: [UInt8] = []
        folded.reserveCapacity(64)
        var hash = fnvBasis
        var prefixHash: UInt64 = 0
        var foldedScalars = 0
        var start = -1
        var end = 0
        var hasDigit = false
        var hasLetter = false
        var joiner: Unicode.Scalar? = nil
        var pendingJoiner: Unicode.Scalar? = nil
        var pendingSeparator: Unicode.Scalar? = nil
        var separator: Unicode.Scalar? = nil
        var sawNewline = false
        var startsLine = true

        func raw(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from ..< to]), as: UTF8.self)
        }
        func flush() {
            guard start >= 0 else { return }
            result.append(TextToken(
                folded: String(decoding: folded, as: UTF8.self), raw: raw(start, end), joiner: joiner,
                separator: separator, startsLine: startsLine, hasDigit: hasDigit, hasLetter: hasLetter,
                isCJK: false, hash: hash, prefixHash: foldedScalars >= 4 ? prefixHash : 0))
            folded.removeAll(keepingCapacity: true)
            hash = fnvBasis
            prefixHash = 0
            foldedScalars = 0
            start = -1
            hasDigit = false
            hasLetter = false
            joiner = nil
            separator = nil
            startsLine = false
        }
        /// Starts a token at byte `here` unless one is open, taking over the pending joiner, separator and line start.
        @inline(__always) func begin(at here: Int) {
            guard start < 0 else { return }
            start = here
            joiner = pendingJoiner
            separator = pendingSeparator
            startsLine = startsLine || sawNewline
            pendingJoiner = nil
            pendingSeparator = nil
            sawNewline = false
        }
        func append(_ f: Unicode.Scalar) {
            var v = f.value
            var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            var count = 0
            if v < 0x80 { encoded.0 = UInt8(v); count = 1 }
            else if v < 0x800 { encoded = (UInt8(0xC0 | (v >> 6)), UInt8(0x80 | (v & 0x3F)), 0, 0); count = 2 }
            else if v < 0x10000 {
                encoded = (UInt8(0xE0 | (v >> 12)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F)), 0); count = 3
            } else {
                encoded = (UInt8(0xF0 | (v >> 18)), UInt8(0x80 | ((v >> 12) & 0x3F)), UInt8(0x80 | ((v >> 6) & 0x3F)),
                           UInt8(0x80 | (v & 0x3F))); count = 4
            }
            v = 0
            for k in 0 ..< count {
                let byte: UInt8 = k == 0 ? encoded.0 : k == 1 ? encoded.1 : k == 2 ? encoded.2 : encoded.3
                folded.append(byte)
                hash = (hash ^ UInt64(byte)) &* fnvPrime
            }
            foldedScalars += 1
            if foldedScalars == 4 { prefixHash = hash }
        }

        func appendASCII(_ byte: UInt8) {
            folded.append(byte)
            hash = (hash ^ UInt64(byte)) &* fnvPrime
            foldedScalars += 1
            if foldedScalars == 4 { prefixHash = hash }
        }

        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                // ASCII, most of most messages: the steps below for one byte (CharacterFolding.fold keeps a-z and
                // 0-9, lower-cases A-Z and separates on everything else; no ASCII is CJK or an ignorable mark).
                let here = i
                i += 1
                let isDigit = b0 >= 0x30 && b0 <= 0x39
                let lower = b0 >= 0x41 && b0 <= 0x5A ? b0 | 0x20 : b0
                if isDigit || (lower >= 0x61 && lower <= 0x7A) {
                    begin(at: here)
                    end = i
                    appendASCII(lower)
                    if isDigit { hasDigit = true } else { hasLetter = true }
                    continue
                }
                flush()
                if b0 == 0x0A || b0 == 0x0D {
                    sawNewline = true
                    pendingJoiner = nil
                } else if b0 == 0x20 || b0 == 0x09 {
                    pendingJoiner = nil
                } else {
                    pendingJoiner = Unicode.Scalar(b0)
                    pendingSeparator = Unicode.Scalar(b0)
                }
                continue
            }
            // Decode one scalar (invalid bytes become U+FFFD).
            var value: UInt32
            var length = 1
            if b0 < 0x80 { value = UInt32(b0) }
            else if b0 & 0xE0 == 0xC0, i + 1 < n { value = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); length = 2 }
            else if b0 & 0xF0 == 0xE0, i + 2 < n {
                value = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); length = 3
            } else if b0 & 0xF8 == 0xF0, i + 3 < n {
                value = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F); length = 4
            } else { value = 0xFFFD }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            let here = i
            i += length

            if CharacterFolding.isCJK(value) {
                flush()
                let s = raw(here, i)
                result.append(TextToken(
                    folded: s, raw: s, joiner: pendingJoiner, separator: pendingSeparator,
                    startsLine: sawNewline || startsLine, hasDigit: false, hasLetter: true, isCJK: true,
                    hash: FeatureHash.of(s), prefixHash: 0))
                pendingJoiner = nil
                pendingSeparator = nil
                sawNewline = false
                startsLine = false
                continue
            }
            if let f = CharacterFolding.fold(scalar) {
                begin(at: here)
                end = i
                append(f)
                if value >= 0x30 && value <= 0x39 { hasDigit = true } else { hasLetter = true }
                continue
            }
            if CharacterFolding.isIgnorableMark(value) {
                if start >= 0 { end = i }
                continue
            }
            flush()
            if value == 0x0A || value == 0x0D {
                sawNewline = true
                pendingJoiner = nil
            } else if value == 0x20 || value == 0x09 || value == 0xA0 || value == 0x3000 {
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
