import LeadlineMIME
import Mustache

/// A rendered message, ready for the MIME builder.
public struct RenderedMessage: Sendable, Equatable {
    /// The step folder rendered.
    public var step: String
    /// The language used (`en` when the requested one had no variant).
    public var language: String
    /// One line, whitespace collapsed.
    public var subject: String
    public var textBody: String
    /// Present when the step has an HTML body in the chosen language.
    public var htmlBody: String?
}

/// Why a template could not be rendered.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case unknownStep = "unknown_step"
        case missingVariable = "missing_variable"
        case malformed
    }

    public var code: Code
    /// The template file concerned (relative to `Templates/`), when there is one.
    public var file: String?
    public var line: Int?
    public var message: String

    public var description: String {
        var place = file ?? ""
        if let line { place += ":\(line)" }
        return place.isEmpty ? message : "\(place): \(message)"
    }
}

/// Renders a sequence step's subject and bodies in the buyer's language (falling back to English), from template
/// texts already loaded. Pure: no file access, no clock.
///
/// ```swift
/// let renderer = try TemplateRenderer(catalog: TemplateCatalog(files: loadedFiles))
/// let message = try renderer.render(step: "serious_buyer/1-acknowledge", language: "pl", values: values)
/// ```
///
/// Plain-text parts (subject, `body.txt`) must start with `{{% CONTENT_TYPE: TEXT}}`, so values are not
/// HTML-escaped; `body.html` escapes them. A variable used outside a section guarding it must have a value, or
/// rendering fails with ``TemplateError/Code/missingVariable`` (no "Dear ," mail goes out).
public struct TemplateRenderer: Sendable {
    public let catalog: TemplateCatalog
    private let compiled: [String: MustacheTemplate]
    /// The variables each step file uses outside any section (its partials included), by file path: worked out once
    /// here, not per message.
    private let required: [String: [VariableUse]]
    /// The partials per language ("" for English), as plain text and as HTML.
    private let textLibraries: [String: MustacheLibrary]
    private let htmlLibraries: [String: MustacheLibrary]
    /// Each step's languages (``TemplateCatalog/languages(of:)``), worked out once.
    private let stepLanguages: [String: Set<String>]

    /// Compiles every template of the catalog.
    /// - Throws: ``TemplateError`` `.malformed` with file and line for the first template that does not parse
    ///   (``TemplateLinter`` lists them all).
    public init(catalog: TemplateCatalog) throws(TemplateError) {
        self.catalog = catalog
        var compiled: [String: MustacheTemplate] = [:]
        for file in catalog.files where TemplatePath(file.path) != .unrecognised {
            do {
                compiled[file.path] = try MustacheTemplate(string: file.text)
                if case .partial = TemplatePath(file.path) {
                    // swift-mustache does not pass a parent's content type into a partial: a partial included in
                    // a plain-text part needs its own TEXT pragma, or its values come out HTML-escaped.
                    compiled[TemplateRenderer.textKey(file.path)] = try MustacheTemplate(string: TemplateRenderer.textPragma + file.text)
                }
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(code: .malformed, file: file.path, line: error.context.lineNumber,
                                    message: "malformed template: \(error.error)")
            } catch {
                throw TemplateError(code: .malformed, file: file.path, line: nil, message: "malformed template: \(error)")
            }
        }
        self.compiled = compiled
        var required: [String: [VariableUse]] = [:]
        var languages: Set<String> = [""]
        for file in catalog.files {
            switch TemplatePath(file.path) {
            case let .step(_, _, language):
                required[file.path] = TemplateRenderer.unguardedVariables(in: file, catalog: catalog, language: language ?? "")
                languages.insert(language ?? "")
            case let .partial(_, language): languages.insert(language ?? "")
            case .unrecognised: break
            }
        }
        self.required = required
        var textLibraries: [String: MustacheLibrary] = [:]
        var htmlLibraries: [String: MustacheLibrary] = [:]
        for language in languages {
            textLibraries[language] = TemplateRenderer.library(language: language, plainText: true, catalog: catalog, compiled: compiled)
            htmlLibraries[language] = TemplateRenderer.library(language: language, plainText: false, catalog: catalog, compiled: compiled)
        }
        self.textLibraries = textLibraries
        self.htmlLibraries = htmlLibraries
        stepLanguages = Dictionary(uniqueKeysWithValues: catalog.steps.keys.map { ($0, Set(catalog.languages(of: $0))) })
    }

