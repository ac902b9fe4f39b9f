import Testing
import ZhanjuRules

@Suite("Recall (罢免): proposed by a fifth of voters or a third of representatives; passed by a majority of a majority")
struct ElectionRecallTests {
    let rules = ElectionRuleSet.residentsCommittee
    let roll = Set((1...1_000).map { "v\($0)" })
    let representatives = Set((1...30).map { "r\($0)" })

    @Test("a fifth of 1,000 voters is 200: 199 signers are refused, 200 propose", arguments: [(199, false), (200, true)])
    func byVoters(signers: Int, ok: Bool) {
        let check = rules.checkRecallPetition(voterSigners: (1...signers).map { "v\($0)" }, roll: roll)
        #expect(check.accepted == ok)
        if !ok {
            #expect(check.refusals.rules == [.recallPetition])
            #expect(check.refusals[0].en == "199 voters propose the recall; at least one fifth of the 1000 voters (200) required")
        }
    }

    @Test("a third of 30 representatives is 10: 9 are refused, 10 propose", arguments: [(9, false), (10, true)])
    func byRepresentatives(signers: Int, ok: Bool) {
        let check = rules.checkRecallPetition(voterSigners: [], roll: roll, representativeSigners: (1...signers).map { "r\($0)" }, representatives: representatives)
        #expect(check.accepted == ok)
        if !ok { #expect(check.refusals.rules == [.recallPetition, .recallPetition]) }
    }

    @Test("signers off the roll or signing twice are not counted")
    func uncounted() {
        let signers = (1...199).map { "v\($0)" } + ["v1", "x1"]
        #expect(!rules.checkRecallPetition(voterSigners: signers, roll: roll).accepted)
    }

    @Test("a recall needs more than half of the voters to vote: 500 of 1,000 is not enough, 501 is", arguments: [(500, false), (501, true)])
    func turnout(cast: Int, recalled: Bool) {
        let result = rules.recallResult(registeredVoters: 1_000, ballotsCast: cast, inFavour: cast)
        #expect(result.recalled == recalled && result.turnoutMet == recalled && result.approvalMet)
        #expect(result.explanations.rules == [.recallVote, .recallVote])
    }

    @Test("and more than half of those voting to agree: 300 of 600 is not enough, 301 is", arguments: [(300, false), (301, true)])
    func approval(inFavour: Int, recalled: Bool) {
        let result = rules.recallResult(registeredVoters: 1_000, ballotsCast: 600, inFavour: inFavour)
        #expect(result.recalled == recalled)
        #expect(result.explanations[1].en == "\(inFavour) in favour; more than half of those voting (301) must agree")
    }
}
