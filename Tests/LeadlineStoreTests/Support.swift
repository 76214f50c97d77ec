import Foundation
import LeadlineCore
@testable import LeadlineStore

/// Fixed instants: tests never read the clock.
enum T {
    static let day0 = Date(timeIntervalSince1970: 1_763_900_000)  // 2025-11-23
    static func day(_ n: Int) -> Date { day0.addingTimeInterval(Double(n) * 86_400) }
}

func inquiry(
    uid: Int64, from: String = "ade@lagosbuild.ng", name: String? = "Adebayo Okafor", messageID: String? = nil,
    subject: String = "Inquiry: 2x40HQ steel pipes CIF Lagos", body: String? = nil, mailbox: String = "INBOX",
    uidValidity: Int64 = 7, sentAt: Date = T.day0
) -> IncomingMessage {
    let id = messageID ?? "m\(uid).\(mailbox)@lagosbuild.ng"
    let raw = body ?? "Message-ID: <\(id)>\r\nFrom: \(from)\r\nSubject: \(subject)\r\n\r\nPlease quote.\r\n"
    return IncomingMessage(
        location: .imap(account: "sales", mailbox: mailbox, uidValidity: uidValidity, uid: uid), raw: Data(raw.utf8),
        messageID: "<\(id)>", subject: subject, fromAddress: from, fromName: name, sentAt: sentAt)
}

let seriousVerdict = Classification(
    kind: .seriousBuyer, confidence: 0.9, reasons: ["names 2x40HQ to Lagos, CIF"],
    factsJSON: #"{"incoterm":"CIF","port":"Lagos"}"#)
let comparerVerdict = Classification(kind: .priceComparer, confidence: 0.7, reasons: ["asks only for your lowest price"])
let autoReplyVerdict = Classification(kind: .notLead, confidence: 1, reasons: ["Auto-Submitted: auto-replied"])
let nigeria = LeadProfile(company: "Lagos Build Ltd", country: "NG", language: "en")
