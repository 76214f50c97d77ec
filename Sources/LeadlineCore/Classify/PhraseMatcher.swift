/// A cue: a named signal with the phrases that show it, in every language Leadline reads.
///
/// Phrases are written naturally ("precio más bajo", "最低价", "скидк*"); they are folded like message text.
/// A word ending in `*` matches any word starting with it (at least four letters before the star).
public struct Cue: Sendable {
    /// Stable identifier, used as a model feature (`cue:price.lowest`).
    public var id: String
    /// What the cue means, in a salesperson's words ("asks for your lowest price").
    public var reason: String
    /// The phrases that show the cue.
    public var phrases: [String]

    public init(_ id: String, _ reason: String, _ phrases: [String]) {
        self.id = id
        self.reason = reason
        self.phrases = phrases
    }
}

/// One cue found in a text: how often, and the first phrase as written.
public struct CueHit: Sendable, Equatable {
    /// Index of the cue in the matcher's list.
    public var cue: Int
    /// Number of matches.
    public var count: Int
    /// The first match as written in the message.
    public var example: String
}

/// Finds many multi-word cues in a token stream in one pass (dictionary lookup on each token's first word).
public struct PhraseMatcher: Sendable {
    private struct Pattern: Sendable {
        /// Hash of each folded word (exact words), or of its four-character key (prefix words).
        var hashes: [UInt64]
        /// The folded stem of a prefix word (`скидк`), nil for an exact word.
        var stems: [String?]
        var cue: Int
    }

    /// The cues, in the order given.
    public let cues: [Cue]
    private let exactIndex: HashIndex<[Pattern]>
    private let prefixIndex: HashIndex<[Pattern]>
    private static let prefixKeyLength = 4

    /// Builds a matcher over `cues`.
    public init(cues: [Cue]) {
        self.cues = cues
        var exactIndex: [UInt64: [Pattern]] = [:]
        var prefixIndex: [UInt64: [Pattern]] = [:]
        for (index, cue) in cues.enumerated() {
            for phrase in cue.phrases {
                var words: [String] = []
                var prefix: [Bool] = []
                for part in phrase.split(separator: " ") {
                    let wildcard = part.hasSuffix("*")
                    let folded = TextTokenizer.tokens(String(wildcard ? part.dropLast() : part)).map(\.folded)
                    for (n, word) in folded.enumerated() {
                        words.append(word)
                        prefix.append(wildcard && n == folded.count - 1 && word.count >= Self.prefixKeyLength)
                    }
                }
                guard !words.isEmpty else { continue }
                let hashes = words.indices.map {
                    prefix[$0] ? FeatureHash.of(String(words[$0].prefix(Self.prefixKeyLength))) : FeatureHash.of(words[$0])
                }
                let stems = words.indices.map { prefix[$0] ? words[$0] : nil }
                let pattern = Pattern(hashes: hashes, stems: stems, cue: index)
                if prefix[0] {
                    prefixIndex[hashes[0], default: []].append(pattern)
                } else {
                    exactIndex[hashes[0], default: []].append(pattern)
                }
            }
        }
        self.exactIndex = HashIndex(exactIndex)
        self.prefixIndex = HashIndex(prefixIndex)
    }

    /// All cues found in `tokens`, in cue order.
    public func match(_ tokens: [TextToken]) -> [CueHit] {
        var counts = [Int](repeating: 0, count: cues.count)
        var examples = [String?](repeating: nil, count: cues.count)
        var lastStart = [Int](repeating: -1, count: cues.count)
        for i in tokens.indices {
            let token = tokens[i]
            if let patterns = exactIndex[token.hash] {
                for pattern in patterns where matches(pattern, tokens, at: i) {
                    record(pattern, tokens, at: i, &counts, &examples, &lastStart)
                }
            }
            if token.prefixHash != 0, let patterns = prefixIndex[token.prefixHash] {
                for pattern in patterns where matches(pattern, tokens, at: i) {
                    record(pattern, tokens, at: i, &counts, &examples, &lastStart)
                }
            }
        }
        var hits: [CueHit] = []
        for index in cues.indices where counts[index] > 0 {
            hits.append(CueHit(cue: index, count: counts[index], example: examples[index] ?? ""))
        }
        return hits
    }

    private func matches(_ pattern: Pattern, _ tokens: [TextToken], at start: Int) -> Bool {
        guard start + pattern.hashes.count <= tokens.count else { return false }
        for offset in pattern.hashes.indices {
            let token = tokens[start + offset]
            if let stem = pattern.stems[offset] {
                if token.prefixHash != pattern.hashes[offset] || !token.folded.hasPrefix(stem) { return false }
            } else if token.hash != pattern.hashes[offset] {
                return false
            }
        }
        return true
    }

    private func record(_ pattern: Pattern, _ tokens: [TextToken], at start: Int,
                        _ counts: inout [Int], _ examples: inout [String?], _ lastStart: inout [Int]) {
        // Overlapping phrases of one cue ("will be back", "will be back on") count once.
        guard lastStart[pattern.cue] != start else { return }
        lastStart[pattern.cue] = start
        counts[pattern.cue] += 1
        if examples[pattern.cue] == nil {
            let slice = tokens[start ..< start + pattern.hashes.count]
            examples[pattern.cue] = slice.allSatisfy(\.isCJK)
                ? slice.map(\.raw).joined() : slice.map(\.raw).joined(separator: " ")
        }
    }
}
