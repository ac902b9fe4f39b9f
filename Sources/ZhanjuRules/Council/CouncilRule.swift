/// The rules of self-governance that a result or a refusal names, each with a stable code (shown in
/// errors and the API) and the source RULES.md gives for its default. "Analogy" means the urban text
/// is silent and the parallel village rule is used; "default ours" means no source was found.
public enum CouncilRule: String, Codable, CaseIterable, Sendable {
    // Meetings: quorum and majority, per body.
    case residentsAssemblyQuorum = "residents_assembly_quorum"
    case residentsAssemblyMajority = "residents_assembly_majority"
    case representativesAssemblyQuorum = "representatives_assembly_quorum"
    case representativesAssemblyMajority = "representatives_assembly_majority"
    case councilQuorum = "council_quorum"
    case councilMajority = "council_majority"
    case supervisoryQuorum = "supervisory_quorum"
    case supervisoryMajority = "supervisory_majority"
    /// Any other body meeting under a rule set of its own (the residents' committee, say).
    case meetingQuorum = "meeting_quorum"
    case meetingMajority = "meeting_majority"
    /// 过半数 is more than half: an even split never carries a motion.
    case tieIsNotAMajority = "tie_is_not_a_majority"
    // Counting a meeting's votes.
    case morePresentThanMembers = "more_present_than_members"
    case moreVotesThanPresent = "more_votes_than_present"
    case voterNotPresent = "voter_not_present"
    case votedTwice = "voted_twice"
    case secretBallotNotNamed = "secret_ballot_not_named"
    // Who decides what.
    case reservedToResidentsAssembly = "reserved_to_residents_assembly"
    case reservedToOwners = "reserved_to_owners"
    case notADecidingBody = "not_a_deciding_body"
    // Petition to convene the residents' assembly.
    case petitionAdultResidents = "petition_adult_residents"
    case petitionHouseholds = "petition_households"
    case petitionResidentsGroups = "petition_residents_groups"
    case petitionHoldingPeriod = "petition_holding_period"
    case signerNotOnRoll = "signer_not_on_roll"
    case signerUnderAge = "signer_under_age"
    case duplicateSignature = "duplicate_signature"
    // Topics.
    case topicCoSignatures = "topic_co_signatures"
    case topicCoSignatureHouseholds = "topic_co_signature_households"
    case authorCannotCoSign = "author_cannot_co_sign"
    // Composition of bodies.
    case representativesPerHouseholds = "representatives_per_households"
    case representativeTerm = "representative_term"
    case assemblyGroupRepresentatives = "assembly_group_representatives"
    case councilSeats = "council_seats"
    case councilMemberNotRepresentative = "council_member_not_representative"
    case supervisorySeats = "supervisory_seats"
    case supervisorIsCommitteeMember = "supervisor_is_committee_member"
    case supervisorCloseRelative = "supervisor_close_relative"
    // Owners (Civil Code arts. 277–280; SPC interpretation 2009, arts. 8–9).
    case ownersParticipationArea = "owners_participation_area"
    case ownersParticipationHeadcount = "owners_participation_headcount"
    case ownersSpecialMajorityArea = "owners_special_majority_area"
    case ownersSpecialMajorityHeadcount = "owners_special_majority_headcount"
    case ownersOrdinaryMajorityArea = "owners_ordinary_majority_area"
    case ownersOrdinaryMajorityHeadcount = "owners_ordinary_majority_headcount"
    case notAnOwner = "not_an_owner"
    case ownerVotedTwice = "owner_voted_twice"
    case exclusivePartArea = "exclusive_part_area"
    case exclusivePartListedTwice = "exclusive_part_listed_twice"
    // Property-management committee (Beijing model).
    case managementCommitteeSize = "management_committee_size"
    case managementCommitteeOwners = "management_committee_owners"
    case managementCommitteeChair = "management_committee_chair"
    case managementCommitteeSuperseded = "management_committee_superseded"
    // 四议两公开.
    case majorMatterStepOrder = "major_matter_step_order"
    // Execution and supervision.
    case executionTransition = "execution_transition"
    case executionActor = "execution_actor"
    case signOffRequired = "sign_off_required"
    case tasksUnfinished = "tasks_unfinished"
    case evidenceRequired = "evidence_required"
    case taskWeight = "task_weight"
    case publicReasonRequired = "public_reason_required"
    case signerNotIndependent = "signer_not_independent"

