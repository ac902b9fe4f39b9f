/// How personal numbers appear wherever a full value is not needed (RULES.md, PIPL).
public enum Masking {
    /// `510104199001011234` → `5101**********1234`: the city and the last four remain,
    /// enough for a clerk to confirm a document in hand, not enough to impersonate.
    public static func idNumber(_ value: String) -> String {
        maskMiddle(value, keepFirst: 4, keepLast: 4)
    }

    /// `13812345678` → `138****5678`, the common Chinese convention.
    public static func phone(_ value: String) -> String {
        maskMiddle(value, keepFirst: 3, keepLast: 4)
    }

    /// A name shows only its surname: `张三丰` → `张**`; Latin names keep their first letter.
    public static func name(_ value: String) -> String {
        guard let first = value.first else { return value }
        return String(first) + String(repeating: "*", count: max(1, value.count - 1))
    }

    static func maskMiddle(_ value: String, keepFirst: Int, keepLast: Int) -> String {
        // Personal numbers are ASCII: mask their bytes directly (the city generator does this millions of times).
        let bytes = Array(value.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            guard bytes.count > keepFirst + keepLast else { return String(repeating: "*", count: bytes.count) }
            var out = bytes
            for i in keepFirst..<(bytes.count - keepLast) { out[i] = UInt8(ascii: "*") }
            return String(decoding: out, as: UTF8.self)
        }
        let chars = Array(value)
        guard chars.count > keepFirst + keepLast else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(keepFirst))
            + String(repeating: "*", count: chars.count - keepFirst - keepLast)
            + String(chars.suffix(keepLast))
    }
}
