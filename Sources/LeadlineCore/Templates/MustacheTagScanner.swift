import LeadlineMIME

/// One Mustache tag found in a template, with its line, for lint and required-variable checks.
struct MustacheTag: Equatable {
    enum Kind: Equatable {
        case variable, unescaped, section, inverted, close, partial, comment, pragma, other
    }
    var kind: Kind
    /// The variable, section or partial name (transforms unwrapped: `uppercased(name)` gives `name`).
    var name: String
    var line: Int
}

/// A light scanner over Mustache text: finds tags and their lines; reports unclosed tags. It does not replace
/// swift-mustache's parser (which decides what is malformed); it gives lint the names and lines that parser keeps
/// private. Set-delimiter tags (`{{=<% %>=}}`) are reported as unsupported.
enum MustacheTagScanner {
    struct Problem: Equatable {
        var line: Int
        var message: String
    }

    static func scan(_ text: String) -> (tags: [MustacheTag], problems: [Problem]) {
        var tags: [MustacheTag] = []
        var problems: [Problem] = []
        let chars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        func startsWith(_ s: String, at i: Int) -> Bool {
            let scalars = Array(s.unicodeScalars)
            guard i + scalars.count <= chars.count else { return false }
            return (0 ..< scalars.count).allSatisfy { chars[i + $0] == scalars[$0] }
        }
        while index < chars.count {
            if chars[index] == "\n" { line += 1; index += 1; continue }
            guard startsWith("{{", at: index) else { index += 1; continue }
            let tagLine = line
            let triple = startsWith("{{{", at: index)
            let open = triple ? 3 : 2
            let closer = triple ? "}}}" : "}}"
            var end = index + open
            var newlines = 0
            while end < chars.count, !startsWith(closer, at: end) {
                if chars[end] == "\n" { newlines += 1 }
                end += 1
            }
            guard end < chars.count else {
                problems.append(Problem(line: tagLine, message: "a tag opened with \(triple ? "{{{" : "{{") is never closed"))
                break
            }
            var body = String(String.UnicodeScalarView(chars[(index + open) ..< end])).trimmedForTemplate
            index = end + closer.count
            line += newlines
            if triple {
                tags.append(MustacheTag(kind: .unescaped, name: unwrap(body), line: tagLine))
                continue
            }
            let sigil = body.first
            let kind: MustacheTag.Kind
            switch sigil {
            case "#": kind = .section
            case "^": kind = .inverted
            case "/": kind = .close
            case ">": kind = .partial
            case "!": kind = .comment
            case "%": kind = .pragma
            case "&": kind = .unescaped
            case "=":
                problems.append(Problem(line: tagLine, message: "set-delimiter tags are not supported in Leadline templates"))
                kind = .other
            case "<", "$": kind = .other
            default: kind = .variable
            }
            if kind != .variable { body = String(body.dropFirst()).trimmedForTemplate }
            if kind == .pragma || kind == .comment {
                tags.append(MustacheTag(kind: kind, name: body, line: tagLine))
            } else {
                tags.append(MustacheTag(kind: kind, name: unwrap(body), line: tagLine))
            }
        }
        return (tags, problems)
    }

    /// `uppercased(name)` gives `name`; `name` stays.
    private static func unwrap(_ body: String) -> String {
        var name = body
        while let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
            name = String(name[name.index(after: open) ..< close])
        }
        return name.trimmedForTemplate
    }
}

extension String {
    /// Without leading and trailing whitespace (no Foundation needed).
    var trimmedForTemplate: String {
        // Nothing to trim when both ends are visible ASCII (the usual value).
        if hasVisibleASCIIEnds { return self }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
