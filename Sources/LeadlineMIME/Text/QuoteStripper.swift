import Foundation

/// Separates the new text of a reply from the quoted history below it.
///
/// The history starts at the first attribution line (`On ... wrote:` and its forms in other languages),
/// separator (`-----Original Message-----`, `原始邮件`, forwarded-message banners) or Outlook header block
/// (`From:` with `Sent:`/`Date:`/`To:`/`Subject:` in the next lines, in any of the common languages). Lines quoted with
/// `>` are removed wherever they stand, so an answer written between quotes is kept.
public enum QuoteStripper {
    /// Phrases that end an attribution line ("... wrote:"), lower-case, per language.
    private static let attributionEndings = [
        "wrote:", "wrote :", "writes:", "pisze:", "napisał:", "napisała:", "napisał(a):", "escribió:", "escreveu:",
        "a écrit :", "a écrit:", "schrieb:", "ha scritto:", "написал:", "написала:", "написал(а):", "пишет:",
        "yazdı:", "schreef:", "skrev:", "kirjoitti:", "napsal:", "napsala:", "írta:", "a scris:", "έγραψε:",
        "写道：", "写道:", "寫道：", "寫道:", "のメッセージ:", "님이 작성:", "viết:", "menulis:", "kirjutas:",
    ]
    /// Attribution openings that end with a colon only on a later line (German "Am ... schrieb Name <x>:").
    private static let attributionStarts = ["on ", "w dniu ", "el ", "em ", "le ", "am ", "il giorno ", "op ", "den ", "dne ",
                                           "в ", "el día ", "在 ", "於 "]
    private static let separators = [
        "-----original message-----", "----- original message -----", "-----ursprüngliche nachricht-----",
        "-----message d'origine-----", "-----mensaje original-----", "-----mensagem original-----",
        "-----messaggio originale-----", "-----oorspronkelijk bericht-----", "-----wiadomość oryginalna-----",
        "-----исходное сообщение-----", "原始邮件", "原始郵件", "---------- forwarded message", "-------- original message",
        "begin forwarded message:", "-------- weitergeleitete nachricht", "________________________________",
    ]
    /// Separators short enough (6 characters or fewer) to be looked for anywhere in a line, not only at its start.
    private static let shortSeparators = separators.filter { $0.count <= 6 }
    /// The first bytes of every pattern a line may start with (separators, attribution openings, From labels).
    private static let patternFirstBytes = Set((separators + attributionStarts + fromLabels).compactMap(\.utf8.first))
    private static let fromLabels = ["from:", "von:", "de:", "de :", "od:", "da:", "от:", "发件人:", "发件人：", "寄件者:",
                                     "寄件者：", "kimden:", "van:", "från:", "fra:", "lähettäjä:", "feladó:", "差出人:"]
    private static let headerLabels = ["sent:", "date:", "to:", "subject:", "gesendet:", "an:", "betreff:", "datum:",
                                       "envoyé :", "envoyé:", "à :", "à:", "objet :", "objet:", "enviado:", "para:",
                                       "asunto:", "assunto:", "wysłano:", "wysłane:", "do:", "temat:", "inviato:",
                                       "a:", "oggetto:", "data:", "отправлено:", "кому:", "тема:", "дата:",
                                       "发送时间:", "发送时间：", "收件人:", "收件人：", "主题:", "主题：", "日期:",
                                       "gönderildi:", "kime:", "konu:", "tarih:", "verzonden:", "aan:", "onderwerp:",
                                       "skickat:", "till:", "ämne:", "sendt:", "til:", "emne:", "送信日時:", "件名:",
                                       "宛先:", "cc:"]

    /// The new text of `text` (a reply's readable text), trimmed; the whole text when no history is found.
    public static func newText(_ text: String) -> String {
        let lines = splitLines(text)
        // Which lines could start history at all, from their bytes: every separator, attribution and Outlook
        // header form needs a colon (`:` or `：`) on the line or on one of the next two (wrapped attributions), a
        // `-` or `_` (separator banners), or `原` (`原始邮件`). Most lines of a message have none of these and skip
        // the full (Character-level, lower-cased) check, which gives the same answer for them.
        let marks = lines.map(LineMarks.init)
        var kept: [Substring] = []
        var index = 0
        while index < lines.count {
            let mayStart = marks[index].mayStartHistory
                || (index + 1 < lines.count && marks[index + 1].hasColon)
                || (index + 2 < lines.count && marks[index + 2].hasColon)
            if mayStart, let start = historyStart(lines, at: index) {
                // "X wrote:" above ">" quotes, with the answer below them (bottom-posting): drop the attribution
                // and keep reading; the quoted lines are dropped one by one.
                let next = lines.dropFirst(index + start.lines).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                if start.isAttribution, let next, next.drop(while: { $0 == " " }).hasPrefix(">") {
                    index += start.lines
                    continue
                }
                break
            }
            let line = lines[index]
            if !marks[index].mayBeQuote || !line.drop(while: { $0 == " " }).hasPrefix(">") { kept.append(line) }
            index += 1
        }
        var result = kept.map { String($0).trimmingTrailingWhitespace() }
        while result.last?.isEmpty == true { result.removeLast() }
        while result.first?.isEmpty == true { result.removeFirst() }
        return result.joined(separator: "\n")
    }

