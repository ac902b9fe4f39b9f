import Foundation
import Testing
import ZhanjuRules

/// The refusal a throwing rule gave, or nil when it gave a result (shared by the Council and Owners tests).
func refusal<T>(_ body: () throws -> T) -> CouncilRefusal? {
    do { _ = try body(); return nil } catch { return error as? CouncilRefusal }
}

@Suite("Shares: 过半数 is more than half, 以上 includes the figure")
struct ShareThresholdTests {
    @Test("more than half: exactly half is not enough", arguments: [(10, 5, false), (10, 6, true), (9, 4, false), (9, 5, true), (1, 1, true)])
    func moreThanHalf(base: Int, count: Int, met: Bool) {
        #expect(ShareThreshold.moreThanHalf.isMet(count, of: base) == met, "\(count) of \(base)")
    }

    @Test("at least two thirds: exactly two thirds is enough", arguments: [(30, 19, false), (30, 20, true), (31, 20, false), (31, 21, true), (29, 19, false), (29, 20, true)])
    func twoThirds(base: Int, count: Int, met: Bool) {
        #expect(ShareThreshold.twoThirds.isMet(count, of: base) == met, "\(count) of \(base)")
    }

    @Test("at least three quarters", arguments: [(100, 74, false), (100, 75, true), (101, 75, false), (101, 76, true)])
    func threeQuarters(base: Int, count: Int, met: Bool) {
        #expect(ShareThreshold.threeQuarters.isMet(count, of: base) == met, "\(count) of \(base)")
    }

    @Test("a check says what was required and what is missing")
    func explains() {
        let check = ShareThreshold.twoThirds.check(18, of: 30)
        #expect(check.required == 20)
        #expect(check.missing == 2)
        #expect(!check.met)
        #expect(check.margin == 0)
        let met = ShareThreshold.moreThanHalf.check(9, of: 10)
        #expect(met.required == 6 && met.missing == 0 && met.margin == 3)
        #expect(ShareThreshold.moreThanHalf.description == "more than 1/2")
        #expect(ShareThreshold.twoThirds.description == "at least 2/3")
    }

    @Test("nothing is decided by nobody: an empty base is never met")
    func emptyBase() {
        #expect(!ShareThreshold.twoThirds.isMet(0, of: 0))
        #expect(!ShareThreshold.moreThanHalf.isMet(0, of: 0))
        #expect(ShareThreshold.atLeast(0, 1).minimum(of: 10) == 1)
    }

    @Test("exact on areas in hundredths of a square metre, however large")
    func large() {
        let total = 3_000_000_000_000_001 // hundredths
        let need = ShareThreshold.twoThirds.minimum(of: total)
        #expect(need == 2_000_000_000_000_001)
        #expect(ShareThreshold.twoThirds.isMet(need, of: total))
        #expect(!ShareThreshold.twoThirds.isMet(need - 1, of: total))
    }

    @Test("a stored share outside 0–1 is refused when read back")
    func decoding() throws {
        let good = try JSONDecoder().decode(ShareThreshold.self, from: Data(#"{"comparison":"at_least","numerator":2,"denominator":3}"#.utf8))
        #expect(good == .twoThirds)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ShareThreshold.self, from: Data(#"{"comparison":"at_least","numerator":4,"denominator":3}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ShareThreshold.self, from: Data(#"{"comparison":"more_than","numerator":1,"denominator":0}"#.utf8))
        }
    }
}

@Suite("Meeting rule sets carry RULES.md's defaults")
struct MeetingRuleSetTests {
    @Test("residents' assembly: more than half of those entitled attend, more than half of those present agree (2018 art. 9)")
    func residentsAssembly() {
        let r = MeetingRules.residentsAssembly2018
        #expect(r.body == .residentsAssembly)
        #expect(r.quorum == .moreThanHalf)
        #expect(r.decision == .init(.moreThanHalf, of: .present))
        #expect(r.quorumRule.source.contains("art. 9"))
    }

    @Test("representatives' assembly: quorum 2/3, majority of those present (analogy, Villagers' law art. 26)")
    func representativesAssembly() {
        let r = MeetingRules.representativesAssembly
        #expect(r.quorum == .twoThirds)
        #expect(r.decision == .init(.moreThanHalf, of: .present))
        #expect(r.majorityRule == .representativesAssemblyMajority)
    }

