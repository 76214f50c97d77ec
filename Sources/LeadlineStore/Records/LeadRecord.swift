import Foundation
import GRDB
import LeadlineCore

/// Where a lead stands in the sales cycle.
public enum LeadStage: String, Sendable, Codable, CaseIterable, Hashable {
    /// An inquiry arrived; the buyer has not answered us yet.
    case prospect
    /// The buyer replied: a conversation is going on.
    case engaged
    /// The buyer placed a first order.
    case customer
    /// The buyer ordered again.
    case repeatCustomer = "repeat_customer"
    /// No activity for a long time; may come back.
    case dormant
    /// The deal is gone.
    case lost
}

/// Who set a lead's kind: the classifier, or a person whose correction the classifier must not overwrite.
public enum KindSource: String, Sendable, Codable, Hashable {
    case classifier
    case person
}

/// One buyer: a row of the `lead` table, unique by e-mail address (case-insensitive).
public struct LeadRecord: Sendable, Equatable, Codable, Identifiable {
    /// The row id, nil before insertion.
    public var id: Int64?
    /// The buyer's e-mail address, as first seen.
    public var address: String
    public var name: String?
    public var company: String?
    /// ISO 3166 country code or name, as the classifier reported it.
    public var country: String?
    /// BCP 47 language tag (`pl`, `pt-BR`), as the classifier reported it.
    public var language: String?
    public var kind: LeadKind
    public var kindSource: KindSource
    /// The classifier's confidence in `kind`, 0...1; 1 after a person's correction.
    public var confidence: Double
    /// The salesperson who owns the lead, if assigned.
    public var owner: String?
    public var stage: LeadStage
    public var industry: String?
    public var region: String?
    /// Estimated deal value in the team's currency, if known.
    public var value: Double?
    public var firstSeen: Date
    public var lastSeen: Date

    public init(
        id: Int64? = nil, address: String, name: String? = nil, company: String? = nil, country: String? = nil,
        language: String? = nil, kind: LeadKind, kindSource: KindSource = .classifier, confidence: Double,
        owner: String? = nil, stage: LeadStage = .prospect, industry: String? = nil, region: String? = nil,
        value: Double? = nil, firstSeen: Date, lastSeen: Date
    ) {
        self.id = id
        self.address = address
        self.name = name
        self.company = company
        self.country = country
        self.language = language
        self.kind = kind
        self.kindSource = kindSource
        self.confidence = confidence
        self.owner = owner
        self.stage = stage
        self.industry = industry
        self.region = region
        self.value = value
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

extension LeadRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "lead"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The table's columns, for requests.
    public enum Columns {
        public static let id = Column("id")
        public static let address = Column("address")
        public static let kind = Column("kind")
        public static let stage = Column("stage")
        public static let lastSeen = Column("last_seen")
    }

    /// Reads a `lead` row column by column (the scheduler reads one per due lead; decoding through `Codable` cost
    /// more than the query). Extra columns are ignored.
    /// - Throws: GRDB's error naming the column when a value does not convert (an unknown kind, say).
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), address: try row.decode(forColumn: "address"),
            name: try row.decode(forColumn: "name"), company: try row.decode(forColumn: "company"),
            country: try row.decode(forColumn: "country"), language: try row.decode(forColumn: "language"),
            kind: try row.decode(forColumn: "kind"), kindSource: try row.decode(forColumn: "kind_source"),
            confidence: try row.decode(forColumn: "confidence"), owner: try row.decode(forColumn: "owner"),
            stage: try row.decode(forColumn: "stage"), industry: try row.decode(forColumn: "industry"),
            region: try row.decode(forColumn: "region"), value: try row.decode(forColumn: "value"),
            firstSeen: try row.decode(forColumn: "first_seen"), lastSeen: try row.decode(forColumn: "last_seen"))
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension LeadKind: DatabaseValueConvertible {}
extension LeadStage: DatabaseValueConvertible {}
extension KindSource: DatabaseValueConvertible {}
