/// A map from 64-bit feature hashes (`FeatureHash`, `TextToken.hash`) to values, for the classifier's per-token
/// lookups: open addressing on the key's own bits (multiply-shift), so a lookup costs no SipHash round as a
/// `Dictionary` or `Set` of `UInt64` does. Same answers as the dictionary it is built from.
struct HashIndex<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var used: [Bool]
    private var shift: UInt64
    /// Number of keys stored.
    private(set) var count = 0

    /// An empty index with room for `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var bits: UInt64 = 3
        while (1 << bits) < capacity * 2 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << bits)
        values = [Value?](repeating: nil, count: 1 << bits)
        used = [Bool](repeating: false, count: 1 << bits)
        shift = 64 - bits
    }

    /// An index holding the entries of `dictionary`.
    init(_ dictionary: [UInt64: Value]) {
        self.init(capacity: dictionary.count)
        for (key, value) in dictionary { self[key] = value }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil; assigning nil is not supported (the index only grows).
    subscript(key: UInt64) -> Value? {
        get {
            let mask = keys.count - 1
            var i = slot(key)
            while used[i] {
                if keys[i] == key { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            guard let newValue else { return }
            _ = insert(key, newValue, replacing: true)
        }
    }

    /// Stores `value` for `key` unless `key` is there already (or replaces it when `replacing`).
    /// - Returns: true when `key` was new.
    @discardableResult
    mutating func insert(_ key: UInt64, _ value: Value, replacing: Bool = false) -> Bool {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while used[i] {
            if keys[i] == key {
                if replacing { values[i] = value }
                return false
            }
            i = (i + 1) & mask
        }
        used[i] = true
        keys[i] = key
        values[i] = value
        count += 1
        return true
    }

    private mutating func grow() {
        var bigger = HashIndex(capacity: keys.count)
        for i in keys.indices where used[i] { bigger.insert(keys[i], values[i]!) }
        self = bigger
    }
}

extension HashIndex where Value == Bool {
    /// A set of keys.
    init<S: Sequence<UInt64>>(set keys: S) {
        self.init(capacity: keys.underestimatedCount)
        for key in keys { insert(key, true) }
    }

    /// True when `key` is in the set.
    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    /// Adds `key`; true when it was new.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool { insert(key, true) }
}
