import Foundation

/// Writes an ``OutgoingMessage`` as RFC 5322 / MIME bytes with CRLF line endings: encoded and folded headers,
/// quoted-printable text, base64 attachments, `multipart/alternative` for text plus HTML, `multipart/mixed` for
/// attachments, and the threading headers.
///
/// ```swift
/// let bytes = try MessageBuilder().build(OutgoingMessage(
///     from: Mailbox(name: "Ola Export", address: "ola@exporter.example"), to: [buyer], subject: "Re: " + subject,
///     date: now, messageID: MessageBuilder.messageID(unique: id, domain: "exporter.example"),
///     inReplyTo: inquiry.messageID, references: inquiry.references + [inquiry.messageID!], text: reply))
/// ```
public struct MessageBuilder: Sendable {
    public init() {}

    /// A Message-ID `<unique@domain>` from a caller-chosen unique part (a UUID, a database id).
    public static func messageID(unique: String, domain: String) -> String {
        func compact(_ text: String) -> String {
            let clean = HeaderEncoding.sanitize(text)
            guard clean.utf8.contains(0x20) else { return clean }
            return String(String.UnicodeScalarView(clean.unicodeScalars.filter { $0 != " " }))
        }
        return "<\(compact(unique))@\(compact(domain))>"
    }

