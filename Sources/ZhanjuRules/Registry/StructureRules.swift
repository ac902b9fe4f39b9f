/// Size rules for the structure (RULES.md), as a named, versioned rule set.
public struct StructureRules: Codable, Hashable, Sendable {
    public var name: String
    public var householdsPerCommittee: ClosedRange<Int>
    public var committeeSeats: ClosedRange<Int>
    public var committeeMinimumWomen: Int
    public var householdsPerGrid: ClosedRange<Int>
    public var peoplePerGrid: Int

    public init(name: String, householdsPerCommittee: ClosedRange<Int>, committeeSeats: ClosedRange<Int> = 5...9,
                committeeMinimumWomen: Int = 1, householdsPerGrid: ClosedRange<Int> = 300...500, peoplePerGrid: Int = 2_500) {
        self.name = name
        self.householdsPerCommittee = householdsPerCommittee
        self.committeeSeats = committeeSeats
        self.committeeMinimumWomen = committeeMinimumWomen
        self.householdsPerGrid = householdsPerGrid
        self.peoplePerGrid = peoplePerGrid
    }

    /// Organic Law of Urban Residents' Committees as revised in 2025, in force 2026-01-01 (art. 3).
    public static let organicLaw2025 = StructureRules(name: "urc-2025", householdsPerCommittee: 1_000...3_000)
    /// The 2018 text (art. 6): 100–700 households.
    public static let organicLaw2018 = StructureRules(name: "urc-2018", householdsPerCommittee: 100...700)
    public static let all = [organicLaw2025, organicLaw2018]
    public static func named(_ name: String) -> StructureRules? { all.first { $0.name == name } }

    /// A place where the structure breaks a rule; explains itself with the figures.
    public struct Break: Hashable, Sendable, Codable {
        public enum Rule: String, Codable, Sendable {
            case committeeHouseholds = "committee_households"
            case committeeSeats = "committee_seats"
            case committeeWomen = "committee_women"
            case gridHouseholds = "grid_households"
            case gridPeople = "grid_people"
        }
        public var rule: Rule
        public var actual: Int
        public var lower: Int?
        public var upper: Int?
    }

    public func checkCommittee(households: Int, seatsHeld: Int, womenHolding: Int) -> [Break] {
        var breaks: [Break] = []
        if !householdsPerCommittee.contains(households) {
            breaks.append(Break(rule: .committeeHouseholds, actual: households,
                                lower: householdsPerCommittee.lowerBound, upper: householdsPerCommittee.upperBound))
        }
        if !committeeSeats.contains(seatsHeld) {
            breaks.append(Break(rule: .committeeSeats, actual: seatsHeld, lower: committeeSeats.lowerBound, upper: committeeSeats.upperBound))
        }
        if seatsHeld > 0 && womenHolding < committeeMinimumWomen {
            breaks.append(Break(rule: .committeeWomen, actual: womenHolding, lower: committeeMinimumWomen, upper: nil))
        }
        return breaks
    }

    public func checkGrid(households: Int, people: Int) -> [Break] {
        var breaks: [Break] = []
        if !householdsPerGrid.contains(households) {
            breaks.append(Break(rule: .gridHouseholds, actual: households, lower: householdsPerGrid.lowerBound, upper: householdsPerGrid.upperBound))
        }
        if people > peoplePerGrid {
            breaks.append(Break(rule: .gridPeople, actual: people, lower: nil, upper: peoplePerGrid))
        }
        return breaks
    }
}
