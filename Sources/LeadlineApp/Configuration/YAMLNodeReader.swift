import Foundation
import Yams

/// Reads a composed YAML node strictly, turning every surprise into a ``ConfigurationError`` with the line
/// (from the node's mark) and the key path. Unknown and duplicate keys are errors, not silently ignored.
struct YAMLNodeReader {
    let file: String
    let node: Node
    /// The key path of `node` (`accounts[0].imap`), empty at the root.
    let path: String

    func error(_ problem: String, at node: Node? = nil, key: String? = nil) -> ConfigurationError {
        ConfigurationError(file: file, line: (node ?? self.node).mark?.line, key: key ?? path, problem: problem)
    }

    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Checks the node is a mapping whose keys are all in `allowed` and none repeats.
    /// - Parameter refused: keys that are recognised but not allowed, with the message to give.
    func mapping(allowed: [String], refused: [String: String] = [:]) throws -> [String: (key: Node, value: Node)] {
        guard let mapping = node.mapping else {
            throw error("expected a mapping of keys (\(allowed.joined(separator: ", "))), found \(node.kindName)")
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error("a key must be plain text", at: keyNode) }
            if let message = refused[key] { throw error(message, at: keyNode, key: childPath(key)) }
            guard allowed.contains(key) else {
                let hint = Self.closest(to: key, in: allowed).map { " (did you mean \($0)?)" } ?? ""
                throw error("unknown key\(hint); allowed here: \(allowed.joined(separator: ", "))", at: keyNode,
                            key: childPath(key))
            }
            guard result[key] == nil else { throw error("the key appears twice", at: keyNode, key: childPath(key)) }
            result[key] = (keyNode, value)
        }
        return result
    }

    func child(_ key: String, _ entry: (key: Node, value: Node)) -> YAMLNodeReader {
        YAMLNodeReader(file: file, node: entry.value, path: childPath(key))
    }

    /// The node as non-empty text.
    func string() throws -> String {
        guard let scalar = node.scalar else { throw error("expected text, found \(node.kindName)") }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        let isNull = scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(text)
        guard !text.isEmpty, !isNull else { throw error("must not be empty") }
        return text
    }

    func bool() throws -> Bool {
        guard node.scalar != nil, let value = node.bool else { throw error("expected true or false") }
        return value
    }

    /// The node as a whole number within `range` (`connections: 3`).
    func integer(in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(try string()), range.contains(value) else {
            throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func stringList() throws -> [String] {
        guard let sequence = node.sequence else { throw error("expected a list, like [INBOX]") }
        guard !sequence.isEmpty else { throw error("the list must not be empty") }
        return try sequence.enumerated().map { index, item in
            try YAMLNodeReader(file: file, node: item, path: "\(path)[\(index)]").string()
        }
    }

    /// The key of `allowed` within edit distance 2 of `key`, to suggest a fix for a typo.
    static func closest(to key: String, in allowed: [String]) -> String? {
        allowed.map { ($0, distance(key, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
