/// 64-bit FNV-1a hashes of feature names, built incrementally so word and word-pair features cost no string
/// allocation. The model stores weights by these hashes.
public struct FeatureHash: Sendable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// The hash of a whole feature name (`cue:price.lowest`).
    public static func of(_ name: String) -> UInt64 {
        var h = FeatureHash()
        h.add(name)
        return h.value
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func add(_ text: String) {
        var v = value
        for byte in text.utf8 {
            v ^= UInt64(byte)
            v &*= 0x100_0000_01b3
        }
        value = v
    }

    /// Adds the eight bytes of another hash (a token's `hash`).
    public mutating func add(hash: UInt64) {
        var v = value
        var h = hash
        for _ in 0 ..< 8 {
            v ^= h & 0xFF
            v &*= 0x100_0000_01b3
            h >>= 8
        }
        value = v
    }

    /// Adds one byte.
    public mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }
}

/// One feature of an inquiry for the model: a hashed name and its value.
public struct FeatureValue: Sendable, Equatable {
    /// `FeatureHash.of(name)`.
    public var key: UInt64
    /// The value (1 for present).
    public var value: Float

    public init(_ key: UInt64, _ value: Float) {
        self.key = key
        self.value = value
    }

    public init(_ name: String, _ value: Float) {
        self.init(FeatureHash.of(name), value)
    }
}
