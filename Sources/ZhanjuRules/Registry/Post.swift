/// The kinds of body a post can belong to.
public enum BodyKind: String, Codable, CaseIterable, Sendable {
    case subDistrict = "sub_district"
    case workstation
    case servicePoint = "service_point"
    case grid
    case residentsCommittee = "residents_committee"
    case partyGeneralBranch = "party_general_branch"
    case partyBranch = "party_branch"
    case ownersCommittee = "owners_committee"
    case propertyManager = "property_manager"
    case propertyManagementCommittee = "property_management_committee"
    case residentsCouncil = "residents_council"
    case supervisoryCommittee = "supervisory_committee"
    case volunteerOrganisation = "volunteer_organisation"
    case residentsGroup = "residents_group"
    case electionCommittee = "election_committee"

    /// Bodies stored in the general organisations table (the others have tables of their own).
    public var isOrganisation: Bool {
        switch self {
        case .subDistrict, .workstation, .servicePoint, .grid, .residentsCommittee: return false
        default: return true
        }
    }
}

/// A post someone holds in a body. Each post belongs to exactly one kind of body.
public enum Post: String, Codable, CaseIterable, Sendable {
    case subDistrictOfficial = "sub_district_official"
    case stationHead = "station_head"
    case deputyStationHead = "deputy_station_head"
    case stationStaff = "station_staff"
    case servicePointHead = "service_point_head"
    case servicePointStaff = "service_point_staff"
    case gridWorker = "grid_worker"
    case chair
    case deputyChair = "deputy_chair"
    case member
    case generalBranchSecretary = "general_branch_secretary"
    case generalBranchDeputySecretary = "general_branch_deputy_secretary"
    case generalBranchMember = "general_branch_member"
    case branchSecretary = "branch_secretary"
    case branchMember = "branch_member"
    case ownersDirector = "owners_director"
    case ownersDeputyDirector = "owners_deputy_director"
    case ownersMember = "owners_member"
    case propertyManagerHead = "property_manager_head"
    case propertyManagerStaff = "property_manager_staff"
    case managementCommitteeChair = "management_committee_chair"
    case managementCommitteeMember = "management_committee_member"
    case councilConvenor = "council_convenor"
    case councilMember = "council_member"
    case supervisorChair = "supervisor_chair"
    case supervisor
    case volunteerLead = "volunteer_lead"
    case groupLeader = "group_leader"
    case electionCommitteeChair = "election_committee_chair"
    case electionCommitteeMember = "election_committee_member"

    public var body: BodyKind {
        switch self {
        case .subDistrictOfficial: return .subDistrict
        case .stationHead, .deputyStationHead, .stationStaff: return .workstation
        case .servicePointHead, .servicePointStaff: return .servicePoint
        case .gridWorker: return .grid
        case .chair, .deputyChair, .member: return .residentsCommittee
        case .generalBranchSecretary, .generalBranchDeputySecretary, .generalBranchMember: return .partyGeneralBranch
        case .branchSecretary, .branchMember: return .partyBranch
        case .ownersDirector, .ownersDeputyDirector, .ownersMember: return .ownersCommittee
        case .propertyManagerHead, .propertyManagerStaff: return .propertyManager
        case .managementCommitteeChair, .managementCommitteeMember: return .propertyManagementCommittee
        case .councilConvenor, .councilMember: return .residentsCouncil
        case .supervisorChair, .supervisor: return .supervisoryCommittee
        case .volunteerLead: return .volunteerOrganisation
        case .groupLeader: return .residentsGroup
        case .electionCommitteeChair, .electionCommitteeMember: return .electionCommittee
        }
    }

    /// Posts of which a body has at most one holder at a time.
    public var isSingleHolder: Bool {
        switch self {
        case .stationHead, .servicePointHead, .chair, .generalBranchSecretary, .branchSecretary,
             .ownersDirector, .propertyManagerHead, .managementCommitteeChair, .councilConvenor,
             .supervisorChair, .volunteerLead, .groupLeader, .electionCommitteeChair:
            return true
        default:
            return false
        }
    }

    /// Posts that count as seats of an elected residents' committee (RULES.md: 5–9).
    public var isCommitteeSeat: Bool { body == .residentsCommittee }
}
