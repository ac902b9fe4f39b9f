import Testing
import ZhanjuRules

@Suite("Nominations: jointly by 10 voters or 5 households, by a residents' group, or self with 10 co-signers")
struct ElectionNominationTests {
    let rules = ElectionRuleSet.residentsCommittee
    let roll = Set((1...40).map { "v\($0)" })

    func voters(_ n: Int, from start: Int = 2) -> [String] { (start..<(start + n)).map { "v\($0)" } }

    @Test("ten voters jointly nominate; nine do not", arguments: [(9, false), (10, true)])
    func jointVoters(signers: Int, valid: Bool) {
        let check = rules.checkNomination(.init(nominee: "v1", post: .member, kind: .jointVoters(signers: voters(signers))), roll: roll)
        #expect(check.accepted == valid)
        if !valid {
            #expect(check.refusals.rules == [.nomination])
            #expect(check.refusals[0].en == "joint nomination by voters: 9 valid signers; 10 required")
        }
    }

    @Test("signers off the roll, signing twice or for themself are not counted, and the text says so")
    func uncounted() {
        let signers = voters(8) + ["v2", "x1", "v1"]
        let check = rules.checkNomination(.init(nominee: "v1", post: .member, kind: .jointVoters(signers: signers)), roll: roll)
        #expect(check.refusals.rules == [.nomination])
        #expect(check.refusals[0].en == "joint nomination by voters: 8 valid signers (not counted: 1 off the roll, 1 signed twice, the nominee's own signature); 10 required")
    }

    @Test("five household representatives jointly nominate; two from one household count once", arguments: [(4, false), (5, true)])
    func households(count: Int, valid: Bool) {
        let signers = (0..<count).map { Representative(person: "v\($0 + 2)", unit: "h\($0)") }
        #expect(rules.checkNomination(.init(nominee: "v1", post: .chair, kind: .jointHouseholds(signers: signers)), roll: roll).accepted == valid)
        let shared = (0..<5).map { Representative(person: "v\($0 + 2)", unit: "h\(min($0, 3))") }
        #expect(rules.checkNomination(.init(nominee: "v1", post: .chair, kind: .jointHouseholds(signers: shared)), roll: roll).refusals.rules == [.nomination])
    }

    @Test("a residents' group of the committee nominates")
    func group() {
        #expect(rules.checkNomination(.init(nominee: "v1", post: .member, kind: .residentsGroup(group: "g1")), roll: roll, groups: ["g1"]).accepted)
        #expect(rules.checkNomination(.init(nominee: "v1", post: .member, kind: .residentsGroup(group: "g9")), roll: roll, groups: ["g1"]).refusals.rules == [.nomination])
    }

    @Test("self-nomination needs ten co-signers", arguments: [(9, false), (10, true)])
    func selfNomination(coSigners: Int, valid: Bool) {
        #expect(rules.checkNomination(.init(nominee: "v1", post: .deputyChair, kind: .selfNomination(coSigners: voters(coSigners))), roll: roll).accepted == valid)
    }

    @Test("a nominee must be on the voter roll")
    func nomineeOnRoll() {
        let check = rules.checkNomination(.init(nominee: "x9", post: .member, kind: .jointVoters(signers: voters(10))), roll: roll)
        #expect(check.refusals.rules == [.nomineeOnRoll])
    }
}
