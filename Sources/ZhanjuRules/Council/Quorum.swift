/// Whether a meeting may be held: members present against the share of members entitled that its
/// rule set requires. Read live as people sign in, so it says how many more are needed.
public struct QuorumReading: Hashable, Codable, Sendable {
    public var rule: RuleCitation
    /// `count` is the members present, `base` the members entitled (in office).
    public var check: ShareCheck

    public var met: Bool { check.met }
    public var present: Int { check.count }
    public var members: Int { check.base }
    public var required: Int { check.required }
    /// Members still needed before the meeting may be held (0 once it is quorate).
    public var missing: Int { check.missing }
}

/// Who is at a meeting, from the roll of members and the list of those signed in.
public struct Attendance: Hashable, Codable, Sendable {
    public var quorum: QuorumReading
    /// Members not signed in, sorted.
    public var absent: [String]
    /// People signed in who are not members (observers, 列席): present, never counted or voting.
    public var observers: [String]
}

extension MeetingRules {
    /// The quorum on counts alone.
    public func quorum(members: Int, present: Int) throws(CouncilRefusal) -> QuorumReading {
        guard members >= 0, present >= 0 else { throw CouncilRefusal(.morePresentThanMembers, detail: "counts cannot be negative", zh: "人数不能为负") }
        guard present <= members else {
            throw CouncilRefusal(.morePresentThanMembers, detail: "\(present) present, \(members) members", zh: "到会 \(present) 人,组成人员 \(members) 人")
        }
        return QuorumReading(rule: cite(quorumRule), check: quorum.check(present, of: members))
    }

    /// The quorum from the roll: only members count, each once, however often they sign in.
    public func attendance(members: Set<String>, signedIn: [String]) -> Attendance {
        let signed = Set(signedIn)
        let present = signed.intersection(members)
        let reading = QuorumReading(rule: cite(quorumRule), check: quorum.check(present.count, of: members.count))
        return Attendance(quorum: reading, absent: members.subtracting(present).sorted(), observers: signed.subtracting(members).sorted())
    }
}
