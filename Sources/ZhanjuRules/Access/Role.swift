/// What a person may do. Routes and pages each declare one; a role is a set of them.
public enum Permission: String, CaseIterable, Codable, Sendable {
    /// Territory and bodies: names, counts, who holds which post. No personal data.
    case structureRead = "structure.read"
    case structureWrite = "structure.write"
    case appointmentsWrite = "appointments.write"
    /// Households and residents with personal numbers masked and sensitive tags hidden.
    case householdsRead = "households.read"
    case householdsWrite = "households.write"
    /// Health, disability and welfare tags (RULES.md, PIPL: sensitive data).
    case sensitiveRead = "sensitive.read"
    case revealPhone = "reveal.phone"
    case revealIDNumber = "reveal.id_number"
    case accountsManage = "accounts.manage"
    /// The audit chain and the log of personal-data reads.
    case auditRead = "audit.read"
    case correctionsAnswer = "corrections.answer"
    /// A resident's own household: see it whole, download it, ask for corrections.
    case ownData = "own_data"
    /// Open a case (a resident for their household; staff at the counter; a grid worker on patrol).
    case casesFile = "cases.file"
    /// Accept, dispatch, handle, verify and close cases; see the queues.
    case casesHandle = "cases.handle"
    case catalogueManage = "catalogue.manage"
    case dashboardsRead = "dashboards.read"
    /// Record a home visit (grid management).
    case visitsLog = "visits.log"
    /// Add a year of public holidays to the working-day calendar.
    case calendarManage = "calendar.manage"
    /// Run a committee's election: roll, objections, nominations, candidate lists, voting codes,
    /// the count and the announcement (the election committee, guided by the workstation).
    case electionsRun = "elections.run"
    /// Self-governance (issue 13): a resident raises and co-signs topics, comments, signs petitions
    /// and reads notices, in the committee they live in.
    case councilTakePart = "council.take_part"
    /// The residents' council: meetings, attendance, votes, minutes.
    case councilDecide = "council.decide"
    /// The residents' committee: admissibility review, moderation, carrying out resolutions, notices.
    case councilExecute = "council.execute"
    /// The supervisory committee: findings and sign-offs on execution.
    case councilSupervise = "council.supervise"
    /// The workstation: guidance topics, notices, and overdue execution flagged to it.
    case councilGuide = "council.guide"
    /// Run an owners' vote of a compound (the owners' committee, the workstation that guides it).
    case ownersVoteRun = "owners.vote_run"
    /// Build questionnaires, send them to a sample, read the responses' analysis and exports
    /// (the workstation, and a committee for its own area).
    case surveysRun = "surveys.run"
    /// Type in paper questionnaires (counter staff and grid workers, in the area they serve).
    case surveysEnter = "surveys.enter"

    /// Permissions over what belongs to the whole installation rather than to a place: accounts
    /// (any of which may be made an administrator), the holiday calendar and the service
    /// catalogue every workstation uses. Held somewhere is not enough: only a grant over
    /// everywhere carries them (a sub-district official administers a sub-district, not the city).
    public static let installationWide: Set<Permission> = [.accountsManage, .calendarManage, .catalogueManage]
}

/// A role comes from a post (or from living in a household, or from the administrator flag on an
/// account). The same person may hold several, each over its own scope.
public enum Role: String, CaseIterable, Codable, Sendable {
    case administrator
    case workstationHead = "workstation_head"
    case workstationStaff = "workstation_staff"
    case servicePointStaff = "service_point_staff"
    case gridWorker = "grid_worker"
    case committeeChair = "committee_chair"
    case committeeMember = "committee_member"
    case councilMember = "council_member"
    case supervisor
    case electionCommittee = "election_committee"
    case ownersCommittee = "owners_committee"
    case propertyManager = "property_manager"
    case volunteerLead = "volunteer_lead"
    case partyOfficer = "party_officer"
    case resident
    /// Reading the structure of an area one belongs to (a resident's committee, a grid's compounds)
    /// without any other right there.
    case areaReader = "area_reader"

