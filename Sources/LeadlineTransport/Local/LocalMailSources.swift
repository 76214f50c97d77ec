import Foundation

/// Constants of the local sources.
public enum LocalMailDefaults {
    /// The validity of every local source's keys: file names do not get renumbered, so it never changes.
    public static let validity: UInt32 = 1
}

/// A Maildir (as kept by mbsync, offlineimap, Dovecot or Postfix) as a `MailSource`: the messages in `new/` and
/// `cur/`; `tmp/` holds deliveries in progress and is ignored.
///
/// A message's key is its unique name, the part of the file name before the `:2,` flags, so it keeps its key when a
/// mail client moves it from `new/` to `cur/` or changes its flags. The source only reads: flags are never changed.
public struct MaildirSource: MailSource {
    /// The Maildir's folder (the one holding `cur/`, `new/` and `tmp/`).
    public let path: String
    /// The last scan's paths, so that fetching a long listing in chunks does not list the folders again per chunk.
    private let lastScan = ScanCache()

    public init(path: String) {
        self.path = path
    }

    public var sourceDescription: String { "maildir:\(path)" }
    public var usesKnownKeys: Bool { true }

    /// The unique name of a Maildir file name: everything before the info separator (`:2,S` or `!2,S`).
    static func uniqueName(_ fileName: String) -> String {
        // On the bytes: the separators are ASCII, so each match is a Character boundary.
        let utf8 = fileName.utf8
        if let colon = utf8.firstIndex(of: 0x3A) { return String(fileName[..<colon]) }
        if let bang = utf8.firstRange(of: "!2,".utf8) { return String(fileName[..<bang.lowerBound]) }
        return fileName
    }

    /// Every message's unique name and current path.
    func scan() throws -> [String: String] {
        guard LocalFiles.isDirectory(path + "/cur") || LocalFiles.isDirectory(path + "/new") else {
            throw TransportError(
                .localFile, isTemporary: false, path: path, detail: "not a Maildir: no cur/ or new/ folder")
        }
        var paths: [String: String] = [:]
        for folder in ["new", "cur"] where LocalFiles.isDirectory(path + "/" + folder) {
            for entry in try LocalFiles.list(path + "/" + folder) where entry.isFile && !entry.name.hasPrefix(".") {
                paths[Self.uniqueName(entry.name)] = "\(path)/\(folder)/\(entry.name)"
            }
        }
        lastScan.paths = paths
        return paths
    }

    public func listNew(since checkpoint: SourceCheckpoint) async throws -> SourceListing {
        let known = checkpoint.validity == LocalMailDefaults.validity ? checkpoint.knownKeys : []
        let keys = try scan().keys.filter { !known.contains($0) }.sorted()
        return SourceListing(
            validity: LocalMailDefaults.validity,
            validityChanged: checkpoint.validity != nil && checkpoint.validity != LocalMailDefaults.validity,
            keys: keys.map { MessageKey(validity: LocalMailDefaults.validity, id: $0) })
    }

    public func fetch(_ keys: [MessageKey], handler: (SourceMessage) async throws -> Void) async throws -> [MessageKey] {
        var paths = try lastScan.paths ?? scan()
        var missing: [MessageKey] = []
        for key in keys {
            // A mail client may have moved the file (new/ -> cur/, new flags) since the scan: rescan once.
            var bytes = try paths[key.id].flatMap { try LocalFiles.read($0) }
            if bytes == nil {
                paths = try scan()
                bytes = try paths[key.id].flatMap { try LocalFiles.read($0) }
            }
            guard let bytes else {
                missing.append(key)
                continue
            }
            try await handler(SourceMessage(key: key, bytes: bytes))
        }
        return missing
    }
}

/// A folder of `.eml` files (one message each, e.g. the sample inbox under `Config/`) as a `MailSource`.
///
/// Subfolders are read too; hidden files and folders (names starting with `.`) are not. A message's key is its path
/// relative to the folder (`2026/inquiry-17.eml`). The source only reads.
public struct EMLFolderSource: MailSource {
    /// The folder.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var sourceDescription: String { "eml-folder:\(path)" }
    public var usesKnownKeys: Bool { true }

    /// The relative paths of every `.eml` file under the folder.
    func scan() throws -> [String] {
        guard LocalFiles.isDirectory(path) else {
            throw TransportError(.localFile, isTemporary: false, path: path, detail: "the folder does not exist")
        }
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            for entry in try LocalFiles.list(relative.isEmpty ? path : path + "/" + relative) {
                if entry.name.hasPrefix(".") { continue }
                let name = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.isDirectory {
                    pending.append(name)
                } else if entry.isFile && entry.name.lowercased().hasSuffix(".eml") {
                    found.append(name)
                }
            }
        }
        return found
    }

    public func listNew(since checkpoint: SourceCheckpoint) async throws -> SourceListing {
        let known = checkpoint.validity == LocalMailDefaults.validity ? checkpoint.knownKeys : []
        let keys = try scan().filter { !known.contains($0) }.sorted()
        return SourceListing(
            validity: LocalMailDefaults.validity,
            validityChanged: checkpoint.validity != nil && checkpoint.validity != LocalMailDefaults.validity,
            keys: keys.map { MessageKey(validity: LocalMailDefaults.validity, id: $0) })
    }

    public func fetch(_ keys: [MessageKey], handler: (SourceMessage) async throws -> Void) async throws -> [MessageKey] {
        var missing: [MessageKey] = []
        for key in keys {
            guard !key.id.split(separator: "/").contains(".."), let bytes = try LocalFiles.read(path + "/" + key.id)
            else {
                missing.append(key)
                continue
            }
            try await handler(SourceMessage(key: key, bytes: bytes))
        }
        return missing
    }
}

/// Opens a local folder as a `MailSource`: a Maildir when it has `cur/` or `new/`, else a folder of `.eml` files.
public func localMailSource(path: String) -> any MailSource {
    if LocalFiles.isDirectory(path + "/cur") || LocalFiles.isDirectory(path + "/new") {
        return MaildirSource(path: path)
    }
    return EMLFolderSource(path: path)
}

/// A Maildir scan kept between calls (``MaildirSource`` is a value shared across tasks, hence the lock).
private final class ScanCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: String]?

    var paths: [String: String]? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
