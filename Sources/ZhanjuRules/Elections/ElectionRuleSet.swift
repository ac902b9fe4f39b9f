/// Every figure a residents' committee election uses, as a named, versioned rule set stored with
/// the election it governs (RULES.md: thresholds are configuration with these defaults, never
/// literals in code). Each default names its source; `ElectionRule.source` says more.
public struct ElectionRuleSet: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int

    // MARK: Who may vote (Organic Law 2018 art. 8; 2025 revision summaries)
    /// Whole years of age on election day.
    public var votingAge: Int
    /// Long-term residents without local hukou may be registered, on their own application.
    public var nonLocalResidentsMayRegister: Bool
    /// Months lived in the committee's area by election day (Villagers' Committee Law art. 13, analogy: one year).
    public var nonLocalMinimumResidenceMonths: Int
    /// Community workers may be registered where they serve, on their own application.
    public var communityWorkersMayRegister: Bool
    /// Months of service by election day.
    public var communityWorkerMinimumServiceMonths: Int
    /// Representatives a household sends when the election is by household representatives.
    public var representativesPerHousehold: Int
    /// Representatives a residents' group sends when the election is by group representatives.
    public var representativesPerGroup: ClosedRange<Int>

    // MARK: Timetable (Villagers' Committee Law art. 14, analogy; Fujian 2009; provincial rules)
    /// The voter roll is published at least this many days before election day.
    public var rollPublishedDaysBefore: Int
    /// Objections to the roll may be raised within this many days of its publication.
    public var objectionDays: Int
    /// Each objection is answered within this many working days of its receipt.
    public var objectionAnswerWorkingDays: Int
    /// A period whose last day is a rest day ends on the next working day (Civil Code art. 203).
    public var periodsEndingOnRestDaysExtend: Bool
    /// The final candidate list is published at least this many days before election day.
    public var finalCandidateListDaysBefore: Int
    /// Years of a term, from the day the result is announced (Organic Law 2018 art. 8).
    public var termYears: Int

    // MARK: Committee and slate (Organic Law 2018 art. 7; Jiangsu 2020; provincial rules)
    public var committeeSeats: ClosedRange<Int>
    public var chairSeats: Int
    public var minimumWomen: Int
    /// Candidates beyond the seats, per post (差额): chair and deputy seats + 1, members + 1 to + 3.
    public var chairExtraCandidates: ClosedRange<Int>
    public var deputyChairExtraCandidates: ClosedRange<Int>
    public var memberExtraCandidates: ClosedRange<Int>

    // MARK: Nominations (provincial rules; Sichuan summary)
    public var jointNominationVoters: Int
    public var jointNominationHouseholds: Int
    public var residentsGroupsMayNominate: Bool
    public var selfNominationCoSigners: Int

    // MARK: Election committee and staff (municipal guideline; Fujian 2009)
    public var electionCommitteeMembers: ClosedRange<Int>
    /// A candidate's relatives who may not be election staff (spouse and lineal relatives).
    public var staffExcludedRelations: Set<KinRelation>
    public var mobileBoxMinimumCarriers: Int
    public var scrutineersPerCount: Int

    // MARK: Proxies (Villagers' Committee Law art. 15, analogy; local rules say 2 or 3)
    /// Who may hold a voter's written proxy (close relatives).
    public var proxyRelations: Set<KinRelation>
    public var proxiesPerHolder: Int

    // MARK: Ballots and the count (Villagers' Committee Law art. 15, analogy; local rules)
    /// Voters may write in another voter (另选他人) beside the printed candidates.
    public var writeInsAllowed: Bool
    /// Share of registered voters who must cast a ballot for the vote to be valid.
    public var turnout: ShareThreshold
    /// Further rounds and runoffs need the same turnout to be valid.
    public var laterRoundsNeedTurnout: Bool
    /// Share of ballots cast a candidate needs in the first round.
    public var electionMajority: ShareThreshold
    /// Share of ballots cast the most-voted need in a further round (另行选举).
    public var furtherRoundMinimum: ShareThreshold
    /// Further-round candidates per open seat, taken from the top non-elected.
    public var furtherRoundCandidatesPerSeat: Int

    // MARK: Recall (Villagers' Committee Law art. 16, analogy)
    public var recallPetitionVoters: ShareThreshold
    public var recallPetitionRepresentatives: ShareThreshold
    /// Share of registered voters who must vote on a recall.
    public var recallTurnout: ShareThreshold
    /// Share of those voting who must agree.
    public var recallApproval: ShareThreshold

    public init(
        name: String, version: Int,
        votingAge: Int = 18,
        nonLocalResidentsMayRegister: Bool = true, nonLocalMinimumResidenceMonths: Int = 12,
        communityWorkersMayRegister: Bool = true, communityWorkerMinimumServiceMonths: Int = 6,
        representativesPerHousehold: Int = 1, representativesPerGroup: ClosedRange<Int> = 2...3,
        rollPublishedDaysBefore: Int = 20, objectionDays: Int = 5, objectionAnswerWorkingDays: Int = 3,
        periodsEndingOnRestDaysExtend: Bool = true, finalCandidateListDaysBefore: Int = 5, termYears: Int = 5,
        committeeSeats: ClosedRange<Int> = StructureRules.organicLaw2025.committeeSeats, chairSeats: Int = 1,
        minimumWomen: Int = StructureRules.organicLaw2025.committeeMinimumWomen,
        chairExtraCandidates: ClosedRange<Int> = 1...1, deputyChairExtraCandidates: ClosedRange<Int> = 1...1,
        memberExtraCandidates: ClosedRange<Int> = 1...3,
        jointNominationVoters: Int = 10, jointNominationHouseholds: Int = 5, residentsGroupsMayNominate: Bool = true,
        selfNominationCoSigners: Int = 10,
        electionCommitteeMembers: ClosedRange<Int> = 7...9, staffExcludedRelations: Set<KinRelation> = KinRelation.spouseAndLineal,
        mobileBoxMinimumCarriers: Int = 3, scrutineersPerCount: Int = 2,
        proxyRelations: Set<KinRelation> = KinRelation.close, proxiesPerHolder: Int = 3,
        writeInsAllowed: Bool = true, turnout: ShareThreshold = .moreThanHalf, laterRoundsNeedTurnout: Bool = true,
        electionMajority: ShareThreshold = .moreThanHalf, furtherRoundMinimum: ShareThreshold = .atLeast(1, 3),
        furtherRoundCandidatesPerSeat: Int = 2,
        recallPetitionVoters: ShareThreshold = .atLeast(1, 5), recallPetitionRepresentatives: ShareThreshold = .atLeast(1, 3),
        recallTurnout: ShareThreshold = .moreThanHalf, recallApproval: ShareThreshold = .moreThanHalf
    ) {
        self.name = name
        self.version = version
        self.votingAge = votingAge
        self.nonLocalResidentsMayRegister = nonLocalResidentsMayRegister
        self.nonLocalMinimumResidenceMonths = nonLocalMinimumResidenceMonths
        self.communityWorkersMayRegister = communityWorkersMayRegister
        self.communityWorkerMinimumServiceMonths = communityWorkerMinimumServiceMonths
        self.representativesPerHousehold = representativesPerHousehold
        self.representativesPerGroup = representativesPerGroup
        self.rollPublishedDaysBefore = rollPublishedDaysBefore
        self.objectionDays = objectionDays
        self.objectionAnswerWorkingDays = objectionAnswerWorkingDays
        self.periodsEndingOnRestDaysExtend = periodsEndingOnRestDaysExtend
        self.finalCandidateListDaysBefore = finalCandidateListDaysBefore
        self.termYears = termYears
        self.committeeSeats = committeeSeats
        self.chairSeats = chairSeats
        self.minimumWomen = minimumWomen
        self.chairExtraCandidates = chairExtraCandidates
        self.deputyChairExtraCandidates = deputyChairExtraCandidates
        self.memberExtraCandidates = memberExtraCandidates
        self.jointNominationVoters = jointNominationVoters
        self.jointNominationHouseholds = jointNominationHouseholds
        self.residentsGroupsMayNominate = residentsGroupsMayNominate
        self.selfNominationCoSigners = selfNominationCoSigners
        self.electionCommitteeMembers = electionCommitteeMembers
        self.staffExcludedRelations = staffExcludedRelations
        self.mobileBoxMinimumCarriers = mobileBoxMinimumCarriers
        self.scrutineersPerCount = scrutineersPerCount
        self.proxyRelations = proxyRelations
        self.proxiesPerHolder = proxiesPerHolder
        self.writeInsAllowed = writeInsAllowed
        self.turnout = turnout
        self.laterRoundsNeedTurnout = laterRoundsNeedTurnout
        self.electionMajority = electionMajority
        self.furtherRoundMinimum = furtherRoundMinimum
        self.furtherRoundCandidatesPerSeat = furtherRoundCandidatesPerSeat
        self.recallPetitionVoters = recallPetitionVoters
        self.recallPetitionRepresentatives = recallPetitionRepresentatives
        self.recallTurnout = recallTurnout
        self.recallApproval = recallApproval
    }

    /// RULES.md's defaults, version 1.
    public static let residentsCommittee = ElectionRuleSet(name: "urc-election", version: 1)
    public static let all = [residentsCommittee]
    public static func named(_ name: String, version: Int) -> ElectionRuleSet? {
        all.first { $0.name == name && $0.version == version }
    }

    /// Extra candidates allowed beyond the seats of a post.
    public func extraCandidates(for post: CommitteePost) -> ClosedRange<Int> {
        switch post {
        case .chair: return chairExtraCandidates
        case .deputyChair: return deputyChairExtraCandidates
        case .member: return memberExtraCandidates
        }
    }

    /// The term of those elected on a result announced on `day`: `termYears` years, the last day
    /// the eve of the anniversary (a term from 29 February ends on 28 February).
    public func term(announcedOn day: CivilDate) -> Term {
        let anniversary = CivilDate(year: day.year + termYears, month: day.month, day: day.day)
            ?? CivilDate(year: day.year + termYears, month: day.month + 1, day: 1)!
        return Term(starts: day, ends: anniversary.adding(days: -1))
    }
}
