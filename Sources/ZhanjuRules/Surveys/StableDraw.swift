/// Random draws that depend only on the seed and the input, never on the standard library's
/// algorithms or the process's hash seed, so a sample drawn today is redrawn identically later.
enum StableDraw {
    /// A uniform integer in `0..<bound` by rejection (no modulo bias).
    static func below(_ bound: Int, using rng: inout SeededGenerator) -> Int {
        precondition(bound > 0)
        let n = UInt64(bound)
        let threshold = (0 &- n) % n // 2^64 mod n
        while true {
            let x = rng.next()
            if x >= threshold { return Int(x % n) }
        }
    }

    /// The first `count` elements of a seeded Fisher–Yates shuffle of `items`.
    static func choose<T>(_ count: Int, from items: [T], using rng: inout SeededGenerator) -> [T] {
        var pool = items
        let k = min(count, pool.count)
        for i in 0..<k {
            let j = i + below(pool.count - i, using: &rng)
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(k))
    }

    /// FNV-1a over UTF-8: a hash that is the same in every process (Swift's `Hasher` is not).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
