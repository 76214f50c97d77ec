#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the local sources and the outbox need, over the C library (this module stays free of
/// Foundation). Every failure is a `TransportError` with code `.localFile` and the path.
enum LocalFiles {
    /// An entry of a directory listing.
    struct Entry {
        var name: String
        var isDirectory: Bool
        var isFile: Bool
    }

    /// The entries of `directory`, without `.` and `..`.
    static func list(_ directory: String) throws -> [Entry] {
        guard let stream = opendir(directory) else { throw failure("cannot open folder", directory) }
        defer { closedir(stream) }
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            var isFile = Int32(entry.pointee.d_type) == Int32(DT_REG)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) || Int32(entry.pointee.d_type) == Int32(DT_LNK) {
                var info = stat()
                if stat(directory + "/" + name, &info) == 0 {
                    isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                    isFile = (info.st_mode & S_IFMT) == S_IFREG
                }
            }
            entries.append(Entry(name: name, isDirectory: isDirectory, isFile: isFile))
        }
        return entries
    }

    /// True when `path` is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The whole content of the file at `path`; nil when it does not exist (any more).
    static func read(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot open file", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot read file", path) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read file", path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0 ..< count])
        }
        return bytes
    }

    /// Writes `bytes` to `directory/name` atomically: a hidden temporary file in the same folder, flushed to disk,
    /// then renamed over the final name, so readers never see a partial file. Fails if the name is taken.
    static func writeAtomically(_ bytes: [UInt8], directory: String, name: String) throws -> String {
        let path = directory + "/" + name
        let temporary = directory + "/.tmp-\(getpid())-\(UInt64.random(in: 0 ... .max))-" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create file", temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure("cannot write file", temporary)
                close(fd)
                unlink(temporary)
                throw error
            }
            written += count
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let error = failure("cannot write file", temporary)
            unlink(temporary)
            throw error
        }
        // link() refuses an existing name, unlike rename(): a name is never silently overwritten.
        if link(temporary, path) != 0 {
            let error = failure("cannot create file", path)
            unlink(temporary)
            throw error
        }
        unlink(temporary)
        return path
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw failure("cannot create folder", current) }
        }
    }

    static func failure(_ what: String, _ path: String) -> TransportError {
        let reason = String(cString: strerror(errno))
        let temporary = errno == EAGAIN || errno == EINTR || errno == ENOSPC || errno == EMFILE || errno == ENFILE
        return TransportError(.localFile, isTemporary: temporary, path: path, detail: "\(what): \(reason)")
    }
}
