/// The votes on one agenda item.
public struct MotionTally: Hashable, Codable, Sendable {
    public var `for`: Int
    public var against: Int
    public var abstain: Int

    public init(for: Int, against: Int, abstain: Int) {
        self.for = `for`
        self.against = against
        self.abstain = abstain
    }

    /// Votes cast, abstentions included.
    public var cast: Int { self.for + against + abstain }
}

/// One member's vote, recorded by name (roll-call bodies only).
public struct RollCallVote: Hashable, Codable, Sendable {
    public var member: String
    public var choice: VoteChoice
    public init(member: String, choice: VoteChoice) {
        self.member = member
        self.choice = choice
    }
}

/// The result of one item, naming the rule that decided it.
public struct MotionResult: Hashable, Codable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case adopted
        case rejected
        /// As many for as against: not adopted (a tie is not a majority).
        case tied
        /// The meeting was not quorate: nothing could be decided.
        case noQuorum = "no_quorum"
    }

    public var outcome: Outcome
    /// The rule that settled the outcome: the quorum, the majority, or the tie rule.
    public var decidedBy: RuleCitation
    public var quorum: QuorumReading
    /// `count` is the votes for, `base` the present, all members or votes for and against, as the
    /// rule set says; nil when there was no quorum.
    public var decision: ShareCheck?
    public var base: VoteBase
    public var tally: MotionTally

    public var adopted: Bool { outcome == .adopted }
}

extension MeetingRules {
    /// Counts a roll-call vote: each voter must be a member present, voting once. A body whose
    /// rule set makes votes secret records no names, so this is refused for it.
    public func tally(rollCall votes: [RollCallVote], present: Set<String>) throws(CouncilRefusal) -> MotionTally {
        guard ballot == .rollCall else {
            throw CouncilRefusal(.secretBallotNotNamed, detail: "\(name) v\(version) votes by secret ballot", zh: "\(name) 第\(version)版规定无记名投票")
        }
        var seen: Set<String> = []
        var tally = MotionTally(for: 0, against: 0, abstain: 0)
        for vote in votes {
            guard present.contains(vote.member) else { throw CouncilRefusal(.voterNotPresent, subject: vote.member) }
            guard seen.insert(vote.member).inserted else { throw CouncilRefusal(.votedTwice, subject: vote.member) }
            switch vote.choice {
            case .for: tally.for += 1
            case .against: tally.against += 1
            case .abstain: tally.abstain += 1
            }
        }
        return tally
    }

    /// Decides one item: first the quorum, then the majority on the rule set's base. Members present
    /// who do not vote count as not agreeing when the base is those present or all members.
    public func decide(_ tally: MotionTally, members: Int, present: Int) throws(CouncilRefusal) -> MotionResult {
        let quorum = try self.quorum(members: members, present: present)
        guard min(tally.for, tally.against, tally.abstain) >= 0 else {
            throw CouncilRefusal(.moreVotesThanPresent, detail: "vote counts cannot be negative", zh: "票数不能为负")
        }
        guard tally.cast <= present else {
            throw CouncilRefusal(.moreVotesThanPresent, detail: "\(tally.cast) votes, \(present) present", zh: "\(tally.cast) 票,到会 \(present) 人")
        }
        guard quorum.met else {
            return MotionResult(outcome: .noQuorum, decidedBy: cite(quorumRule), quorum: quorum, decision: nil,
                                base: decision.base, tally: tally)
        }
        let base: Int
        switch decision.base {
        case .present: base = present
        case .allMembers: base = members
        case .votesCast: base = tally.for + tally.against
        }
        let check = decision.threshold.check(tally.for, of: base)
        let outcome: MotionResult.Outcome
        let rule: CouncilRule
        if check.met {
            (outcome, rule) = (.adopted, majorityRule)
        } else if tally.for == tally.against && tally.for > 0 {
            (outcome, rule) = (.tied, .tieIsNotAMajority)
        } else {
            (outcome, rule) = (.rejected, majorityRule)
        }
        return MotionResult(outcome: outcome, decidedBy: cite(rule), quorum: quorum, decision: check, base: decision.base, tally: tally)
    }
}
