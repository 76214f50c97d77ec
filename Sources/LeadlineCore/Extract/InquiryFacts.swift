/// The facts of one inquiry, for the digest, the templates and the salesperson's first look.
///
/// Every field is what the message itself shows; nothing is guessed beyond the stated evidence (a country comes
/// with the evidence it was taken from).
public struct InquiryFacts: Sendable, Equatable, Codable {
    /// Model, part or article numbers as written (`XJ-200`, `6204-2RS`).
    public var models: [String] = []
    /// What the subject line says the inquiry is about, without `Re:`/`Fwd:` prefixes.
    public var topic: String?
    /// Quantities with their units (`8 000 szt.` as `8000 szt`, `2,400 sets`, `20 MT`).
    public var quantities: [String] = []
    /// Containers (`2x40HQ`, `1x20GP`, `40HC`).
    public var containers: [String] = []
    /// Incoterms with their place (`CIF Apapa`, `FOB Ningbo`).
    public var incoterms: [String] = []
    /// Destination port or place, from a C- or D-term or a "ship to" phrase.
    public var destination: String?
    /// Payment terms (`T/T`, `L/C at sight`, `30% deposit`, `30/70`).
    public var paymentTerms: [String] = []
    /// Certificates or documents the buyer names (`SONCAP`, `CE`, `Form M`).
    public var certificates: [String] = []
    /// The deadline phrase as written (`before end of October`).
    public var deadline: String?
    /// The sender's company, from the signature.
    public var company: String?
    /// Phone numbers as written, international form when given.
    public var phones: [String] = []
    /// The WhatsApp number, when the message names one.
    public var whatsapp: String?
    /// A website the sender gives.
    public var website: String?
    /// The sender's e-mail domain.
    public var senderDomain: String?
    /// ISO 639-1 code of the language of the new text (`pl`, `zh`).
    public var language: String?
    /// The buyer's likely country, in English.
    public var country: String?
    /// Where `country` comes from (`phone prefix +234`, `signature: Lagos`, `domain .pl`).
    public var countryEvidence: String?

    /// The UTC offset of the sender's own `Date` header, in minutes (`+0100` is 60): the buyer's clock when nothing
    /// better (country, phone prefix) gives their time zone. Nil when absent or `-0000`.
    public var utcOffsetMinutes: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case models, topic, quantities, containers, incoterms, destination
        case paymentTerms = "payment_terms"
        case certificates, deadline, company, phones, whatsapp, website
        case senderDomain = "sender_domain"
        case language, country
        case countryEvidence = "country_evidence"
        case utcOffsetMinutes = "utc_offset_minutes"
    }
}

extension InquiryFacts {
    /// The facts as a JSON object with sorted keys: the same text as `JSONEncoder` with
    /// `[.sortedKeys, .withoutEscapingSlashes]` gives, written directly (ingest stores it for every message).
    public var jsonText: String {
        var object = JSONObjectWriter()
        object.add("certificates", certificates)
        object.add("company", company)
        object.add("containers", containers)
        object.add("country", country)
        object.add("country_evidence", countryEvidence)
        object.add("deadline", deadline)
        object.add("destination", destination)
        object.add("incoterms", incoterms)
        object.add("language", language)
        object.add("models", models)
        object.add("payment_terms", paymentTerms)
        object.add("phones", phones)
        object.add("quantities", quantities)
        object.add("sender_domain", senderDomain)
        object.add("topic", topic)
        object.add("utc_offset_minutes", utcOffsetMinutes)
        object.add("website", website)
        object.add("whatsapp", whatsapp)
        return object.text
    }
}

extension InquiryFacts {
    /// Reads facts stored as ``jsonText`` (or by `JSONEncoder`). Lists that are absent read as empty; members of the
    /// wrong kind are left out, as absent ones are.
    /// - Throws: ``JSONValue/ParseError`` when the text is not JSON, or is not an object.
    public init(jsonText: String) throws(JSONValue.ParseError) {
        let json = try JSONValue(parsing: jsonText)
        guard json.members != nil else { throw JSONValue.ParseError(offset: 0, reason: "the facts are not an object") }
        self.init()
        models = json["models"]?.strings ?? []
        topic = json["topic"]?.string
        quantities = json["quantities"]?.strings ?? []
        containers = json["containers"]?.strings ?? []
        incoterms = json["incoterms"]?.strings ?? []
        destination = json["destination"]?.string
        paymentTerms = json["payment_terms"]?.strings ?? []
        certificates = json["certificates"]?.strings ?? []
        deadline = json["deadline"]?.string
        company = json["company"]?.string
        phones = json["phones"]?.strings ?? []
        whatsapp = json["whatsapp"]?.string
        website = json["website"]?.string
        senderDomain = json["sender_domain"]?.string
        language = json["language"]?.string
        country = json["country"]?.string
        countryEvidence = json["country_evidence"]?.string
        utcOffsetMinutes = json["utc_offset_minutes"]?.int
    }
}
