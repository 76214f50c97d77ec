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
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var index = 0
        while index < lines.count {
            if let start = historyStart(lines, at: index) {
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
            if !line.drop(while: { $0 == " " }).hasPrefix(">") { kept.append(line) }
            index += 1
        }
        var result = kept.map { String($0).trimmingTrailingWhitespace() }
        while result.last?.isEmpty == true { result.removeLast() }
        while result.first?.isEmpty == true { result.removeFirst() }
        return result.joined(separator: "\n")
    }

    /// Where quoted history starts at `index`: whether it is an attribution ("... wrote:") and how many lines
    /// it spans; nil when the line starts no history.
    private static func historyStart(_ lines: [Substring], at index: Int) -> (isAttribution: Bool, lines: Int)? {
        let line = lines[index].trimmingCharacters(in: .whitespaces).lowercased()
        if line.isEmpty { return nil }
        for separator in separators where line.hasPrefix(separator) || (separator.count <= 6 && line.contains(separator)) {
            return (false, 1)
        }
        if isAttribution(line) { return (true, 1) }
        // An attribution wrapped over two or three lines ("On Mon, 3 Jun 2024 at 10:02, Ana Kowalska <ana@x>\nwrote:").
        if attributionStarts.contains(where: { line.hasPrefix($0) }) && line.count < 200 {
            var joined = line
            for (offset, next) in lines.dropFirst(index + 1).prefix(2).enumerated() {
                joined += " " + next.trimmingCharacters(in: .whitespaces).lowercased()
                if isAttribution(joined) { return (true, offset + 2) }
            }
        }
        // Outlook header block: a From line followed by at least two header labels.
        if fromLabels.contains(where: { line.hasPrefix($0) }) {
            let following = lines.dropFirst(index + 1).prefix(5).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let labelled = following.filter { next in headerLabels.contains { next.hasPrefix($0) } }
            if labelled.count >= 2 { return (false, 1) }
        }
        return nil
    }

    private static func isAttribution(_ line: String) -> Bool {
        // Verb before the name ("Am 3. Juni 2024 schrieb Max Muster <max@x.de>:").
        if line.hasSuffix(":"), attributionStarts.contains(where: { line.hasPrefix($0) }),
           [" schrieb ", " skrev ", " schreef ", " napsal ", " wrote "].contains(where: { line.contains($0) }) {
            return true
        }
        guard line.count < 400, attributionEndings.contains(where: { line.hasSuffix($0) }) else { return false }
        // Short "X wrote:" lines and dated attributions both count; a sentence that merely ends in "wrote:" rarely
        // has a date, an address or a known opening.
        if attributionStarts.contains(where: { line.hasPrefix($0) }) { return true }
        if line.contains("@") || line.contains(where: \.isNumber) { return true }
        return line.split(separator: " ").count <= 6
    }
}
