/// `Config/sequences.yml` as written, field for field (snake_case keys). Decode it with any `Decoder` (the app
/// uses Yams's `YAMLDecoder`; Core does not depend on a YAML parser), then call ``validated(knownSteps:)``.
///
/// ```yaml
/// window: { start: "09:00", end: "17:00", jitter_minutes: 15 }
/// sequences:
///   serious_buyer:
///     kind: serious_buyer
///     steps:
///       - { template: serious_buyer/1-acknowledge, delay: immediately }
///       - { template: serious_buyer/2-follow-up, delay: 2 business days }
/// ```
public struct SequencesFile: Codable, Sendable, Equatable {
    public struct Window: Codable, Sendable, Equatable {
        public var start: String?
        public var end: String?
        public var jitterMinutes: Int?

        enum CodingKeys: String, CodingKey { case start, end, jitterMinutes = "jitter_minutes" }
    }

    public struct OutOfOffice: Codable, Sendable, Equatable {
        public var defaultPauseDays: Int?
        public var maxPauseDays: Int?

        enum CodingKeys: String, CodingKey { case defaultPauseDays = "default_pause_days", maxPauseDays = "max_pause_days" }
    }

    public struct Step: Codable, Sendable, Equatable {
        public var template: String
        public var delay: String
        public var condition: String?
    }

    public struct Sequence: Codable, Sendable, Equatable {
        public var kind: String
        public var window: Window?
        public var steps: [Step]
    }

    public var window: Window?
    public var reenrolAfterDays: Int?
    public var outOfOffice: OutOfOffice?
    public var sequences: [String: Sequence]

    enum CodingKeys: String, CodingKey {
        case window, sequences, reenrolAfterDays = "reenrol_after_days", outOfOffice = "out_of_office"
    }
}

/// The validated sequence settings the scheduler runs on.
public struct SequencesConfig: Sendable, Equatable {
    /// The sequence for each kind of buyer (never for `not_lead`).
    public var sequences: [LeadKind: SequenceDefinition]
    /// How long after a sequence ended a new inquiry may re-enrol the lead.
    public var reenrolAfterDays: Int
    public var outOfOfficeDefaultPauseDays: Int
    public var outOfOfficeMaxPauseDays: Int

    /// The sequence with this name, if any.
    public func sequence(named name: String) -> SequenceDefinition? {
        sequences.values.first { $0.name == name }
    }
}

/// Every problem in `Config/sequences.yml`, each with the key path it is at.
public struct SequencesConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        /// Key path in the file, e.g. `sequences.serious_buyer.steps[1].delay`.
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The file the settings came from, for the message.
    public var file: String
    public var issues: [Issue]

    public var description: String {
        "\(file) has \(issues.count) problem\(issues.count == 1 ? "" : "s"):\n" + issues.map { "  \(file): \($0)" }.joined(separator: "\n")
    }
}

extension SequencesFile {
    /// Checks every field and builds the settings, or throws all problems at once.
    /// - Parameters:
    ///   - knownSteps: the step folders found under `Templates/` (nil: templates not checked).
    ///   - file: the file name for messages.
    public func validated(knownSteps: Set<String>? = nil, file: String = "Config/sequences.yml") throws(SequencesConfigError) -> SequencesConfig {
        var issues: [SequencesConfigError.Issue] = []
        func issue(_ path: String, _ message: String) { issues.append(.init(path: path, message: message)) }

        func window(_ spec: Window?, base: SendWindow, path: String) -> SendWindow {
            guard let spec else { return base }
            var result = base
            if let start = spec.start {
                if let minutes = SendWindow.minutes(start) { result.startMinute = minutes } else { issue("\(path).start", "'\(start)' is not a time; write HH:MM, e.g. \"09:00\"") }
            }
            if let end = spec.end {
                if let minutes = SendWindow.minutes(end) { result.endMinute = minutes } else { issue("\(path).end", "'\(end)' is not a time; write HH:MM, e.g. \"17:00\"") }
            }
            if result.startMinute >= result.endMinute { issue(path, "the window closes before it opens") }
            if let jitter = spec.jitterMinutes {
                if jitter < 0 || jitter > 120 { issue("\(path).jitter_minutes", "\(jitter) is outside 0...120 minutes") } else { result.maxJitterSeconds = jitter * 60 }
            }
            return result
        }

        let defaultWindow = window(self.window, base: SendWindow(), path: "window")
        var definitions: [LeadKind: SequenceDefinition] = [:]
        for (name, spec) in sequences.sorted(by: { $0.key < $1.key }) {
            let path = "sequences.\(name)"
            let kind = LeadKind(rawValue: spec.kind)
            if kind == nil {
                issue("\(path).kind", "'\(spec.kind)' is not a buyer kind; use serious_buyer, price_comparer or info_gatherer")
            } else if kind == .notLead {
                issue("\(path).kind", "not_lead mail is never followed up")
            } else if let kind, let other = definitions[kind] {
                issue("\(path).kind", "\(kind.rawValue) already has sequence \(other.name); a lead is in at most one sequence")
            }
            if spec.steps.isEmpty { issue("\(path).steps", "a sequence needs at least one step") }
            var steps: [SequenceStep] = []
            for (index, step) in spec.steps.enumerated() {
                let stepPath = "\(path).steps[\(index)]"
                let delay = StepDelay(parsing: step.delay)
                if delay == nil { issue("\(stepPath).delay", "'\(step.delay)' is not a delay; write immediately, N hours or N business days") }
                var condition: StepCondition?
                if let text = step.condition {
                    condition = StepCondition(rawValue: text)
                    if condition == nil {
                        issue("\(stepPath).condition", "'\(text)' is not a condition; use \(StepCondition.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                }
                if let knownSteps, !knownSteps.contains(step.template) {
                    issue("\(stepPath).template", "no template folder Templates/\(step.template)")
                }
                steps.append(SequenceStep(template: step.template, delay: delay ?? .immediately, condition: condition))
            }
            let sequenceWindow = window(spec.window, base: defaultWindow, path: "\(path).window")
            if let kind, kind != .notLead, definitions[kind] == nil {
                definitions[kind] = SequenceDefinition(name: name, kind: kind, steps: steps, window: sequenceWindow)
            }
        }
        let reenrol = reenrolAfterDays ?? 30
        if reenrol < 0 { issue("reenrol_after_days", "\(reenrol) is negative") }
        let pause = outOfOffice?.defaultPauseDays ?? 7
        let maxPause = outOfOffice?.maxPauseDays ?? 45
        if pause < 1 { issue("out_of_office.default_pause_days", "must be at least 1 day") }
        if maxPause < pause { issue("out_of_office.max_pause_days", "\(maxPause) is shorter than default_pause_days (\(pause))") }
        guard issues.isEmpty else { throw SequencesConfigError(file: file, issues: issues) }
        return SequencesConfig(sequences: definitions, reenrolAfterDays: reenrol,
                               outOfOfficeDefaultPauseDays: pause, outOfOfficeMaxPauseDays: maxPause)
    }
}
