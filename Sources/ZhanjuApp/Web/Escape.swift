/// Escapes a value for an HTML attribute or a hand-built fragment. Plot escapes text nodes but
/// writes attribute values exactly as given, so every attribute value that is not a plain
/// literal goes through here (ScriptPayloadTests feeds a script payload through every page).
func attr(_ value: String) -> String {
    // Most values (ids, paths, labels) need nothing: return them as they are, without a copy.
    guard value.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else {
        return value
    }
    var out = ""
    out.reserveCapacity(value.utf8.count + 16)
    // By scalar, not by Character: a quote followed by a combining mark is one Character that is
    // not equal to `"`, and would otherwise pass through unescaped.
    for scalar in value.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
