import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore

/// Writes one step of a lead's sequence as a complete message: template values from the lead and its inquiry,
/// rendered in the buyer's language (English fallback), built by the MIME builder with threading and the RFC 3834
/// / RFC 2369 headers.
///
/// - The acknowledgement (step 0) carries `Auto-Submitted: auto-replied`; later steps `auto-generated`.
/// - Follow-ups carry `List-Unsubscribe: <mailto:...?subject=unsubscribe>`. `List-Unsubscribe-Post` is left out:
///   RFC 8058 allows it only beside an HTTPS unsubscribe URI, which needs the web endpoint.
struct ReplyComposer: Sendable {
    let kit: SequenceKit

    /// What the composer needs to know about the thread and the buyer.
    struct Request {
        var account: AccountConfiguration
        var lead: LeadRecord
        var enrolment: Enrolment
        var step: Int
        var template: String
        /// The inquiry's facts (products, quantities, terms), when stored.
        var facts: InquiryFacts?
        var now: Date
        /// A unique part for the Message-ID.
        var unique: String
    }

    func compose(_ request: Request) throws -> OutboxDraft {
        let account = request.account
        let lead = request.lead
        let values = Self.values(request, kit: kit)
        let rendered: RenderedMessage
        do {
            rendered = try kit.renderer.render(step: request.template, language: lead.language, values: values)
        } catch {
            throw SendingError("cannot write \(request.template) for lead #\(lead.id ?? 0): \(error.description)")
        }
        let domain = account.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = MessageBuilder.messageID(unique: request.unique, domain: domain)
        let thread = request.enrolment
        var references = thread.threadReferences
        if let parent = thread.threadMessageID, !references.contains(parent) { references.append(parent) }
        let message = OutgoingMessage(
            from: Mailbox(name: account.displayName, address: account.address),
            to: [Mailbox(name: lead.name, address: lead.address)],
            subject: rendered.subject, date: request.now, messageID: messageID,
            inReplyTo: thread.threadMessageID, references: references,
            text: rendered.textBody, html: rendered.htmlBody)
        var bytes: [UInt8]
        do {
            bytes = try MessageBuilder().build(message)
        } catch {
            throw SendingError("cannot write \(request.template) for lead #\(lead.id ?? 0): \(error.description)")
        }
        var extra = "Auto-Submitted: \(request.step == 0 ? "auto-replied" : "auto-generated")\r\n"
        if request.step > 0 {
            extra += "List-Unsubscribe: <\(Self.unsubscribeURL(account))>\r\n"
        }
        // Header order does not matter (RFC 5322 3.6); the builder has no field for these, so they go first.
        bytes.insert(contentsOf: Array(extra.utf8), at: 0)
        return OutboxDraft(
            account: account.name, leadID: lead.id, stepIndex: request.step, template: request.template,
            language: rendered.language, sender: account.address, recipient: lead.address, messageID: messageID,
            subject: rendered.subject, bytes: Data(bytes), isAutoReply: request.step == 0, sendAt: request.now)
    }

    /// The mailto unsubscribe address: a mail with this subject to the account stops the lead's sequence.
    static func unsubscribeURL(_ account: AccountConfiguration) -> String {
        "mailto:\(account.address)?subject=unsubscribe"
    }

    static func values(_ request: Request, kit: SequenceKit) -> TemplateValues {
        let facts = request.facts ?? InquiryFacts()
        // Products are the model numbers the buyer named. The facts' `topic` is the subject line, not a product:
        // "the catalogue pages for Anfrage: Produktkatalog..." reads badly, so it is not used.
        var products: [TemplateValues.Product] = []
        for (index, model) in facts.models.prefix(5).enumerated() {
            products.append(.init(name: model, quantity: index < facts.quantities.count ? facts.quantities[index] : nil))
        }
        let replies = kit.replies
        let name = replies.salesperson ?? request.account.displayName ?? replies.company
        let signature = replies.signature ?? (name == replies.company ? name : "\(name)\n\(replies.company)")
        return TemplateValues(
            buyerName: request.lead.name, buyerCompany: request.lead.company ?? facts.company, products: products,
            askQuantity: facts.quantities.isEmpty, askIncoterm: facts.incoterms.isEmpty,
            askPort: facts.destination == nil,
            salespersonName: name, salespersonSignature: signature, ourCompany: replies.company,
            unsubscribeURL: unsubscribeURL(request.account), inquirySubject: request.enrolment.threadSubject)
    }
}

/// A sending step that cannot be done, phrased for the salesperson (no message text, no secrets).
public struct SendingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
