/// When a step is due, counted from the previous step's send time (from enrolment for the first step).
public enum StepDelay: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// At once. For the first step (the acknowledgement) this ignores the send window: a buyer expects an answer
    /// now. A later step marked `immediately` still waits for the buyer's window.
    case immediately
    /// A number of clock hours, then the next window opening.
    case hours(Int)
    /// A number of the buyer's business days (weekends and holidays skipped), then the window.
    case businessDays(Int)

    /// Parses `"immediately"`, `"4 hours"`, `"1 hour"`, `"3 business days"`, `"1 business day"`; nil otherwise.
    public init?(parsing text: String) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words == ["immediately"] { self = .immediately; return }
        guard words.count >= 2, let count = Int(words[0]), count >= 0 else { return nil }
        switch Array(words.dropFirst()) {
        case ["hour"], ["hours"]: self = .hours(count)
        case ["business", "day"], ["business", "days"]: self = .businessDays(count)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .immediately: "immediately"
        case let .hours(n): n == 1 ? "1 hour" : "\(n) hours"
        case let .businessDays(n): n == 1 ? "1 business day" : "\(n) business days"
        }
    }
}

/// A condition a step needs to hold when it comes due; a step whose condition fails is skipped, not delayed.
public enum StepCondition: String, Sendable, Codable, CaseIterable, Equatable {
    /// The inquiry named at least one product.
    case productsKnown = "products_known"
    /// The inquiry named no product (ask what they need).
    case productsUnknown = "products_unknown"
    /// No quotation has been sent to this lead yet.
    case noQuoteSent = "no_quote_sent"
    /// A quotation has been sent (follow up on it).
    case quoteSent = "quote_sent"

    /// Whether the condition holds for these facts.
    public func holds(for facts: LeadFacts) -> Bool {
        switch self {
        case .productsKnown: facts.hasProducts
        case .productsUnknown: !facts.hasProducts
        case .noQuoteSent: !facts.quoteSent
        case .quoteSent: facts.quoteSent
        }
    }
}

/// What step conditions may look at, filled in by the caller from the lead record.
public struct LeadFacts: Sendable, Equatable {
    public var hasProducts: Bool
    public var quoteSent: Bool

    public init(hasProducts: Bool = false, quoteSent: Bool = false) {
        self.hasProducts = hasProducts
        self.quoteSent = quoteSent
    }
}

/// One step of a follow-up sequence.
public struct SequenceStep: Sendable, Equatable {
    /// The template folder under `Templates/`, e.g. `serious_buyer/1-acknowledge`.
    public var template: String
    public var delay: StepDelay
    public var condition: StepCondition?

    public init(template: String, delay: StepDelay, condition: StepCondition? = nil) {
        self.template = template
        self.delay = delay
        self.condition = condition
    }
}

/// A follow-up sequence for one kind of buyer: ordered steps and the send window they respect.
public struct SequenceDefinition: Sendable, Equatable {
    /// The sequence's name (its key in `Config/sequences.yml`), stored with each enrolment.
    public var name: String
    /// The kind of lead enrolled in it.
    public var kind: LeadKind
    public var steps: [SequenceStep]
    public var window: SendWindow

    public init(name: String, kind: LeadKind, steps: [SequenceStep], window: SendWindow = SendWindow()) {
        self.name = name
        self.kind = kind
        self.steps = steps
        self.window = window
    }
}
