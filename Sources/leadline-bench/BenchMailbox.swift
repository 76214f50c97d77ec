import Foundation
import LeadlineTransport

// The benchmark mailboxes: N inquiries of one mix, the same bytes in every run (deterministic generators).
//   inquiries  (`bench-inquiries-N`): shaped like the development set's real inquiries, see BenchInquiries.swift;
//   long-text  (`bench-N`): word salad of 1.5-10.5 KB per message, the stress case for reading;
//   large      (`bench-large-N`): inquiries each with a 1-3 MB attachment, for memory with large mail.

/// Which messages a benchmark mailbox holds.
enum BenchMix: String, CaseIterable {
    case inquiries
    case longText = "long-text"
    /// Every message an inquiry with a 1-3 MB attachment (a catalogue, drawings): for memory with large mail.
    case large

    func mailboxName(_ count: Int) -> String { self == .longText ? "bench-\(count)" : "bench-\(rawValue)-\(count)" }

    func message(_ index: Int, to: String, random: inout BenchRandom) -> [UInt8] {
        switch self {
        case .inquiries: makeRealisticInquiry(index, to: to, random: &random)
        case .longText: makeInquiry(index, to: to, random: &random)
        case .large: makeRealisticInquiry(index, to: to, random: &random, attachmentBytes: 1_000_000 ... 3_000_000)
        }
    }
}

/// The "long-text" mix: 1.5-10.5 KB of text drawn from a trade vocabulary (3 to 25 times the text of a real
/// inquiry: a stress case for the reading), headers, sometimes a base64 attachment.
func makeInquiry(_ index: Int, to: String, random: inout BenchRandom) -> [UInt8] {
    let countries = ["ng", "pl", "br", "ae", "vn", "id", "sa", "eg", "tr", "my"]
    let products = ["cashew nuts", "sesame seeds", "frozen chicken", "sunflower oil", "steel pipes", "PVC resin",
                    "cocoa beans", "rice 5% broken", "cement", "solar panels", "tyres", "urea 46%"]
    let words = ["please", "quote", "price", "CIF", "FOB", "Lagos", "Gdansk", "Santos", "Jebel Ali", "container",
                 "tons", "monthly", "payment", "L/C", "sample", "specification", "delivery", "urgent", "best",
                 "offer", "certificate", "packing", "bags", "MOQ", "lead time", "our", "company", "requires", "the"]
    let country = countries[random.next(countries.count)]
    let product = products[random.next(products.count)]
    var body = "Dear Sir/Madam,\r\n\r\nWe are interested in \(product). "
    let target = 1500 + random.next(9000)
    var line = ""
    while body.utf8.count < target {
        line += words[random.next(words.count)] + " "
        if line.utf8.count > 70 {
            body += line + "\r\n"
            line = ""
        }
    }
    body += line + "\r\n\r\nBest regards,\r\nBuyer \(index)\r\n"
    let sender = "buyer\(index)@trade.example.\(country)"
    return benchMessage(
        index, from: "Buyer \(index) <\(sender)>", returnPath: sender, to: to, subject: "Inquiry \(index): \(product)",
        messageID: "<inq-\(index)@trade.example.\(country)>", text: body, random: &random)
}

/// `text` as an RFC 2047 encoded word when it is not ASCII, as mail clients send such a subject.
func encodedWord(_ text: String) -> String {
    text.utf8.allSatisfy { $0 < 0x80 } ? text : "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
}

/// The message around a text body: headers, and for 30% of messages a 2-9 KB base64 attachment (a PDF's size).
func benchMessage(
    _ index: Int, from: String, returnPath: String, to: String, subject: String, messageID: String, text: String,
    random: inout BenchRandom, attachmentBytes: ClosedRange<Int>? = nil
) -> [UInt8] {
    var body = text
    var header = [
        "Return-Path: <\(returnPath)>", "From: \(from)", "To: <\(to)>", "Subject: \(encodedWord(subject))",
        "Date: Mon, 23 Nov 2026 10:\(index % 60 < 10 ? "0" : "")\(index % 60):00 +0100",
        "Message-ID: \(messageID)", "MIME-Version: 1.0",
    ]
    if attachmentBytes != nil || random.next(10) < 3 {
        let size = attachmentBytes.map { $0.lowerBound + random.next($0.count) } ?? 2000 + random.next(7000)
        let attachment = (0 ..< size).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
        header.append("Content-Type: multipart/mixed; boundary=\"b\(index)\"")
        let encoded = Data(attachment).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        body = "--b\(index)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(body)\r\n--b\(index)\r\n"
            + "Content-Type: application/pdf; name=\"spec-\(index).pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + encoded + "\r\n--b\(index)--\r\n"
    } else {
        header.append("Content-Type: text/plain; charset=utf-8")
        header.append("Content-Transfer-Encoding: 8bit")
    }
    return Array((header.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
}

struct BenchRandom {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// Makes sure `mailbox` holds exactly `count` messages, all unseen (as new inquiries are). Appends over one
/// connection when it has to fill it.
func fillMailbox(_ server: BenchServer, mailbox: String, count: Int, mix: BenchMix) throws -> (messages: Int, bytes: Int) {
    try blocking {
        let client = IMAPClient(configuration: server.imap, logger: benchLogger())
        if let status = try? await client.status(of: mailbox), status.messages == count {
            let uids = try await client.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
            try await client.setSeen(false, in: mailbox, uidValidity: status.uidValidity, uids: uids)
            return (count, -1)
        }
        try? await client.deleteMailbox(mailbox)
        try await client.createMailbox(mailbox)
        var random = BenchRandom(state: 42)
        var bytes = 0
        for index in 0 ..< count {
            let message = mix.message(index, to: server.user, random: &random)
            bytes += message.count
            try await client.append(message, to: mailbox)
        }
        let status = try await client.status(of: mailbox)
        let uids = try await client.uids(in: mailbox, uidValidity: status.uidValidity, above: 0)
        try await client.setSeen(false, in: mailbox, uidValidity: status.uidValidity, uids: uids)
        return (status.messages, bytes)
    }
}


/// Fills (or reuses) the benchmark user's mailbox of `mix` with `count` unseen inquiries and returns its name.
func prepareMailbox(_ server: BenchServer, count: Int, mix: BenchMix = .longText) throws -> String {
    let mailbox = mix.mailboxName(count)
    let fillSeconds = try measureSeconds {
        let filled = try fillMailbox(server, mailbox: mailbox, count: count, mix: mix)
        guard filled.messages == count else { throw BenchError("mailbox holds \(filled.messages), expected \(count)") }
        if filled.bytes > 0 { print("filled \(mailbox): \(count) messages, \(fmt(Double(filled.bytes) / 1_048_576, 1)) MiB") }
    }
    print("mailbox \(mailbox) ready in \(fmt(fillSeconds, 2)) s (\(count) unseen messages)")
    return mailbox
}

/// Checks the mailbox is as it was: every \Seen flag the fetches set was removed again.
func checkAllUnseen(_ server: BenchServer, mailbox: String, count: Int) throws {
    let unseen = try blocking { try await IMAPClient(configuration: server.imap, logger: benchLogger()).status(of: mailbox).unseen }
    guard unseen == count else { throw BenchError("\(count - unseen) messages were left marked as read") }
}
