/// All cues Leadline reads, in every supported language, behind one `PhraseMatcher`.
///
/// Buyer cues (`serious`, `price`, `info`) become features of the learned model and the reasons shown to the
/// salesperson; not-lead cues (`autoReply`, `bounce`, `bulk`, `spam`) also feed the rules.
public struct CueLexicon: Sendable {
    /// The matcher over every cue.
    public let matcher: PhraseMatcher
    /// Index of the out-of-office cue in `matcher.cues`.
    let awayIndex: Int
    /// Index of the bounce-text cue in `matcher.cues`.
    let bounceIndex: Int

    /// Cues of a buyer asking for something; an auto-reply text verdict without a telling subject needs none of them
    /// in the new text.
    static let buyerRequestCueIDs: Set<String> = [
        "order.place", "proforma", "price.lowest", "price.list.all", "catalogue", "price.ask", "samples.approved",
    ]

    /// Cues that show a message is no inquiry (spam, phishing, lists, auto-replies, bounces).
    static let notLeadCueIDs: Set<String> = Set((autoReply + bounce + bulk + spam).map(\.id))

    /// The built-in lexicon.
    public init() {
        let all = Self.serious + Self.price + Self.info + Self.autoReply + Self.bounce + Self.bulk + Self.spam
        matcher = PhraseMatcher(cues: all)
        awayIndex = all.firstIndex { $0.id == "auto.away" } ?? 0
        bounceIndex = all.firstIndex { $0.id == "bounce.text" } ?? 0
    }
}
