/// A parsed JSON value (RFC 8259), for the few stored shapes read once per lead on the scheduler's hot path (a
/// sequence state, an inquiry's facts), where a `JSONDecoder` per lead cost more than the rest of reading it.
/// Numbers keep their text, so a 64-bit seed or a date reads back exactly; object members keep their order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// Parses `text` as one JSON value (surrounding white space allowed).
    /// - Throws: ``JSONValue/ParseError`` with the byte offset of the first thing that is not JSON.
    public init(parsing text: String) throws(ParseError) {
        var text = text
        let result: Result<JSONValue, ParseError> = text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            do {
                parser.skipSpace()
                let value = try parser.value(depth: 0)
                parser.skipSpace()
                guard parser.index == bytes.count else { throw parser.error("text after the value") }
                return .success(value)
            } catch let error as ParseError {
                return .failure(error)
            } catch {
                return .failure(ParseError(offset: 0, reason: "\(error)"))
            }
        }
        self = try result.get()
    }

    /// Why a text is not JSON, and where (byte offset from the start).
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "not JSON at byte \(offset): \(reason)" }
    }

    // MARK: Reading members

    /// The member `key` of an object (nil when absent, `null`, or when this is not an object).
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        for member in members where member.key == key {
            if case .null = member.value { return nil }
            return member.value
        }
        return nil
    }

    public var string: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// A whole number within `Int`'s range.
    public var int: Int? {
        if case let .number(text) = self { return Int(text) }
        return nil
    }

    /// A whole number within `UInt64`'s range.
    public var uint64: UInt64? {
        if case let .number(text) = self { return UInt64(text) }
        return nil
    }

    public var double: Double? {
        if case let .number(text) = self { return Double(text) }
        return nil
    }

    /// An array whose every element is a string (nil otherwise).
    public var strings: [String]? {
        guard case let .array(items) = self else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case let .string(text) = item else { return nil }
            out.append(text)
        }
        return out
    }

    /// The members of an object, in the order written.
    public var members: [(key: String, value: JSONValue)]? {
        if case let .object(members) = self { return members }
        return nil
    }
}

extension JSONValue {
    /// A recursive-descent reader over UTF-8 bytes.
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// Deeper nesting is refused rather than followed (no stored shape nests more than three levels).
        static let maximumDepth = 64

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func error(_ reason: String) -> ParseError { ParseError(offset: index, reason: reason) }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONValue {
            guard depth < Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels") }
            guard index < bytes.count else { throw error("the text ends where a value should be") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number(try number())
            default: throw error("unexpected character")
            }
        }

        mutating func literal(_ word: StaticString) throws(ParseError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("unexpected end of text") }
            for offset in 0 ..< count where bytes[index + offset] != word.utf8Start[offset] {
                throw error("unexpected character")
            }
            index += count
        }

        mutating func object(depth: Int) throws(ParseError) -> JSONValue {
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard index < bytes.count else { throw error("the object is not closed") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                index += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(ParseError) -> JSONValue {
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw error("the array is not closed") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                index += 1
                return .array(items)
            }
        }

        mutating func number() throws(ParseError) -> String {
            let start = index
            func digits(_ parser: inout Parser) -> Int {
                let from = parser.index
                while parser.index < parser.bytes.count, (0x30 ... 0x39).contains(parser.bytes[parser.index]) { parser.index += 1 }
                return parser.index - from
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (0x30 ... 0x39).contains(bytes[index]) else { throw error("a number needs digits") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                _ = digits(&self)
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits(&self) > 0 else { throw error("a number needs digits after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits(&self) > 0 else { throw error("a number needs digits in its exponent") }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)
        }

        mutating func string() throws(ParseError) -> String {
            index += 1
            let start = index
            // Most strings have no escape: one copy of their bytes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw error("a control character inside a string") }
                index += 1
            }
            var out = Array(bytes[start ..< index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("the string ends inside an escape") }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"): out.append(contentsOf: String(try unicodeEscape()).utf8)
                    default: throw error("unknown escape")
                    }
                case 0 ..< 0x20:
                    throw error("a control character inside a string")
                default:
                    out.append(byte)
                    index += 1
                }
            }
            throw error("the string is not closed")
        }

        /// After `\u`: four hex digits, and a low surrogate's escape after a high one.
        mutating func unicodeEscape() throws(ParseError) -> Character {
            let first = try hex4()
            if (0xD800 ..< 0xDC00).contains(first) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a high surrogate without its low half")
                }
                index += 2
                let second = try hex4()
                guard (0xDC00 ..< 0xE000).contains(second) else { throw error("a high surrogate without its low half") }
                let scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Character(Unicode.Scalar(scalar)!)
            }
            guard let scalar = Unicode.Scalar(first) else { throw error("a lone low surrogate") }
            return Character(scalar)
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0 ..< 4 {
                let byte = bytes[index]
                let digit: UInt8 = switch byte {
                case 0x30 ... 0x39: byte - 0x30
                case 0x41 ... 0x46: byte - 0x41 + 10
                case 0x61 ... 0x66: byte - 0x61 + 10
                default: throw error("\\u needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
