import Foundation

/// The `replies:` section: where templates and sequences live and how mail is signed.
///
/// ```yaml
/// replies:
///   templates: ../Templates          # one folder per sequence step
///   sequences: sequences.yml         # Config/sequences.yml
///   company: Supplier Co., Ltd.      # {{our_company}}
///   salesperson: Anna Kowalska       # {{salesperson_name}}; default: the account's display name
///   signature: |                     # {{salesperson_signature}}; default: the account's display name and company
///     Anna Kowalska, Export Sales
///   auto_reply_interval_days: 7      # no second automatic reply to one address within this many days
///   acknowledge_max_age_days: 14     # older inquiries (by their Date) are left to a person; 0: no limit
/// ```
public struct RepliesConfiguration: Sendable, Equatable {
    /// The templates folder (absolute).
    public var templates: String
    /// The sequences file (absolute).
    public var sequences: String
    /// Our company's name, for `{{our_company}}`.
    public var company: String
    /// The salesperson's name, for `{{salesperson_name}}`; nil: the account's display name.
    public var salesperson: String?
    /// The signature, for `{{salesperson_signature}}`; nil: built from the account's display name and the company.
    public var signature: String?
    /// No second automatic reply to one address within this many days (RFC 3834; default 7).
    public var autoReplyIntervalDays: Int
    /// Inquiries older than this (by their `Date`) get no automatic answer, so a first pass over an old mailbox
    /// does not write to last year's buyers (default 14; 0: no limit).
    public var acknowledgeMaxAgeDays: Int

    public init(templates: String, sequences: String, company: String, salesperson: String? = nil,
                signature: String? = nil, autoReplyIntervalDays: Int = 7, acknowledgeMaxAgeDays: Int = 14) {
        self.acknowledgeMaxAgeDays = acknowledgeMaxAgeDays
        self.salesperson = salesperson
        self.templates = templates
        self.sequences = sequences
        self.company = company
        self.signature = signature
        self.autoReplyIntervalDays = autoReplyIntervalDays
    }

    static func parse(_ reader: YAMLNodeReader, paths: PathResolver) throws -> RepliesConfiguration {
        let keys = try reader.mapping(allowed: ["templates", "sequences", "company", "salesperson", "signature", "auto_reply_interval_days",
                                             "acknowledge_max_age_days"])
        func required(_ key: String, _ example: String) throws -> String {
            guard let entry = keys[key] else {
                throw reader.error("the key \(key) is missing (like \(key): \(example))", key: reader.childPath(key))
            }
            return try reader.child(key, entry).string()
        }
        func days(_ key: String, _ fallback: Int) throws -> Int {
            guard let entry = keys[key] else { return fallback }
            let child = reader.child(key, entry)
            guard let value = Int(try child.string()), (0 ... 3650).contains(value) else {
                throw child.error("expected a number of days between 0 and 3650")
            }
            return value
        }
        return RepliesConfiguration(
            templates: paths.resolve(try required("templates", "../Templates")),
            sequences: paths.resolve(try required("sequences", "sequences.yml")),
            company: try required("company", "Supplier Co., Ltd."),
            salesperson: try keys["salesperson"].map { try reader.child("salesperson", $0).string() },
            signature: try keys["signature"].map { try reader.child("signature", $0).string() },
            autoReplyIntervalDays: try days("auto_reply_interval_days", 7),
            acknowledgeMaxAgeDays: try days("acknowledge_max_age_days", 14))
    }
}
