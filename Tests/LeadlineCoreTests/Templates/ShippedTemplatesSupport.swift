import Foundation
@testable import LeadlineCore

/// The package root, found from this file's path (Tests/LeadlineCoreTests/Templates/...).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Every file under the package's Templates/ folder, read from disk (IO stays in the tests and the app).
func loadShippedTemplates() throws -> [TemplateFile] {
    let root = packageRoot.appendingPathComponent("Templates")
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
    var files: [TemplateFile] = []
    for case let url as URL in walker where url.pathExtension == "mustache" {
        let relative = String(url.path.dropFirst(root.path.count + 1))
        files.append(TemplateFile(path: relative, text: try String(contentsOf: url, encoding: .utf8)))
    }
    return files
}

/// A buyer who said everything: name, company, two products with quantities.
let fullLead = TemplateValues(
    buyerName: "Chinedu Okafor", buyerCompany: "Okafor & Sons Ltd",
    products: [.init(name: "PVC pipes 110 mm", quantity: "2 x 40ft containers"), .init(name: "HDPE fittings")],
    askQuantity: false, askIncoterm: true, askPort: true,
    salespersonName: "Ana Kowalska", salespersonSignature: "Ana Kowalska\nExport Sales Manager\nPolimer Export Sp. z o.o.\n+48 22 123 45 67",
    ourCompany: "Polimer Export", unsubscribeURL: "https://leadline.example/u/abc123", inquirySubject: "RFQ: PVC pipes <urgent>")

/// A buyer who said almost nothing: no name, no company, no products.
let bareLead = TemplateValues(
    askQuantity: true, askIncoterm: true, askPort: true,
    salespersonName: "Ana Kowalska", salespersonSignature: "Ana Kowalska\nPolimer Export",
    ourCompany: "Polimer Export", unsubscribeURL: "https://leadline.example/u/def456")
