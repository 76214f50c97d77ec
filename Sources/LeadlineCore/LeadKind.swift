/// What kind of sender wrote an inquiry.
///
/// The three buyer kinds drive which follow-up sequence a lead gets; `notLead` marks mail that is no inquiry at all
/// (auto-replies, bounces, lists, spam), which Leadline must never answer.
public enum LeadKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Intends to buy soon: exact products, quantities, Incoterms, payment terms, deadlines.
    case seriousBuyer = "serious_buyer"
    /// Mainly after the price: lowest price, price lists, competitors' quotes.
    case priceComparer = "price_comparer"
    /// Collecting information for later: catalogues, company profile, future projects.
    case infoGatherer = "info_gatherer"
    /// Not an inquiry: auto-reply, bounce, mailing list, spam.
    case notLead = "not_lead"
}
