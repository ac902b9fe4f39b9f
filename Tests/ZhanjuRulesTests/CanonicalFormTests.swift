import Foundation
import Testing
@testable import ZhanjuRules

@Suite("The audit chain's canonical form: defined once, and the same text every entry so far was hashed over")
struct CanonicalFormTests {
    struct Sample: Codable {
        var sequence: Int
        var at: String
        var actorAccountId: UUID?
        var actor: String
        var channel: String
        var onBehalfOf: UUID?
        var action: String
        var targetType: String
        var targetId: UUID?
        var before: String?
        var after: String?

        var canonical: String {
            CanonicalForm.object(["sequence": .int(sequence), "at": .string(at), "actorAccountId": CanonicalForm.uuid(actorAccountId),
                                  "actor": .string(actor), "channel": .string(channel), "onBehalfOf": CanonicalForm.uuid(onBehalfOf),
                                  "action": .string(action), "targetType": .string(targetType), "targetId": CanonicalForm.uuid(targetId),
                                  "before": CanonicalForm.string(before), "after": CanonicalForm.string(after)])
        }
    }

    /// What the entries written before the form was defined were hashed over.
    func encoded(_ s: Sample) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(s), as: UTF8.self)
    }

    @Test("format 1 is byte for byte what Foundation's encoder wrote, for awkward text too")
    func matchesEarlierEntries() throws {
        var awkward = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        awkward += ["\"", "\\", "/", "</script>", "维融居委会", "é", "👩‍👩‍👧", "\u{7F}", "\u{2028}", "a\"b\\c/d", ""]
        for (i, text) in awkward.enumerated() {
            let s = Sample(sequence: i, at: "2026-11-30T07:00:00Z", actorAccountId: i % 2 == 0 ? UUID() : nil, actor: "clerk (\(text))", channel: "counter",
                           onBehalfOf: i % 3 == 0 ? UUID() : nil, action: "update", targetType: text, targetId: UUID(), before: i % 2 == 0 ? text : nil, after: text)
            #expect(s.canonical == (try encoded(s)), "text \(i): \(text.debugDescription)")
        }
    }

    @Test("an entry's time is written as Foundation's ISO 8601 formatter wrote it, to the second", arguments: [
        0.0, 1_790_000_000.0, 1_790_000_000.999, 951_782_400.5, 4_102_444_799.0, -86_401.0,
    ])
    func timestampMatchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(CanonicalForm.timestamp(date) == ISO8601DateFormatter().string(from: date))
    }

    @Test("the published test vector")
    func testVector() {
        let s = Sample(sequence: 1, at: "2026-11-30T07:00:00Z", actorAccountId: UUID(uuidString: "00000000-0000-0000-0000-000000000001"),
                       actor: "admin (管理员)", channel: "online", onBehalfOf: nil, action: "create", targetType: "compounds",
                       targetId: UUID(uuidString: "00000000-0000-0000-0000-0000000000C1"), before: nil, after: "ab\"c/\n")
        let text = #"{"action":"create","actor":"admin (管理员)","actorAccountId":"00000000-0000-0000-0000-000000000001","after":"ab\"c/\n","at":"2026-11-30T07:00:00Z","channel":"online","sequence":1,"targetId":"00000000-0000-0000-0000-0000000000C1","targetType":"compounds"}"#
        #expect(s.canonical == text)
        #expect(HashChain.link(previous: HashChain.genesis, content: text) == Self.vectorHash)
    }

    static let vectorHash = "64acb5a622dcbacbe477021b38295ca02893ed45e3ff2d0ea8403349817ca017"
}
