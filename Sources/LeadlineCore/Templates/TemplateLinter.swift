import Mustache

/// One problem found in the templates, with the file and line it is on.
public struct TemplateFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable { case error, warning }

    public enum Code: String, Sendable, Equatable {
        /// swift-mustache cannot parse it (unclosed section, bad tag).
        case malformed
        /// A variable no lead provides (a typo: `{{buyer_nmae}}`).
        case unknownVariable = "unknown_variable"
        /// A variable the template needs is not used: the unsubscribe link in a follow-up, or one the English
        /// file uses and a language variant dropped.
        case missingVariable = "missing_variable"
        /// `{{> name}}` with no `_partials/name.mustache`.
        case unknownPartial = "unknown_partial"
        /// A language variant whose English file is missing (English is every language's fallback).
        case missingFallback = "missing_fallback"
        /// A plain-text part without `{{% CONTENT_TYPE: TEXT}}` on its first line: values would be HTML-escaped.
        case textEscaped = "text_escaped"
        /// A step folder without `subject.mustache` or `body.txt.mustache`.
        case missingPart = "missing_part"
        /// A file name the layout does not know (it would be ignored).
        case unrecognisedFile = "unrecognised_file"
    }

    public var severity: Severity
    public var code: Code
    /// Path relative to `Templates/`.
    public var file: String
    /// 1-based line, or nil for a finding about the whole file or folder.
    public var line: Int?
    public var message: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message) [\(code.rawValue)]"
    }
}

/// Checks loaded template texts and lists every problem with file and line (pure: the texts are passed in).
///
/// `leadline templates lint` prints ``lint(_:)``'s findings, one per line, and exits 1 when any is an error.
public enum TemplateLinter {
    /// All findings, sorted by file and line.
    public static func lint(_ catalog: TemplateCatalog) -> [TemplateFinding] {
        var findings: [TemplateFinding] = []
        for file in catalog.files {
            let location = TemplatePath(file.path)
            if location == .unrecognised {
                findings.append(.init(severity: .warning, code: .unrecognisedFile, file: file.path, line: nil,
                                      message: "file name not in the layout <sequence>/<n-step>/{subject,body.txt,body.html}[.<lang>].mustache or _partials/<name>[.<lang>].mustache; it is ignored"))
                continue
            }
            findings += lintText(file, location: location, catalog: catalog)
        }
        findings += lintStructure(catalog)
        return findings.sorted { ($0.file, $0.line ?? 0, $0.code.rawValue) < ($1.file, $1.line ?? 0, $1.code.rawValue) }
    }

    private static func lintText(_ file: TemplateFile, location: TemplatePath, catalog: TemplateCatalog) -> [TemplateFinding] {
        var findings: [TemplateFinding] = []
        func add(_ severity: TemplateFinding.Severity, _ code: TemplateFinding.Code, _ line: Int?, _ message: String) {
            findings.append(.init(severity: severity, code: code, file: file.path, line: line, message: message))
        }
        do {
            _ = try MustacheTemplate(string: file.text)
        } catch let error as MustacheTemplate.ParserError {
            add(.error, .malformed, error.context.lineNumber, "malformed template (\(error.error)) near: \(error.context.line.trimmedForTemplate)")
        } catch {
            add(.error, .malformed, nil, "malformed template (\(error))")
        }
        let (tags, problems) = MustacheTagScanner.scan(file.text)
        for problem in problems where !findings.contains(where: { $0.line == problem.line && $0.code == .malformed }) {
            add(.error, .malformed, problem.line, problem.message)
        }
        var sections: [String] = []
        for tag in tags {
            switch tag.kind {
            case .section, .inverted:
                checkName(tag, sections: sections, add: add)
                sections.append(tag.name)
            case .close:
                if let index = sections.lastIndex(of: tag.name) { sections.removeSubrange(index...) }
            case .variable, .unescaped:
                checkName(tag, sections: sections, add: add)
            case .partial:
                if catalog.partials[tag.name] == nil {
                    let known = catalog.partials.keys.sorted().joined(separator: ", ")
                    add(.error, .unknownPartial, tag.line, "partial \(tag.name) does not exist (add _partials/\(tag.name).mustache\(known.isEmpty ? "" : "; known: \(known)"))")
                }
            default: break
            }
        }
        if case let .step(_, part, _) = location, part.isPlainText, !startsWithTextPragma(file.text) {
            add(.error, .textEscaped, 1, "plain-text \(part.rawValue) must start with {{% CONTENT_TYPE: TEXT}}, or values are HTML-escaped (&amp;, &#39;)")
        }
        return findings
    }

