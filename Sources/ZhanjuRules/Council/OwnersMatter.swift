/// The matters owners decide jointly, in the order of Civil Code art. 278 ¶1 (items 1–9).
public enum OwnersMatter: String, Codable, CaseIterable, Sendable {
    /// (1) 制定和修改业主大会议事规则.
    case procedureRules = "procedure_rules"
    /// (2) 制定和修改管理规约.
    case managementCovenant = "management_covenant"
    /// (3) 选举业主委员会或者更换业主委员会成员.
    case ownersCommittee = "owners_committee"
    /// (4) 选聘和解聘物业服务企业或者其他管理人.
    case propertyManager = "property_manager"
    /// (5) 使用建筑物及其附属设施的维修资金.
    case useMaintenanceFund = "use_maintenance_fund"
    /// (6) 筹集建筑物及其附属设施的维修资金.
    case raiseMaintenanceFund = "raise_maintenance_fund"
    /// (7) 改建、重建建筑物及其附属设施.
    case rebuildOrRenovate = "rebuild_or_renovate"
    /// (8) 改变共有部分的用途或者利用共有部分从事经营活动.
    case changeUseOfCommonParts = "change_use_of_common_parts"
    /// (9) 有关共有和共同管理权利的其他重大事项.
    case otherMajorMatter = "other_major_matter"

    /// The item number in art. 278 ¶1.
    public var item: Int { Self.allCases.firstIndex(of: self)! + 1 }
}

/// The owners' double majority (Civil Code art. 278 ¶2, in force 2021-01-01), every share a field.
public struct OwnersVoteRules: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    /// A vote counts only if owners holding this share of the exclusive area take part…
    public var participationArea: ShareThreshold
    /// …and this share of the owners by number.
    public var participationHeadcount: ShareThreshold
    /// Items 6–8: agreement of this share of the participating area…
    public var specialArea: ShareThreshold
    /// …and of the participating owners.
    public var specialHeadcount: ShareThreshold
    /// Every other item: agreement of this share of the participating area…
    public var ordinaryArea: ShareThreshold
    /// …and of the participating owners.
    public var ordinaryHeadcount: ShareThreshold
    /// The matters that need the special majority.
    public var specialMatters: Set<OwnersMatter>

    public init(name: String, version: Int = 1,
                participationArea: ShareThreshold = .twoThirds, participationHeadcount: ShareThreshold = .twoThirds,
                specialArea: ShareThreshold = .threeQuarters, specialHeadcount: ShareThreshold = .threeQuarters,
                ordinaryArea: ShareThreshold = .moreThanHalf, ordinaryHeadcount: ShareThreshold = .moreThanHalf,
                specialMatters: Set<OwnersMatter> = [.raiseMaintenanceFund, .rebuildOrRenovate, .changeUseOfCommonParts]) {
        self.name = name
        self.version = version
        self.participationArea = participationArea
        self.participationHeadcount = participationHeadcount
        self.specialArea = specialArea
        self.specialHeadcount = specialHeadcount
        self.ordinaryArea = ordinaryArea
        self.ordinaryHeadcount = ordinaryHeadcount
        self.specialMatters = specialMatters
    }

    /// Civil Code art. 278: 2/3 of area and of owners take part; items 6–8 need 3/4 of the
    /// participating area and owners, the rest more than half. (Using the maintenance fund, item 5,
    /// is an ordinary matter since 2021; the Property Law of 2007 had it with the special ones.)
    public static let civilCode2021 = OwnersVoteRules(name: "civil-code-278")

    public func needsSpecialMajority(_ matter: OwnersMatter) -> Bool { specialMatters.contains(matter) }

    func cite(_ rule: CouncilRule) -> RuleCitation { RuleCitation(rule, ruleSet: name, version: version) }
}
