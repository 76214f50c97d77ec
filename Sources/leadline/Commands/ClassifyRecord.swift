import ArgumentParser
import Foundation
import LeadlineCore
import LeadlineMIME

/// File helpers shared by the classify commands (the only IO of classification).
enum ClassifierFiles {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    static func readMessage(_ path: String, parser: MIMEParser) throws -> ParsedMessage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "\(path): cannot read the file (missing or not readable)")
        }
        do { return try parser.parse(Array(data)) } catch {
            throw ReadError(description: "\(path): cannot parse the message: \(error)")
        }
    }

    static func loadModel(path: String?) throws -> LeadModel {
        do {
            guard let path else { return try LeadModel.bundled() }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LeadModelError(source: path, problem: "cannot read the model file (missing or not readable)")
            }
            return try LeadModel.decode(data, source: path)
        } catch {
            FileHandle.standardError.write(Data("leadline classify: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// One output line of `leadline classify`.
struct ClassifyRecord: Encodable {
    var file: String
    var kind: String?
    var confidence: Double?
    var reasons: [String]?
    var facts: InquiryFacts?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case file
        case kind = "class"
        case confidence, reasons, facts, error
    }

    init(file: String, result: LeadClassification) {
        self.file = file
        kind = result.kind.rawValue
        confidence = (result.confidence * 1000).rounded() / 1000
        reasons = result.reasons
        facts = result.facts
    }

    init(file: String, error: String) {
        self.file = file
        self.error = error
    }

    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        if let data = try? encoder.encode(self) { return String(decoding: data, as: UTF8.self) }
        return "{\"file\":\"\(file)\",\"error\":\"cannot encode the result\"}"
    }

    /// A short summary for a salesperson.
    func summary() -> String {
        if let error { return "\(file)\n  could not classify: \(error)\n" }
        let label: String
        switch kind {
        case "serious_buyer": label = "Serious buyer"
        case "price_comparer": label = "Price comparer"
        case "info_gatherer": label = "Information gatherer"
        default: label = "Not an inquiry (never answered automatically)"
        }
        var lines = ["\(file)", "  \(label), \(Int(((confidence ?? 0) * 100).rounded()))% sure"]
        for reason in reasons ?? [] { lines.append("  - \(reason)") }
        if let f = facts {
            var known: [String] = []
            if let company = f.company { known.append("company \(company)") }
            if let country = f.country { known.append("country \(country)") }
            if let language = f.language { known.append("language \(language)") }
            if !f.models.isEmpty { known.append("models \(f.models.joined(separator: ", "))") }
            if !f.quantities.isEmpty { known.append("quantities \(f.quantities.joined(separator: ", "))") }
            if !f.containers.isEmpty { known.append("containers \(f.containers.joined(separator: ", "))") }
            if !f.incoterms.isEmpty { known.append("terms \(f.incoterms.joined(separator: ", "))") }
            if !f.paymentTerms.isEmpty { known.append("payment \(f.paymentTerms.joined(separator: ", "))") }
            if let deadline = f.deadline { known.append("deadline \(deadline)") }
            if !f.phones.isEmpty { known.append("phone \(f.phones.joined(separator: ", "))") }
            if let whatsapp = f.whatsapp { known.append("WhatsApp \(whatsapp)") }
            if let website = f.website { known.append("website \(website)") }
            if !known.isEmpty { lines.append("  Facts: " + known.joined(separator: "; ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
