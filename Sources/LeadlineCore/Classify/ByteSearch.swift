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
        guard let first = n.first else { return 0 }
        var found = 0
        var h = Array(haystack.utf8)
        for i in h.indices where h[i] >= 0x41 && h[i] <= 0x5A { h[i] |= 0x20 }
        guard h.count >= n.count else { return 0 }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
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
