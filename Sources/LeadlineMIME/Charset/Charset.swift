import Foundation

/// A body or header charset after alias resolution and WHATWG-style widening.
///
/// Mail labels are often narrower than the text they carry: `gb2312` text uses GBK characters, `iso-8859-1` text
/// uses windows-1252 quotes, `ks_c_5601-1987` is really CP949. ``Charset/resolve(_:)`` maps a label to the wider set
/// mail clients use, and ``CharsetDecoder`` decodes with it.
public enum Charset: Sendable, Equatable, Hashable {
    /// UTF-8.
    case utf8
    /// US-ASCII: 8-bit bytes under this label are read as UTF-8 when valid, else as windows-1252.
    case ascii
    /// Windows-1252, also used for `iso-8859-1` labels (as the WHATWG Encoding Standard does).
    case windows1252
    /// Any other charset, decoded through glibc iconv under this iconv name.
    case iconv(String)

    /// Resolves a charset label (case, quotes and whitespace ignored) to the charset used to decode it,
    /// or nil when the label is unknown.
    public static func resolve(_ label: String) -> Charset? {
        var name = label.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t\r\n")).lowercased()
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) } // RFC 2231 language suffix
        if name.isEmpty { return nil }
        if let known = aliases[name] { return known }
        let compact = name.replacingOccurrences(of: "_", with: "-")
        if let known = aliases[compact] { return known }
        // iso-8859-8-i / iso-8859-6-e (directionality variants) read as their base set.
        if compact.hasSuffix("-i") || compact.hasSuffix("-e") { return resolve(String(compact.dropLast(2))) }
        // iso-8859-N / iso8859-N / iso_8859-N / latinN
        let digits = compact.filter(\.isNumber)
        for prefix in ["iso-8859-", "iso8859-", "iso-8859", "iso8859"] where compact.hasPrefix(prefix) {
            guard let number = Int(compact.dropFirst(prefix.count)) else { return nil }
            switch number {
            case 1: return .windows1252
            case 9: return .iconv("WINDOWS-1254")
            case 11: return .iconv("CP874")
            case 2 ... 16: return .iconv("ISO-8859-\(number)")
            default: return nil
            }
        }
        if compact.hasPrefix("windows-") || compact.hasPrefix("cp") || compact.hasPrefix("x-cp") || compact.hasPrefix("win-") {
            if let number = Int(digits) {
                switch number {
                case 1252: return .windows1252
                case 1250 ... 1258: return .iconv("WINDOWS-\(number)")
                case 874: return .iconv("CP874")
                case 932: return .iconv("CP932")
                case 936: return .iconv("GB18030")
                case 949: return .iconv("CP949")
                case 950: return .iconv("BIG5-HKSCS")
                case 65001: return .utf8
                case 437, 850, 852, 855, 857, 860, 861, 862, 863, 864, 865, 866, 869: return .iconv("CP\(number)")
                default: break
                }
            }
        }
        return nil
    }

    private static let aliases: [String: Charset] = {
        var table: [String: Charset] = [:]
        for name in ["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8", "utf8mb4", "x-utf-8",
                     "utf-8-sig"] { table[name] = .utf8 }
        for name in ["us-ascii", "ascii", "ansi-x3.4-1968", "iso-ir-6", "iso646-us", "us", "7bit", "8bit", "us-ascii-8"] {
            table[name] = .ascii
        }
        for name in ["latin1", "latin-1", "l1",
                     "iso-8859-1", "iso8859-1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252", "default",
                     "iso-ir-100", "csisolatin1", "x-user-defined"] { table[name] = .windows1252 }
        let wide: [(String, [String])] = [
            ("GB18030", ["gb2312", "gbk", "x-gbk", "gb-2312-80", "gb-2312", "chinese", "csgb2312", "euc-cn", "x-euc-cn",
                         "cp936", "ms936", "windows-936", "gb18030", "iso-ir-58", "csiso58gb231280", "hz-gb-2312", "gb",
                         "eucgb2312-cn", "euccn", "gb2312-80"]),
            ("BIG5", ["big5", "big-5", "x-x-big5", "cn-big5", "csbig5", "x-big5"]),
            ("BIG5-HKSCS", ["big5-hkscs", "cp950"]),
            ("SHIFT_JIS", ["shift-jis", "shift_jis", "sjis", "x-sjis", "ms-kanji", "csshiftjis", "shiftjis"]),
            ("CP932", ["windows-31j", "cp932", "x-ms-cp932"]),
            ("EUC-JP", ["euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese"]),
            ("ISO-2022-JP", ["iso-2022-jp", "csiso2022jp", "jis"]),
            ("ISO-2022-JP-2", ["iso-2022-jp-2"]),
            ("CP949", ["euc-kr", "ks-c-5601-1987", "ks_c_5601-1987", "ks-c-5601", "ksc5601", "ksc-5601", "korean",
                       "cp949", "windows-949", "x-windows-949", "uhc", "csksc56011987", "iso-ir-149", "ks-c-5601-1989",
                       "euckr"]),
            ("ISO-2022-KR", ["iso-2022-kr"]),
            ("KOI8-R", ["koi8-r", "koi8r", "koi", "koi8", "cskoi8r"]),
            ("KOI8-U", ["koi8-u", "koi8u", "koi8-ru"]),
            ("CP874", ["tis-620", "tis620", "windows-874", "x-windows-874", "iso-8859-11", "dos-874", "cp874", "thai"]),
            ("MAC-CYRILLIC", ["x-mac-cyrillic", "mac-cyrillic", "maccyrillic", "x-mac-ukrainian"]),
            ("MACINTOSH", ["macintosh", "mac", "x-mac-roman", "csmacintosh", "macroman"]),
            ("UTF-7", ["utf-7", "utf7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7"]),
            ("UTF-16", ["utf-16", "utf16", "unicode", "ucs-2", "iso-10646-ucs-2", "csunicode"]),
            ("UTF-16LE", ["utf-16le"]), ("UTF-16BE", ["utf-16be"]),
            ("UTF-32", ["utf-32"]), ("UTF-32LE", ["utf-32le"]), ("UTF-32BE", ["utf-32be"]),
            ("WINDOWS-1254", ["iso-8859-9", "latin5", "l5"]),
            ("ISO-8859-2", ["latin2", "l2", "csisolatin2"]),
            ("ISO-8859-15", ["latin9", "latin-9", "l9"]),
            ("CP866", ["ibm866", "866", "cp866", "csibm866"]),
            ("VISCII", ["viscii"]),
        ]
        for (target, names) in wide { for name in names { table[name] = .iconv(target) } }
        return table
    }()
}
