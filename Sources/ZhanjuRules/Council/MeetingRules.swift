/// How a body's meeting is quorate and how it decides: a named, versioned rule set, one per body.
public struct MeetingRules: Codable, Hashable, Sendable {
    /// The share a decision needs, and of what.
    public struct Decision: Codable, Hashable, Sendable {
        public var threshold: ShareThreshold
        public var base: VoteBase
        public init(_ threshold: ShareThreshold, of base: VoteBase) {
            self.threshold = threshold
            self.base = base
        }
    }

    public var name: String
    public var version: Int
    public var body: DecidingBody
    /// Share of the members entitled who must be present for the meeting to be held.
    public var quorum: ShareThreshold
    public var decision: Decision
    public var ballot: BallotKind

    public init(name: String, version: Int = 1, body: DecidingBody, quorum: ShareThreshold, decision: Decision, ballot: BallotKind) {
        self.name = name
        self.version = version
        self.body = body
        self.quorum = quorum
        self.decision = decision
        self.ballot = ballot
    }

    /// 居民会议: more than half of those entitled attend; more than half of those present agree
    /// (2018 art. 9). Show of hands by default (our default).
    public static let residentsAssembly2018 = MeetingRules(
        name: "residents-assembly-2018", body: .residentsAssembly,
        quorum: .moreThanHalf, decision: .init(.moreThanHalf, of: .present), ballot: .rollCall)

    /// 居民代表会议: two thirds attend; more than half of those present agree (Villagers' law art. 26, analogy).
    public static let representativesAssembly = MeetingRules(
        name: "representatives-assembly-villagers-analogy", body: .representativesAssembly,
        quorum: .twoThirds, decision: .init(.moreThanHalf, of: .present), ballot: .rollCall)

    /// 居民议事会 (Chengdu 2010): two thirds attend; more than half of all members agree (our defaults).
    public static let chengduCouncil = MeetingRules(
        name: "chengdu-council", body: .residentsCouncil,
        quorum: .twoThirds, decision: .init(.moreThanHalf, of: .allMembers), ballot: .rollCall)

    /// 监事会: more than half attend; more than half of all members agree (our defaults).
    public static let supervisoryCommittee = MeetingRules(
        name: "supervisory-committee", body: .supervisoryCommittee,
        quorum: .moreThanHalf, decision: .init(.moreThanHalf, of: .allMembers), ballot: .rollCall)

    public static let defaults = [residentsAssembly2018, representativesAssembly, chengduCouncil, supervisoryCommittee]

    /// The rule that sets this body's quorum.
    public var quorumRule: CouncilRule {
        switch body {
        case .residentsAssembly: return .residentsAssemblyQuorum
        case .representativesAssembly: return .representativesAssemblyQuorum
        case .residentsCouncil: return .councilQuorum
        case .supervisoryCommittee: return .supervisoryQuorum
        case .residentsCommittee, .owners: return .meetingQuorum
        }
    }

    /// The rule that sets this body's majority.
    public var majorityRule: CouncilRule {
        switch body {
        case .residentsAssembly: return .residentsAssemblyMajority
        case .representativesAssembly: return .representativesAssemblyMajority
        case .residentsCouncil: return .councilMajority
        case .supervisoryCommittee: return .supervisoryMajority
        case .residentsCommittee, .owners: return .meetingMajority
        }
    }

    func cite(_ rule: CouncilRule) -> RuleCitation { RuleCitation(rule, ruleSet: name, version: version) }
}
