/// Structured header values: `type/subtype; name=value` (Content-Type, Content-Disposition) with RFC 2231
/// continuations and charsets.
enum HeaderParameters {
    /// The lower-case value before the first `;`, trimmed.
    static func mainValue(_ value: String) -> String {
        let head = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return head.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The `type/subtype` of a Content-Type value, `text/plain` when it is not of that form (RFC 2045 5.2).
    static func contentType(_ value: String) -> String {
        let main = mainValue(value)
        return main.utf8.count(where: { $0 == UInt8(ascii: "/") }) == 1 ? main : "text/plain"
    }

    /// The parameters after the first `;`: names lower-case, values unquoted; RFC 2231 `name*`, `name*0`,
    /// `name*1*` joined and decoded from their charset; RFC 2047 words in values decoded. A plain parameter wins over
    /// an RFC 2231 one of the same name; the first of duplicates wins.
    static func parameters(_ value: String, decoder: CharsetDecoder = CharsetDecoder()) -> [String: String] {
        var plain: [(String, String)] = []
        var extended: [String: [(number: Int, value: String, encoded: Bool)]] = [:]
        var extendedOrder: [String] = []
        for item in split(value).dropFirst() {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let name = item[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            raw = unquote(raw)
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                let digits = rest.hasSuffix("*") ? rest.dropLast() : rest
                let number = digits.isEmpty ? 0 : Int(digits)
                guard let number, !base.isEmpty else { plain.append((name, raw)); continue }
                if extended[base] == nil { extendedOrder.append(base) }
                extended[base, default: []].append((number, raw, encoded))
            } else {
                plain.append((name, raw))
            }
        }
        var result: [String: String] = [:]
        for (name, raw) in plain where result[name] == nil {
            result[name] = EncodedWords.decode(raw, decoder: decoder)
        }
        for base in extendedOrder where result[base] == nil {
            let pieces = extended[base]!.sorted { $0.number < $1.number }
            var bytes: [UInt8] = []
            var charset: String?
            var anyEncoded = false
            for (index, piece) in pieces.enumerated() {
                var text = Substring(piece.value)
                if piece.encoded {
                    anyEncoded = true
                    if index == 0 {
                        // charset'language'value
                        let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if parts.count == 3 {
                            charset = parts[0].isEmpty ? nil : String(parts[0])
                            text = parts[2]
                        }
                    }
                    bytes.append(contentsOf: percentDecode(text))
                } else {
                    bytes.append(contentsOf: text.utf8)
                }
            }
            let decoded = decoder.decode(bytes, label: anyEncoded ? (charset ?? "us-ascii") : "utf-8").text
            result[base] = EncodedWords.decode(decoded, decoder: decoder)
        }
        return result
    }

    /// Splits at `;` outside double quotes (as Python's `_parseparam`), trimmed; the first item is the main value.
    static func split(_ value: String) -> [String] {
        var items: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var escaped = false
        for byte in value.utf8 {
            if escaped { escaped = false; current.append(byte); continue }
            if inQuotes && byte == UInt8(ascii: "\\") { escaped = true; current.append(byte); continue }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: ";") && !inQuotes {
                items.append(String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces))
                current.removeAll(keepingCapacity: true)
                continue
            }
            current.append(byte)
        }
        items.append(String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        return items
    }

    /// Removes one level of double quotes (and backslash escapes inside them); a missing closing quote is tolerated.
    static func unquote(_ value: String) -> String {
        guard value.hasPrefix("\"") else {
            if value.hasPrefix("<") && value.hasSuffix(">") && value.count >= 2 { return String(value.dropFirst().dropLast()) }
            return value
        }
        var body = value.dropFirst()
        if body.hasSuffix("\"") { body = body.dropLast() }
        guard body.contains("\\") else { return String(body) }
        var output = ""
        var escaped = false
        for character in body {
            if escaped { output.append(character); escaped = false } else if character == "\\" { escaped = true } else { output.append(character) }
        }
        return output
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = TransferDecoding.hexValue(bytes[index + 1]), let low = TransferDecoding.hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
