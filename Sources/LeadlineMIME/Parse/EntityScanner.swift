#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reads the entity tree of a message from its bytes, line by line, with a stack of active boundaries: a line that
/// matches any ancestor's boundary ends the current part (as MimeKit and Python's feedparser do), so a child with a
/// broken or missing boundary never swallows its parent.
struct EntityScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: MIMEOptions
    let decoder = CharsetDecoder()
    var position = 0
    var boundaries: [[UInt8]] = []
    var diagnostics: [MIMEDiagnostic] = []
    /// Set when the last leaf ended at a boundary line (its final line break then belongs to the boundary).
    var deepest = 0

    init(bytes: UnsafeBufferPointer<UInt8>, options: MIMEOptions) {
        self.bytes = bytes
        self.options = options
    }

    // MARK: lines

    /// The end of the line starting at `start` (before its CR LF / LF) and the start of the next line.
    @inline(__always)
    func lineBounds(_ start: Int) -> (contentEnd: Int, next: Int) {
        let count = bytes.count
        guard start < count else { return (count, count) }
        let base = bytes.baseAddress! + start
        if let found = memchr(base, 0x0A, count - start) {
            let newline = start + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
            let contentEnd = newline > start && bytes[newline - 1] == 0x0D ? newline - 1 : newline
            return (contentEnd, newline + 1)
        }
        return (count, count)
    }

    /// If the line at `start` is a boundary line of an active boundary: which one (index in the stack) and whether
    /// it closes (`--boundary--`). Python's rule: `--boundary`, optional `--`, optional spaces/tabs, end of line.
    @inline(__always)
    func boundaryMatch(at start: Int, contentEnd: Int) -> (level: Int, close: Bool)? {
        guard !boundaries.isEmpty, contentEnd - start >= 2, bytes[start] == 0x2D, bytes[start + 1] == 0x2D else { return nil }
        // Outermost first: an ancestor's boundary wins over a child's identical one (as Python's feedparser).
        var level = 0
        while level < boundaries.count {
            let boundary = boundaries[level]
            let afterDashes = start + 2
            if contentEnd - afterDashes >= boundary.count,
               memcmp(bytes.baseAddress! + afterDashes, boundary, boundary.count) == 0 {
                var index = afterDashes + boundary.count
                var close = false
                if index + 1 < contentEnd + 1, index + 2 <= contentEnd, bytes[index] == 0x2D, bytes[index + 1] == 0x2D {
                    close = true
                    index += 2
                }
                while index < contentEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                if index == contentEnd { return (level, close) }
            }
            level += 1
        }
        return nil
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: headers

    struct RawHeader {
        var name: String
        var value: [UInt8]
    }

    /// Reads a header block at `position`; leaves `position` at the first body byte.
    mutating func readHeaders(path: String, isRoot: Bool) throws(MIMEError) -> [RawHeader] {
        var headers: [RawHeader] = []
        let blockStart = position
        var first = true
        while position < bytes.count {
            let (contentEnd, next) = lineBounds(position)
            if position - blockStart > options.maxHeaderBytes {
                throw MIMEError(code: .headerTooLarge, offset: blockStart, limit: options.maxHeaderBytes, actual: position - blockStart)
            }
            if boundaryMatch(at: position, contentEnd: contentEnd) != nil { return headers }
            if contentEnd == position || (contentEnd == position + 1 && bytes[position] == 0x0D) {
                position = next
                return headers
            }
            let lead = bytes[position]
            if lead == 0x20 || lead == 0x09 {
                if headers.isEmpty {
                    diagnostics.append(MIMEDiagnostic(kind: .continuationWithoutHeader, partPath: path,
                                                      detail: "header block starts with a continuation line (byte \(position)); ignored"))
                } else {
                    headers[headers.count - 1].value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position ..< contentEnd]))
                }
                position = next
                first = false
                continue
            }
            if contentEnd - position >= 5, lead == UInt8(ascii: "F"), bytes[position + 1] == UInt8(ascii: "r"),
               bytes[position + 2] == UInt8(ascii: "o"), bytes[position + 3] == UInt8(ascii: "m"), bytes[position + 4] == 0x20 {
                if !first || !isRoot {
                    diagnostics.append(MIMEDiagnostic(kind: .invalidHeaderLine, partPath: path,
                                                      detail: "misplaced mbox \"From \" line at byte \(position); ignored"))
                }
                position = next
                first = false
                continue
            }
            var colon = position
            while colon < contentEnd, bytes[colon] != UInt8(ascii: ":"), bytes[colon] > 0x20, bytes[colon] < 0x7F { colon += 1 }
            guard colon < contentEnd, bytes[colon] == UInt8(ascii: ":") else {
                diagnostics.append(MIMEDiagnostic(kind: .missingHeaderBodySeparator, partPath: path,
                                                  detail: "line at byte \(position) is not a header; the body starts there"))
                return headers
            }
            if colon == position {
                diagnostics.append(MIMEDiagnostic(kind: .invalidHeaderLine, partPath: path,
                                                  detail: "header line without a name at byte \(position); ignored"))
                position = next
                first = false
                continue
            }
            var valueStart = colon + 1
            while valueStart < contentEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            headers.append(RawHeader(name: text(position ..< colon),
                                     value: Array(UnsafeBufferPointer(rebasing: bytes[valueStart ..< contentEnd]))))
            position = next
            first = false
        }
        return headers
    }
}
