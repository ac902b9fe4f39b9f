import Testing
import ZhanjuRules

@Suite("Further rounds (另行选举): twice the open seats stand; the most votes win, with at least one third")
struct ElectionFurtherRoundTests {
    let rules = ElectionRuleSet.residentsCommittee
    let first = ElectionRound(number: 1, posts: [
        .init(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"]),
        .init(post: .member, kind: .first, seats: 4, candidates: ["m1", "m2", "m3", "m4", "m5", "m6"]),
    ])

    /// a and m1 elected; m2–m6 below the 301 needed: 3 member seats open.
    var firstResult: RoundResult {
        let box = ballots(290, [.chair: ["a"], .member: ["m1", "m2", "m3"]]) + ballots(200, [.chair: ["a"], .member: ["m1", "m4", "m5"]])
            + ballots(110, [.chair: ["b"], .member: ["m1", "m6"]])
        return rules.tally(first, ballots: box, registeredVoters: 1_000, ballotsIssued: 600)
    }

    @Test("the first round leaves three member seats open: six of the top non-elected stand, or all there are")
    func plan() {
        let result = firstResult
        #expect(result.post(.member)!.elected.map(\.person) == ["m1"])
        // Chair: a, 490 of 600.
        #expect(result.post(.chair)!.elected.map(\.person) == ["a"])
        let next = rules.nextRound(after: result, of: first)
        #expect(next.step == .nextRound)
        let post = next.round!.posts.first!
        #expect(next.round!.number == 2 && next.round!.posts.count == 1)
        #expect(post.kind == .further && post.seats == 3)
        #expect(post.candidates == ["m2", "m3", "m4", "m5", "m6"], "five left, fewer than six")
        #expect(next.explanations.rules == [.furtherRoundCandidates])
        #expect(next.explanations[0].en.contains("fewer than 6"))
    }

    @Test("twice the open seats: the fifth and later are left out unless tied with the fourth")
    func twiceTheSeats() {
        let round = ElectionRound(number: 1, posts: [.init(post: .member, kind: .first, seats: 3, candidates: ["m1", "m2", "m3", "m4", "m5", "m6"])])
        let box = ballots(290, [.member: ["m1", "m2", "m3"]]) + ballots(200, [.member: ["m1", "m4"]]) + ballots(100, [.member: ["m5"]]) + ballots(10, [.member: ["m6"]])
        let result = rules.tally(round, ballots: box, registeredVoters: 1_000, ballotsIssued: 600)
        #expect(result.post(.member)!.elected.map(\.person) == ["m1"])
        #expect(rules.nextRound(after: result, of: round).round!.posts[0].candidates == ["m2", "m3", "m4", "m5"])
        // m5 and m6 tie for fourth place: both stand.
        let tiedBox = ballots(290, [.member: ["m1", "m2", "m3"]]) + ballots(200, [.member: ["m1", "m4"]]) + ballots(50, [.member: ["m5", "m6"]]) + ballots(60, [:])
        let tied = rules.nextRound(after: rules.tally(round, ballots: tiedBox, registeredVoters: 1_000, ballotsIssued: 600), of: round)
        #expect(tied.round!.posts[0].candidates == ["m2", "m3", "m4", "m5", "m6"])
        #expect(tied.explanations[0].en.contains("the 2 tied at place 4 all stand"))
    }

    @Test("in a further round the most votes win with at least one third of the ballots cast: 199 of 600 is short, 200 is enough", arguments: [(199, false), (200, true)])
    func oneThird(votes: Int, elected: Bool) {
        let round = ElectionRound(number: 2, posts: [.init(post: .member, kind: .further, seats: 1, candidates: ["m2", "m3"])])
        let box = ballots(votes, [.member: ["m2"]]) + ballots(150, [.member: ["m3"]]) + ballots(600 - votes - 150, [:])
        let member = rules.tally(round, ballots: box, registeredVoters: 1_000, ballotsIssued: 600).post(.member)!
        #expect(member.votesNeeded == 200)
        #expect(member.elected.map(\.person) == (elected ? ["m2"] : []))
        if elected {
            #expect(member.elected[0].explanation.rule == .furtherRoundThreshold)
            #expect(member.elected[0].explanation.en == "elected member in a further round with the most votes, 200; at least one third of the 600 ballots cast (200) needed")
        } else {
            #expect(member.explanations.rules == [.furtherRoundThreshold])
        }
    }

    @Test("a further round also needs more than half of the voters to vote")
    func furtherTurnout() {
        let round = ElectionRound(number: 2, posts: [.init(post: .member, kind: .further, seats: 1, candidates: ["m2", "m3"])])
        let result = rules.tally(round, ballots: ballots(500, [.member: ["m2"]]), registeredVoters: 1_000, ballotsIssued: 500)
        #expect(!result.valid)
        var lenient = rules
        lenient.laterRoundsNeedTurnout = false
        #expect(lenient.tally(round, ballots: ballots(500, [.member: ["m2"]]), registeredVoters: 1_000, ballotsIssued: 500).valid)
    }

    @Test("a tie over the threshold goes to a runoff, where the most votes win; a fresh tie runs off again")
    func runoff() {
        let round = ElectionRound(number: 1, posts: [.init(post: .member, kind: .first, seats: 2, candidates: ["m1", "m2", "m3"])])
        // m1 500, m2 and m3 350 each, of 600: all over 301, m2 and m3 tied for the second seat.
        let box = ballots(250, [.member: ["m1", "m2"]]) + ballots(250, [.member: ["m1", "m3"]]) + ballots(100, [.member: ["m2", "m3"]])
        let result = rules.tally(round, ballots: box, registeredVoters: 1_000, ballotsIssued: 600)
        #expect(result.post(.member)!.runoff?.among == ["m2", "m3"])
        let next = rules.nextRound(after: result, of: round)
        let runoff = next.round!
        #expect(runoff.posts == [.init(post: .member, kind: .runoff, seats: 1, candidates: ["m2", "m3"])])
        #expect(next.explanations.rules == [.runoff])

        let decided = rules.tally(runoff, ballots: ballots(300, [.member: ["m3"]]) + ballots(260, [.member: ["m2"]]), registeredVoters: 1_000, ballotsIssued: 560, alreadyElected: ["m1"])
        #expect(decided.post(.member)!.elected.map(\.person) == ["m3"])
        #expect(decided.post(.member)!.elected[0].explanation.rule == .runoff)

        let again = rules.tally(runoff, ballots: ballots(280, [.member: ["m3"]]) + ballots(280, [.member: ["m2"]]), registeredVoters: 1_000, ballotsIssued: 560, alreadyElected: ["m1"])
        #expect(again.post(.member)!.runoff?.among == ["m2", "m3"])
    }

    @Test("a void first round is held again as a whole")
    func repeatElection() {
        let result = rules.tally(first, ballots: ballots(500, [.chair: ["a"]]), registeredVoters: 1_000, ballotsIssued: 500)
        let next = rules.nextRound(after: result, of: first)
        #expect(next.step == .repeatRound && next.round?.posts == first.posts)
        #expect(next.explanations.rules == [.repeatElection])
        #expect(next.explanations[0].en == "the election is void and is held again")
        // Held again, it needs its turnout even where further rounds do not.
        var lenient = rules
        lenient.laterRoundsNeedTurnout = false
        #expect(!lenient.tally(next.round!, ballots: ballots(500, [.chair: ["a"]]), registeredVoters: 1_000, ballotsIssued: 500).valid)
    }

    @Test("after a further round, member seats still open stay vacant once the committee has five; the chair never does")
    func vacancies() {
        let elected = (1...5).map { ElectedPerson(person: "p\($0)", post: .member, round: 1, votes: 400, writtenIn: false, explanation: .init(.electionMajority, zh: "", en: "")) }
        let round = ElectionRound(number: 2, posts: [
            .init(post: .chair, kind: .further, seats: 1, candidates: ["a", "b"]),
            .init(post: .member, kind: .further, seats: 1, candidates: ["m2", "m3"]),
        ])
        let box = ballots(150, [.chair: ["a"], .member: ["m2"]]) + ballots(140, [.chair: ["b"], .member: ["m3"]]) + ballots(310, [:])
        let result = rules.tally(round, ballots: box, registeredVoters: 1_000, ballotsIssued: 600, alreadyElected: Set(elected.map(\.person)))
        #expect(result.elected.isEmpty)
        let next = rules.nextRound(after: result, of: round, electedBefore: elected)
        #expect(next.step == .nextRound)
        #expect(next.round!.posts.map(\.post) == [.chair])
        #expect(next.explanations.rules == [.furtherRoundCandidates, .furtherRoundThreshold])
        #expect(next.explanations[1].en == "member: 1 seat still open after a further round; the committee already has 5 members, at least 5, so it stays vacant")
    }

    @Test("every seat filled: nothing follows")
    func complete() {
        let round = ElectionRound(number: 1, posts: [.init(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"])])
        let result = rules.tally(round, ballots: ballots(600, [.chair: ["a"]]), registeredVoters: 1_000, ballotsIssued: 600)
        #expect(rules.nextRound(after: result, of: round).step == .complete)
    }
}

@Suite("The announced result: who holds which post from when; size and women reported")
struct ElectionOutcomeTests {
    let rules = ElectionRuleSet.residentsCommittee

    @Test("a Weirong election over two rounds: seven seats, a woman elected in the further round, a five-year term")
    func weirong() {
        let slate = Slate(seats: [.chair: 1, .deputyChair: 1, .member: 5],
                          candidates: slateCandidates(.chair, 2) + slateCandidates(.deputyChair, 2) + slateCandidates(.member, 7, women: 2))
        #expect(rules.checkSlate(slate).accepted)
        let first = ElectionRound(slate: slate)
        let box = ballots(500, [.chair: ["chair1"], .deputyChair: ["deputy_chair1"], .member: ["member3", "member4", "member5", "member6", "member7"]])
            + ballots(300, [.chair: ["chair2"], .deputyChair: ["deputy_chair2"], .member: ["member1", "member2", "member3", "member4"]])
            + ballots(100, [:])
        let r1 = rules.tally(first, ballots: box, registeredVoters: 1_200, ballotsIssued: 900)
        #expect(r1.valid)
        // 451 needed of 900: member3, member4 (800), member5–7 (500) elected; the women member1, member2 (300) are not.
        #expect(r1.elected.map(\.person) == ["chair1", "deputy_chair1", "member3", "member4", "member5", "member6", "member7"])
        let afterFirst = rules.outcome(of: [r1], seats: slate.seats, sexes: sexes(slate), announcedOn: day("2026-12-20"))
        #expect(afterFirst.check.refusals.rules == [.committeeWomen])
        #expect(afterFirst.check.refusals[0].en == "0 women elected; at least 1 required")
        #expect(afterFirst.openSeats.isEmpty)
        #expect(afterFirst.term == Term(starts: day("2026-12-20"), ends: day("2031-12-19")))
        // The elected take their posts in the registry, and the appointment policy checks them.
        let appointments = afterFirst.appointments(committee: "weirong")
        #expect(appointments.map(\.holding.post) == [.chair, .deputyChair, .member, .member, .member, .member, .member])
        #expect(AppointmentPolicy.stationCommitteeSeparation.check(appointments[0].holding, personHoldings: [
            .init(post: .stationStaff, bodyID: "ws", term: Term(starts: day("2020-01-01")))])?.rule == .stationCommitteeSeparation)
    }

    @Test("seats left open and a committee below five are reported")
    func shortCommittee() {
        let round = ElectionRound(number: 1, posts: [.init(post: .chair, kind: .first, seats: 1, candidates: ["a", "b"]),
                                                     .init(post: .member, kind: .first, seats: 4, candidates: ["m1", "m2", "m3", "m4", "m5"])])
        let result = rules.tally(round, ballots: ballots(600, [.chair: ["a"], .member: ["m1", "m2", "m3"]]), registeredVoters: 1_000, ballotsIssued: 600)
        let outcome = rules.outcome(of: [result], seats: [.chair: 1, .member: 4], sexes: ["m1": .female], announcedOn: day("2026-12-20"))
        #expect(outcome.openSeats == [.member: 1])
        #expect(outcome.womenElected == 1)
        #expect(outcome.check.refusals.rules == [.committeeSize])
        #expect(outcome.holders(of: .chair).map(\.person) == ["a"])
    }

    func sexes(_ slate: Slate) -> [String: Sex] { Dictionary(uniqueKeysWithValues: slate.candidates.map { ($0.person, $0.sex) }) }
}
