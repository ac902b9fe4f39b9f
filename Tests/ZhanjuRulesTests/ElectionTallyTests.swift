import Testing
import ZhanjuRules

@Suite("The count: valid on more than half of voters voting; elected on more than half of ballots cast")
struct ElectionTallyTests {
    let rules = ElectionRuleSet.residentsCommittee
    /// One chair (a or b), one deputy (c or d), three members from m1–m5.
    let round = ElectionRound(number: 1, posts: [
        .init(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"]),
        .init(post: .deputyChair, kind: .first, seats: 1, candidates: ["c", "d"]),
        .init(post: .member, kind: .first, seats: 3, candidates: ["m1", "m2", "m3", "m4", "m5"]),
    ], names: ["a": "An", "b": "Bai", "c": "Cao", "d": "Du", "m1": "Ma", "m2": "Meng", "m3": "Mo", "m4": "Mu", "m5": "Miao"])

    func tally(_ ballots: [Ballot], registered: Int = 1_000, issued: Int? = nil) -> RoundResult {
        rules.tally(round, ballots: ballots, registeredVoters: registered, ballotsIssued: issued ?? ballots.count)
    }

    @Test("exactly half of the registered voters voting is not enough; half plus one is", arguments: [(500, false), (501, true)])
    func turnout(cast: Int, valid: Bool) {
        let result = tally(ballots(cast, [.chair: ["a"], .deputyChair: ["c"], .member: ["m1", "m2", "m3"]]))
        #expect(result.valid == valid)
        #expect(result.validity.rules == [.turnout, .ballotReconciliation])
        #expect(result.validity[0].en == "\(cast) of 1000 registered voters voted; more than half (501) must vote: the vote is \(valid ? "valid" : "void")")
        if valid {
            #expect(result.elected.map(\.person) == ["a", "c", "m1", "m2", "m3"])
        } else {
            #expect(result.elected.isEmpty && result.openSeats == 5)
            #expect(result.posts.allSatisfy { $0.explanations.rules == [.repeatElection] })
        }
    }

    @Test("more ballots in the box than were issued voids the vote")
    func reconciliation() {
        let result = tally(ballots(600, [.chair: ["a"]]), issued: 599)
        #expect(!result.valid && result.elected.isEmpty)
        #expect(result.validity.rules == [.turnout, .ballotReconciliation])
        #expect(result.validity[1].en.hasSuffix("the vote is void"))
    }

    @Test("elected with more than half of the ballots cast: 300 of 600 is not enough, 301 is", arguments: [(300, false), (301, true)])
    func majority(votes: Int, elected: Bool) {
        let box = ballots(votes, [.chair: ["a"]]) + ballots(600 - votes, [.chair: ["b"]])
        let result = tally(box)
        let chair = result.post(.chair)!
        #expect(chair.votesNeeded == 301)
        #expect(chair.elected.map(\.person) == (elected ? ["a"] : []))
        if elected {
            #expect(chair.elected[0].explanation.rule == .electionMajority)
            #expect(chair.elected[0].explanation.en == "elected chair with 301 votes; more than half of the 600 ballots cast (301) needed")
        } else {
            #expect(chair.openSeats == 1)
            #expect(chair.explanations.rules == [.electionMajority])
            #expect(chair.explanations[0].en == "chair: 0 of the candidates for 1 seat reached more than half of the 600 ballots cast (301 votes); the best of the rest, An, had 300; 1 seat stays open for a further round")
        }
    }

    @Test("the threshold counts blank and void ballots: 250 of 400 valid ballots is a majority of those, not of the 600 cast")
    func blankAndVoidCount() {
        let box = ballots(250, [.chair: ["a"]]) + ballots(150, [.chair: ["b"]]) + ballots(150, [:]) + Array(repeating: .spoiltBallot, count: 50)
        let chair = tally(box).post(.chair)!
        #expect(chair.validBallots == 400 && chair.blankBallots == 150 && chair.voidBallots == 50)
        #expect(chair.elected.isEmpty && chair.votesNeeded == 301)
    }

    @Test("three members elected from five, most votes first")
    func members() {
        let box = ballots(400, [.member: ["m1", "m2", "m3"]]) + ballots(200, [.member: ["m1", "m4", "m5"]])
        let member = tally(box).post(.member)!
        #expect(member.elected.map(\.person) == ["m1", "m2", "m3"])
        #expect(member.elected.map(\.votes) == [600, 400, 400])
        #expect(member.counts.map(\.person) == ["m1", "m2", "m3", "m4", "m5"])
    }

    @Test("two over the threshold tied for the last seat go to a runoff for it")
    func tieAtLastSeat() {
        let box = ballots(200, [.member: ["m1", "m2", "m3"]]) + ballots(200, [.member: ["m1", "m2", "m4"]])
            + ballots(100, [.member: ["m1", "m3", "m4"]]) + ballots(100, [.member: ["m2", "m3", "m4"]])
        let member = tally(box).post(.member)!
        #expect(member.elected.map(\.person) == ["m1", "m2"])
        #expect(member.openSeats == 1)
        #expect(member.elected.map(\.votes) == [500, 500])
        #expect(member.runoff == Runoff(post: .member, among: ["m3", "m4"], places: 1, votes: 400))
        #expect(member.explanations.rules == [.runoff])
        #expect(member.explanations.first?.en == "Mo, Mu tied on 400 votes: a runoff among them for 1 seat")
    }

    @Test("a tie that does not straddle the last seat elects both")
    func tieInside() {
        let box = ballots(400, [.member: ["m1", "m2", "m3"]]) + ballots(200, [.member: ["m1", "m2", "m4"]])
        #expect(tally(box).post(.member)!.elected.map(\.person) == ["m1", "m2", "m3"])
    }

    @Test("a voter written in can be elected, and the result says so")
    func writeInElected() {
        let box = Array(repeating: Ballot(marks: [.member: [.candidate("m1"), .writeIn("v9")]]), count: 400) + ballots(200, [.member: ["m2"]])
        let member = tally(box).post(.member)!
        #expect(member.elected.map(\.person) == ["m1", "v9"])
        #expect(member.elected[1].writtenIn && member.elected[1].explanation.en.contains("(written in)"))
        #expect(member.counts.first { $0.person == "v9" }?.printed == false)
    }

    @Test("a person elected chair is passed over for member, and the next in line takes the seat")
    func higherPost() {
        let box = Array(repeating: Ballot(marks: [.chair: [.candidate("a")], .member: [.writeIn("a"), .candidate("m1"), .candidate("m2")]]), count: 400)
            + ballots(200, [.member: ["m3"]])
        let member = tally(box).post(.member)!
        #expect(member.elected.map(\.person) == ["m1", "m2"])
        #expect(member.explanations.rules == [.higherPost, .electionMajority])
        #expect(member.explanations[0].en == "An is already elected; their 400 votes for member are passed over")
    }

    @Test("those elected in an earlier round are passed over")
    func earlierRound() {
        let result = rules.tally(round, ballots: ballots(600, [.member: ["m1", "m2", "m3"]]), registeredVoters: 1_000, ballotsIssued: 600, alreadyElected: ["m1"])
        #expect(result.post(.member)!.elected.map(\.person) == ["m2", "m3"])
    }
}
