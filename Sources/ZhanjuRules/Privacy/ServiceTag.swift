/// Service tags: who a workstation should reach. Health, disability, welfare and minors' tags are
/// sensitive personal information (PIPL art. 28, RULES.md): only roles whose duty needs them see them.
public enum ServiceTag: String, Codable, CaseIterable, Sendable {
    case elderlyAlone = "elderly_alone"
    case elderly
    case disabled
    case minimumIncome = "minimum_income"
    case veteran
    case chronicIllness = "chronic_illness"
    case childUnderFourteen = "child_under_14"
    case floating
    case partyMember = "party_member"
    case volunteer

    public var isSensitive: Bool {
        switch self {
        case .disabled, .minimumIncome, .chronicIllness, .childUnderFourteen: return true
        default: return false
        }
    }

    /// The tags a viewer may see: sensitive ones only with the sensitive-data permission.
    public static func visible(_ tags: [String], sensitive: Bool) -> [String] {
        sensitive ? tags : tags.filter { ServiceTag(rawValue: $0)?.isSensitive != true }
    }
}
