import Foundation

/// A minimal JSON writer for hot routes: objects, arrays, strings escaped per RFC 8259.
struct JSONWriter {
    private(set) var output: String = {
        var s = ""
        s.reserveCapacity(2048)
        return s
    }()
    private var needsComma = false

    mutating func key(_ k: String) {
        string(k)
        output.append(":")
        needsComma = false
    }

    mutating func field(_ k: String, _ value: String?) {
        guard let value else { return }
        key(k)
        string(value)
    }

    mutating func raw(_ text: String) {
        if needsComma { output.append(",") }
        output.append(text)
        needsComma = true
    }

    mutating func string(_ s: String) {
        if needsComma { output.append(",") }
        output.append("\"")
        // Most values need no escaping: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output.append(s)
            output.append("\"")
            needsComma = true
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
        needsComma = true
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        if needsComma { output.append(",") }
        output.append("{")
        needsComma = false
        body(&self)
        output.append("}")
        needsComma = true
    }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        if needsComma { output.append(",") }
        output.append("[")
        needsComma = false
        for item in items { body(&self, item) }
        output.append("]")
        needsComma = true
    }
}
