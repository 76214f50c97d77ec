import Foundation
import LeadlineTesting
import Testing
@testable import LeadlineTransport

/// A fresh temporary folder, removed by `defer { remove(folder) }`.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "leadline-transport-\(UInt64.random(in: 0 ... .max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

func writeFile(_ path: String, _ text: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

@Suite("Local Maildir and .eml folder sources")
struct LocalMailTests {
    @Test("a Maildir lists new/ and cur/ by unique name, skips tmp/, and filters known keys")
    func maildirListing() async throws {
        let root = try temporaryFolder()
        defer { remove(root) }
        try writeFile("\(root)/new/1700000001.M1P1.host", "Subject: one\r\n\r\n1\r\n")
        try writeFile("\(root)/cur/1700000000.M2P2.host:2,S", "Subject: zero\r\n\r\n0\r\n")
        try writeFile("\(root)/tmp/1700000002.M3P3.host", "partial")
        try writeFile("\(root)/cur/.hidden", "x")
        let source = localMailSource(path: root)
        #expect(source is MaildirSource)
        let all = try await source.listNew(since: .start)
        #expect(all.keys.map(\.id) == ["1700000000.M2P2.host", "1700000001.M1P1.host"])
        #expect(all.validity == LocalMailDefaults.validity)
        #expect(!all.validityChanged)

        let checkpoint = SourceCheckpoint(validity: all.validity, knownKeys: ["1700000000.M2P2.host"])
        #expect(try await source.listNew(since: checkpoint).keys.map(\.id) == ["1700000001.M1P1.host"])
    }

    @Test("a Maildir message keeps its key and is still fetched after a mail client moves it to cur/")
    func maildirMoveKeepsKey() async throws {
        let root = try temporaryFolder()
        defer { remove(root) }
        let text = "Subject: moved\r\n\r\nbody\r\n"
        try writeFile("\(root)/new/1700000005.M9P9.host", text)
        try FileManager.default.createDirectory(atPath: "\(root)/cur", withIntermediateDirectories: true)
        let source = MaildirSource(path: root)
        let listing = try await source.listNew(since: .start)
        try FileManager.default.moveItem(atPath: "\(root)/new/1700000005.M9P9.host", toPath: "\(root)/cur/1700000005.M9P9.host:2,RS")
        var fetched: [SourceMessage] = []
        let missing = try await source.fetch(listing.keys) { fetched.append($0) }
        #expect(missing.isEmpty)
        #expect(fetched.map(\.bytes) == [Array(text.utf8)])
        let after = try await source.listNew(since: SourceCheckpoint(validity: 1, knownKeys: ["1700000005.M9P9.host"]))
        #expect(after.keys.isEmpty)
    }

    @Test("a deleted message is reported missing, not fetched")
    func maildirDeletedIsMissing() async throws {
        let root = try temporaryFolder()
        defer { remove(root) }
        try writeFile("\(root)/new/a", "A\r\n")
        try writeFile("\(root)/new/b", "B\r\n")
        let source = MaildirSource(path: root)
        let listing = try await source.listNew(since: .start)
        try FileManager.default.removeItem(atPath: "\(root)/new/a")
        var fetched: [String] = []
        let missing = try await source.fetch(listing.keys) { fetched.append($0.key.id) }
        #expect(missing.map(\.id) == ["a"])
        #expect(fetched == ["b"])
    }

    @Test("an .eml folder lists .eml files in subfolders by relative path and returns their exact bytes")
    func emlFolder() async throws {
        let root = try temporaryFolder()
        defer { remove(root) }
        let bytes = "Subject: =?utf-8?q?Zapytanie?=\r\n\r\nCena?\r\n"
        try writeFile("\(root)/b.eml", bytes)
        try writeFile("\(root)/2026/a.EML", "Subject: a\r\n\r\na\r\n")
        try writeFile("\(root)/notes.txt", "not mail")
        try writeFile("\(root)/.trash/c.eml", "hidden")
        let source = localMailSource(path: root)
        #expect(source is EMLFolderSource)
        let listing = try await source.listNew(since: .start)
        #expect(listing.keys.map(\.id) == ["2026/a.EML", "b.eml"])
        var fetched: [String: [UInt8]] = [:]
        _ = try await source.fetch(listing.keys) { fetched[$0.key.id] = $0.bytes }
        #expect(fetched["b.eml"] == Array(bytes.utf8))
        let next = try await source.listNew(since: SourceCheckpoint(validity: 1, knownKeys: ["2026/a.EML", "b.eml"]))
        #expect(next.keys.isEmpty)
    }

    @Test("a missing folder gives a local file error naming the folder")
    func missingFolder() async throws {
        let source = EMLFolderSource(path: "/nonexistent/leadline/inbox")
        let error = try await #require(throws: TransportError.self) { try await source.listNew(since: .start) }
        #expect(error.code == .localFile)
        #expect(error.path == "/nonexistent/leadline/inbox")
        #expect(error.description.contains("/nonexistent/leadline/inbox"))
    }
}

@Suite("File outbox")
struct FileOutboxTests {
    @Test("each message becomes one .eml file with its exact bytes, and no temporary file is left")
    func writesFiles() async throws {
        let root = try temporaryFolder()
        defer { remove(root) }
        let outbox = FileOutbox(directory: root + "/outbox")
        let first = OutgoingMail(sender: "ana@firma.pl", recipients: ["buyer@example.ng"], data: Array("Subject: 1\r\n\r\n.one\r\n".utf8))
        let second = OutgoingMail(sender: "ana@firma.pl", recipients: ["b@example.ng", "c@example.ng"], data: Array("Subject: 2\r\n\r\ntwo\r\n".utf8))
        let path = try outbox.write(first)
        let delivery = try await outbox.deliver(second)
        #expect(delivery.accepted == ["b@example.ng", "c@example.ng"])
        #expect(delivery.refused.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/outbox").sorted()
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasSuffix(".eml") && !$0.hasPrefix(".") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(first.data))
        // What the outbox writes, the .eml source reads back unchanged.
        let listing = try await EMLFolderSource(path: root + "/outbox").listNew(since: .start)
        #expect(listing.keys.count == 2)
    }

    @Test("an outbox folder that cannot be created gives a local file error")
    func unwritableFolder() throws {
        let outbox = FileOutbox(directory: "/proc/leadline-outbox")
        let error = #expect(throws: TransportError.self) {
            try outbox.write(OutgoingMail(sender: "a@b.c", recipients: ["d@e.f"], data: [65]))
        }
        #expect(error?.code == .localFile)
    }
}
