import Foundation
import Testing
import ZhanjuRules
@testable import ZhanjuApp

/// The ballot route reads the body a phone sends without the general JSON decoder (issue 12,
/// "Speed"). Whatever it reads must be the ballot the decoder reads; whatever it cannot read it
/// leaves to the decoder, which names the field that is wrong.
@Suite("A web ballot's body read from its bytes is the ballot the JSON decoder reads")
struct BallotBodyTests {
    static let a = "01A22BFC-8AB4-7000-8000-00021C3A8AFC", b = "01a22bfc-8ab4-7000-8000-000219dbfdaf"

    static func decoded(_ body: String) -> ElectionService.CastRequest? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (try? decoder.decode(ElectionService.BallotInput.self, from: Data(body.utf8))).flatMap { try? ElectionService.read($0) }
    }

    static func fast(_ body: String) -> ElectionService.BallotInput? {
        Array(body.utf8).withUnsafeBytes(ElectionService.BallotInput.read(json:))
    }

    @Test("what phones send is read from its bytes, as the decoder reads it (spaces, blank posts, lower-case ids, no marks)")
    func same() throws {
        for body in [#"{"code":"K7QF-3M9T-XW2C-8HRP","marks":{"chair":["\#(Self.a)"],"deputy_chair":["\#(Self.b)"],"member":["\#(Self.a)","\#(Self.b)"]}}"#,
                     #" { "marks" : { "member" : [ ] , "chair" : [ "\#(Self.a)" ] } , "code" : "K7QF-3M9T" } "#,
                     #"{"code":"K7QF"}"#, #"{"code":"K7QF","marks":{}}"#, #"{}"#] {
            let fast = try #require(Self.fast(body), "\(body)")
            let mine = try? ElectionService.read(fast)
            let theirs = Self.decoded(body)
            #expect(mine?.hash == theirs?.hash && mine?.marks == theirs?.marks, "\(body)")
        }
    }

    @Test("anything else is left to the decoder: escapes, other keys or values, a key twice, a bad id, trailing bytes, a post by another name")
    func leftToTheDecoder() {
        for body in [#"{"code":"K7\u0051F"}"#, #"{"code":"K7QF","extra":1}"#, #"{"code":null}"#, #"{"code":"A","code":"B"}"#,
                     #"{"code":"A","marks":{"chair":["not-an-id"]}}"#, #"{"code":"A"} x"#, #"{"code":"A","marks":{"deputyChair":["\#(Self.a)"]}}"#,
                     #"{"code":"A","marks":{"chair":["\#(Self.a)"],"chair":[]}}"#, #"{"code":"A","marks":{"chair":"\#(Self.a)"}}"#,
                     #"{"code":"新"}"#, #"{"code":"A""#, #"["A"]"#, ""] {
            #expect(Self.fast(body) == nil, "\(body)")
        }
    }

    @Test("the receipt a ballot is answered with is written as the API's encoder writes it")
    func receiptBody() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for receipt in [ElectionService.Receipt(electionId: UUID(), round: 1, sequence: 1, receipt: "K7QF-3M9T", hash: String(repeating: "0a", count: 32)),
                        ElectionService.Receipt(electionId: UUID(uuidString: Self.b)!, round: 12, sequence: 1_000_001, receipt: "2345-WXYZ", hash: "ff")] {
            #expect(receipt.body == String(decoding: try encoder.encode(receipt), as: UTF8.self))
        }
    }

    @Test("a code is hashed the same whether read byte by byte (ASCII) or by characters (anything else)")
    func codeHash() {
        let printed = ElectionService.hash(code: "K7QF3M9TXW2C8HRP")
        for typed in ["k7qf-3m9t-xw2c-8hrp", " K7QF 3M9T\tXW2C-8hrp\n", "K7QF—3M9T·XW2C–8HRP", "k7qf\u{3000}3m9t xw2c 8hrp"] {
            #expect(ElectionService.hash(code: typed) == printed, "\(typed)")
        }
        #expect(ElectionService.hash(code: "K7QF-3M9T-XW2C-8HRQ") != printed)
    }
    @Test("the body is read fast only under a JSON content type, named in any case, with or without parameters")
    func jsonContentType() {
        for named in ["application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8"] {
            #expect(ElectionService.BallotInput.isJSON(contentType: named), "\(named)")
        }
        for other in ["application/jsonx", "application/json-patch+json", "text/json", "application/x-www-form-urlencoded", "", "application\u{0F}json", "multipart/form-data"] {
            #expect(!ElectionService.BallotInput.isJSON(contentType: other), "\(other)")
        }
    }

    @Test("a code draws its characters from the printed alphabet, in groups of four")
    func codeAlphabet() {
        let alphabet = Set(ElectionService.alphabet)
        var seen = Set<Character>()
        for _ in 0..<500 {
            let code = ElectionService.newCode(groups: 2)
            let groups = code.split(separator: "-")
            #expect(groups.count == 2 && groups.allSatisfy { $0.count == 4 && $0.allSatisfy(alphabet.contains) }, "\(code)")
            seen.formUnion(code.filter { $0 != "-" })
        }
        // 4,000 characters drawn: every one of the 31 appears (a missing one would be a bias).
        #expect(seen == alphabet)
    }
    @Test("a web ballot's receipt begins with its sequence, so an election's receipts sort as its log, then eight drawn characters; past 31⁴ ballots it is all drawn")
    func receiptsInLogOrder() {
        let sequences = [0, 1, 2, 30, 31, 32, 960, 961, 29_791, 923_520]
        let receipts = sequences.map { ElectionService.receipt(sequence: $0) }
        #expect(receipts == receipts.sorted(), "\(receipts)")
        #expect(receipts.first?.hasPrefix("2222-") == true && receipts[1].hasPrefix("2223-") && receipts[4].hasPrefix("2232-"), "\(receipts)")
        #expect(receipts.last?.hasPrefix("ZZZZ-") == true)
        let alphabet = Set(ElectionService.alphabet)
        for r in receipts + [ElectionService.receipt(sequence: 923_521), ElectionService.receipt(sequence: -1)] {
            let groups = r.split(separator: "-")
            #expect(groups.count == 3 && groups.allSatisfy { $0.count == 4 && $0.allSatisfy(alphabet.contains) }, "\(r)")
        }
        // Two ballots of one sequence (a retry after a taken receipt) differ in the drawn half.
        #expect(Set((0..<20).map { _ in ElectionService.receipt(sequence: 7) }).count > 1)
    }
}
