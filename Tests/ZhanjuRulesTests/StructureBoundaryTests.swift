import Testing
@testable import ZhanjuRules

/// The size rules at their edges (RULES.md): each bound is inside, one step past it is a break.
@Suite("Structure sizes at their boundaries")
struct StructureBoundaryTests {
    let rules = StructureRules.organicLaw2025

    func committeeBreaks(households: Int = 1_500, seats: Int = 7) -> [StructureRules.Break.Rule] {
        rules.checkCommittee(households: households, seatsHeld: seats, womenHolding: 1).map(\.rule)
    }

    @Test("a committee serves 1,000 to 3,000 households", arguments: [(999, false), (1_000, true), (3_000, true), (3_001, false)])
    func committeeHouseholds(households: Int, within: Bool) {
        #expect(committeeBreaks(households: households).contains(.committeeHouseholds) == !within, "\(households) households")
    }

    @Test("a committee has 5 to 9 seats", arguments: [(4, false), (5, true), (9, true), (10, false)])
    func committeeSeats(seats: Int, within: Bool) {
        #expect(committeeBreaks(seats: seats).contains(.committeeSeats) == !within, "\(seats) seats")
    }

    @Test("a grid holds 300 to 500 households", arguments: [(299, false), (300, true), (500, true), (501, false)])
    func gridHouseholds(households: Int, within: Bool) {
        #expect(rules.checkGrid(households: households, people: 1_000).contains { $0.rule == .gridHouseholds } == !within, "\(households) households")
    }

    @Test("a grid holds at most 2,500 people", arguments: [(2_500, true), (2_501, false)])
    func gridPeople(people: Int, within: Bool) {
        #expect(rules.checkGrid(households: 400, people: people).contains { $0.rule == .gridPeople } == !within, "\(people) people")
        if !within { #expect(rules.checkGrid(households: 400, people: people).first?.upper == 2_500) }
    }

    @Test("the 2018 text's 100 to 700 households, at its edges")
    func rules2018() {
        let old = StructureRules.organicLaw2018
        for (households, within) in [(99, false), (100, true), (700, true), (701, false)] {
            #expect(old.checkCommittee(households: households, seatsHeld: 5, womenHolding: 1).contains { $0.rule == .committeeHouseholds } == !within)
        }
    }
}