    @Test("council: quorum 2/3, more than half of all members")
    func council() {
        let r = MeetingRules.chengduCouncil
        #expect(r.quorum == .twoThirds)
        #expect(r.decision == .init(.moreThanHalf, of: .allMembers))
        #expect(r.quorumRule == .councilQuorum && r.majorityRule == .councilMajority)
    }

    @Test("every body has one default, and a rule set survives storage unchanged")
    func storage() throws {
        #expect(Set(MeetingRules.defaults.map(\.body)) == [.residentsAssembly, .representativesAssembly, .residentsCouncil, .supervisoryCommittee])
        for rules in MeetingRules.defaults {
            let back = try JSONDecoder().decode(MeetingRules.self, from: JSONEncoder().encode(rules))
            #expect(back == rules)
        }
    }

    @Test("every rule names a source")
    func sources() {
        for rule in CouncilRule.allCases { #expect(!rule.source.isEmpty, "\(rule)") }
    }
}

@Suite("Quorum, read live as members sign in")
struct QuorumTests {
    @Test("residents' assembly of 200: 100 present is exactly half, not a quorum; 101 is")
    func residentsAssembly() throws {
        let rules = MeetingRules.residentsAssembly2018
        let short = try rules.quorum(members: 200, present: 100)
        #expect(!short.met)
        #expect(short.required == 101 && short.missing == 1)
        #expect(short.rule.rule == .residentsAssemblyQuorum)
        #expect(try rules.quorum(members: 200, present: 101).met)
    }

    @Test("representatives' assembly of 30: 19 present is one short of 2/3; 20 is exactly 2/3 and enough")
    func representativesAssembly() throws {
        let rules = MeetingRules.representativesAssembly
        let short = try rules.quorum(members: 30, present: 19)
        #expect(!short.met && short.missing == 1)
        #expect(try rules.quorum(members: 30, present: 20).met)
        #expect(try !rules.quorum(members: 31, present: 20).met, "2/3 of 31 is 20.67: 21 needed")
        #expect(try rules.quorum(members: 31, present: 21).met)
    }

    @Test("more present than members is refused")
    func impossible() {
        #expect(refusal { try MeetingRules.chengduCouncil.quorum(members: 30, present: 31) }?.rule == .morePresentThanMembers)
    }

    @Test("attendance from the roll: members count once, observers never, absentees are named")
    func attendance() {
        let members = Set((1...30).map { "m\($0)" })
        let signedIn = (1...19).map { "m\($0)" } + ["m1", "observer", "journalist"]
        let a = MeetingRules.chengduCouncil.attendance(members: members, signedIn: signedIn)
        #expect(a.quorum.present == 19)
        #expect(!a.quorum.met && a.quorum.missing == 1)
        #expect(a.observers == ["journalist", "observer"])
        #expect(a.absent.count == 11 && a.absent.first == "m20")
        let full = MeetingRules.chengduCouncil.attendance(members: members, signedIn: signedIn + ["m20"])
        #expect(full.quorum.met)
    }
}

@Suite("Motions: each item's result names the rule that decided it")
struct MotionTests {
    let council = MeetingRules.chengduCouncil
    let representatives = MeetingRules.representativesAssembly

    @Test("council of 30: 15 for is exactly half of all members and fails, even as a majority of those present")
    func councilAllMembers() throws {
        let fails = try council.decide(MotionTally(for: 15, against: 5, abstain: 4), members: 30, present: 24)
        #expect(fails.outcome == .rejected)
        #expect(fails.decidedBy.rule == .councilMajority)
        #expect(fails.base == .allMembers)
        #expect(fails.decision?.base == 30 && fails.decision?.required == 16 && fails.decision?.missing == 1)
        let passes = try council.decide(MotionTally(for: 16, against: 4, abstain: 4), members: 30, present: 24)
        #expect(passes.outcome == .adopted && passes.adopted)
        #expect(passes.decidedBy.ruleSet == "chengdu-council" && passes.decidedBy.version == 1)
    }

