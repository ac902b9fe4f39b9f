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
    for ch in value {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}
