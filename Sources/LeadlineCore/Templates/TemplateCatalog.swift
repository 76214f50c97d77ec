/// One template file's text, with its path relative to the `Templates/` folder
/// (`serious_buyer/1-acknowledge/body.txt.pl.mustache`). Loading files is the caller's job (IO at the edge).
public struct TemplateFile: Sendable, Equatable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The parts of a message a step folder can hold.
public enum TemplatePart: String, Sendable, CaseIterable, Equatable {
    case subject
    case textBody = "body.txt"
    case htmlBody = "body.html"

    /// Subject and text body are plain text and must start with `{{% CONTENT_TYPE: TEXT}}`.
    public var isPlainText: Bool { self != .htmlBody }
}

/// Where a file sits in the layout, read from its path.
///
/// Layout (one convention, documented in README.sequences.md):
/// - `<sequence>/<n-step>/<part>.mustache`: the English file, the fallback of every language
///   (`part` is `subject`, `body.txt` or `body.html`);
/// - `<sequence>/<n-step>/<part>.<lang>.mustache`: a language variant (`body.txt.pl.mustache`), `lang` an ISO
///   639-1 code, optionally with a region (`zh-TW`);
/// - `_partials/<name>.mustache` and `_partials/<name>.<lang>.mustache`: partials, `{{> name}}`.
public enum TemplatePath: Equatable, Sendable {
    case step(step: String, part: TemplatePart, language: String?)
    case partial(name: String, language: String?)
    case unrecognised

    public init(_ path: String) {
        let components = path.split(separator: "/").map(String.init)
        guard let file = components.last, file.hasSuffix(".mustache") else { self = .unrecognised; return }
        let stem = String(file.dropLast(".mustache".count))
        if components.count == 2, components[0] == "_partials" {
            let pieces = stem.split(separator: ".").map(String.init)
            switch pieces.count {
            case 1: self = .partial(name: pieces[0], language: nil)
            case 2 where TemplatePath.isLanguage(pieces[1]): self = .partial(name: pieces[0], language: pieces[1])
            default: self = .unrecognised
            }
            return
        }
        guard components.count == 3 else { self = .unrecognised; return }
        let step = components[0] + "/" + components[1]
        for part in TemplatePart.allCases {
            if stem == part.rawValue { self = .step(step: step, part: part, language: nil); return }
            if stem.hasPrefix(part.rawValue + ".") {
                let language = String(stem.dropFirst(part.rawValue.count + 1))
                if TemplatePath.isLanguage(language) { self = .step(step: step, part: part, language: language); return }
            }
        }
        self = .unrecognised
    }

    /// `pl`, `pt`, `zh-TW`: two lower-case letters, optionally a dash and a 2-4 letter region or script.
    static func isLanguage(_ text: String) -> Bool {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = pieces.first, first.count == 2, first.allSatisfy({ $0.isLowercase && $0.isASCII }) else { return false }
        if pieces.count == 1 { return true }
        return pieces.count == 2 && (2 ... 4).contains(pieces[1].count) && pieces[1].allSatisfy { $0.isLetter && $0.isASCII }
    }
}

/// All template files, indexed: which steps exist, in which languages, and their partials.
public struct TemplateCatalog: Sendable {
    public let files: [TemplateFile]
    /// Text by step, part and language ("" for English).
    let steps: [String: [TemplatePart: [String: TemplateFile]]]
    /// Text by partial name and language ("" for English).
    let partials: [String: [String: TemplateFile]]

    public init(files: [TemplateFile]) {
        self.files = files.sorted { $0.path < $1.path }
        var steps: [String: [TemplatePart: [String: TemplateFile]]] = [:]
        var partials: [String: [String: TemplateFile]] = [:]
        for file in self.files {
            switch TemplatePath(file.path) {
            case let .step(step, part, language): steps[step, default: [:]][part, default: [:]][language ?? ""] = file
            case let .partial(name, language): partials[name, default: [:]][language ?? ""] = file
            case .unrecognised: break
            }
        }
        self.steps = steps
        self.partials = partials
    }

    /// Step folders (`serious_buyer/1-acknowledge`), sorted.
    public var stepNames: [String] { steps.keys.sorted() }

    /// Languages with a complete variant (subject and text body) of `step`, English as `en` included when present.
    public func languages(of step: String) -> [String] {
        guard let parts = steps[step] else { return [] }
        let subject = Set(parts[.subject]?.keys ?? [:].keys)
        let body = Set(parts[.textBody]?.keys ?? [:].keys)
        return subject.intersection(body).map { $0.isEmpty ? "en" : $0 }.sorted()
    }

    /// The language a message in `requested` gets for `step`: the requested one when the step has its subject and
    /// text body in it, else English (`en`). A language with a region (`pt-BR`) falls back to its base (`pt`) first.
    public func language(for step: String, requested: String?) -> String {
        Self.language(requested: requested, available: Set(languages(of: step)))
    }

    /// The choice above among `available` (a step's ``languages(of:)``).
    static func language(requested: String?, available: Set<String>) -> String {
        guard let requested = requested?.lowercased(), !requested.isEmpty else { return "en" }
        if let exact = available.first(where: { $0.lowercased() == requested }) { return exact }
        let base = String(requested.prefix(while: { $0 != "-" && $0 != "_" }))
        return available.contains(base) ? base : "en"
    }
}
