import Foundation

/// Turns an entity tree into the fields of a ``ParsedMessage``: decoded headers, addresses, date, bodies and
/// attachments, with the body choice of Python's `email.message.EmailMessage.get_body`.
struct MessageReader {
    let source: [UInt8]
    let root: MIMEPart
    var diagnostics: [MIMEDiagnostic]
    let decoder = CharsetDecoder()

    func read() -> ParsedMessage {
        var diagnostics = self.diagnostics
        let subject = root.header("Subject").map { EncodedWords.decode($0, decoder: decoder) }
        let from = root.header("From").map(AddressParser.parseList) ?? []
        let to = root.header("To").map(AddressParser.parseList) ?? []
        let cc = root.header("Cc").map(AddressParser.parseList) ?? []
        let replyTo = root.header("Reply-To").map(AddressParser.parseList) ?? []
        var date: Date?
        if let dateValue = root.header("Date") {
            date = DateParser.parse(dateValue)
            if date == nil {
                diagnostics.append(MIMEDiagnostic(kind: .invalidDate, partPath: "", field: "Date",
                                                  detail: "unreadable date \"\(dateValue.prefix(60))\""))
            }
        }
        let messageID = root.header("Message-ID").map { $0.trimmingCharacters(in: .whitespaces) }
        let inReplyTo = root.header("In-Reply-To").map { $0.trimmingCharacters(in: .whitespaces) }
        let references = root.header("References").map(Self.idTokens) ?? []
        let plainPart = Self.findBody(root, preference: "plain")
        let htmlPart = Self.findBody(root, preference: "html")
        let textPlain = plainPart.map { text(of: $0, diagnostics: &diagnostics) }
        let html = htmlPart.map { text(of: $0, diagnostics: &diagnostics) }
        var attachments: [AttachmentInfo] = []
        collectAttachments(root, skipping: [plainPart?.path, htmlPart?.path].compactMap { $0 }, into: &attachments)
        return ParsedMessage(source: source, root: root, subject: subject, from: from, to: to, cc: cc, replyTo: replyTo, date: date,
                             messageID: messageID, inReplyTo: inReplyTo, references: references,
                             contentType: root.contentType, textPlain: textPlain, html: html,
                             attachments: attachments, diagnostics: diagnostics)
    }

    /// The `<...>` tokens of a References / In-Reply-To value.
    static func idTokens(_ value: String) -> [String] {
        var tokens: [String] = []
        var current: String?
        for character in value {
            if character == "<" { current = "<" } else if character == ">", var token = current {
                token.append(">")
                tokens.append(token)
                current = nil
            } else if current != nil, !character.isWhitespace {
                current!.append(character)
            }
        }
        return tokens
    }

    /// The decoded text of a text part.
    func text(of part: MIMEPart, diagnostics: inout [MIMEDiagnostic]) -> String {
        let body = BodyDecoding.decode(source[part.bodyRange], transferEncoding: part.transferEncoding, isText: true)
        let result = decoder.decode(body, label: part.charset)
        if !result.labelKnown {
            diagnostics.append(MIMEDiagnostic(kind: .unknownCharset, partPath: part.path, field: "Content-Type",
                                              detail: "unknown charset \"\(part.charset ?? "")\"; read as UTF-8 or windows-1252"))
        } else if result.invalidSequences > 0 {
            diagnostics.append(MIMEDiagnostic(kind: .invalidCharacters, partPath: part.path,
                                              detail: "\(result.invalidSequences) byte sequences invalid in \(part.charset ?? "us-ascii")"))
        }
        return result.text
    }

    /// The first body part of `subtype` in Python's `get_body` order: depth first, skipping attachments and
    /// enclosed messages, and in a multipart/related only its root (the `start` part, else the first).
    static func findBody(_ part: MIMEPart, preference subtype: String) -> MIMEPart? {
        if part.isAttachmentDisposition { return nil }
        if part.mainType == "text" { return part.subType == subtype ? part : nil }
        guard part.mainType == "multipart", part.isContainer else { return nil }
        if part.subType != "related" {
            for child in part.children {
                if let found = findBody(child, preference: subtype) { return found }
            }
            return nil
        }
        var candidate: MIMEPart?
        if let start = part.contentTypeParameters["start"], !start.isEmpty {
            candidate = part.children.first { $0.header("Content-ID")?.trimmingCharacters(in: .whitespaces) == start }
        }
        if candidate == nil { candidate = part.children.first }
        return candidate.flatMap { findBody($0, preference: subtype) }
    }

    /// Leaf parts (message/* parts count as leaves) other than the bodies that are attachments, have a file name,
    /// or are not text.
    func collectAttachments(_ part: MIMEPart, skipping bodies: [String], into list: inout [AttachmentInfo]) {
        if part.mainType == "message" {
            list.append(AttachmentInfo(filename: part.filename, contentType: part.contentType, size: nil))
            return
        }
        if part.isContainer {
            for child in part.children { collectAttachments(child, skipping: bodies, into: &list) }
            return
        }
        if bodies.contains(part.path) { return }
        guard part.isAttachmentDisposition || part.filename != nil || part.mainType != "text" else { return }
        let size = BodyDecoding.decodedCount(source[part.bodyRange], transferEncoding: part.transferEncoding,
                                             isText: part.mainType == "text")
        list.append(AttachmentInfo(filename: part.filename, contentType: part.contentType, size: size))
    }
}
