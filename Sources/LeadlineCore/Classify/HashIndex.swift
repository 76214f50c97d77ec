/// A map from 64-bit feature hashes (`FeatureHash`, `TextToken.hash`) to values, for the classifier's per-token
/// lookups: open addressing on the key's own bits (multiply-shift), so a lookup costs no SipHash round as a
/// `Dictionary` or `Set` of `UInt64` does. Same answers as the dictionary it is built from.
struct HashIndex<Value: Sendable>: Sendable {
    /// One slot of the open-addressing table: a key and 1 + the position of its value in `entries` (0: empty).
    private struct Slot: Sendable {
        var key: UInt64
        var entry: UInt32
    }

    private var slots: [Slot]
    /// The values in insertion order, apart from the table: a lookup reads one slot array, and a set (`Bool`
    /// values) never reads its values at all.
    private var entries: [Value] = []
    private var shift: UInt64
    /// Number of keys stored.
    var count: Int { entries.count }

    /// An empty index with room for `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var bits: UInt64 = 3
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = [Slot](repeating: Slot(key: 0, entry: 0), count: 1 << bits)
        entries.reserveCapacity(capacity)
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

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) private func probe(_ key: UInt64) -> (slot: Int, entry: Int?) {
        slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var i = slot(key)
            while true {
                let candidate = table[i]
                if candidate.entry == 0 { return (i, nil) }
                if candidate.key == key { return (i, Int(candidate.entry) - 1) }
                i = (i + 1) & mask
            }
        }
    }

    /// The value stored for `key`, or nil; assigning nil is not supported (the index only grows).
    subscript(key: UInt64) -> Value? {
        get { probe(key).entry.map { entries[$0] } }
        set {
            guard let newValue else { return }
            _ = insert(key, newValue, replacing: true)
        }
    }

    /// True when `key` is stored.
    @inline(__always) func containsKey(_ key: UInt64) -> Bool { probe(key).entry != nil }

    /// Stores `value` for `key` unless `key` is there already (or replaces it when `replacing`).
    /// - Returns: true when `key` was new.
    @discardableResult
    mutating func insert(_ key: UInt64, _ value: Value, replacing: Bool = false) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let found = probe(key)
        if let entry = found.entry {
            if replacing { entries[entry] = value }
            return false
        }
        entries.append(value)
        slots[found.slot] = Slot(key: key, entry: UInt32(entries.count))
        return true
    }

    private mutating func grow() {
        let old = slots
        let bits = 64 - shift + 1
        slots = [Slot](repeating: Slot(key: 0, entry: 0), count: 1 << bits)
        shift = 64 - bits
        for item in old where item.entry != 0 { slots[probe(item.key).slot] = item }
    }
}

extension HashIndex where Value == Bool {
    /// A set of keys.
    init<S: Sequence<UInt64>>(set keys: S) {
        self.init(capacity: keys.underestimatedCount)
        for key in keys { insert(key, true) }
    }

    /// True when `key` is in the set.
    func contains(_ key: UInt64) -> Bool { containsKey(key) }

    /// Adds `key`; true when it was new.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool { insert(key, true) }
}
