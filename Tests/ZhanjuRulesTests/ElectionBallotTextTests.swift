import Foundation
import Testing
import ZhanjuRules

/// The ballot's two texts are written out by hand for speed (issue 12): the canonical text the
/// chain hashes, and the JSON it is stored and counted as. Both must be exactly what the general
/// forms give, for every kind of ballot, or a log would stop verifying.
@Suite("A ballot's texts written by hand are the general forms' texts")
struct ElectionBallotTextTests {
    static let people = ["01A22BFC-8AB4-7000-8000-00021C3A8AFC", "01A22BFC-8AB4-7000-8000-000219DBFDAF", "a", "m1", "z-9"]
    static let odd = ["a/b", "quote\"d", "back\\slash", "tab\there", "新", "\u{01}"]

    static var ballots: [Ballot] {
        var out: [Ballot] = [.spoiltBallot, Ballot(marks: [:]), Ballot(marks: [.chair: []]),
                             Ballot(marks: [.member: (1...12).map { .candidate("p\($0)") }]),
                             Ballot(marks: [.chair: [.unidentified], .deputyChair: [.writeIn("w1"), .candidate("c1")], .member: [.unidentified, .unidentified]]),
                             Ballot(spoilt: true, marks: [.chair: [.candidate("a")]])]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var marks: [CommitteePost: [BallotMark]] = [:]
            for post in CommitteePost.allCases where Bool.random(using: &g) {
                marks[post] = (0..<Int.random(in: 0...4, using: &g)).map { _ in
                    let id = (people + (Bool.random(using: &g) ? odd : [])).randomElement(using: &g)!
                    switch Int.random(in: 0...2, using: &g) {
                    case 0: return .candidate(id)
                    case 1: return .writeIn(id)
                    default: return .unidentified
                    }
                }
            }
            out.append(Ballot(spoilt: Int.random(in: 0..<10, using: &g) == 0, marks: marks))
        }
        return out
    }

    /// The general form: every field through `CanonicalForm.object`.
    static func reference(_ e: BallotLogEntry) -> String {
        var fields: [String: CanonicalForm.Value?] = [
            "election": .string(e.election), "format": .int(e.format), "receipt": .string(e.receipt),
            "round": .int(e.round), "sequence": .int(e.sequence), "spoilt": e.ballot.spoilt ? .int(1) : nil,
        ]
        for (post, marks) in e.ballot.marks {
            let codes = marks.map { m -> String in
                switch m { case .candidate(let p): return "c:" + p; case .writeIn(let p): return "w:" + p; case .unidentified: return "u" }
            }
            for (i, code) in codes.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).enumerated() {
                fields["marks.\(post.rawValue).\(i + 1)"] = .string(code)
            }
        }
        return CanonicalForm.object(fields)
    }

    @Test("the canonical text, its marks written once per distinct ballot, is the general form's (ten marks or more, spoilt, blank, odd characters)")
    func canonical() {
        for (n, ballot) in Self.ballots.enumerated() {
            let e = BallotLogEntry(sequence: n + 1, election: n % 7 == 0 ? "E\"\\1" : "E-2026-WR", round: 1 + n % 3, receipt: "K7M2-Q9", ballot: ballot)
            #expect(e.canonical == Self.reference(e), "\(ballot)")
            #expect(e.canonical(marks: BallotLogEntry.marksText(ballot)) == Self.reference(e))
        }
    }

    @Test("the stored JSON is the bytes Foundation's encoder writes with sorted keys, and decodes to the same ballot")
    func storedJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for ballot in Self.ballots {
            let text = try ballot.storedJSON(fallback: encoder)
            #expect(text == String(decoding: try encoder.encode(ballot), as: UTF8.self))
            #expect(try JSONDecoder().decode(Ballot.self, from: Data(text.utf8)) == ballot)
        }
    }
}
