/// The bodies of self-governance that meet, vote or decide (the owners decide by a vote of their own).
public enum DecidingBody: String, Codable, CaseIterable, Sendable {
    /// 居民会议: adult residents, household representatives or group representatives.
    case residentsAssembly = "residents_assembly"
    /// 居民代表会议.
    case representativesAssembly = "representatives_assembly"
    /// 居民议事会 (Chengdu model).
    case residentsCouncil = "residents_council"
    /// 监事会 / 居务监督委员会: decides its own findings and sign-offs, not topics.
    case supervisoryCommittee = "supervisory_committee"
    /// 居民委员会: executes resolutions.
    case residentsCommittee = "residents_committee"
    /// 业主共同决定 (Civil Code art. 278), by an owners' vote.
    case owners

    /// The body kind posts are held in, where the registry has one.
    public var bodyKind: BodyKind? {
        switch self {
        case .residentsCouncil: return .residentsCouncil
        case .supervisoryCommittee: return .supervisoryCommittee
        case .residentsCommittee: return .residentsCommittee
        case .residentsAssembly, .representativesAssembly, .owners: return nil
        }
    }
}

/// What a decision's share is taken of.
public enum VoteBase: String, Codable, CaseIterable, Sendable {
    /// Those present at the meeting (到会人员): abstaining or not voting counts as not agreeing.
    case present
    /// All members of the body in office (全体组成人员): absence counts as not agreeing.
    case allMembers = "all_members"
    /// Votes for and against only: abstentions do not count either way.
    case votesCast = "votes_cast"
}

/// How a body's members vote.
public enum BallotKind: String, Codable, CaseIterable, Sendable {
    /// 无记名投票: only the counts are recorded.
    case secret
    /// 记名 / 举手: each member's vote is recorded by name.
    case rollCall = "roll_call"
}

/// One vote on one item.
public enum VoteChoice: String, Codable, CaseIterable, Sendable {
    case `for`
    case against
    case abstain
}

extension DecidingBody {
    /// The body's Chinese name (DESIGN.md's glossary), for the rules' own explanations.
    public var zh: String {
        switch self {
        case .residentsAssembly: return "居民会议"
        case .representativesAssembly: return "居民代表会议"
        case .residentsCouncil: return "居民议事会"
        case .supervisoryCommittee: return "监事会"
        case .residentsCommittee: return "居民委员会"
        case .owners: return "业主共同决定"
        }
    }
}