    /// Renders `step` in `language` (nil or unknown: English).
    /// - Throws: ``TemplateError`` when the step does not exist or a required variable has no value.
    public func render(step: String, language: String?, values: TemplateValues) throws(TemplateError) -> RenderedMessage {
        let languages = stepLanguages[step] ?? []
        guard let parts = catalog.steps[step], parts[.subject]?[""] != nil || !languages.isEmpty else {
            throw TemplateError(code: .unknownStep, file: nil, line: nil,
                                message: "no templates for step \(step) (known: \(catalog.stepNames.joined(separator: ", ")))")
        }
        let chosen = TemplateCatalog.language(requested: language, available: languages)
        let key = chosen == "en" ? "" : chosen
        let textLibrary = textLibraries[key] ?? TemplateRenderer.library(language: key, plainText: true, catalog: catalog, compiled: compiled)
        let htmlLibrary = htmlLibraries[key] ?? TemplateRenderer.library(language: key, plainText: false, catalog: catalog, compiled: compiled)
        let context = values.context
        let object = MustacheValues.Object(context)
        func render(_ part: TemplatePart) throws(TemplateError) -> String? {
            guard let file = parts[part]?[key], let template = compiled[file.path] else { return nil }
            try checkRequired(file: file, language: key, context: context)
            return template.render(object, library: part.isPlainText ? textLibrary : htmlLibrary)
        }
        guard let subject = try render(.subject), let text = try render(.textBody) else {
            throw TemplateError(code: .unknownStep, file: nil, line: nil,
                                message: "step \(step) has no subject.mustache and body.txt.mustache")
        }
        return RenderedMessage(
            step: step, language: chosen,
            subject: Self.oneLine(subject),
            textBody: TemplateRenderer.tidy(text), htmlBody: try render(.htmlBody))
    }

    /// The partials for `language` ("" for English): each partial's variant in that language, or its English file,
    /// compiled as plain text or HTML.
    private static func library(language: String, plainText: Bool, catalog: TemplateCatalog,
                                compiled: [String: MustacheTemplate]) -> MustacheLibrary {
        var templates: [String: MustacheTemplate] = [:]
        for (name, variants) in catalog.partials {
            guard let file = variants[language] ?? variants[""] else { continue }
            if let template = compiled[plainText ? TemplateRenderer.textKey(file.path) : file.path] { templates[name] = template }
        }
        return MustacheLibrary(templates: templates)
    }

    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"
    static func textKey(_ path: String) -> String { "text:" + path }

    /// Fails when a variable used outside any section guarding it has no value (partials included).
    private func checkRequired(file: TemplateFile, language: String, context: [String: Any]) throws(TemplateError) {
        let uses = required[file.path] ?? TemplateRenderer.unguardedVariables(in: file, catalog: catalog, language: language)
        for use in uses where !TemplateValues.hasValue(use.name, in: context) {
            throw TemplateError(code: .missingVariable, file: use.file, line: use.line,
                                message: "variable \(use.name) has no value for this lead; guard it with {{#\(use.name)}}...{{/\(use.name)}} or fill it in")
        }
    }

    struct VariableUse: Equatable {
        var name: String
        var file: String
        var line: Int
    }

    /// Variables referenced outside every section, in `file` and the partials it includes (one level of
    /// language choice, cycles ignored).
    static func unguardedVariables(in file: TemplateFile, catalog: TemplateCatalog, language: String, depth: Int = 0) -> [VariableUse] {
        guard depth < 8 else { return [] }
        var uses: [VariableUse] = []
        var open: [String] = []
        for tag in MustacheTagScanner.scan(file.text).tags {
            switch tag.kind {
            case .section, .inverted: open.append(tag.name)
            case .close: if let index = open.lastIndex(of: tag.name) { open.removeSubrange(index...) }
            case .variable, .unescaped:
                let root = String(tag.name.split(separator: ".").first ?? "")
                if open.isEmpty, root != "" { uses.append(VariableUse(name: root, file: file.path, line: tag.line)) }
            case .partial where open.isEmpty:
                if let variants = catalog.partials[tag.name], let partial = variants[language] ?? variants[""] {
                    uses += unguardedVariables(in: partial, catalog: catalog, language: language, depth: depth + 1)
                }
            default: break
            }
        }
        return uses
    }

    /// The subject on one line: white space runs as one space, none at the ends.
    static func oneLine(_ text: String) -> String {
        // Usually ASCII words with single spaces: unchanged, without breaking it into characters.
        if text.isSingleSpacedASCII { return text }
        // White space is never part of a larger character here, so scalars are enough (no grapheme breaking).
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Trailing spaces removed, runs of blank lines cut to one, one final newline.
    static func tidy(_ text: String) -> String {
        // Without CR, lines split on LF bytes and trailing spaces and tabs are bytes too: the same result, no
        // grapheme breaking. Text with a CR keeps the character-based path below.
        if !text.utf8.contains(0x0D) {
            // One pass: each line copied without its trailing blanks; an empty line only after a non-empty one.
            var out: [UInt8] = []
            var text = text
            text.withUTF8 { bytes in
                out.reserveCapacity(bytes.count + 1)
                var start = 0
                var lastWasEmpty = true
                while start <= bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                    var stop = end
                    while stop > start, bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09 { stop -= 1 }
                    if stop > start {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start ..< stop]))
                        out.append(0x0A)
                        lastWasEmpty = false
                    } else if !lastWasEmpty {
                        out.append(0x0A)
                        lastWasEmpty = true
                    }
                    start = end + 1
                }
            }
            // At most one empty line remains at the end: drop it, so the text ends with one newline.
            if out.count >= 2, out[out.count - 1] == 0x0A, out[out.count - 2] == 0x0A { out.removeLast() }
            if out.isEmpty { out.append(0x0A) }
            return String(decoding: out, as: UTF8.self)
        }
        return tidyByLines(text)
    }

    /// ``tidy(_:)`` as the rule reads, line by line (a CR is trimmed like a trailing blank): the path for text with
    /// CRs, and the reference the byte path is tested against.
    static func tidyByLines(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed.removeLast() }
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
