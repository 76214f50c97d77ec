public import LeadlineMIME

extension InquiryInput {
    /// The classifier's view of a parsed message: decoded subject, new text without quotes, full readable text,
    /// headers, sender, Reply-To, recipients and attachments.
    public init(message: ParsedMessage) {
        let readable = message.readableText
        let new = QuoteStripper.newText(readable)  // = message.newText, without reading the text twice
        let replyTo = message.header("Reply-To").map(AddressParser.parseList) ?? []
        self.init(
            subject: message.subject ?? "",
            newText: new.isEmpty ? readable : new,
            fullText: readable,
            headers: message.headers,
            from: message.from.first,
            replyTo: replyTo,
            recipientCount: message.to.count + message.cc.count,
            attachments: message.attachments,
            contentType: message.contentType
        )
    }
}
