public import Foundation

// The state as the store keeps it: the JSON that `Codable` writes for it (dates as seconds since 2001, the status
// as `{"paused":{"until":..,"reason":..}}`), written and read directly, since the scheduler reads and writes one per
// due lead. Tests hold both directions to JSONEncoder and JSONDecoder.
extension SequenceState {
    /// Why a stored state cannot be read.
    public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { "stored sequence state: \(reason)" }
    }

    /// The state as JSON text.
    public var jsonText: String {
        var object = JSONObjectWriter()
        object.add("sequence", sequence)
        object.add("enrolledAt", enrolledAt)
        object.add("status", json: status.jsonText)
        object.add("nextStep", nextStep)
        object.add("nextDueAt", nextDueAt)
        object.add("queuedStep", queuedStep)
        object.add("lastSentAt", lastSentAt)
        object.add("notBefore", notBefore)
        object.add("jitterSeed", jitterSeed)
        return object.text
    }

    /// Reads a state written by ``jsonText`` or by `JSONEncoder`.
    /// - Throws: ``JSONError`` naming the member that is missing or of the wrong kind.
    public init(jsonText: String) throws(JSONError) {
        let json: JSONValue
        do { json = try JSONValue(parsing: jsonText) } catch { throw JSONError(reason: error.description) }
        func date(_ key: String) throws(JSONError) -> Date? {
            guard let value = json[key] else { return nil }
            guard let seconds = value.double else { throw JSONError(reason: "\(key) is not a number") }
            return Date(timeIntervalSinceReferenceDate: seconds)
        }
        guard let sequence = json["sequence"]?.string else { throw JSONError(reason: "no sequence name") }
        guard let enrolledAt = try date("enrolledAt") else { throw JSONError(reason: "no enrolledAt") }
        guard let seed = json["jitterSeed"]?.uint64 else { throw JSONError(reason: "no jitterSeed") }
        guard let nextStep = json["nextStep"]?.int else { throw JSONError(reason: "no nextStep") }
        guard let status = json["status"] else { throw JSONError(reason: "no status") }
        self.init(sequence: sequence, enrolledAt: enrolledAt, jitterSeed: seed)
        self.status = try Status(json: status)
        self.nextStep = nextStep
        nextDueAt = try date("nextDueAt")
        queuedStep = json["queuedStep"]?.int
        lastSentAt = try date("lastSentAt")
        notBefore = try date("notBefore")
    }
}

extension SequenceState.Status {
    /// The status as `Codable` writes an enum with associated values: `{"case":{labels...}}`, `_0` for the
    /// unlabelled one.
    var jsonText: String {
        var inner = JSONObjectWriter()
        let name: String
        switch self {
        case .active:
            name = "active"
        case let .paused(until, reason):
            name = "paused"
            inner.add("until", until)
            inner.add("reason", reason.rawValue)
        case let .stopped(reason, at):
            name = "stopped"
            inner.add("_0", reason.rawValue)
            inner.add("at", at)
        case let .completed(at):
            name = "completed"
            inner.add("at", at)
        }
        var outer = JSONObjectWriter()
        outer.add(name, json: inner.text)
        return outer.text
    }

    init(json: JSONValue) throws(SequenceState.JSONError) {
        guard let members = json.members, members.count == 1, let (name, inner) = members.first else {
            throw SequenceState.JSONError(reason: "the status is not an object with one member")
        }
        func date(_ key: String) throws(SequenceState.JSONError) -> Date {
            guard let seconds = inner[key]?.double else { throw SequenceState.JSONError(reason: "status \(name) has no \(key)") }
            return Date(timeIntervalSinceReferenceDate: seconds)
        }
        switch name {
        case "active":
            self = .active
        case "paused":
            guard let reason = inner["reason"]?.string.flatMap(PauseReason.init(rawValue:)) else {
                throw SequenceState.JSONError(reason: "status paused has no known reason")
            }
            self = .paused(until: try date("until"), reason: reason)
        case "stopped":
            guard let reason = inner["_0"]?.string.flatMap(StopReason.init(rawValue:)) else {
                throw SequenceState.JSONError(reason: "status stopped has no known reason")
            }
            self = .stopped(reason, at: try date("at"))
        case "completed":
            self = .completed(at: try date("at"))
        default:
            throw SequenceState.JSONError(reason: "unknown status \(name)")
        }
    }
}
