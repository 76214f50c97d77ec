/// Reads address lists (From, To, Cc): display names quoted or not, comments, RFC 2047 words, groups (members
/// flattened), and malformed lists recovered as well as possible.
public enum AddressParser {
    private enum Token: Equatable {
        case atom(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case comma, colon, semicolon
        case space
    }

    /// The mailboxes of an address-list header value (already unfolded).
    public static func parseList(_ value: String) -> [Mailbox] {
        let tokens = tokenize(value)
        var result: [Mailbox] = []
        var current: [Token] = []
        var groupName = false
        for token in tokens {
            switch token {
            case .comma, .semicolon:
                if let mailbox = mailbox(from: current) { result.append(mailbox) }
                current.removeAll()
            case .colon where !groupName && !current.contains(where: { if case .angle = $0 { return true } else { return false } }):
                // "Group name:" — the words so far name the group, not a mailbox.
                current.removeAll()
                groupName = true
            default:
                current.append(token)
            }
        }
        if let mailbox = mailbox(from: current) { result.append(mailbox) }
        return result
    }

    private static func mailbox(from tokens: [Token]) -> Mailbox? {
        let meaningful = tokens.filter { $0 != .space }
        if meaningful.isEmpty { return nil }
        if let angleIndex = tokens.firstIndex(where: { if case .angle = $0 { return true } else { return false } }),
           case .angle(let inner) = tokens[angleIndex] {
            var address = inner.trimmingCharacters(in: .whitespaces)
            if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") { // obsolete route
                address = String(address[address.index(after: colon)...])
            }
            address = Self.stripCommentsAndSpace(address)
            if address.isEmpty { address = "<>" } // null reverse-path, as in bounces
            let name = displayName(Array(tokens[..<angleIndex]))
            return Mailbox(name: name, address: address)
        }
        // addr-spec, possibly with a comment: the words without comments form the address.
        var address = ""
        var words: [String] = []
        for token in tokens {
            switch token {
            case .atom(let text): address += text; words.append(text)
            case .quoted(let text): address += "\"\(text)\""; words.append(text)
            case .space: if !address.isEmpty { address += " " }
            default: break
            }
        }
        address = address.trimmingCharacters(in: .whitespaces)
        if address.contains(" ") {
            // "Name Surname name@host" without brackets: the word with "@" is the address.
            if let at = words.last(where: { $0.contains("@") }) {
                let name = words.filter { $0 != at }.joined(separator: " ")
                return Mailbox(name: name.isEmpty ? nil : EncodedWords.decode(name), address: at)
            }
            // Words without "@": Python quotes them as one local part.
            address = "\"\(words.joined(separator: " "))\""
        }
        if address.isEmpty { return nil }
        return Mailbox(name: nil, address: address)
    }

    /// An addr-spec without comments and without whitespace outside quoted strings.
    private static func stripCommentsAndSpace(_ text: String) -> String {
        var output = ""
        var inQuotes = false
        var depth = 0
        var escaped = false
        for character in text {
            if escaped { if depth == 0 { output.append(character) }; escaped = false; continue }
            if character == "\\" && (inQuotes || depth > 0) { escaped = true; if depth == 0 { output.append(character) }; continue }
            if inQuotes {
                output.append(character)
                if character == "\"" { inQuotes = false }
                continue
            }
            switch character {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "\"" where depth == 0: inQuotes = true; output.append(character)
            case " ", "\t": continue
            default: if depth == 0 { output.append(character) }
            }
        }
        return output
    }

    private static func displayName(_ tokens: [Token]) -> String? {
        var pieces: [String] = []
        var pendingSpace = false
        var previousWasEncoded = false
        for token in tokens {
            switch token {
            case .space:
                pendingSpace = !pieces.isEmpty
            case .atom(let text), .quoted(let text):
                var piece = text
                if case .quoted = token { piece = EncodedWords.decode(text) }
                let isEncoded = text.hasPrefix("=?") && text.hasSuffix("?=")
                if pendingSpace && !(isEncoded && previousWasEncoded) { pieces.append(" ") }
                pieces.append(isEncoded ? text : piece)
                previousWasEncoded = isEncoded
                pendingSpace = false
            case .comment:
                continue
            default:
                continue
            }
        }
        let joined = EncodedWords.decode(pieces.joined())
        let name = joined.trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : name
    }

    private static func tokenize(_ value: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(value.unicodeScalars)
        var index = 0
        var atom = String.UnicodeScalarView()
        func flushAtom() {
            if !atom.isEmpty { tokens.append(.atom(String(atom))); atom.removeAll() }
        }
        while index < characters.count {
            let c = characters[index]
            switch c {
            case " ", "\t", "\r", "\n":
                flushAtom()
                if tokens.last != .space { tokens.append(.space) }
                index += 1
            case "\"":
                flushAtom()
                var text = String.UnicodeScalarView()
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    text.append(characters[index])
                    index += 1
                }
                index += 1
                tokens.append(.quoted(String(text)))
            case "(":
                flushAtom()
                var depth = 1
                var text = String.UnicodeScalarView()
                index += 1
                while index < characters.count, depth > 0 {
                    let d = characters[index]
                    if d == "\\", index + 1 < characters.count { index += 1; text.append(characters[index]); index += 1; continue }
                    if d == "(" { depth += 1 } else if d == ")" { depth -= 1; if depth == 0 { break } }
                    text.append(d)
                    index += 1
                }
                index += 1
                tokens.append(.comment(String(text)))
            case "<":
                flushAtom()
                var text = String.UnicodeScalarView()
                index += 1
                while index < characters.count, characters[index] != ">" {
                    text.append(characters[index])
                    index += 1
                }
                index += 1
                tokens.append(.angle(String(text)))
            case ",": flushAtom(); tokens.append(.comma); index += 1
            case ":": 
                // a colon inside an atom that is not followed by space could be part of an address; treat as group marker
                flushAtom(); tokens.append(.colon); index += 1
            case ";": flushAtom(); tokens.append(.semicolon); index += 1
            default:
                atom.append(c)
                index += 1
            }
        }
        flushAtom()
        return tokens
    }
}
