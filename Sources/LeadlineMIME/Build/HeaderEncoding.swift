/// Writes header text safely: RFC 2047 encoded words for non-ASCII, folding under 78 characters, and no CR or LF
/// ever reaching the output from a value (so nothing in a buyer's name or subject can start a new header).
enum HeaderEncoding {
    static let maxLine = 76

    /// CR, LF and other control characters replaced by spaces, runs of whitespace kept single.
    static func sanitize(_ value: String) -> String {
        // The usual header value is visible ASCII with single spaces inside: nothing to change.
        if value.isSingleSpacedASCII { return value }
        var output = ""
        var lastWasSpace = false
        for scalar in value.unicodeScalars {
            let isSpace = scalar.value < 0x20 || scalar.value == 0x7F || scalar == " " || scalar.value == 0x85
                || scalar.value == 0x2028 || scalar.value == 0x2029
            if isSpace {
                if !lastWasSpace { output.append(" ") }
                lastWasSpace = true
            } else {
                output.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return output.trimmedSpaces
    }

    static func isPlainASCII(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F, !(previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?")) else { return false }
            previous = byte
        }
        return true
    }

    /// An unstructured field (`Subject: ...`), folded; non-ASCII text as UTF-8 B encoded words.
    static func unstructured(name: String, value: String) -> String {
        let clean = sanitize(value)
        if isPlainASCII(clean) { return fold(name: name, words: clean.split(separator: " ").map(String.init)) }
        return fold(name: name, words: encodedWords(clean, firstLineRoom: maxLine - name.count - 2))
    }

    /// A display name as a phrase: atoms as they are, specials in a quoted string, non-ASCII as encoded words.
    static func phrase(_ name: String) -> [String] {
        let clean = sanitize(name)
        if clean.isEmpty { return [] }
        if !isPlainASCII(clean) { return encodedWords(clean, firstLineRoom: 60) }
        // ASCII here: atext is letters, digits and these marks (RFC 5322 3.2.3), with spaces between atoms.
        let atext = clean.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
                true
            default:
                " !#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
            }
        }
        if atext { return clean.split(separator: " ").map(String.init) }
        let escaped = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// UTF-8 B encoded words of at most 75 characters, split on character boundaries.
    static func encodedWords(_ text: String, firstLineRoom: Int) -> [String] {
        let prefix = "=?UTF-8?B?"
        let maxEncoded = 60 - prefix.count - 2 // words of at most 60 characters fit any "Name: " first line
        let maxBytes = maxEncoded / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes && !chunk.isEmpty {
                words.append(prefix + base64(chunk) + "?=")
                chunk.removeAll()
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { words.append(prefix + base64(chunk) + "?=") }
        return words
    }

    /// `Name: word word` folded before 78 characters (continuation lines start with a space).
    static func fold(name: String, words: [String]) -> String {
        var output = name + ":"
        var lineLength = output.count
        for word in words {
            if lineLength + 1 + word.count > maxLine && lineLength > name.count + 1 {
                output += "\r\n "
                lineLength = 1
            } else {
                output += " "
                lineLength += 1
            }
            output += word
            lineLength += word.count
        }
        return output + "\r\n"
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}

import Foundation
