import Foundation

/// HTML turned into readable text: block elements become line breaks, list items become `- ` lines, table rows
/// become lines with cells separated by ` | `, entities are decoded, and scripts, styles and comments are dropped.
/// For HTML-only mail (web forms, marketing tools) this is what the buyer wrote.
public enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "blockquote", "pre", "address", "form",
        "fieldset", "center", "hr", "figure", "figcaption", "title",
    ]
    private static let droppedTags: Set<String> = ["script", "style", "head", "noscript", "template", "svg", "xml", "object"]

    /// The readable text of an HTML document or fragment.
    public static func readableText(_ html: String) -> String {
        var writer = TextWriter()
        let scalars = Array(html.unicodeScalars)
        var index = 0
        var dropping: String?
        var preDepth = 0
        var listStack: [(ordered: Bool, count: Int)] = []
        var cellInRow = 0
        while index < scalars.count {
            let c = scalars[index]
            if c == "<" {
                // comment
                if index + 3 < scalars.count, scalars[index + 1] == "!", scalars[index + 2] == "-", scalars[index + 3] == "-" {
                    index = find("-->", in: scalars, from: index + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                guard let close = scalars[index...].firstIndex(of: ">") else {
                    // No ">" anywhere after: the rest is text (and scanning again from each "<" would be quadratic).
                    if dropping == nil { writer.text(decodeEntities(String(String.UnicodeScalarView(scalars[index...])))) }
                    break
                }
                let inner = String(String.UnicodeScalarView(scalars[(index + 1) ..< close]))
                index = close + 1
                let isEnd = inner.hasPrefix("/")
                let name = String(inner.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
                if name.isEmpty { continue }
                if let dropped = dropping {
                    if isEnd && name == dropped { dropping = nil }
                    continue
                }
                if droppedTags.contains(name) && !isEnd && !inner.hasSuffix("/") { dropping = name; continue }
                switch name {
                case "br": writer.newline(force: true)
                case "pre": preDepth += isEnd ? -1 : 1; writer.blankLine()
                case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table": writer.blankLine()
                case "ul", "ol":
                    if isEnd { _ = listStack.popLast() } else { listStack.append((name == "ol", 0)) }
                    writer.newline()
                case "li":
                    writer.newline()
                    if !isEnd {
                        let depth = max(0, listStack.count - 1)
                        var marker = "- "
                        if var top = listStack.popLast() {
                            top.count += 1
                            if top.ordered { marker = "\(top.count). " }
                            listStack.append(top)
                        }
                        writer.raw(String(repeating: "  ", count: depth) + marker)
                    }
                case "tr": writer.newline(); cellInRow = 0
                case "td", "th":
                    if !isEnd {
                        if cellInRow > 0 { writer.raw(" | ") }
                        cellInRow += 1
                    }
                case "img":
                    if let alt = attribute("alt", in: inner), !alt.isEmpty { writer.text(decodeEntities(alt)) }
                default:
                    if blockTags.contains(name) { writer.newline() }
                }
                continue
            }
            var end = index
            while end < scalars.count, scalars[end] != "<" { end += 1 }
            if dropping == nil {
                let chunk = decodeEntities(String(String.UnicodeScalarView(scalars[index ..< end])))
                if preDepth > 0 { writer.raw(chunk) } else { writer.text(chunk) }
            }
            index = end
        }
        return writer.finish()
    }

    private static func find(_ needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var index = start
        while index + pattern.count <= scalars.count {
            if scalars[index] == pattern[0] && Array(scalars[index ..< index + pattern.count]) == pattern { return index }
            index += 1
        }
        return nil
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: name + "=", options: .caseInsensitive) else { return nil }
        var rest = tag[range.upperBound...]
        if let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix { $0 != quote })
        }
        return String(rest.prefix { !$0.isWhitespace && $0 != ">" })
    }

    /// Decodes named (common) and numeric character references.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            guard c == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                output.append(c)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index) ..< semicolon]
            var replacement: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if name.hasPrefix("#") {
                replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                replacement = entities[String(name)] ?? entities[name.lowercased()]
            }
            if let replacement {
                output += replacement
                index = text.index(after: semicolon)
            } else {
                output.append(c)
                index = text.index(after: index)
            }
        }
        return output
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©", "reg": "®",
        "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "deg": "°", "plusmn": "±",
        "times": "×", "divide": "÷", "micro": "µ", "para": "¶", "middot": "·", "laquo": "«", "raquo": "»",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„", "ndash": "–",
        "mdash": "—", "hellip": "…", "bull": "•", "shy": "", "zwnj": "", "zwj": "", "thinsp": " ", "ensp": " ",
        "emsp": " ", "iexcl": "¡", "iquest": "¿", "ordf": "ª", "ordm": "º", "frac12": "½", "frac14": "¼",
        "frac34": "¾", "sup2": "²", "sup3": "³", "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã",
        "auml": "ä", "aring": "å", "aelig": "æ", "ccedil": "ç", "egrave": "è", "eacute": "é", "ecirc": "ê",
        "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "ntilde": "ñ", "ograve": "ò",
        "oacute": "ó", "ocirc": "ô", "otilde": "õ", "ouml": "ö", "oslash": "ø", "ugrave": "ù", "uacute": "ú",
        "ucirc": "û", "uuml": "ü", "yacute": "ý", "yuml": "ÿ", "szlig": "ß", "Agrave": "À", "Aacute": "Á",
        "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä", "Aring": "Å", "AElig": "Æ", "Ccedil": "Ç", "Egrave": "È",
        "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Iacute": "Í", "Ntilde": "Ñ", "Oacute": "Ó", "Ouml": "Ö",
        "Oslash": "Ø", "Uacute": "Ú", "Uuml": "Ü", "eth": "ð", "thorn": "þ", "hearts": "♥", "rarr": "→",
        "larr": "←", "check": "✓",
    ]
}

/// Accumulates text with collapsed whitespace and at most one blank line between blocks.
private struct TextWriter {
    private var lines: [String] = []
    private var current = ""
    private var pendingSpace = false

    mutating func text(_ chunk: String) {
        for character in chunk {
            if character.isWhitespace {
                pendingSpace = !current.isEmpty
            } else {
                if pendingSpace { current.append(" ") }
                pendingSpace = false
                current.append(character)
            }
        }
    }

    mutating func raw(_ chunk: String) {
        for character in chunk {
            if character == "\n" { newline(force: true) } else { current.append(character) }
        }
        pendingSpace = false
    }

    mutating func newline(force: Bool = false) {
        let line = current.trimmingTrailingWhitespace()
        if force || !line.isEmpty { lines.append(line) }
        current = ""
        pendingSpace = false
    }

    mutating func blankLine() {
        newline()
        if let last = lines.last, !last.isEmpty { lines.append("") }
    }

    mutating func finish() -> String {
        newline()
        var result: [String] = []
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty && (result.last?.isEmpty ?? true) { continue }
            result.append(trimmed.isEmpty ? "" : line)
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }
}
