import ZhanjuRules

/// Bilingual names of the rules' enumerations, kept beside the strings so every case has both.
extension Post {
    var label: Text {
        switch self {
        case .subDistrictOfficial: return Text("街道干部", "Street-office official")
        case .stationHead: return Text("站长", "Station head")
        case .deputyStationHead: return Text("副站长", "Deputy station head")
        case .stationStaff: return Text("工作站工作人员", "Workstation staff")
        case .servicePointHead: return Text("便民服务站负责人", "Service point head")
        case .servicePointStaff: return Text("便民服务站工作人员", "Service point staff")
        case .gridWorker: return Text("网格员", "Grid worker")
        case .chair: return Text("主任", "Chair")
        case .deputyChair: return Text("副主任", "Deputy chair")
        case .member: return Text("委员", "Member")
        case .generalBranchSecretary: return Text("党总支书记", "General branch secretary")
        case .generalBranchDeputySecretary: return Text("党总支副书记", "General branch deputy secretary")
        case .generalBranchMember: return Text("党总支委员", "General branch committee member")
        case .branchSecretary: return Text("党支部书记", "Branch secretary")
        case .branchMember: return Text("党支部委员", "Branch committee member")
        case .ownersDirector: return Text("业委会主任", "Owners' committee director")
        case .ownersDeputyDirector: return Text("业委会副主任", "Owners' committee deputy director")
        case .ownersMember: return Text("业委会委员", "Owners' committee member")
        case .propertyManagerHead: return Text("物业项目经理", "Property manager's head")
        case .propertyManagerStaff: return Text("物业工作人员", "Property manager's staff")
        case .managementCommitteeChair: return Text("物业管理委员会主任", "Property-management committee chair")
        case .managementCommitteeMember: return Text("物业管理委员会委员", "Property-management committee member")
        case .councilConvenor: return Text("议事会召集人", "Council convenor")
        case .councilMember: return Text("议事会成员", "Council member")
        case .supervisorChair: return Text("监事长", "Supervisory committee chair")
        case .supervisor: return Text("监事", "Supervisor")
        case .volunteerLead: return Text("志愿服务组织负责人", "Volunteer organisation lead")
        case .groupLeader: return Text("居民小组长", "Residents' group leader")
        case .electionCommitteeChair: return Text("选举委员会主任", "Election committee chair")
        case .electionCommitteeMember: return Text("选举委员会委员", "Election committee member")
        }
    }
}

extension BodyKind {
    var label: Text {
        switch self {
        case .subDistrict: return Strings.subDistrict
        case .workstation: return Strings.workstation
        case .servicePoint: return Strings.servicePoint
        case .grid: return Strings.grid
        case .residentsCommittee: return Strings.residentsCommittee
        case .partyGeneralBranch: return Text("党总支", "Party general branch")
        case .partyBranch: return Text("党支部", "Party branch")
        case .ownersCommittee: return Text("业主委员会", "Owners' committee")
        case .propertyManager: return Text("物业服务企业", "Property manager")
        case .propertyManagementCommittee: return Text("物业管理委员会", "Property-management committee")
        case .residentsCouncil: return Text("居民议事会", "Residents' council")
        case .supervisoryCommittee: return Text("监事会", "Supervisory committee")
        case .volunteerOrganisation: return Text("志愿服务组织", "Volunteer organisation")
        case .residentsGroup: return Strings.residentsGroup
        case .electionCommittee: return Text("选举委员会", "Election committee")
        }
    }
}

