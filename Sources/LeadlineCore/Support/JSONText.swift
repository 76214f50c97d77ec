public import Foundation

/// JSON text written directly, for the few shapes written once per message (a facts object, a list of reasons),
/// where a `JSONEncoder` per message cost more than the rest of recording it. Output is what `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` writes for the same values (tests compare them byte for byte).
public enum JSONText {
    /// `["a","b"]`.
    public static func array(_ strings: [String]) -> String {
        var out = ""
        append(strings, to: &out)
        return out
    }

    /// Appends a JSON array of strings.
    public static func append(_ strings: [String], to out: inout String) {
        out += "["
        for (index, string) in strings.enumerated() {
            if index > 0 { out += "," }
            append(string, to: &out)
        }
        out += "]"
    }

    /// Appends `string` as a JSON string literal (RFC 8259 escapes; `/` and non-ASCII as they are).
    public static func append(_ string: String, to out: inout String) {
        // Most strings need no escape: copy them whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += string
            out += "\""
            return
        }
        out.unicodeScalars.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.unicodeScalars.append("\"")
    }
}

/// Builds one JSON object, members in the order given (callers give them sorted).
public struct JSONObjectWriter {
    private var out = "{"
    private var first = true

    public init() {}

    private mutating func key(_ name: String) {
        if !first { out += "," }
        first = false
        JSONText.append(name, to: &out)
        out += ":"
    }

    /// A string member, left out when nil (as `encodeIfPresent` does).
    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONText.append(value, to: &out)
    }

    /// A list of strings, written even when empty.
    public mutating func add(_ name: String, _ value: [String]) {
        key(name)
        JSONText.append(value, to: &out)
    }

    /// A whole number, left out when nil.
    public mutating func add(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        out += String(value)
    }

    /// A whole number in `UInt64`'s range (a 64-bit seed).
    public mutating func add(_ name: String, _ value: UInt64) {
        key(name)
        out += String(value)
    }

    /// A number, as its shortest text that reads back to the same `Double` (`790150090`, `789924765.814`), left
    /// out when nil. Not for NaN or infinity, which JSON cannot write.
    public mutating func add(_ name: String, _ value: Double?) {
        guard let value else { return }
        precondition(value.isFinite, "JSON has no text for \(value)")
        key(name)
        let text = value.description
        out += text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A date as `JSONEncoder`'s default strategy writes it: seconds since 1 January 2001, left out when nil.
    public mutating func add(_ name: String, _ value: Date?) {
        add(name, value?.timeIntervalSinceReferenceDate)
    }

    /// A member whose value is JSON already written (a nested object).
    public mutating func add(_ name: String, json: String) {
        key(name)
        out += json
    }

    /// The finished object.
    public var text: String { out + "}" }
}