    private static func checkName(_ tag: MustacheTag, sections: [String],
                                  add: (TemplateFinding.Severity, TemplateFinding.Code, Int?, String) -> Void) {
        let root = String(tag.name.split(separator: ".").first ?? "")
        if tag.name == "." || TemplateValues.topLevelNames.contains(root) { return }
        if sections.contains("products"), TemplateValues.productItemNames.contains(root) { return }
        let hint = TemplateLinter.closest(to: root).map { " (did you mean \($0)?)" } ?? ""
        add(.error, .unknownVariable, tag.line, "unknown variable \(tag.name)\(hint)")
    }

    private static func startsWithTextPragma(_ text: String) -> Bool {
        guard let first = MustacheTagScanner.scan(text).tags.first, first.kind == .pragma else { return false }
        let compact = first.name.filter { !$0.isWhitespace }.uppercased()
        let prefix = text.prefix(while: { $0 != "{" }).allSatisfy(\.isWhitespace)
        return prefix && compact == "CONTENT_TYPE:TEXT"
    }

    private static func lintStructure(_ catalog: TemplateCatalog) -> [TemplateFinding] {
        var findings: [TemplateFinding] = []
        for (step, parts) in catalog.steps {
            for part in [TemplatePart.subject, .textBody] where parts[part]?[""] == nil {
                findings.append(.init(severity: .error, code: .missingPart, file: "\(step)/\(part.rawValue).mustache", line: nil,
                                      message: "step \(step) has no English \(part.rawValue) (every step needs subject and body.txt in English)"))
            }
            for (part, variants) in parts {
                let english = variants[""]
                for (language, file) in variants where !language.isEmpty {
                    guard let english else {
                        findings.append(.init(severity: .error, code: .missingFallback, file: file.path, line: nil,
                                              message: "language variant \(language) has no English \(part.rawValue).mustache to fall back to"))
                        continue
                    }
                    findings += droppedVariables(variant: file, english: english, catalog: catalog, language: language)
                }
                if isFollowUp(step), part != .subject {
                    for file in variants.values where !usesVariable("unsubscribe_url", in: file, catalog: catalog) {
                        findings.append(.init(severity: .error, code: .missingVariable, file: file.path, line: nil,
                                              message: "follow-up body without {{unsubscribe_url}}: sequence mail must offer a way out"))
                    }
                }
            }
        }
        for (name, variants) in catalog.partials where variants[""] == nil {
            for file in variants.values {
                findings.append(.init(severity: .error, code: .missingFallback, file: file.path, line: nil,
                                      message: "partial \(name) has a language variant but no English _partials/\(name).mustache"))
            }
        }
        return findings
    }

    /// A step folder numbered 2 or more (`2-follow-up`) is a follow-up.
    static func isFollowUp(_ step: String) -> Bool {
        guard let folder = step.split(separator: "/").last else { return false }
        return Int(folder.prefix(while: \.isNumber)).map { $0 >= 2 } ?? false
    }

    private static func variableNames(_ file: TemplateFile, catalog: TemplateCatalog, language: String, depth: Int = 0) -> Set<String> {
        guard depth < 8 else { return [] }
        var names: Set<String> = []
        for tag in MustacheTagScanner.scan(file.text).tags {
            switch tag.kind {
            case .variable, .unescaped, .section, .inverted: names.insert(String(tag.name.split(separator: ".").first ?? ""))
            case .partial:
                if let variants = catalog.partials[tag.name], let partial = variants[language] ?? variants[""] {
                    names.formUnion(variableNames(partial, catalog: catalog, language: language, depth: depth + 1))
                }
            default: break
            }
        }
        return names
    }

    private static func usesVariable(_ name: String, in file: TemplateFile, catalog: TemplateCatalog) -> Bool {
        let language: String
        if case let .step(_, _, lang) = TemplatePath(file.path) { language = lang ?? "" } else { language = "" }
        return variableNames(file, catalog: catalog, language: language).contains(name)
    }

    private static func droppedVariables(variant: TemplateFile, english: TemplateFile, catalog: TemplateCatalog, language: String) -> [TemplateFinding] {
        let used = variableNames(variant, catalog: catalog, language: language)
        let expected = variableNames(english, catalog: catalog, language: "").intersection(TemplateValues.contentNames)
        return expected.subtracting(used).sorted().map { name in
            TemplateFinding(severity: .warning, code: .missingVariable, file: variant.path, line: nil,
                            message: "the English file uses \(name) but this \(language) variant does not")
        }
    }

    /// The known variable nearest to a misspelt one (edit distance at most 2).
    static func closest(to name: String) -> String? {
        let candidates = TemplateValues.topLevelNames.union(TemplateValues.productItemNames)
        return candidates.map { ($0, distance(Array(name), Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0 ... b.count)
        for i in 1 ... a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1 ... b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