    @Test("representatives' assembly: abstentions count against a majority of those present")
    func representativesPresent() throws {
        let half = try representatives.decide(MotionTally(for: 10, against: 4, abstain: 6), members: 30, present: 20)
        #expect(half.outcome == .rejected)
        #expect(half.decidedBy.rule == .representativesAssemblyMajority)
        let more = try representatives.decide(MotionTally(for: 11, against: 3, abstain: 6), members: 30, present: 20)
        #expect(more.outcome == .adopted)
    }

    @Test("present but not voting counts as not agreeing")
    func silentMembers() throws {
        let r = try representatives.decide(MotionTally(for: 10, against: 0, abstain: 0), members: 30, present: 20)
        #expect(r.outcome == .rejected, "10 of 20 present is half, not more")
    }

    @Test("a body whose rule set counts only votes cast ignores abstentions")
    func votesCast() throws {
        var rules = representatives
        rules.name = "votes-cast"
        rules.decision = .init(.moreThanHalf, of: .votesCast)
        let r = try rules.decide(MotionTally(for: 6, against: 5, abstain: 9), members: 30, present: 20)
        #expect(r.outcome == .adopted)
        #expect(r.decision?.base == 11)
        let none = try rules.decide(MotionTally(for: 0, against: 0, abstain: 20), members: 30, present: 20)
        #expect(none.outcome == .rejected, "nobody agreed")
    }

    @Test("a tie is not adopted, and says so")
    func tie() throws {
        let r = try representatives.decide(MotionTally(for: 10, against: 10, abstain: 0), members: 30, present: 20)
        #expect(r.outcome == .tied && !r.adopted)
        #expect(r.decidedBy.rule == .tieIsNotAMajority)
        var cast = representatives
        cast.decision = .init(.moreThanHalf, of: .votesCast)
        #expect(try cast.decide(MotionTally(for: 7, against: 7, abstain: 6), members: 30, present: 20).outcome == .tied)
        #expect(try cast.decide(MotionTally(for: 0, against: 0, abstain: 6), members: 30, present: 20).outcome == .rejected, "no votes is no tie")
    }

    @Test("without a quorum nothing is decided, whatever the votes")
    func noQuorum() throws {
        let r = try council.decide(MotionTally(for: 19, against: 0, abstain: 0), members: 30, present: 19)
        #expect(r.outcome == .noQuorum)
        #expect(r.decidedBy.rule == .councilQuorum)
        #expect(r.decision == nil)
        #expect(r.quorum.missing == 1)
    }

    @Test("more votes than members present is refused")
    func tooManyVotes() {
        #expect(refusal { try council.decide(MotionTally(for: 20, against: 3, abstain: 2), members: 30, present: 24) }?.rule == .moreVotesThanPresent)
        #expect(refusal { try council.decide(MotionTally(for: -1, against: 3, abstain: 2), members: 30, present: 24) }?.rule == .moreVotesThanPresent)
        #expect(refusal { try council.decide(MotionTally(for: 1, against: 0, abstain: 0), members: 30, present: 31) }?.rule == .morePresentThanMembers)
    }

    @Test("a roll-call vote: only members present, once each")
    func rollCall() throws {
        let present: Set<String> = ["a", "b", "c"]
        let t = try council.tally(rollCall: [.init(member: "a", choice: .for), .init(member: "b", choice: .against), .init(member: "c", choice: .abstain)], present: present)
        #expect(t == MotionTally(for: 1, against: 1, abstain: 1))
        let absent = refusal { try council.tally(rollCall: [.init(member: "z", choice: .for)], present: present) }
        #expect(absent?.rule == .voterNotPresent && absent?.subject == "z")
        let twice = refusal { try council.tally(rollCall: [.init(member: "a", choice: .for), .init(member: "a", choice: .against)], present: present) }
        #expect(twice?.rule == .votedTwice && twice?.subject == "a")
    }

    @Test("a secret ballot records no names")
    func secret() {
        var rules = council
        rules.ballot = .secret
        #expect(refusal { try rules.tally(rollCall: [.init(member: "a", choice: .for)], present: ["a"]) }?.rule == .secretBallotNotNamed)
    }
}