    /// The message as bytes.
    /// - Throws: ``MIMEBuildError`` when an address or the Message-ID cannot be written safely.
    public func build(_ message: OutgoingMessage) throws(MIMEBuildError) -> [UInt8] {
        var head = ""
        head += try addressField("From", [message.from])
        if !message.to.isEmpty { head += try addressField("To", message.to) }
        if !message.cc.isEmpty { head += try addressField("Cc", message.cc) }
        if let replyTo = message.replyTo { head += try addressField("Reply-To", [replyTo]) }
        head += HeaderEncoding.unstructured(name: "Subject", value: message.subject)
        head += "Date: \(Self.rfc5322Date(message.date, offsetSeconds: message.dateOffsetSeconds))\r\n"
        let messageID = try Self.checkedID(message.messageID, field: "Message-ID")
        head += "Message-ID: \(messageID)\r\n"
        if let inReplyTo = message.inReplyTo {
            head += "In-Reply-To: \(try Self.checkedID(inReplyTo, field: "In-Reply-To"))\r\n"
        }
        if !message.references.isEmpty {
            var ids: [String] = []
            for reference in message.references { ids.append(try Self.checkedID(reference, field: "References")) }
            head += HeaderEncoding.fold(name: "References", words: ids)
        }
        head += "MIME-Version: 1.0\r\n"
        let seed = String(UInt64(truncatingIfNeeded: messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }), radix: 36)
        var body: Entity = Self.textPart(message.text, subtype: "plain")
        if let html = message.html {
            body = .multipart("alternative", [body, Self.textPart(html, subtype: "html")])
        }
        if !message.attachments.isEmpty {
            body = .multipart("mixed", [body] + message.attachments.map(Self.attachmentPart))
        }
        var output = Array(head.utf8)
        var counter = 0
        Self.write(body, seed: seed, counter: &counter, into: &output)
        return output
    }

    private indirect enum Entity {
        case leaf(headers: String, body: [UInt8])
        case multipart(String, [Entity])
    }

    private static func write(_ entity: Entity, seed: String, counter: inout Int, into output: inout [UInt8]) {
        switch entity {
        case .leaf(let headers, let body):
            output += Array(headers.utf8)
            output += Array("\r\n".utf8)
            output += body
        case .multipart(let subtype, let children):
            counter += 1
            let boundary = "=_leadline_\(seed)_\(counter)"
            output += Array("Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\r\n\r\n".utf8)
            for child in children {
                output += Array("--\(boundary)\r\n".utf8)
                write(child, seed: seed, counter: &counter, into: &output)
                output += Array("\r\n".utf8)
            }
            output += Array("--\(boundary)--\r\n".utf8)
        }
    }

    private static func textPart(_ text: String, subtype: String) -> Entity {
        // Line ends to LF (CRLF and lone CR); most text has no CR at all and skips Foundation's search.
        let normalized = !text.utf8.contains(0x0D) ? text
            : text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // Split on LF bytes: with no CR left, an LF is always a character of its own.
        let lines = Array(normalized.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        let from = Array("From ".utf8)
        let plain = normalized.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "=") }
            && lines.allSatisfy { $0.count <= 76 && $0.last != 0x20 && !$0.starts(with: from) && !$0.elementsEqual([0x2E]) }
        var body: [UInt8]
        let encoding: String
        if plain {
            body = Array(lines.joined(separator: [0x0D, 0x0A]))
            encoding = "7bit"
        } else {
            body = QuotedPrintableEncoder.encode(lines.map { Array($0) })
            encoding = "quoted-printable"
        }
        if body.last != 0x0A { body += [0x0D, 0x0A] }
        let headers = "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: \(encoding)\r\n"
        return .leaf(headers: headers, body: body)
    }

    private static func attachmentPart(_ attachment: OutgoingAttachment) -> Entity {
        let type = HeaderEncoding.sanitize(attachment.contentType).lowercased()
        let safeType = type.split(separator: "/").count == 2 && type.allSatisfy { $0.isLetter || $0.isNumber || "/.+-_".contains($0) }
            ? type : "application/octet-stream"
        let name = HeaderEncoding.sanitize(attachment.filename)
        let nameParameter: String
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            nameParameter = "filename=\"\(escaped)\""
        } else {
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "attachment"
            nameParameter = "filename*=utf-8''\(encoded)"
        }
        var headers = "Content-Type: \(safeType)\r\nContent-Transfer-Encoding: base64\r\n"
        headers += "Content-Disposition: attachment;\r\n \(foldParameter(nameParameter))\r\n"
        let encoded = Data(attachment.data).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        var body = Array(encoded.utf8)
        if body.last != 0x0A { body += [0x0D, 0x0A] }
        return .leaf(headers: headers, body: body)
    }

    /// Splits a long RFC 2231 parameter into numbered continuations so that no header line passes 78 characters.
    private static func foldParameter(_ parameter: String) -> String {
        guard parameter.count > 70, let equals = parameter.firstIndex(of: "=") else { return parameter }
        var name = String(parameter[..<equals])
        let extended = name.hasSuffix("*")
        if extended { name.removeLast() }
        var value = String(parameter[parameter.index(after: equals)...])
        let quoted = value.hasPrefix("\"")
        if quoted { value = String(value.dropFirst().dropLast()) }
        var pieces: [String] = []
        var current = ""
        for character in value {
            // never split inside a %XX escape
            if current.count >= 60 && !(current.hasSuffix("%") || current.dropLast().hasSuffix("%")) && !(quoted && current.hasSuffix("\\")) {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces.enumerated().map { index, piece in
            extended ? "\(name)*\(index)*=\(piece)" : "\(name)*\(index)=\"\(piece)\""
        }.joined(separator: ";\r\n ")
    }

    private func addressField(_ name: String, _ mailboxes: [Mailbox]) throws(MIMEBuildError) -> String {
        var words: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            let address = mailbox.address.trimmedSpaces
            // Bytes: every byte of a non-ASCII character is 0x80 or more, so it passes as its character would.
            let valid = !address.isEmpty && address.utf8.contains(UInt8(ascii: "@")) && address.utf8.allSatisfy {
                $0 > 0x20 && $0 != 0x7F && !"<>()[],;:\\\"".utf8.contains($0)
            }
            guard valid else { throw MIMEBuildError(field: name, value: mailbox.address, reason: "is not a usable email address") }
            var phrase = mailbox.name.map(HeaderEncoding.phrase) ?? []
            let suffix = index < mailboxes.count - 1 ? "," : ""
            if phrase.isEmpty {
                words.append("<\(address)>" + suffix)
            } else {
                phrase.append("<\(address)>" + suffix)
                words.append(contentsOf: phrase)
            }
        }
        return HeaderEncoding.fold(name: name, words: words)
    }

    private static func checkedID(_ id: String, field: String) throws(MIMEBuildError) -> String {
        var value = id.trimmedSpaces
        if !value.hasPrefix("<") { value = "<" + value + ">" }
        let inner = value.dropFirst().dropLast()
        guard value.hasSuffix(">"), !inner.isEmpty,
              inner.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else {
            throw MIMEBuildError(field: field, value: id, reason: "is not a message id of the form <unique@domain>")
        }
        return value
    }

    /// The date as RFC 5322 writes it in a `Date` field, at `offsetSeconds` from UTC: `Mon, 03 Jun 2024 10:02:00 +0200`.
    public static func rfc5322Date(_ date: Date, offsetSeconds: Int) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        var (days, second) = local.quotientAndRemainder(dividingBy: 86_400)
        if second < 0 {
            days -= 1
            second += 86_400
        }
        let civil = CivilCalendar.civilFromDays(days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][civil.month - 1]
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let offset = abs(offsetSeconds) / 60
        return "\(weekday), \(two(civil.day)) \(month) \(civil.year) \(two(second / 3600)):\(two(second / 60 % 60)):"
            + "\(two(second % 60)) \(sign)\(two(offset / 60))\(two(offset % 60))"
    }
}