extension AppointmentPolicy.Rule {
    var label: Text {
        switch self {
        case .onePostPerBody: return Text("同一机构内一人只任一职", "one post per person in a body")
        case .singleHolder: return Text("该职务只能由一人担任", "this post has a single holder")
        case .stationCommitteeSeparation: return Text("站居分离:工作站人员不得兼任居委会成员", "station–committee separation: workstation staff may not sit on a residents' committee")
        case .partyAdministrationSeparation: return Text("党组织职务与工作站职务分设", "party posts are kept apart from workstation posts")
        case .partySelfGovernanceSeparation: return Text("党组织职务与居委会职务分设", "party posts are kept apart from residents' committee posts")
        case .ownersSelfGovernanceSeparation: return Text("居委会、业委会、物业管理委员会成员不交叉任职", "no cross-appointment between residents', owners' and property-management committees")
        case .supervisoryIndependence: return Text("监事会成员独立于居委会和工作站", "supervisors are independent of the committee and the workstation")
        case .propertyManagerConflict: return Text("物业服务企业人员不得在业委会、物管会、居委会或监事会任职", "property manager staff may not sit on owners', management, residents' or supervisory committees")
        }
    }
}

extension AppointmentPolicy.Exception {
    var label: Text {
        switch self {
        case .generalBranchSecretaryAsStationHead: return Text("党总支书记兼任工作站站长", "General branch secretary heads the workstation")
        case .chairAsBranchSecretary: return Text("居委会主任兼任党支部书记", "Committee chair is also branch secretary")
        case .branchSecretaryAsServicePointHead: return Text("党支部书记兼任便民服务站负责人", "Branch secretary heads the service point")
        case .committeeCrossAppointment: return Text("居委会、业委会、物管会成员交叉任职", "Cross-appointment between residents', owners' and management committees")
        }
    }
}

extension StructureRules.Break {
    var label: Text {
        let range = "\(lower.map(String.init) ?? "")–\(upper.map(String.init) ?? "")"
        switch rule {
        case .committeeHouseholds: return Text("居委会辖 \(actual) 户,规则为 \(range) 户", "committee covers \(actual) households; the rule is \(range)")
        case .committeeSeats: return Text("居委会成员 \(actual) 人,规则为 \(range) 人", "committee has \(actual) members; the rule is \(range)")
        case .committeeWomen: return Text("居委会女性成员 \(actual) 人,至少应有 \(lower ?? 1) 人", "committee has \(actual) women; at least \(lower ?? 1) required")
        case .gridHouseholds: return Text("网格 \(actual) 户,规则为 \(range) 户", "grid has \(actual) households; the rule is \(range)")
        case .gridPeople: return Text("网格 \(actual) 人,上限 \(upper ?? 0) 人", "grid has \(actual) people; the limit is \(upper ?? 0)")
        }
    }
}

extension Sex {
    var label: Text { self == .male ? Text("男", "Male") : Text("女", "Female") }
}

extension Relation {
    var label: Text {
        switch self {
        case .head: return Text("户主", "Head")
        case .spouse: return Text("配偶", "Spouse")
        case .child: return Text("子女", "Child")
        case .parent: return Text("父母", "Parent")
        case .grandchild: return Text("孙子女", "Grandchild")
        case .sibling: return Text("兄弟姐妹", "Sibling")
        case .other: return Text("其他", "Other")
        }
    }
}

extension Hukou {
    var label: Text {
        switch self {
        case .local: return Text("本地户籍", "Local hukou")
        case .longTermNonLocal: return Text("长期居住非本地户籍", "Long-term resident, non-local hukou")
        case .shortTermNonLocal: return Text("短期居住非本地户籍", "Short-term resident, non-local hukou")
        }
    }
}

extension ServiceTag {
    var label: Text {
        switch self {
        case .elderlyAlone: return Text("独居老人", "Elderly living alone")
        case .elderly: return Text("老年人", "Elderly")
        case .disabled: return Text("残疾人", "Disabled")
        case .minimumIncome: return Text("低保", "Minimum-income support")
        case .veteran: return Text("优抚对象", "Veteran")
        case .chronicIllness: return Text("慢性病", "Chronic illness")
        case .childUnderFourteen: return Text("14岁以下儿童", "Child under 14")
        case .floating: return Text("流动人口", "Floating population")
        case .partyMember: return Text("党员", "Party member")
        case .volunteer: return Text("志愿者", "Volunteer")
        }
    }
}

/// The register's relation to the household's head (FluentKit also has a `Relation`).
typealias Relation = ZhanjuRules.Relation
