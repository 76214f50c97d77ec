/// The values a template can use, filled from the lead, the inquiry and the salesperson.
///
/// Variables, as templates name them:
/// - `buyer_name`, `buyer_company`: may be empty; guard them (`{{#buyer_name}}Dear {{buyer_name}},{{/buyer_name}}`).
/// - `products`: a list; inside `{{#products}}...{{/products}}` each item has `name` and `quantity` (may be empty).
///   `{{^products}}...{{/products}}` renders when none was named. `product_list`: the names joined ("PVC pipes,
///   HDPE fittings"), for a subject.
/// - `ask_quantity`, `ask_incoterm`, `ask_port`: true when the inquiry did not say it; `has_questions` when any is.
/// - `salesperson_name`, `salesperson_signature` (several lines), `our_company`: always required.
/// - `unsubscribe_url`: the one-click link; required in follow-ups.
/// - `inquiry_subject`: the buyer's subject line; `reply_subject`: the same with one `Re: ` in front (none added when
///   it already starts with `Re:`, `RE:`, `AW:`, `Odp:`, `RES:`, `R:`, `SV:`, `Ynt:`, `回复:` or `Ответ:`).
public struct TemplateValues: Sendable, Equatable {
    /// One product line of the inquiry.
    public struct Product: Sendable, Equatable {
        public var name: String
        /// As the buyer wrote it ("2 x 40ft containers", "5,000 pcs"), or nil.
        public var quantity: String?

        public init(name: String, quantity: String? = nil) {
            self.name = name
            self.quantity = quantity
        }
    }

    public var buyerName: String?
    public var buyerCompany: String?
    public var products: [Product]
    public var askQuantity: Bool
    public var askIncoterm: Bool
    public var askPort: Bool
    public var salespersonName: String
    public var salespersonSignature: String
    public var ourCompany: String
    public var unsubscribeURL: String?
    public var inquirySubject: String?

    public init(
        buyerName: String? = nil, buyerCompany: String? = nil, products: [Product] = [],
        askQuantity: Bool = false, askIncoterm: Bool = false, askPort: Bool = false,
        salespersonName: String, salespersonSignature: String, ourCompany: String,
        unsubscribeURL: String? = nil, inquirySubject: String? = nil
    ) {
        self.buyerName = buyerName
        self.buyerCompany = buyerCompany
        self.products = products
        self.askQuantity = askQuantity
        self.askIncoterm = askIncoterm
        self.askPort = askPort
        self.salespersonName = salespersonName
        self.salespersonSignature = salespersonSignature
        self.ourCompany = ourCompany
        self.unsubscribeURL = unsubscribeURL
        self.inquirySubject = inquirySubject
    }

    /// Every top-level variable name a template may use.
    public static let topLevelNames: Set<String> = [
        "buyer_name", "buyer_company", "products", "product_list", "ask_quantity", "ask_incoterm", "ask_port",
        "has_questions", "salesperson_name", "salesperson_signature", "our_company", "unsubscribe_url", "inquiry_subject",
        "reply_subject",
    ]
    /// Variables that carry content (a language variant dropping one loses information; lint warns).
    public static let contentNames: Set<String> = [
        "products", "product_list", "ask_quantity", "ask_incoterm", "ask_port", "has_questions",
        "salesperson_signature", "unsubscribe_url",
    ]
    /// Names visible inside `{{#products}}`.
    public static let productItemNames: Set<String> = ["name", "quantity"]

    /// The Mustache context. Empty strings become absent, so `{{#buyer_name}}` guards work.
    public var context: [String: Any] {
        var values: [String: Any] = [
            "salesperson_name": salespersonName, "salesperson_signature": salespersonSignature, "our_company": ourCompany,
            "ask_quantity": askQuantity, "ask_incoterm": askIncoterm, "ask_port": askPort,
            "has_questions": askQuantity || askIncoterm || askPort,
        ]
        func put(_ key: String, _ value: String?) {
            if let value = value?.trimmedForTemplate, !value.isEmpty { values[key] = value }
        }
        put("buyer_name", buyerName)
        // Templates end sentences after the company ("... firmy {{buyer_company}}."): a name that ends with its own
        // full stop ("Sp. z o.o.", "Co., Ltd.") lends it to the sentence instead of doubling it.
        put("buyer_company", buyerCompany.map { $0.trimmedForTemplate.hasSuffix(".") ? String($0.trimmedForTemplate.dropLast()) : $0 })
        put("unsubscribe_url", unsubscribeURL)
        put("inquiry_subject", inquirySubject)
        put("reply_subject", inquirySubject.map(TemplateValues.replySubject))
        let items = products.filter { !$0.name.trimmedForTemplate.isEmpty }
        if !items.isEmpty {
            values["products"] = items.map { product -> [String: Any] in
                var item: [String: Any] = ["name": product.name]
                if let quantity = product.quantity?.trimmedForTemplate, !quantity.isEmpty { item["quantity"] = quantity }
                return item
            }
            values["product_list"] = items.map(\.name).joined(separator: ", ")
        }
        return values
    }

    /// `subject` with one reply prefix: unchanged when it already has one.
    public static func replySubject(_ subject: String) -> String {
        let trimmed = subject.trimmedForTemplate
        let lower = trimmed.lowercased()
        let prefixes = ["re:", "aw:", "odp:", "res:", "r:", "sv:", "ynt:", "回复:", "回复：", "答复:", "ответ:", "re :"]
        return prefixes.contains(where: { lower.hasPrefix($0) }) ? trimmed : "Re: " + trimmed
    }

    /// True when `name` has a non-empty value in `context` (used for the missing-variable check).
    static func hasValue(_ name: String, in context: [String: Any]) -> Bool {
        switch context[name] {
        case nil: false
        case let text as String: !text.isEmpty
        case let list as [Any]: !list.isEmpty
        default: true
        }
    }
}
