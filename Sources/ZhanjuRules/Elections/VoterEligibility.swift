/// What the election committee knows about a person when it draws up the voter roll.
public struct VoterFacts: Hashable, Sendable {
    /// Why the person could be on this committee's roll.
    public enum Basis: Hashable, Sendable {
        /// Hukou registered in the committee's area.
        case localHukou
        /// Lives in the area without local hukou, since the given day; `applied` if they asked to be registered.
        case nonLocalResident(livingSince: CivilDate, applied: Bool)
        /// Works for the community (workstation, committee staff) since the given day; `applied` as above.
        case communityWorker(servingSince: CivilDate, applied: Bool)
    }

    public var birthDate: CivilDate
    public var basis: Basis
    /// False when a court has deprived the person of political rights.
    public var hasPoliticalRights: Bool
    /// The election committee has confirmed the person cannot exercise the right to vote.
    public var confirmedUnableToVote: Bool
    /// Already on another committee's roll for this round of elections.
    public var registeredElsewhere: Bool

    public init(birthDate: CivilDate, basis: Basis = .localHukou, hasPoliticalRights: Bool = true,
                confirmedUnableToVote: Bool = false, registeredElsewhere: Bool = false) {
        self.birthDate = birthDate
        self.basis = basis
        self.hasPoliticalRights = hasPoliticalRights
        self.confirmedUnableToVote = confirmedUnableToVote
        self.registeredElsewhere = registeredElsewhere
    }
}

/// Whether a person goes on the roll, and why. When they do not, every reason is listed at once.
public struct VoterEligibility: Codable, Hashable, Sendable {
    public var eligible: Bool
    /// Why the person is eligible (every rule they meet) or why not (every rule they fail).
    public var reasons: [ElectionExplanation]
}

extension ElectionRuleSet {
    /// Whether a person may be registered as a voter for an election held on `electionDay`.
    /// Age and lengths of residence or service are counted on election day, in whole years and
    /// months (a person born on 29 February comes of age on 1 March; six months from 31 August
    /// are complete on 1 March).
    public func voterEligibility(_ facts: VoterFacts, electionDay: CivilDate) -> VoterEligibility {
        var met: [ElectionExplanation] = []
        var failed: [ElectionExplanation] = []

        let age = facts.birthDate.age(on: electionDay)
        let ageText = ElectionExplanation(.voterAge, zh: "选举日年满 \(age) 周岁,选民须年满 \(votingAge) 周岁",
                                          en: "aged \(age) on election day; voters must be \(votingAge)")
        if age >= votingAge { met.append(ageText) } else { failed.append(ageText) }

        if facts.hasPoliticalRights {
            met.append(.init(.politicalRights, zh: "享有政治权利", en: "holds political rights"))
        } else {
            failed.append(.init(.politicalRights, zh: "被剥夺政治权利", en: "deprived of political rights"))
        }

        if facts.confirmedUnableToVote {
            failed.append(.init(.capacity, zh: "经选举委员会确认不能行使选举权利", en: "confirmed by the election committee as unable to exercise the right to vote"))
        }

        if facts.registeredElsewhere {
            failed.append(.init(.singleRegistration, zh: "已在其他地方登记为选民,不得重复登记", en: "already registered as a voter elsewhere; a voter is registered in one place only"))
        }

        switch facts.basis {
        case .localHukou:
            met.append(.init(.localHukou, zh: "户籍在本居住地区", en: "hukou registered in the area"))
        case .nonLocalResident(let since, let applied):
            let months = since.wholeMonths(until: electionDay)
            if !nonLocalResidentsMayRegister {
                failed.append(.init(.nonLocalResident, zh: "本次选举不登记户籍不在本地的居民", en: "this election does not register residents without local hukou"))
            } else {
                let text = ElectionExplanation(.nonLocalResident, zh: "户籍不在本地,至选举日居住 \(months) 个月,须满 \(nonLocalMinimumResidenceMonths) 个月",
                                               en: "no local hukou; \(months) months' residence by election day, \(nonLocalMinimumResidenceMonths) required")
                if months >= nonLocalMinimumResidenceMonths { met.append(text) } else { failed.append(text) }
                if applied {
                    met.append(.init(.nonLocalResident, zh: "本人申请登记", en: "applied to be registered"))
                } else {
                    failed.append(.init(.nonLocalResident, zh: "户籍不在本地的居民须本人申请登记", en: "a resident without local hukou is registered on their own application"))
                }
            }
        case .communityWorker(let since, let applied):
            let months = since.wholeMonths(until: electionDay)
            if !communityWorkersMayRegister {
                failed.append(.init(.communityWorker, zh: "本次选举不登记社区工作者", en: "this election does not register community workers"))
            } else {
                let text = ElectionExplanation(.communityWorker, zh: "社区工作者,至选举日任职 \(months) 个月,须满 \(communityWorkerMinimumServiceMonths) 个月",
                                               en: "community worker; \(months) months' service by election day, \(communityWorkerMinimumServiceMonths) required")
                if months >= communityWorkerMinimumServiceMonths { met.append(text) } else { failed.append(text) }
                if applied {
                    met.append(.init(.communityWorker, zh: "本人申请登记", en: "applied to be registered"))
                } else {
                    failed.append(.init(.communityWorker, zh: "社区工作者须本人申请登记", en: "a community worker is registered on their own application"))
                }
            }
        }

        return failed.isEmpty ? VoterEligibility(eligible: true, reasons: met) : VoterEligibility(eligible: false, reasons: failed)
    }
}

extension CivilDate {
    /// Whole months from this date to `end`, counted like age: complete on the same day of a
    /// later month, or on the 1st of the month after when that day does not exist.
    func wholeMonths(until end: CivilDate) -> Int {
        var months = (end.year - year) * 12 + (end.month - month)
        if end.day < day { months -= 1 }
        return max(0, months)
    }
}
