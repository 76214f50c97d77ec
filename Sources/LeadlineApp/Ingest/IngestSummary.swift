import LeadlineCore

/// What one ingest pass did to one mailbox: the counts the worker prints and logs.
public struct IngestSummary: Sendable, Equatable, CustomStringConvertible {
    /// `account/mailbox`.
    public var mailbox: String
    /// Messages listed as new by the source.
    public var listed = 0
    /// New leads created.
    public var newLeads = 0
    /// Inquiries from buyers already known (a lead updated, not created).
    public var repeatInquiries = 0
    /// Answers from known leads (threaded or from the same address after our reply).
    public var replies = 0
    /// Mail that is no inquiry (auto-replies, bounces, lists, spam): stored, never answered.
    public var notLeads = 0
    /// Mail from our own accounts (a Sent folder): a salesperson's answers, never leads.
    public var ourMail = 0
    /// Copies of messages already stored (same Message-ID or bytes, e.g. in another mailbox).
    public var duplicates = 0
    /// Messages kept with an error (see `leadline problems`).
    public var problems = 0
    /// Messages that disappeared between listing and fetching.
    public var vanished = 0
    /// Inquiries and new leads by kind.
    public var byKind: [LeadKind: Int] = [:]
    /// True when the server renumbered the mailbox (UIDVALIDITY changed) and it was read again.
    public var wasReset = false
    /// The ids of leads created or answered in this pass, in order: the follow-up work to do.
    public var touchedLeads: [Int64] = []

    public init(mailbox: String) {
        self.mailbox = mailbox
    }

    /// Messages stored in this pass, whatever they turned out to be.
    public var stored: Int { newLeads + repeatInquiries + replies + notLeads + ourMail + duplicates + problems }

    public var description: String {
        var parts = ["\(stored) new message\(stored == 1 ? "" : "s")"]
        if newLeads > 0 {
            let kinds = [LeadKind.seriousBuyer, .priceComparer, .infoGatherer]
                .compactMap { kind in byKind[kind].map { "\($0) \(kind.label)" } }
            parts.append("\(newLeads) new lead\(newLeads == 1 ? "" : "s") (\(kinds.joined(separator: ", ")))")
        }
        if repeatInquiries > 0 { parts.append("\(repeatInquiries) from known buyers") }
        if replies > 0 { parts.append("\(replies) repl\(replies == 1 ? "y" : "ies") from leads") }
        if notLeads > 0 { parts.append("\(notLeads) not inquiries") }
        if ourMail > 0 { parts.append("\(ourMail) sent by us") }
        if duplicates > 0 { parts.append("\(duplicates) duplicate\(duplicates == 1 ? "" : "s")") }
        if problems > 0 { parts.append("\(problems) problem\(problems == 1 ? "" : "s") (see `leadline problems`)") }
        if vanished > 0 { parts.append("\(vanished) vanished before fetching") }
        if wasReset { parts.append("mailbox renumbered by the server (UIDVALIDITY changed): re-read, nothing duplicated") }
        return "\(mailbox): " + parts.joined(separator: ", ")
    }
}

extension LeadKind {
    /// A short plural label for summaries: `serious buyers`.
    public var label: String {
        switch self {
        case .seriousBuyer: "serious"
        case .priceComparer: "price comparers"
        case .infoGatherer: "info gatherers"
        case .notLead: "not leads"
        }
    }
}
