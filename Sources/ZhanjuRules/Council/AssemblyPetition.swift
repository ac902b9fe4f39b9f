/// A petition to convene the residents' assembly (2018 art. 10): the committee must convene it when
/// 1/5 or more of adult residents, 1/5 or more of households, or 1/3 or more of residents' groups ask.
/// Any one suffices. Counted against the registry on the day.
public struct PetitionRules: Codable, Hashable, Sendable {
    /// A span of days within which something must happen.
    public struct Period: Codable, Hashable, Sendable {
        public var days: Int
        /// Working days on the holiday calendar, or calendar days.
        public var workingDays: Bool
        public init(days: Int, workingDays: Bool) {
            self.days = days
            self.workingDays = workingDays
        }
    }

    public var name: String
    public var version: Int
    public var adultResidents: ShareThreshold
    public var households: ShareThreshold
    public var residentsGroups: ShareThreshold
    /// Age on the day from which a resident may sign (十八周岁以上).
    public var adultAge: Int
    /// Within how long the assembly must be held once the petition qualifies. RULES.md gives no
    /// period, so the default has none and the reading says so.
    public var holdWithin: Period?

    public init(name: String, version: Int = 1, adultResidents: ShareThreshold = .atLeast(1, 5), households: ShareThreshold = .atLeast(1, 5),
                residentsGroups: ShareThreshold = .atLeast(1, 3), adultAge: Int = 18, holdWithin: Period? = nil) {
        self.name = name
        self.version = version
        self.adultResidents = adultResidents
        self.households = households
        self.residentsGroups = residentsGroups
        self.adultAge = adultAge
        self.holdWithin = holdWithin
    }

    public static let organicLaw2018 = PetitionRules(name: "urc-2018-petition")

    func cite(_ rule: CouncilRule) -> RuleCitation { RuleCitation(rule, ruleSet: name, version: version) }
}

/// The registry on the day the petition is counted.
public struct PetitionRoll: Hashable, Sendable {
    /// Residents of the committee's area, with their birth dates.
    public var residents: [String: CivilDate]
    public var households: Set<String>
    public var residentsGroups: Set<String>
    public init(residents: [String: CivilDate], households: Set<String>, residentsGroups: Set<String>) {
        self.residents = residents
        self.households = households
        self.residentsGroups = residentsGroups
    }
}

/// Who asked: residents signing for themselves, households through their representative, and
/// residents' groups by their own decision.
public struct PetitionSignatures: Hashable, Codable, Sendable {
    public var residents: [String]
    public var households: [String]
    public var residentsGroups: [String]
    public init(residents: [String] = [], households: [String] = [], residentsGroups: [String] = []) {
        self.residents = residents
        self.households = households
        self.residentsGroups = residentsGroups
    }
}

public struct PetitionReading: Hashable, Sendable {
    public typealias Criterion = CitedShareCheck

    public var countedOn: CivilDate
    public var adultResidents: Criterion
    public var households: Criterion
    public var residentsGroups: Criterion
    /// Signatures left out of the count, each with the rule that left it out.
    public var setAside: [CouncilRefusal]
    /// The holding-period rule, cited whether or not the rule set gives a period.
    public var holdingRule: RuleCitation
    /// The last day the assembly may be held, when the petition qualifies and the rule set has a period.
    public var mustBeHeldBy: CivilDate?
    /// False when the date runs into a year whose holidays are not loaded.
    public var mustBeHeldByConfirmed: Bool

    /// The criteria met; any one obliges the committee to convene the assembly.
    public var criteriaMet: [Criterion] { [adultResidents, households, residentsGroups].filter(\.met) }
    public var obliged: Bool { !criteriaMet.isEmpty }
}

extension PetitionRules {
    /// Counts the petition on `date`: residents who are on the roll and of age that day, households
    /// and groups of the committee's area, each once.
    public func read(_ signatures: PetitionSignatures, roll: PetitionRoll, on date: CivilDate,
                     calendar: HolidayCalendar = HolidayCalendar([])) -> PetitionReading {
        var setAside: [CouncilRefusal] = []
        let adults = roll.residents.values.filter { $0.age(on: date) >= adultAge }.count

        var residents: Set<String> = []
        for id in signatures.residents {
            guard let born = roll.residents[id] else { setAside.append(CouncilRefusal(.signerNotOnRoll, subject: id)); continue }
            guard born.age(on: date) >= adultAge else {
                setAside.append(CouncilRefusal(.signerUnderAge, subject: id, detail: "\(born.age(on: date)) on \(date)", zh: "\(date) 时 \(born.age(on: date)) 岁")); continue
            }
            if !residents.insert(id).inserted { setAside.append(CouncilRefusal(.duplicateSignature, subject: id)) }
        }
        func distinct(_ ids: [String], on roll: Set<String>) -> Set<String> {
            var counted: Set<String> = []
            for id in ids {
                guard roll.contains(id) else { setAside.append(CouncilRefusal(.signerNotOnRoll, subject: id)); continue }
                if !counted.insert(id).inserted { setAside.append(CouncilRefusal(.duplicateSignature, subject: id)) }
            }
            return counted
        }
        let households = distinct(signatures.households, on: roll.households)
        let groups = distinct(signatures.residentsGroups, on: roll.residentsGroups)

        var reading = PetitionReading(
            countedOn: date,
            adultResidents: .init(rule: cite(.petitionAdultResidents), check: adultResidents.check(residents.count, of: adults)),
            households: .init(rule: cite(.petitionHouseholds), check: self.households.check(households.count, of: roll.households.count)),
            residentsGroups: .init(rule: cite(.petitionResidentsGroups), check: residentsGroups.check(groups.count, of: roll.residentsGroups.count)),
            setAside: setAside, holdingRule: cite(.petitionHoldingPeriod), mustBeHeldBy: nil, mustBeHeldByConfirmed: true)
        if reading.obliged, let period = holdWithin {
            if period.workingDays {
                let due = calendar.adding(workingDays: period.days, to: date)
                (reading.mustBeHeldBy, reading.mustBeHeldByConfirmed) = (due.date, due.confirmed)
            } else {
                reading.mustBeHeldBy = date.adding(days: period.days)
            }
        }
        return reading
    }
}
