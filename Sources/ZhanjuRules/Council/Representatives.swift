/// Residents' representatives (居民代表): chosen per residents' group, one for every 5–10
/// households, for the committee's term. Also the residents' assembly held by group
/// representatives (2–3 per group, 2018 art. 9).
public struct RepresentativeRules: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    /// Households one representative stands for.
    public var householdsPerRepresentative: ClosedRange<Int>
    /// Every group with households has at least this many, however small.
    public var minimumPerGroup: Int
    /// Years of a term (the committee's, 2018 art. 8).
    public var termYears: Int
    /// Representatives each group sends when the residents' assembly is held by group representatives.
    public var assemblyDelegatesPerGroup: ClosedRange<Int>

    public init(name: String, version: Int = 1, householdsPerRepresentative: ClosedRange<Int> = 5...10, minimumPerGroup: Int = 1,
                termYears: Int = 5, assemblyDelegatesPerGroup: ClosedRange<Int> = 2...3) {
        precondition(householdsPerRepresentative.lowerBound > 0, "a representative stands for at least one household")
        self.name = name
        self.version = version
        self.householdsPerRepresentative = householdsPerRepresentative
        self.minimumPerGroup = minimumPerGroup
        self.termYears = termYears
        self.assemblyDelegatesPerGroup = assemblyDelegatesPerGroup
    }

    public static let standard = RepresentativeRules(name: "representatives-5-10")

    func cite(_ rule: CouncilRule) -> RuleCitation { RuleCitation(rule, ruleSet: name, version: version) }

    /// How many representatives a group of `households` may have: at least one per 10 households
    /// (rounded up), at most one per 5 (rounded down), never fewer than the minimum per group.
    public func seats(forHouseholds households: Int) -> ClosedRange<Int> {
        guard households > 0 else { return 0...0 }
        // A stored rule set is not checked on reading; a zero bound would divide by zero.
        let least = max(householdsPerRepresentative.lowerBound, 1), most = max(householdsPerRepresentative.upperBound, 1)
        let lower = max((households + most - 1) / most, minimumPerGroup)
        let upper = max(households / least, lower)
        return lower...upper
    }

    /// A group's representatives against its households; nil when within the range.
    public func checkGroup(_ group: String, households: Int, representatives: Int) -> CouncilRefusal? {
        let allowed = seats(forHouseholds: households)
        guard !allowed.contains(representatives) else { return nil }
        return CouncilRefusal(.representativesPerHouseholds, subject: group,
                              detail: "\(representatives) representatives for \(households) households; \(allowed.lowerBound)–\(allowed.upperBound) allowed",
                              zh: "\(households) 户推选代表 \(representatives) 人;应为 \(allowed.lowerBound)–\(allowed.upperBound) 人")
    }

    /// The term of a representative chosen on `start`: to the day before the anniversary
    /// `termYears` later (someone chosen on 29 February serves to 28 February).
    public func term(startingOn start: CivilDate) -> Term {
        // Past the calendar's last year the term runs to its last day (never a crash on a far date).
        let anniversary = CivilDate(year: start.year + termYears, month: start.month, day: start.day)
            ?? CivilDate(year: start.year + termYears, month: 3, day: 1) ?? CivilDate(year: 9999, month: 12, day: 31)!
        return Term(starts: start, ends: anniversary.adding(days: -1))
    }

    /// Refuses a representative whose term does not cover `date` (for a vote or a council seat).
    public func checkServing(_ representative: String, term: Term, on date: CivilDate) -> CouncilRefusal? {
        term.contains(date) ? nil : CouncilRefusal(.representativeTerm, subject: representative,
                                                   detail: "term \(term.starts)–\(term.ends.map(\.iso) ?? "open"), not \(date)",
                                                   zh: "任期 \(term.starts)–\(term.ends.map(\.iso) ?? "未定"),不含 \(date)")
    }

    /// A group's delegates to a residents' assembly held by group representatives; nil when 2–3.
    public func checkAssemblyDelegates(_ group: String, delegates: Int) -> CouncilRefusal? {
        assemblyDelegatesPerGroup.contains(delegates) ? nil : CouncilRefusal(
            .assemblyGroupRepresentatives, subject: group,
            detail: "\(delegates) delegates; \(assemblyDelegatesPerGroup.lowerBound)–\(assemblyDelegatesPerGroup.upperBound) allowed",
            zh: "推选 \(delegates) 人;应为 \(assemblyDelegatesPerGroup.lowerBound)–\(assemblyDelegatesPerGroup.upperBound) 人")
    }
}
