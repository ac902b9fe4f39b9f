import Testing
import ZhanjuRules

/// Candidates for a slate: `n` people for `post`, the first of them a woman when `women` says so.
func slateCandidates(_ post: CommitteePost, _ n: Int, women: Int = 0, prefix: String? = nil) -> [SlateCandidate] {
    (0..<n).map { i in
        let id = "\(prefix ?? post.rawValue)\(i + 1)"
        return SlateCandidate(person: id, name: id, sex: i < women ? .female : .male, post: post)
    }
}

/// A slate of 1 chair, `deputies` deputies and `members` members, with the margin asked for.
func slate(deputies: Int = 1, members: Int = 5, chairCandidates: Int = 2, deputyCandidates: Int? = nil,
           memberCandidates: Int? = nil, women: Int = 1) -> Slate {
    Slate(seats: [.chair: 1, .deputyChair: deputies, .member: members],
          candidates: slateCandidates(.chair, chairCandidates) + slateCandidates(.deputyChair, deputyCandidates ?? deputies + 1)
            + slateCandidates(.member, memberCandidates ?? members + 2, women: women))
}

@Suite("Candidate lists: 5–9 seats, one chair, the competitive margin per post, at least one woman")
struct ElectionSlateTests {
    let rules = ElectionRuleSet.residentsCommittee

    @Test("a committee of 5 to 9; 4 or 10 seats are refused by the size rule", arguments: [(2, false), (3, true), (7, true), (8, false)])
    func size(members: Int, ok: Bool) {
        let check = rules.checkSlate(slate(members: members))
        #expect(check.accepted == ok, "\(members + 2) seats")
        if !ok {
            #expect(check.refusals.rules == [.committeeSize])
            #expect(check.refusals[0].en == "\(members + 2) seats; a committee has 5–9 members")
        }
    }

    @Test("the chair's margin is exactly one: 1 or 3 candidates for the chair are refused", arguments: [(1, false), (2, true), (3, false)])
    func chairMargin(candidates: Int, ok: Bool) {
        let check = rules.checkSlate(slate(chairCandidates: candidates))
        #expect(check.accepted == ok)
        if !ok { #expect(check.refusals.rules == [.competitiveMargin]) }
    }

    @Test("deputies: seats + 1", arguments: [(2, 2, false), (2, 3, true), (2, 4, false)])
    func deputyMargin(seats: Int, candidates: Int, ok: Bool) {
        #expect(rules.checkSlate(slate(deputies: seats, members: 4, deputyCandidates: candidates)).accepted == ok)
    }

    @Test("members: seats + 1 to seats + 3, both ends inside", arguments: [(5, false), (6, true), (8, true), (9, false)])
    func memberMargin(candidates: Int, ok: Bool) {
        let check = rules.checkSlate(slate(members: 5, memberCandidates: candidates))
        #expect(check.accepted == ok, "\(candidates) for 5")
        if !ok {
            #expect(check.refusals.rules == [.competitiveMargin])
            #expect(check.refusals[0].en == "member: \(candidates) candidates for 5 seats; the margin is seats + 1 to + 3, so 6–8 candidates")
        }
    }

    @Test("a slate with no woman standing is refused by the women rule")
    func women() {
        let check = rules.checkSlate(slate(women: 0))
        #expect(check.refusals.rules == [.committeeWomen])
        #expect(check.refusals[0].zh == "候选人中女性 0 人;至少应有 1 人")
    }

    @Test("one chair: a slate with two chair seats or none is refused")
    func oneChair() {
        var two = slate()
        two.seats[.chair] = 2
        two.candidates += slateCandidates(.chair, 1, prefix: "chairX")
        #expect(rules.checkSlate(two).refusals.rules == [.oneChair])
    }

    @Test("candidates for a post without seats are refused")
    func noSeats() {
        let s = Slate(seats: [.chair: 1, .member: 5], candidates: slateCandidates(.chair, 2) + slateCandidates(.deputyChair, 1) + slateCandidates(.member, 6, women: 1))
        #expect(rules.checkSlate(s).refusals.rules == [.competitiveMargin])
    }

    @Test("a person stands for one post only")
    func oneCandidacy() {
        var s = slate(memberCandidates: 6)
        s.candidates.append(SlateCandidate(person: "chair1", name: "chair1", sex: .male, post: .member))
        let check = rules.checkSlate(s)
        #expect(check.refusals.rules == [.oneCandidacy])
        #expect(check.refusals[0].en == "chair1 stands for chair and member; a person stands for one post")
    }

    @Test("an election committee member on the slate must withdraw first")
    func committeeMember() {
        #expect(rules.checkSlate(slate(), electionCommittee: ["member3"]).refusals.rules == [.electionCommitteeWithdrawal])
    }

    @Test("every refusal at once")
    func everything() {
        let check = rules.checkSlate(slate(members: 8, chairCandidates: 1, memberCandidates: 8, women: 0))
        #expect(check.refusals.rules == [.committeeSize, .competitiveMargin, .competitiveMargin, .committeeWomen])
    }
}
