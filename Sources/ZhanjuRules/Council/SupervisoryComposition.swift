/// Who may sit on the supervisory committee (监事会 / 居务监督委员会): not a member of the residents'
/// committee, nor a close relative of one (2025 revision; Villagers' Committee Law art. 32, analogy).
public struct SupervisoryComposition: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    /// Seats; RULES.md is silent, 3–5 is our default.
    public var seats: ClosedRange<Int>
    public var excludeCommitteeMembers: Bool
    /// Relations that bar a supervisor (Civil Code art. 1045 by default); a place may widen them.
    public var barredRelations: Set<FamilyTie.Kind>

    public init(name: String, version: Int = 1, seats: ClosedRange<Int> = 3...5, excludeCommitteeMembers: Bool = true,
                barredRelations: Set<FamilyTie.Kind> = FamilyTie.Kind.civilCodeCloseRelatives) {
        self.name = name
        self.version = version
        self.seats = seats
        self.excludeCommitteeMembers = excludeCommitteeMembers
        self.barredRelations = barredRelations
    }

    public static let standard = SupervisoryComposition(name: "supervisory-independence")

    /// Why someone may not supervise.
    public struct Conflict: Hashable, Codable, Sendable {
        public var rule: RuleCitation
        public var candidate: String
        public var committeeMember: String
        /// What the committee member is to the candidate; nil when the candidate is the member.
        public var relation: FamilyTie.Kind?
        public var basis: FamilyTie.Basis?
    }

    public struct Reading: Hashable, Codable, Sendable {
        public var conflicts: [Conflict]
        /// Nil when the number of supervisors is within the seats.
        public var seatsProblem: CouncilRefusal?
        public var valid: Bool { conflicts.isEmpty && seatsProblem == nil }
    }

    func cite(_ rule: CouncilRule) -> RuleCitation { RuleCitation(rule, ruleSet: name, version: version) }

    /// Why one candidate may not supervise; empty when they may. A relation with the same committee
    /// member recorded both ways is reported once, declared before presumed.
    public func conflicts(candidate: String, committeeMembers: Set<String>, ties: [FamilyTie]) -> [Conflict] {
        var found: [Conflict] = []
        if excludeCommitteeMembers && committeeMembers.contains(candidate) {
            found.append(Conflict(rule: cite(.supervisorIsCommitteeMember), candidate: candidate, committeeMember: candidate, relation: nil, basis: nil))
        }
        var named: Set<String> = []
        let ordered = ties.filter { $0.basis == .declared } + ties.filter { $0.basis != .declared }
        for k in ordered {
            for member in [k.person, k.relative] where member != candidate && committeeMembers.contains(member) {
                guard let kind = k.kind(of: member, to: candidate), barredRelations.contains(kind),
                      named.insert(member).inserted else { continue }
                found.append(Conflict(rule: cite(.supervisorCloseRelative), candidate: candidate, committeeMember: member, relation: kind, basis: k.basis))
            }
        }
        return found
    }

    /// The whole committee: every supervisor's conflicts and the number of seats.
    public func check(supervisors: [String], committeeMembers: Set<String>, ties: [FamilyTie]) -> Reading {
        let distinct = Array(Set(supervisors)).sorted()
        let found = distinct.flatMap { self.conflicts(candidate: $0, committeeMembers: committeeMembers, ties: ties) }
        let seatsProblem = seats.contains(distinct.count) ? nil : CouncilRefusal(
            .supervisorySeats, detail: "\(distinct.count) supervisors; \(seats.lowerBound)–\(seats.upperBound) seats",
            zh: "监事 \(distinct.count) 人;应为 \(seats.lowerBound)–\(seats.upperBound) 人")
        return Reading(conflicts: found, seatsProblem: seatsProblem)
    }
}
