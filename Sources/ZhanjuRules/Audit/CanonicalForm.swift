import Foundation

/// The text a hash chain hashes for an entry, defined here once so that no change of encoder
/// (a Foundation update, another platform, a port to another language) can make a valid chain
/// fail to verify. Format 1, the form every entry so far has:
/// - a JSON object whose keys are sorted by their UTF-8 bytes, with no whitespace;
/// - absent values are left out (never `null`);
/// - strings as UTF-8, escaping only `"` and `\` as `\"` and `\\`, U+0008, U+0009, U+000A,
///   U+000C and U+000D as `\b \t \n \f \r`, and other characters below U+0020 as `\u00XX`
///   with lower-case hex; `/` and everything else as is;
/// - integers in decimal, UUIDs as their upper-case 36-character string.
/// The published test vector is in HashChainTests (and README, "Audit chain").
public enum CanonicalForm {
    public static let currentFormat = 1

    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
    }

    /// An entry's time: UTC to the whole second, `2026-09-11T01:00:00Z` (RFC 3339), the form
    /// Foundation's ISO8601DateFormatter writes by default, computed here because making that
    /// formatter for every entry cost more than the rest of an audit append.
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let inDay = seconds - days * 86_400
        return CivilDate(dayNumber: days).iso + "T" + two(inDay / 3600) + ":" + two(inDay / 60 % 60) + ":" + two(inDay % 60) + "Z"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Format 1 of an object; nil values are left out.
    public static func object(_ fields: [String: Value?]) -> String {
        var out = "{"
        var first = true
        for key in fields.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let value = fields[key] ?? nil else { continue }
            if !first { out += "," }
            first = false
            out += string(key) + ":"
            switch value {
            case .string(let s): out += string(s)
            case .int(let i): out += String(i)
            }
        }
        return out + "}"
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func uuid(_ id: UUID?) -> Value? { id.map { .string($0.uuidString) } }
    public static func string(_ s: String?) -> Value? { s.map { .string($0) } }
}
