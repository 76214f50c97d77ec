import Foundation
import LeadlineCore
import LeadlineMIME
import LeadlineStore
import LeadlineTransport
import Logging

/// A fetched message read as far as it can be without the store: hashed, parsed and classified.
struct ReadMessage: Sendable {
    var key: MessageKey
    var raw: Data
    var hash: String
    /// The parsed message and its verdict, or the parser's error.
    var reading: Result<(parsed: ParsedMessage, verdict: LeadClassification, classification: Classification), MIMEError>
}

extension IngestPipeline {
    /// Reads several messages at once, one task each (parse and classify are pure), in the given order.
    func read(_ batch: [SourceMessage]) async -> [ReadMessage] {
        if batch.count == 1 { return [read(batch[0])] }
        return await withTaskGroup(of: (Int, ReadMessage).self) { group in
            for (index, message) in batch.enumerated() {
                group.addTask { (index, self.read(message)) }
            }
            var read = [ReadMessage?](repeating: nil, count: batch.count)
            for await (index, message) in group { read[index] = message }
            return read.map { $0! }
        }
    }

    /// Hashes, parses and classifies one message.
    func read(_ message: SourceMessage) -> ReadMessage {
        let raw = Data(message.bytes)
        let hash = ContentHash.sha256(raw)
        do {
            let parsed = try parser.parse(message.bytes)
            let verdict = classifier.classify(InquiryInput(message: parsed))
            let classification = Classification(
                kind: verdict.kind, confidence: verdict.confidence, reasons: verdict.reasons,
                factsJSON: verdict.facts.jsonText)
            return ReadMessage(key: message.key, raw: raw, hash: hash, reading: .success((parsed, verdict, classification)))
        } catch {
            return ReadMessage(key: message.key, raw: raw, hash: hash, reading: .failure(error))
        }
    }

    /// Stores one read message in the batch's transaction and counts what it was.
    func record(
        _ message: ReadMessage, account: String, mailbox: String, isIMAP: Bool, in store: IngestBatch,
        into summary: inout IngestSummary
    ) throws {
        var location: MessageLocation = if isIMAP, let uid = message.key.uid {
            .imap(account: account, mailbox: mailbox, uidValidity: Int64(message.key.validity), uid: Int64(uid))
        } else {
            .local(account: account, mailbox: mailbox, key: message.key.id)
        }
        location.uidValidity = Int64(message.key.validity)
        if try store.hasMessage(location) { return }
        let time = now()

        let parsed: ParsedMessage, verdict: LeadClassification, classification: Classification
        switch message.reading {
        case .failure(let error):
            let incoming = IncomingMessage(location: location, raw: message.raw, sha256: message.hash)
            try store.recordProblem(incoming, stage: .parse, error: error.description, now: time)
            summary.problems += 1
            logger.warning("ingest: message kept as a problem", metadata: [
                "ingest.location": "\(location)", "ingest.error": "\(error.description)",
            ])
            return
        case .success(let reading):
            (parsed, verdict, classification) = reading
        }
        let sender = parsed.from.first
        let incoming = IncomingMessage(
            location: location, raw: message.raw, sha256: message.hash, messageID: parsed.messageID,
            subject: parsed.subject, fromAddress: sender?.address, fromName: sender?.name, sentAt: parsed.date)
        if let original = try store.findDuplicate(messageID: parsed.messageID, hash: message.hash) {
            try store.recordDuplicate(incoming, of: original, now: time)
            summary.duplicates += 1
            return
        }
        let outcome = try decide(parsed: parsed, verdict: verdict, classification: classification, in: store)
        do {
            let result = try store.recordIngested(incoming, as: outcome, now: time)
            count(outcome, result: result, kind: verdict.kind, into: &summary)
        } catch let error as StoreError where error.code == .missingSender {
            try store.recordProblem(incoming, stage: .store, error: error.description, now: time)
            summary.problems += 1
        }
    }

    /// Inquiry, reply or not a lead: rule-proven non-inquiries first, then threading (In-Reply-To, References),
    /// then the sender's address when we have written to that lead before. A known lead's answer counts as a reply
    /// whatever the model thinks of its wording (short answers read like nothing in particular).
    func decide(
        parsed: ParsedMessage, verdict: LeadClassification, classification: Classification, in store: IngestBatch
    ) throws -> IngestOutcome {
        let threadIDs = (parsed.inReplyTo.map { MessageIDList.ids(in: $0) } ?? []) + parsed.references.reversed()
        if let sender = parsed.from.first?.address.lowercased(), ownAddresses.contains(sender) {
            return try decideOurMail(parsed: parsed, threadIDs: threadIDs, in: store)
        }
        // Auto-replies, bounces and list mail proven by rules are never replies, even inside a thread.
        if verdict.notLead != nil { return .notLead(classification) }
        if !threadIDs.isEmpty, let lead = try store.findLead(byMessageIDs: threadIDs), let id = lead.id {
            return .reply(leadID: id, classification)
        }
        if let address = parsed.from.first?.address, let lead = try store.findLead(byAddress: address),
           let id = lead.id, try store.hasOurReply(leadID: id) {
            return .reply(leadID: id, classification)
        }
        // Outside a known thread, the model's own "not an inquiry" (spam, vendor pitches) stands.
        if verdict.kind == .notLead { return .notLead(classification) }
        let facts = verdict.facts
        return .inquiry(classification, LeadProfile(
            name: parsed.from.first?.name, company: facts.company, country: facts.country, language: facts.language))
    }

    /// Mail from our own account (a Sent folder, a copy to ourselves): the lead it answers, by thread or by
    /// recipient, gets an `our_reply` event (a salesperson took over); Leadline's own sent mail (its Message-ID is
    /// already on a lead's timeline) and mail to no known lead are kept without an event.
    func decideOurMail(parsed: ParsedMessage, threadIDs: [String], in store: IngestBatch) throws -> IngestOutcome {
        if let id = parsed.messageID, try store.findLead(byMessageIDs: [id]) != nil { return .ourMail(leadID: nil) }
        if !threadIDs.isEmpty, let lead = try store.findLead(byMessageIDs: threadIDs) { return .ourMail(leadID: lead.id) }
        for recipient in parsed.to + parsed.cc {
            if let lead = try store.findLead(byAddress: recipient.address) { return .ourMail(leadID: lead.id) }
        }
        return .ourMail(leadID: nil)
    }

    func count(_ outcome: IngestOutcome, result: IngestResult, kind: LeadKind, into summary: inout IngestSummary) {
        switch outcome {
        case .ourMail:
            summary.ourMail += 1
        case .notLead:
            summary.notLeads += 1
        case .reply:
            summary.replies += 1
            if let id = result.leadID { summary.touchedLeads.append(id) }
        case .inquiry:
            if result.createdLead {
                summary.newLeads += 1
                summary.byKind[kind, default: 0] += 1
                if let id = result.leadID { summary.touchedLeads.append(id) }
            } else {
                summary.repeatInquiries += 1
            }
        }
    }
}
