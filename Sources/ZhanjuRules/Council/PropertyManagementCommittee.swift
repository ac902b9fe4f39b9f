/// The property-management committee (物业管理委员会, Beijing model): temporary, an odd number of
/// seven or more members, owners at least half of them, chaired by the residents' committee;
/// dissolved once the owners elect an owners' committee.
public struct PropertyManagementCommitteeRules: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    public var minimumMembers: Int
    public var oddNumber: Bool
    /// Share of members who must be owners.
    public var owners: ShareThreshold
    public var chairedByResidentsCommittee: Bool

    public init(name: String, version: Int = 1, minimumMembers: Int = 7, oddNumber: Bool = true,
                owners: ShareThreshold = .atLeast(1, 2), chairedByResidentsCommittee: Bool = true) {
        self.name = name
        self.version = version
        self.minimumMembers = minimumMembers
        self.oddNumber = oddNumber
        self.owners = owners
        self.chairedByResidentsCommittee = chairedByResidentsCommittee
    }

    public static let beijing = PropertyManagementCommitteeRules(name: "beijing-property-management-committee")

    public struct Member: Hashable, Codable, Sendable {
        public var id: String
        public var isOwner: Bool
        public var onResidentsCommittee: Bool
        public init(id: String, isOwner: Bool, onResidentsCommittee: Bool = false) {
            self.id = id
            self.isOwner = isOwner
            self.onResidentsCommittee = onResidentsCommittee
        }
    }

    /// Everything wrong with the committee as composed; empty when it may act.
    public func check(members: [Member], chair: String?, ownersCommitteeElected: Bool) -> [CouncilRefusal] {
        var problems: [CouncilRefusal] = []
        if ownersCommitteeElected {
            problems.append(CouncilRefusal(.managementCommitteeSuperseded, detail: "an owners' committee has been elected", zh: "业主委员会已选出"))
        }
        let n = Set(members.map(\.id)).count
        if n < minimumMembers || (oddNumber && n % 2 == 0) {
            problems.append(CouncilRefusal(.managementCommitteeSize, detail: "\(n) members; an odd number of at least \(minimumMembers)", zh: "\(n) 人;应为不少于 \(minimumMembers) 的单数"))
        }
        let ownerCount = Set(members.filter(\.isOwner).map(\.id)).count
        let check = owners.check(ownerCount, of: n)
        if !check.met {
            problems.append(CouncilRefusal(.managementCommitteeOwners, detail: "\(ownerCount) owners of \(n); \(check.required) needed", zh: "\(n) 人中业主 \(ownerCount) 人;至少需 \(check.required) 人"))
        }
        if chairedByResidentsCommittee {
            let chairMember = members.first { $0.id == chair }
            if chairMember?.onResidentsCommittee != true {
                problems.append(CouncilRefusal(.managementCommitteeChair, subject: chair, detail: "the chair comes from the residents' committee", zh: "主任由居民委员会成员担任"))
            }
        }
        return problems
    }
}
