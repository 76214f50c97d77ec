import Foundation

/// Per-character folding rules shared by the tokenizer: case, Latin diacritics, Cyrillic `ё`, Arabic letter
/// variants and digits, CJK detection.
enum CharacterFolding {
    /// Folded Latin letters for U+00C0...U+024F and U+1E00...U+1EFF (Vietnamese), built once from Unicode
    /// canonical decomposition.
    private static let latinLow: [UInt32] = table(0xC0 ... 0x24F)
    private static let latinHigh: [UInt32] = table(0x1E00 ... 0x1EFF)

    private static func table(_ range: ClosedRange<UInt32>) -> [UInt32] {
        range.map { value -> UInt32 in
            guard let scalar = Unicode.Scalar(value) else { return 0 }
            switch value {
            case 0xD7, 0xF7: return 0 // × ÷ are not letters
            case 0x141, 0x142: return 0x6C // Ł ł
            case 0x110, 0x111: return 0x64 // Đ đ
            case 0xD8, 0xF8: return 0x6F // Ø ø
            case 0x131: return 0x69 // ı
            default: break
            }
            guard scalar.properties.isAlphabetic else { return 0 }
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
            let lower = base.properties.lowercaseMapping.unicodeScalars.first ?? base
            return lower.value
        }
    }

    /// The folded form of a word character, nil when `scalar` separates words.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x61 && v <= 0x7A { return scalar }
            if v >= 0x41 && v <= 0x5A { return Unicode.Scalar(v + 0x20) }
            if v >= 0x30 && v <= 0x39 { return scalar }
            return nil
        }
        if v >= 0xC0 && v <= 0x24F {
            let f = latinLow[Int(v - 0xC0)]
            return f == 0 ? nil : Unicode.Scalar(f)
        }
        if v >= 0x1E00 && v <= 0x1EFF {
            let f = latinHigh[Int(v - 0x1E00)]
            return f == 0 ? nil : Unicode.Scalar(f)
        }
        if v >= 0x400 && v <= 0x4FF { // Cyrillic
            if v >= 0x410 && v <= 0x42F { return Unicode.Scalar(v + 0x20) }
            if v == 0x401 || v == 0x451 { return Unicode.Scalar(0x435) } // Ё ё -> е
            if v >= 0x400 && v <= 0x40F { return Unicode.Scalar(v + 0x50) }
            return scalar.properties.isAlphabetic ? lower(scalar) : nil
        }
        if v >= 0x600 && v <= 0x6FF { // Arabic
            switch v {
            case 0x622, 0x623, 0x625, 0x671: return Unicode.Scalar(0x627)
            case 0x649: return Unicode.Scalar(0x64A)
            case 0x629: return Unicode.Scalar(0x647)
            case 0x660 ... 0x669: return Unicode.Scalar(v - 0x660 + 0x30)
            case 0x6F0 ... 0x6F9: return Unicode.Scalar(v - 0x6F0 + 0x30)
            default: return scalar.properties.isAlphabetic ? scalar : nil
            }
        }
        if v >= 0xFF10 && v <= 0xFF19 { return Unicode.Scalar(v - 0xFF10 + 0x30) } // full-width digits
        if v >= 0xFF21 && v <= 0xFF3A { return Unicode.Scalar(v - 0xFF21 + 0x61) }
        if v >= 0xFF41 && v <= 0xFF5A { return Unicode.Scalar(v - 0xFF41 + 0x61) }
        if scalar.properties.isAlphabetic { return lower(scalar) }
        if scalar.properties.numericType == .decimal { return scalar }
        return nil
    }

    private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.properties.isUppercase else { return scalar }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    /// Marks skipped without splitting a word: combining diacritics, Arabic harakat and tatweel, zero-width joiners,
    /// soft hyphen.
    static func isIgnorableMark(_ v: UInt32) -> Bool {
        (v >= 0x300 && v <= 0x36F) || (v >= 0x64B && v <= 0x652) || v == 0x640 || v == 0x670
            || v == 0x200C || v == 0x200D || v == 0xAD || v == 0x200B || v == 0x200E || v == 0x200F
    }

    /// True for CJK ideographs, kana and Hangul syllables (each becomes one token).
    static func isCJK(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x3040 && v <= 0x30FF)
            || (v >= 0xAC00 && v <= 0xD7AF) || (v >= 0xF900 && v <= 0xFAFF)
    }
}
