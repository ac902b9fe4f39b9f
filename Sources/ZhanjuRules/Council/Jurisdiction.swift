/// What a topic is about, as far as deciding who may resolve it goes.
public enum MatterKind: String, Codable, CaseIterable, Sendable {
    /// 居民公约: made by the residents' assembly (2018 art. 15).
    case residentsCompact = "residents_compact"
    /// 向居民筹集费用 for public-interest work, decided by the residents' assembly (2018 art. 16).
    case raisingFundsFromResidents = "raising_funds_from_residents"
    /// 从居委会经济收入中给予补助 to members' allowances, with the assembly's consent (2018 art. 17).
    case subsidiesFromCommitteeIncome = "subsidies_from_committee_income"
    /// 涉及全体居民利益的重要问题 (2018 art. 10).
    case affectingAllResidents = "affecting_all_residents"
    /// 撤换和补选居民委员会成员 (2018 art. 10).
    case replacingCommitteeMembers = "replacing_committee_members"
    /// A matter the owners decide jointly (Civil Code art. 278); see `OwnersMatter`.
    case ownersMatter = "owners_matter"
    /// Any other matter, within the scope the residents' assembly delegates.
    case delegated
}

/// Which bodies may resolve which matters: a named, versioned rule set. The first body listed for
/// a matter is the one a refusal sends it to.
public struct JurisdictionRules: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    public var deciders: [MatterKind: [DecidingBody]]

    public init(name: String, version: Int = 1, deciders: [MatterKind: [DecidingBody]]) {
        self.name = name
        self.version = version
        self.deciders = deciders
    }

    /// RULES.md: compact, funds from residents, subsidies from the committee's income and questions
    /// affecting all residents are the residents' assembly's (2018 arts. 10, 15–17), and so is
    /// replacing committee members (art. 10); the owners' matters are the owners' (Civil Code art. 278);
    /// the rest may be resolved by the council within the scope the assembly delegates, by the
    /// representatives' assembly, or by the assembly itself.
    public static let organicLaw2018 = JurisdictionRules(name: "urc-2018-jurisdiction", deciders: [
        .residentsCompact: [.residentsAssembly],
        .raisingFundsFromResidents: [.residentsAssembly],
        .subsidiesFromCommitteeIncome: [.residentsAssembly],
        .affectingAllResidents: [.residentsAssembly],
        .replacingCommitteeMembers: [.residentsAssembly],
        .ownersMatter: [.owners],
        .delegated: [.residentsCouncil, .representativesAssembly, .residentsAssembly],
    ])

    public enum Routing: Hashable, Codable, Sendable {
        /// The body may resolve the matter.
        case allowed
        /// The body may not; the matter goes to `mustDecide`, for the rule named.
        case refused(CouncilRefusal, mustDecide: DecidingBody)
    }

    /// Whether `body` may resolve a matter of this kind, and if not, which body must.
    public func route(_ matter: MatterKind, to body: DecidingBody) -> Routing {
        let allowed = deciders[matter] ?? []
        if allowed.contains(body) { return .allowed }
        let rule: CouncilRule
        switch matter {
        case .ownersMatter: rule = .reservedToOwners
        case .delegated: rule = .notADecidingBody
        default: rule = .reservedToResidentsAssembly
        }
        let target = allowed.first ?? .residentsAssembly
        return .refused(CouncilRefusal(rule, subject: matter.rawValue, detail: "\(body.rawValue) may not decide; \(target.rawValue) must",
                                            zh: "\(body.zh)不得决定,应由\(target.zh)决定"),
                        mustDecide: target)
    }

    /// The body a matter goes to first.
    public func mustDecide(_ matter: MatterKind) -> DecidingBody {
        deciders[matter]?.first ?? .residentsAssembly
    }
}
