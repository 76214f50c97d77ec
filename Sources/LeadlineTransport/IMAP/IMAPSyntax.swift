/// Pure helpers for the IMAP text Leadline writes (URLs, quoted names, UID sets) and the literal-free answers it
/// reads (`SEARCH`, `STATUS`). No IO.
enum IMAPSyntax {
    /// A mailbox name as an IMAP quoted string (`"Sent Items"`), escaping `\` and `"`.
    static func quoted(_ mailbox: String) -> String {
        var text = "\""
        for character in mailbox {
            if character == "\\" || character == "\"" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }

    /// A mailbox name as an IMAP URL path (RFC 5092): every byte but unreserved characters and the `/` hierarchy
    /// separator percent-encoded. libcurl decodes it and quotes it for `SELECT`.
    static func urlPath(_ mailbox: String) -> String {
        var text = ""
        for byte in mailbox.utf8 {
            switch byte {
            case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"),
                UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                text.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                text += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return text
    }

    /// A UID set in IMAP syntax with runs collapsed: `[1, 2, 3, 7, 9, 10]` gives `1:3,7,9:10`.
    static func uidSet<S: Sequence<UInt32>>(_ uids: S) -> String {
        uidSetChunks(uids, maxLength: .max).first ?? ""
    }

    /// Like `uidSet`, split into several sets none longer than `maxLength` characters (servers limit line length).
    static func uidSetChunks<S: Sequence<UInt32>>(_ uids: S, maxLength: Int = 4000) -> [String] {
        let sorted = Set(uids).sorted()
        var chunks: [String] = []
        var current = ""
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            let run = end == index ? "\(sorted[index])" : "\(sorted[index]):\(sorted[end])"
            if !current.isEmpty && current.count + 1 + run.count > maxLength {
                chunks.append(current)
                current = ""
            }
            current += current.isEmpty ? run : ",\(run)"
            index = end + 1
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// The numbers of every `* SEARCH` line in an untagged answer; nil when there is no such line.
    static func searchResults(_ answer: [UInt8]) -> [UInt32]? {
        var found = false
        var numbers: [UInt32] = []
        for line in lines(answer) {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            found = true
            numbers += words.dropFirst(2).compactMap { UInt32($0) }
        }
        return found ? numbers : nil
    }

    /// The `name value` pairs of a `* STATUS mailbox (...)` line, keys upper-cased; nil when there is none.
    static func statusItems(_ answer: [UInt8]) -> [String: UInt64]? {
        for line in lines(answer) where line.uppercased().hasPrefix("* STATUS ") {
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else {
                return nil
            }
            let words = line[line.index(after: open) ..< close].split(separator: " ")
            var items: [String: UInt64] = [:]
            var index = 0
            while index + 1 < words.count {
                if let value = UInt64(words[index + 1]) { items[words[index].uppercased()] = value }
                index += 2
            }
            return items
        }
        return nil
    }

    /// The number of a response code such as `[UIDVALIDITY 1795465058]` anywhere in `answer`.
    static func responseCodeNumber(_ name: String, in answer: String) -> UInt64? {
        let needle = Array("[\(name.uppercased()) ".utf8)
        let haystack = Array(answer.uppercased().utf8)
        guard haystack.count >= needle.count else { return nil }
        for start in 0 ... haystack.count - needle.count where haystack[start ..< start + needle.count].elementsEqual(needle) {
            let digits = haystack[(start + needle.count)...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return UInt64(String(decoding: digits, as: UTF8.self))
        }
        return nil
    }

    private static func lines(_ answer: [UInt8]) -> [Substring] {
        String(decoding: answer, as: UTF8.self).split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
    }
}