    /// The lines of `text`, split at LF and CRLF (a lone CR stays in its line), as the Character-level split
    /// `text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }` gives them, found on the UTF-8
    /// bytes: a line break is always a Character boundary, and "\r\n" is one Character.
    static func splitLines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        var previousIsCR = false
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A {
                var end = index
                if previousIsCR { end = utf8.index(before: index) }
                lines.append(Substring(utf8[start ..< end]))
                start = utf8.index(after: index)
            }
            previousIsCR = byte == 0x0D
            index = utf8.index(after: index)
        }
        lines.append(Substring(utf8[start ..< utf8.endIndex]))
        return lines
    }

    /// What a line's bytes allow: whether it may start quoted history or be a `>` quote (necessary conditions only).
    struct LineMarks {
        /// The line holds `:` or the full-width `：`.
        var hasColon = false
        /// The line holds `-`, `_` or `原`: a separator banner may start it.
        var hasSeparatorMark = false
        /// The first byte after leading spaces is `>`.
        var mayBeQuote = false

        var mayStartHistory: Bool { hasColon || hasSeparatorMark }

        init(_ line: Substring) {
            if let marks = line.utf8.withContiguousStorageIfAvailable({ LineMarks(bytes: $0) }) {
                self = marks
            } else {
                self = Array(line.utf8).withUnsafeBufferPointer { LineMarks(bytes: $0) }
            }
        }

        private init(bytes: UnsafeBufferPointer<UInt8>) {
            var leading = true
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in bytes {
                if leading, byte != 0x20 {
                    leading = false
                    mayBeQuote = byte == 0x3E
                }
                switch byte {
                case 0x3A: hasColon = true
                case 0x2D, 0x5F: hasSeparatorMark = true
                case 0x9A where previous == (0xEF, 0xBC): hasColon = true  // U+FF1A
                case 0x9F where previous == (0xE5, 0x8E): hasSeparatorMark = true  // U+539F 原
                default: break
                }
                previous = (previous.1, byte)
            }
        }
    }

    /// Where quoted history starts at `index`: whether it is an attribution ("... wrote:") and how many lines
    /// it spans; nil when the line starts no history.
    private static func historyStart(_ lines: [Substring], at index: Int) -> (isAttribution: Bool, lines: Int)? {
        let line = trimmed(lines[index]).lowercased()
        if line.isEmpty { return nil }
        // Every rule below needs the line to start like one of the patterns, to end in a colon (every attribution
        // ending does), or to hold a short separator: most lines with a colon ("Tel: ...") fail all three at once.
        if let first = line.utf8.first, !patternFirstBytes.contains(first), line.utf8.last != 0x3A,
           !line.utf8.reversed().starts(with: "：".utf8.reversed()),
           !shortSeparators.contains(where: { contains(line, $0) }) {
            return nil
        }
        for separator in separators where line.hasPrefix(separator) || (shortSeparators.contains(separator) && contains(line, separator)) {
            return (false, 1)
        }
        if isAttribution(line) { return (true, 1) }
        // An attribution wrapped over two or three lines ("On Mon, 3 Jun 2024 at 10:02, Ana Kowalska <ana@x>\nwrote:").
        if attributionStarts.contains(where: { line.hasPrefix($0) }) && line.count < 200 {
            var joined = line
            for (offset, next) in lines.dropFirst(index + 1).prefix(2).enumerated() {
                joined += " " + trimmed(next).lowercased()
                if isAttribution(joined) { return (true, offset + 2) }
            }
        }
        // Outlook header block: a From line followed by at least two header labels.
        if fromLabels.contains(where: { line.hasPrefix($0) }) {
            let following = lines.dropFirst(index + 1).prefix(5).map { trimmed($0).lowercased() }
            let labelled = following.filter { next in headerLabels.contains { next.hasPrefix($0) } }
            if labelled.count >= 2 { return (false, 1) }
        }
        return nil
    }

    /// `line` without leading and trailing tabs and space separators (Unicode Zs), as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives it, in native Swift (this runs on every line of every message).
    static func trimmed(_ line: Substring) -> String {
        let scalars = line.unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first ... last])
    }

    /// Byte-wise substring test on UTF-8 (Foundation's `contains` goes through NSString on Linux).
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard haystack.count >= pattern.count else { return false }
                for start in 0 ... haystack.count - pattern.count where haystack[start] == first {
                    if memcmp(haystack.baseAddress! + start, pattern.baseAddress!, pattern.count) == 0 { return true }
                }
                return false
            }
        }
    }

    private static func isAttribution(_ line: String) -> Bool {
        // Verb before the name ("Am 3. Juni 2024 schrieb Max Muster <max@x.de>:").
        if line.hasSuffix(":"), attributionStarts.contains(where: { line.hasPrefix($0) }),
           [" schrieb ", " skrev ", " schreef ", " napsal ", " wrote "].contains(where: { line.contains($0) }) {
            return true
        }
        guard attributionEndings.contains(where: { line.hasSuffix($0) }), line.count < 400 else { return false }
        // Short "X wrote:" lines and dated attributions both count; a sentence that merely ends in "wrote:" rarely
        // has a date, an address or a known opening.
        if attributionStarts.contains(where: { line.hasPrefix($0) }) { return true }
        if line.contains("@") || line.contains(where: \.isNumber) { return true }
        return line.split(separator: " ").count <= 6
    }
}
