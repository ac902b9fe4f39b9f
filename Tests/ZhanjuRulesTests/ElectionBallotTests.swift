import Testing
import ZhanjuRules

/// `n` identical ballots marking the given printed candidates.
func ballots(_ n: Int, _ marks: [CommitteePost: [String]]) -> [Ballot] {
    Array(repeating: Ballot(marks: marks.mapValues { $0.map(BallotMark.candidate) }), count: n)
}

@Suite("Ballots: more names than seats voids the post only; blank and spoilt ballots still count as cast")
struct ElectionBallotTests {
    let rules = ElectionRuleSet.residentsCommittee
    let members = ElectionRound.Post(post: .member, kind: .first, seats: 3, candidates: ["m1", "m2", "m3", "m4", "m5"])
    let chair = ElectionRound.Post(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"])

    @Test("three names for three seats count; a fourth voids the member post, not the chair", arguments: [(3, BallotReading.Status.valid), (4, .void)])
    func overVote(names: Int, status: BallotReading.Status) {
        let ballot = Ballot(marks: [.chair: [.candidate("a")], .member: ["m1", "m2", "m3", "m4"].prefix(names).map(BallotMark.candidate)])
        let member = rules.read(ballot, for: members)
        #expect(member.status == status)
        if status == .void {
            #expect(member.votes.isEmpty && member.explanations.rules == [.ballotOverVote])
            #expect(member.explanations[0].en == "4 names marked for member, more than its 3 seats: void for this post")
        }
        #expect(rules.read(ballot, for: chair).votes == ["a"])
    }

    @Test("fewer names than seats is a valid ballot")
    func underVote() {
        #expect(rules.read(Ballot(marks: [.member: [.candidate("m2")]]), for: members) == BallotReading(status: .valid, votes: ["m2"], explanations: []))
    }

    @Test("nothing marked for a post is a blank (abstention) for that post")
    func blank() {
        let reading = rules.read(Ballot(marks: [.chair: [.candidate("a")]]), for: members)
        #expect(reading.status == .blank && reading.explanations.rules == [.ballotBlank])
    }

    @Test("a spoilt ballot is void for every post")
    func spoilt() {
        #expect(rules.read(.spoiltBallot, for: chair).status == .void)
        #expect(rules.read(.spoiltBallot, for: members).explanations.rules == [.ballotSpoilt])
    }

    @Test("a person printed and also written in counts once, and once toward the seats")
    func markedTwice() {
        let ballot = Ballot(marks: [.member: [.candidate("m1"), .writeIn("m1"), .candidate("m2"), .candidate("m3")]])
        #expect(rules.read(ballot, for: members) == BallotReading(status: .valid, votes: ["m1", "m2", "m3"], explanations: []))
    }

    @Test("a voter written in gets the vote; a name nobody can identify counts toward the seats but for no one")
    func writeIns() {
        let ballot = Ballot(marks: [.member: [.candidate("m1"), .writeIn("v77"), .unidentified]])
        let reading = rules.read(ballot, for: members)
        #expect(reading.status == .valid && reading.votes == ["m1", "v77"] && reading.explanations.rules == [.writeIn])
        let four = Ballot(marks: [.member: [.candidate("m1"), .candidate("m2"), .candidate("m3"), .unidentified]])
        #expect(rules.read(four, for: members).status == .void)
    }

    @Test("where the rule set allows no write-ins they are not counted, and the ballot stands for the rest")
    func noWriteIns() {
        var strict = rules
        strict.writeInsAllowed = false
        let reading = strict.read(Ballot(marks: [.member: [.candidate("m1"), .writeIn("v77")]]), for: members)
        #expect(reading.status == .valid && reading.votes == ["m1"] && reading.explanations.rules == [.writeIn])
    }

    @Test("a runoff is among the tied only")
    func runoffIgnoresWriteIns() {
        let runoff = ElectionRound.Post(post: .member, kind: .runoff, seats: 1, candidates: ["m3", "m4"])
        let reading = rules.read(Ballot(marks: [.member: [.writeIn("m1")]]), for: runoff)
        #expect(reading.votes.isEmpty && reading.explanations.rules == [.writeIn])
    }
}
