/// The jobs people do for an election.
public enum StaffRole: String, Codable, CaseIterable, Sendable {
    case electionCommittee = "election_committee"
    /// Issues ballots and enters paper ballots (two clerks, independently).
    case clerk
    /// Watches the count (监票人).
    case scrutineer
    /// Reads out (唱票) or tallies (计票) the ballots.
    case teller
    /// Carries the mobile ballot box (流动票箱) to the elderly and the sick.
    case mobileBoxCarrier = "mobile_box_carrier"

    public var zh: String {
        switch self {
        case .electionCommittee: return "选举委员会成员"
        case .clerk: return "选举工作人员"
        case .scrutineer: return "监票人"
        case .teller: return "唱票、计票人"
        case .mobileBoxCarrier: return "流动票箱工作人员"
        }
    }

    public var en: String {
        switch self {
        case .electionCommittee: return "election committee member"
        case .clerk: return "clerk"
        case .scrutineer: return "scrutineer"
        case .teller: return "teller"
        case .mobileBoxCarrier: return "mobile box carrier"
        }
    }
}

public struct StaffAssignment: Codable, Hashable, Sendable {
    public var person: String
    public var name: String
    public var role: StaffRole

    public init(person: String, name: String, role: StaffRole) {
        self.person = person
        self.name = name
        self.role = role
    }
}

extension ElectionRuleSet {
    /// The election committee as it stands once formal candidates are known: a member who
    /// becomes a formal candidate must withdraw, and the committee must still have its size
    /// (a vacancy is filled before polling).
    public func checkElectionCommittee(members: [StaffAssignment], formalCandidates: Set<String>) -> ElectionCheck {
        var check = ElectionCheck()
        let distinct = members.reduce(into: [String: StaffAssignment]()) { $0[$1.person] = $0[$1.person] ?? $1 }
        let standing = members.filter { formalCandidates.contains($0.person) }
        for m in standing where distinct[m.person] == m {
            check.refusals.append(.init(.electionCommitteeWithdrawal,
                zh: "\(m.name) 已成为正式候选人,应当退出选举委员会", en: "\(m.name) is a formal candidate and must withdraw from the election committee"))
        }
        let remaining = distinct.count - Set(standing.map(\.person)).count
        check.check(electionCommitteeMembers.contains(remaining), .init(.electionCommitteeSize,
            zh: "选举委员会(候选人退出后)\(remaining) 人;须 \(electionCommitteeMembers.lowerBound)–\(electionCommitteeMembers.upperBound) 人",
            en: "election committee of \(remaining) (after candidates withdraw); \(electionCommitteeMembers.lowerBound)–\(electionCommitteeMembers.upperBound) required"))
        return check
    }

    /// Candidates, their spouses and lineal relatives may not be election staff. `kinship` holds
    /// the relations the registry records; either direction counts.
    public func checkStaff(_ staff: [StaffAssignment], candidates: [SlateCandidate], kinship: [Kinship]) -> ElectionCheck {
        var check = ElectionCheck()
        for s in staff {
            if let c = candidates.first(where: { $0.person == s.person }) {
                check.refusals.append(.init(.staffExclusion,
                    zh: "\(s.name) 是\(c.post.zh)候选人,不得担任\(s.role.zh)", en: "\(s.name) is a candidate for \(c.post.en) and may not serve as \(s.role.en)"))
                continue
            }
            for c in candidates {
                guard let relation = Kinship.relation(of: s.person, to: c.person, in: kinship), staffExcludedRelations.contains(relation) else { continue }
                check.refusals.append(.init(.staffExclusion,
                    zh: "\(s.name) 是候选人 \(c.name) 的\(relation.zh),不得担任\(s.role.zh)",
                    en: "\(s.name) is the \(relation.en) of candidate \(c.name) and may not serve as \(s.role.en)"))
            }
        }
        if check.accepted {
            check.notes.append(.init(.staffExclusion, zh: "\(staff.count) 名工作人员均非候选人或其配偶、直系亲属",
                                     en: "none of the \(staff.count) staff is a candidate or a candidate's spouse or lineal relative"))
        }
        return check
    }

    /// A mobile ballot box goes out with at least the required number of staff.
    public func checkMobileBox(carriers: [String]) -> ElectionCheck {
        var check = ElectionCheck()
        let n = Set(carriers).count
        check.check(n >= mobileBoxMinimumCarriers, .init(.mobileBox,
            zh: "流动票箱由 \(n) 名工作人员携带;须 \(mobileBoxMinimumCarriers) 人以上", en: "mobile ballot box carried by \(n) staff; at least \(mobileBoxMinimumCarriers) required"))
        return check
    }

    /// A count is watched by the required number of scrutineers.
    public func checkScrutineers(_ scrutineers: [String]) -> ElectionCheck {
        var check = ElectionCheck()
        let n = Set(scrutineers).count
        check.check(n >= scrutineersPerCount, .init(.scrutineers,
            zh: "监票人 \(n) 名;须 \(scrutineersPerCount) 名以上", en: "\(n) scrutineers; at least \(scrutineersPerCount) required"))
        return check
    }
}
