import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Each committee's residents' representatives, recorded through CouncilService as a committee
/// records a group meeting's choice: every group gets the fewest its households require (one per
/// ten), and every council member is among them, as the council is drawn from the representatives.
enum DemoRepresentatives {
    /// The day the demo's representatives were chosen: their five-year terms cover today.
    static let chosenOn = "2024-03-01"

    static func create(on db: any Database, app: Application, context: WriteContext, rng: inout SeededGenerator) async throws -> Int {
        let calendar = try await app.access.calendar(on: db)
        let today = app.clock.today
        let service = CouncilService(db: db, context: context, calendar: calendar, now: Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 9 * 3_600), today: today)
        let registry = RegistryDirectory(db: db)
        let start = CivilDate(iso: chosenOn)!
        var recorded = 0
        for committee in try await ResidentsCommittee.query(on: db).sort(\.$code).all() {
            let id = committee.id!
            let facts = try await CouncilService.groupFacts(committee: id, on: db)
            let council = Set(try await registry.members(of: .residentsCouncil, committee: id, on: today).map(\.id))
            var inputs: [CouncilService.RepresentativeInput] = []
            for group in facts.groups.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
                let households = facts.households[group] ?? []
                let adults = facts.people.values.filter { households.contains($0.householdID) && $0.birthDate.age(on: start) >= 18 }
                    .sorted { $0.id.uuidString < $1.id.uuidString }
                let members = adults.filter { council.contains($0.id) }
                let needed = CouncilService.representativeRules.seats(forHouseholds: households.count).lowerBound
                var others = adults.filter { !council.contains($0.id) }.shuffled(using: &rng)
                var chosen = members
                // One representative per household at most, as a group meeting would choose.
                var homes = Set(members.map(\.householdID))
                while chosen.count < needed, let next = others.popLast() {
                    if homes.insert(next.householdID).inserted { chosen.append(next) }
                }
                inputs += chosen.map { .init(groupId: group, residentId: $0.id, startsOn: chosenOn) }
            }
            recorded += try await service.addRepresentatives(committee: id, inputs).count
        }
        return recorded
    }
}
