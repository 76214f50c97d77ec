/// Substring search over UTF-8 bytes, ASCII letters compared case-insensitively: cheaper than Foundation's
/// `contains` on the classifier's hot path.
enum ByteSearch {
    /// True when `haystack` contains `needle` (`needle` written in lower case).
    static func contains<S: StringProtocol>(_ haystack: S, _ needle: String) -> Bool {
        count(haystack, needle, limit: 1) > 0
    }

    /// Occurrences of `needle` (lower case) in `haystack`, counting up to `limit`.
    static func count<S: StringProtocol>(_ haystack: S, _ needle: String, limit: Int = .max) -> Int {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return 0 }
        // Native strings are contiguous UTF-8: search them in place, with no lower-cased copy.
        if let found = haystack.utf8.withContiguousStorageIfAvailable({ count(in: $0, n, limit: limit) }) {
            return found
        }
        return Array(haystack.utf8).withUnsafeBufferPointer { count(in: $0, n, limit: limit) }
    }

    /// Non-overlapping occurrences of `n` in `h`, ASCII capitals of `h` read as lower case, up to `limit`.
    private static func count(in h: UnsafeBufferPointer<UInt8>, _ n: [UInt8], limit: Int) -> Int {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        guard h.count >= n.count else { return 0 }
        let first = n[0]
        var found = 0
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if lower(h[i]) == first {
                var j = 1
                while j < n.count && lower(h[i + j]) == n[j] { j += 1 }
                if j == n.count {
                    found += 1
                    if found >= limit { return found }
                    i += n.count
                    continue
                }
            }
            i += 1
        }
        return found
    }
}