    /// Least privilege: each role gets what its duty in RULES.md needs and no more.
    public var permissions: Set<Permission> { Self.table[self]! }

    /// Built once: every request asks several times whether some role holds a permission.
    private static let table = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.defined) })

    private var defined: Set<Permission> {
        switch self {
        case .administrator:
            return Set(Permission.allCases).subtracting([.ownData])
        case .workstationHead:
            return [.structureRead, .structureWrite, .appointmentsWrite, .householdsRead, .householdsWrite,
                    .sensitiveRead, .revealPhone, .revealIDNumber, .correctionsAnswer,
                    .casesFile, .casesHandle, .dashboardsRead, .visitsLog, .electionsRun, .councilGuide, .ownersVoteRun, .surveysRun, .surveysEnter]
        case .workstationStaff, .servicePointStaff:
            // Counter work: identity documents are checked against the register. The workstation
            // guides its committees' elections; a service point does not.
            let counter: Set<Permission> = [.structureRead, .householdsRead, .householdsWrite, .sensitiveRead, .revealPhone, .revealIDNumber, .correctionsAnswer,
                                            .casesFile, .casesHandle, .dashboardsRead, .visitsLog]
            return self == .workstationStaff ? counter.union([.electionsRun, .councilGuide, .surveysRun, .surveysEnter]) : counter.union([.surveysEnter])
        case .gridWorker:
            // Visits the elderly living alone and the disabled; calls, but does not need ID numbers.
            return [.structureRead, .householdsRead, .householdsWrite, .sensitiveRead, .revealPhone,
                    .casesFile, .casesHandle, .dashboardsRead, .visitsLog, .surveysEnter]
        case .committeeChair:
            return [.structureRead, .householdsRead, .householdsWrite, .revealPhone, .correctionsAnswer, .casesFile, .dashboardsRead, .councilExecute, .surveysRun, .surveysEnter]
        case .committeeMember:
            // Reads the committee's households; the chair and deputies act for the committee
            // (reviewing topics, carrying out resolutions, publishing notices), a member does not.
            return [.structureRead, .householdsRead, .dashboardsRead]
        case .electionCommittee:
            // The election committee builds the voter roll from the register (names, ages, rights).
            return [.structureRead, .householdsRead, .electionsRun]
        case .supervisor:
            // The supervisory committee checks who read residents' data, and how services perform.
            return [.structureRead, .auditRead, .dashboardsRead, .councilSupervise]
        case .propertyManager:
            // Handles the repair cases routed to it, and nothing else.
            return [.structureRead, .casesHandle]
        case .councilMember:
            return [.structureRead, .councilDecide]
        case .ownersCommittee:
            return [.structureRead, .ownersVoteRun]
        case .volunteerLead, .partyOfficer, .areaReader:
            return [.structureRead]
        case .resident:
            return [.ownData, .householdsRead, .casesFile, .councilTakePart]
        }
    }

    /// The role a post confers, if any.
    public init?(post: Post) {
        switch post {
        case .subDistrictOfficial: self = .administrator
        case .stationHead, .deputyStationHead: self = .workstationHead
        case .stationStaff: self = .workstationStaff
        case .servicePointHead, .servicePointStaff: self = .servicePointStaff
        case .gridWorker: self = .gridWorker
        case .chair, .deputyChair: self = .committeeChair
        case .member: self = .committeeMember
        case .councilConvenor, .councilMember: self = .councilMember
        case .supervisorChair, .supervisor: self = .supervisor
        case .electionCommitteeChair, .electionCommitteeMember: self = .electionCommittee
        case .ownersDirector, .ownersDeputyDirector, .ownersMember, .managementCommitteeChair, .managementCommitteeMember: self = .ownersCommittee
        case .propertyManagerHead, .propertyManagerStaff: self = .propertyManager
        case .volunteerLead: self = .volunteerLead
        case .generalBranchSecretary, .generalBranchDeputySecretary, .generalBranchMember, .branchSecretary, .branchMember: self = .partyOfficer
        case .groupLeader: self = .areaReader
        }
    }
}
