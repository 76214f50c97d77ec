import Foundation
@testable import LeadlineMIME

/// Where the tests find their inputs.
enum TestFiles {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared corpus of real-world messages (read in place, never copied), or nil when this clone lacks it.
    static var corpusDirectory: URL? {
        let url = packageRoot.appendingPathComponent("../shared/corpus/mime").standardizedFileURL
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The .eml files of the shared corpus, sorted; empty (with a printed reason) when it is absent.
    static func corpusMessages() -> [URL] {
        guard let directory = corpusDirectory else {
            print("skipping corpus walk: ../shared/corpus/mime is absent in this clone")
            return []
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The bytes of one of the project's own fixtures.
    static func fixture(_ name: String) throws -> [UInt8] {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureMissing(name: "Fixtures")
        }
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Parses one of the project's fixtures.
    static func parseFixture(_ name: String) throws -> ParsedMessage {
        try MIMEParser().parse(try fixture(name))
    }
}

struct FixtureMissing: Error { var name: String }

extension [UInt8] {
    /// The same message with every CRLF turned into LF.
    var withLFLineEndings: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count)
        for (index, byte) in enumerated() where !(byte == 0x0D && index + 1 < count && self[index + 1] == 0x0A) {
            output.append(byte)
        }
        return output
    }

    /// The same message with every lone LF turned into CRLF.
    var withCRLFLineEndings: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count + count / 20)
        for (index, byte) in enumerated() {
            if byte == 0x0A && (index == 0 || self[index - 1] != 0x0D) { output.append(0x0D) }
            output.append(byte)
        }
        return output
    }
}

extension String {
    /// Line endings normalised to LF.
    var lf: String { replacingOccurrences(of: "\r\n", with: "\n") }
}
