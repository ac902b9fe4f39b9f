import Foundation
import ZhanjuRules

extension ElectionService.BallotInput {
    /// Whether a Content-Type header names JSON (`application/json`, any case, any parameters),
    /// read from the header's text: parsing it into a media type and its directives cost a web
    /// ballot more than reading its body.
    static func isJSON(contentType value: String) -> Bool {
        let name = value.utf8.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") }
        return name.count == 16 && zip(name, "application/json".utf8).allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z") ~= $0 ? $0 | 0x20 : $0) == $1 }
    }

    /// Reads the body a voter's phone sends, `{"code":"…","marks":{"<post>":["<person id>",…],…}}`,
    /// straight from its bytes: at election-day rates the general JSON decoder cost more than
    /// writing the ballot. Anything else (escapes, other keys, other values, a key twice) is nil,
    /// and the route then reads the body with the decoder, which names what is wrong. A test
    /// holds the two readers to the same ballots.
    static func read(json bytes: UnsafeRawBufferPointer) -> Self? {
        var r = Reader(bytes: bytes)
        var code: String?
        var marks: [String: [UUID]]?
        guard r.take(UInt8(ascii: "{")) else { return nil }
        if !r.take(UInt8(ascii: "}")) {
            repeat {
                guard let key = r.string(), r.take(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "code" where code == nil:
                    guard let value = r.string() else { return nil }
                    code = value
                case "marks" where marks == nil:
                    guard let value = r.marks() else { return nil }
                    marks = value
                default:
                    return nil
                }
            } while r.take(UInt8(ascii: ","))
            guard r.take(UInt8(ascii: "}")) else { return nil }
        }
        guard r.atEnd else { return nil }
        return Self(code: code, marks: marks)
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        var atEnd: Bool {
            mutating get { skipSpace(); return i == bytes.count }
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// A string of printable ASCII without escapes.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                guard bytes[i] >= 0x20, bytes[i] < 0x7F, bytes[i] != UInt8(ascii: "\\") else { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        mutating func marks() -> [String: [UUID]]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var out: [String: [UUID]] = [:]
            if take(UInt8(ascii: "}")) { return out }
            repeat {
                // Only the posts' own names: the decoder's key conversion reads others its own way.
                guard let post = string(), CommitteePost(rawValue: post) != nil, out[post] == nil,
                      take(UInt8(ascii: ":")), take(UInt8(ascii: "[")) else { return nil }
                var people: [UUID] = []
                if !take(UInt8(ascii: "]")) {
                    repeat {
                        guard let text = string(), let id = Hex.uuid(parsing: text) else { return nil }
                        people.append(id)
                    } while take(UInt8(ascii: ","))
                    guard take(UInt8(ascii: "]")) else { return nil }
                }
                out[post] = people
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? out : nil
        }
    }
}