    /// Where the default comes from (RULES.md's source column).
    public var source: String {
        switch self {
        case .residentsAssemblyQuorum:
            return "Organic Law of Urban Residents' Committees 2018, art. 9: more than half of those entitled attend"
        case .residentsAssemblyMajority:
            return "Organic Law of Urban Residents' Committees 2018, art. 9: more than half of those present agree"
        case .representativesAssemblyQuorum:
            return "Villagers' Committee Law art. 26 (analogy): two thirds of the members attend"
        case .representativesAssemblyMajority:
            return "Villagers' Committee Law art. 26 (analogy): more than half of those present agree"
        case .councilQuorum:
            return "Chengdu residents' council (People's Daily 2011): quorum not found, two thirds is our default"
        case .councilMajority:
            return "Chengdu residents' council: more than half of all members (our default, configurable)"
        case .supervisoryQuorum, .supervisoryMajority:
            return "not in RULES.md: more than half of all members is our default"
        case .meetingQuorum, .meetingMajority:
            return "the body's own rule set: RULES.md gives none"
        case .tieIsNotAMajority:
            return "过半数 means more than half: an even split is no majority (whereas 以上 includes the figure itself, Civil Code art. 1259)"
        case .morePresentThanMembers, .moreVotesThanPresent, .voterNotPresent, .votedTwice:
            return "counting: only members present vote, once each"
        case .secretBallotNotNamed:
            return "the body's rule set says the vote is secret: no vote is recorded by name"
        case .reservedToResidentsAssembly:
            return "Organic Law of Urban Residents' Committees 2018, arts. 10, 15–17: compact, funds raised from residents, subsidies from the committee's income, questions affecting all residents"
        case .reservedToOwners:
            return "Civil Code art. 278: matters the owners decide jointly"
        case .notADecidingBody:
            return "the residents' committee executes and the supervisory committee supervises; neither resolves a topic"
        case .petitionAdultResidents, .petitionHouseholds, .petitionResidentsGroups:
            return "Organic Law of Urban Residents' Committees 2018, art. 10: 1/5 of adult residents, 1/5 of households or 1/3 of residents' groups"
        case .petitionHoldingPeriod:
            return "RULES.md gives no period for holding a petitioned assembly: none unless the rule set sets one"
        case .signerNotOnRoll, .signerUnderAge, .duplicateSignature:
            return "Organic Law of Urban Residents' Committees 2018, arts. 9–10: residents aged 18 or over, each counted once"
        case .topicCoSignatures, .topicCoSignatureHouseholds, .authorCannotCoSign:
            return "not in RULES.md: ten co-signers, as for a nomination, is our default"
        case .representativesPerHouseholds:
            return "RULES.md representatives' assembly: one representative per 5–10 households, chosen per residents' group (template, analogy Villagers' Committee Law art. 25)"
        case .representativeTerm:
            return "Villagers' Committee Law art. 25 (analogy): a representative's term is the committee's, 5 years (2018 art. 8)"
        case .assemblyGroupRepresentatives:
            return "Organic Law of Urban Residents' Committees 2018, art. 9: each residents' group elects 2–3 representatives"
        case .councilSeats, .councilMemberNotRepresentative:
            return "Chengdu residents' council: about 30 members elected from the residents' representatives"
        case .supervisorySeats:
            return "not in RULES.md: 3–5 members, as village supervisory committees commonly have, is our default"
        case .supervisorIsCommitteeMember, .supervisorCloseRelative:
            return "Organic Law 2025 revision; Villagers' Committee Law art. 32 (analogy): committee members and their close relatives (Civil Code art. 1045) may not supervise"
        case .ownersParticipationArea, .ownersParticipationHeadcount:
            return "Civil Code art. 278 ¶2: owners holding 2/3 or more of the exclusive area and 2/3 or more of the owners take part"
        case .ownersSpecialMajorityArea, .ownersSpecialMajorityHeadcount:
            return "Civil Code art. 278 ¶2, items 6–8: 3/4 or more of the participating area and of the participating owners agree"
        case .ownersOrdinaryMajorityArea, .ownersOrdinaryMajorityHeadcount:
            return "Civil Code art. 278 ¶2, other items: more than half of the participating area and of the participating owners agree"
        case .notAnOwner, .ownerVotedTwice, .exclusivePartArea, .exclusivePartListedTwice:
            return "SPC interpretation on building ownership (2009) arts. 8–9: area as registered; one owner per exclusive part, one buyer of several parts and the developer's unsold or undelivered parts each count once"
        case .managementCommitteeSize, .managementCommitteeOwners, .managementCommitteeChair, .managementCommitteeSuperseded:
            return "RULES.md property-management committee (Beijing model): temporary, an odd number of at least 7, owners at least half, chaired by the residents' committee, dissolved when an owners' committee is elected"
        case .majorMatterStepOrder:
            return "RULES.md 四议两公开: proposal, consultation, deliberation, resolution, then the resolution and the result of carrying it out published"
        case .executionTransition, .executionActor, .tasksUnfinished, .evidenceRequired, .taskWeight:
            return "RULES.md 四议两公开: the committee carries out a resolution and the result is published"
        case .signOffRequired, .signerNotIndependent:
            return "RULES.md supervisory committee: it supervises execution; the committee cannot mark its own work done"
        case .publicReasonRequired:
            return "RULES.md disclosure: residents may ask and get an answer in public"
        }
    }
}

/// The rule that decided something, in the rule set in force.
public struct RuleCitation: Hashable, Codable, Sendable {
    public var rule: CouncilRule
    /// Name and version of the rule set it was read from.
    public var ruleSet: String
    public var version: Int

    public init(_ rule: CouncilRule, ruleSet: String, version: Int) {
        self.rule = rule
        self.ruleSet = ruleSet
        self.version = version
    }

    public var source: String { rule.source }
}

/// A refusal: what was asked for breaks a rule, which it names, with the item concerned.
public struct CouncilRefusal: Error, Hashable, Codable, Sendable {
    public var rule: CouncilRule
    /// The person, unit or item concerned, when there is one.
    public var subject: String?
    /// A short detail in figures or names ("9 votes, 8 present"), in English.
    public var detail: String?
    /// The same detail in Chinese ("9 票,到会 8 人"), for the pages and messages in zh-Hans.
    public var detailZh: String?

    public init(_ rule: CouncilRule, subject: String? = nil, detail: String? = nil, zh: String? = nil) {
        self.rule = rule
        self.subject = subject
        self.detail = detail
        self.detailZh = zh ?? detail
    }
}
