import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// One residents' representative (居民代表): chosen for a residents' group of a committee, for a
/// term from `startsOn` to `endsOn` (the rule set's years), or to `endedOn` when it ends early,
/// with the public reason.
final class CouncilRepresentative: Model, @unchecked Sendable {
    static let schema = "council_representatives"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "group_id") var groupID: UUID
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "household_id") var householdID: UUID
    @Field(key: "name") var name: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "end_reason") var endReason: String?
    @Field(key: "created_at") var createdAt: Date
    init() {}

    /// The term as served: to the day before it ended early, else to its planned end.
    var term: Term {
        let start = CivilDate(iso: startsOn) ?? CivilDate(year: 2000, month: 1, day: 1)!
        let planned = CivilDate(iso: endsOn) ?? start
        if let ended = endedOn.flatMap(CivilDate.init(iso:)) { return Term(starts: start, ends: min(planned, ended.adding(days: -1))) }
        return Term(starts: start, ends: planned)
    }

    func inOffice(on day: CivilDate) -> Bool { term.contains(day) }
}

extension CouncilService {
    static let representativeRules = RepresentativeRules.standard
    static var committeeText: Text { Text("居民委员会", "residents' committee") }
    static var representativeText: Text { Text("居民代表", "residents' representative") }

    /// The households of each of a committee's residents' groups, and the adults of each household
    /// on `day`, from the registry.
    struct GroupFacts: Sendable {
        var groups: [UUID: String]
        var households: [UUID: Set<UUID>]
        var groupOfHousehold: [UUID: UUID]
        var people: [UUID: RegistryDirectory.PossibleVoter]
    }

    static func groupFacts(committee: UUID, on db: any Database) async throws -> GroupFacts {
        let registry = RegistryDirectory(db: db)
        let groups = try await registry.residentsGroups(of: committee)
        let roll = try await registry.voterRoll(committee: committee)
        let groupOf = try await registry.residentsGroups(ofHouseholds: Array(Set(roll.map(\.householdID))))
        var households: [UUID: Set<UUID>] = [:]
        for (household, group) in groupOf where groups[group] != nil { households[group, default: []].insert(household) }
        return GroupFacts(groups: groups, households: households, groupOfHousehold: groupOf,
                          people: Dictionary(roll.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    struct RepresentativeInput: Content, Sendable {
        var groupId: UUID?
        var residentId: UUID?
        /// The day the term starts (YYYY-MM-DD); today when left out.
        var startsOn: String?
        static let example = RepresentativeInput(groupId: UUID(), residentId: UUID(), startsOn: "2026-11-01")
    }

    /// The committee records a representative chosen by a residents' group: an adult living in a
    /// household of that group, within the seats the group's households allow.
    func addRepresentative(committee: UUID, _ input: RepresentativeInput) async throws -> CouncilRepresentative {
        try await addRepresentatives(committee: committee, [input])[0]
    }

    /// Several representatives at once, as a group meeting chooses them: each checked as one
    /// alone would be (against those already in office and those before it in the list), all
    /// recorded in one write or none.
    func addRepresentatives(committee: UUID, _ inputs: [RepresentativeInput]) async throws -> [CouncilRepresentative] {
        guard try await RegistryDirectory(db: db).committeeName(committee) != nil else { throw ZhanjuError.notFound(Self.committeeText) }
        try allow(.councilExecute, at: try await place(committee: committee), notFound: Self.committeeText)
        guard !inputs.isEmpty else { return [] }
        let facts = try await Self.groupFacts(committee: committee, on: db)
        let rules = Self.representativeRules
        struct Chosen { var group: UUID; var groupName: String; var person: RegistryDirectory.PossibleVoter; var start: CivilDate }
        var chosen: [Chosen] = []
        for input in inputs {
            guard let group = input.groupId else { throw ZhanjuError.required("group_id") }
            guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
            let start = try input.startsOn.map { try Check.date($0, "starts_on") } ?? today
            // A choice is recorded after the group meets: not before 2000, nor over a year ahead.
            guard start >= CivilDate(year: 2000, month: 1, day: 1)!, start <= today.adding(days: 366) else {
                throw ZhanjuError.invalid("starts_on", "date_range", Text("任期开始日期应在 2000-01-01 至 \(today.adding(days: 366).iso) 之间。",
                                                                      "The term starts between 2000-01-01 and \(today.adding(days: 366).iso)."))
            }
            guard let groupName = facts.groups[group] else {
                throw ZhanjuError.invalid("group_id", "unknown_reference", Strings.errorUnknownRef("group_id"))
            }
            guard let who = facts.people[person], facts.groupOfHousehold[who.householdID] == group else {
                throw ZhanjuError.invalid("resident_id", "council.representative_not_in_group",
                                          Text("居民代表须为本居民小组住户的居民。", "A representative lives in a household of the group that chooses them."))
            }
            guard who.birthDate.age(on: start) >= 18 else {
                throw ZhanjuError.invalid("resident_id", "council.representative_under_age",
                                          Text("居民代表须年满十八周岁。", "A representative is 18 or older on the day the term starts."))
            }
            chosen.append(Chosen(group: group, groupName: groupName, person: who, start: start))
        }
        let list = chosen
        return try await context.access.write(on: db) { tx in
            let existing = try await CouncilRepresentative.query(on: tx).filter(\.$committeeID == committee).filter(\.$groupID ~~ Array(Set(list.map(\.group)))).all()
            var added: [CouncilRepresentative] = []
            for c in list {
                let serving = (existing + added).filter { $0.groupID == c.group && $0.inOffice(on: c.start) }
                guard !serving.contains(where: { $0.residentID == c.person.id }) else {
                    throw Self.state("resident_id", Text("\(c.person.name)已是在任居民代表。", "\(c.person.name) is already a representative in office."))
                }
                let households = facts.households[c.group]?.count ?? 0
                if serving.count + 1 > rules.seats(forHouseholds: households).upperBound,
                   let refusal = rules.checkGroup(c.groupName, households: households, representatives: serving.count + 1) {
                    throw Self.refuse(refusal, field: "group_id")
                }
                let term = rules.term(startingOn: c.start)
                let r = CouncilRepresentative()
                (r.id, r.committeeID, r.groupID, r.residentID, r.householdID, r.name) = (UUID(), committee, c.group, c.person.id, c.person.householdID, c.person.name)
                (r.startsOn, r.endsOn, r.createdAt) = (c.start.iso, (term.ends ?? c.start).iso, now)
                try await r.create(on: tx)
                try await AuditTrail.append("create", "council_representatives", r.id, before: nil,
                                            after: AuditTrail.digest(["group": c.group.uuidString, "resident": c.person.id.uuidString, "starts_on": c.start.iso]),
                                            by: context.actor, at: now, on: tx)
                added.append(r)
            }
            return added
        }
    }

    struct EndTermInput: Content, Sendable {
        /// The first day no longer served (YYYY-MM-DD); today when left out.
        var endedOn: String?
        var reason: String?
        static let example = EndTermInput(endedOn: "2026-11-30", reason: "迁出本居民小组。")
    }

    /// The committee ends a representative's term early, with a public reason.
    func endTerm(_ id: UUID, _ input: EndTermInput) async throws -> CouncilRepresentative {
        guard let r = try await CouncilRepresentative.find(id, on: db) else { throw ZhanjuError.notFound(Self.representativeText) }
        try allow(.councilExecute, at: try await place(committee: r.committeeID), notFound: Self.representativeText)
        let reason = try Check.text(input.reason, "reason", max: 500)
        let ended = try input.endedOn.map { try Check.date($0, "ended_on") } ?? today
        return try await context.access.write(on: db) { tx in
            guard let fresh = try await CouncilRepresentative.find(id, on: tx) else { throw ZhanjuError.notFound(Self.representativeText) }
            guard fresh.endedOn == nil, let planned = CivilDate(iso: fresh.endsOn) else {
                throw Self.state("ended_on", Text("该任期已结束。", "This term has already ended."))
            }
            guard ended <= planned else {
                throw ZhanjuError.invalid("ended_on", "after_term", Text("任期本就于 \(planned.iso) 届满,提前结束的日期不能晚于此日。",
                                                                     "The term ends on \(planned.iso) anyway; an early end is on or before that day."))
            }
            guard let start = CivilDate(iso: fresh.startsOn), ended >= start else {
                throw ZhanjuError.invalid("ended_on", "date_order", Text("结束日期不得早于任期开始日期。", "A term cannot end before the day it started."))
            }
            (fresh.endedOn, fresh.endReason) = (ended.iso, reason)
            try await fresh.save(on: tx)
            try await AuditTrail.append("end_term", "council_representatives", id, before: nil, after: AuditTrail.digest(["ended_on": ended.iso, "reason": reason]),
                                        by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    /// The representatives of a committee in office on `day`, by resident.
    static func representatives(committee: UUID, on day: CivilDate, db: any Database) async throws -> [CouncilRepresentative] {
        try await CouncilRepresentative.query(on: db).filter(\.$committeeID == committee).all().filter { $0.inOffice(on: day) }
    }
}

extension CouncilRead {
    struct RepresentativeView: Content, Sendable {
        var id: UUID
        var groupId: UUID
        var residentId: UUID
        var name: String
        var startsOn: String
        var endsOn: String
        var endedOn: String?
        var endReason: String?
        var inOffice: Bool
    }

    struct RepresentativeGroupView: Content, Sendable {
        var groupId: UUID
        var name: String
        var households: Int
        var seatsMin: Int
        var seatsMax: Int
        /// Representatives in office on the day.
        var count: Int
        var representatives: [RepresentativeView]
        /// Adults of the group's households, for choosing a new representative by name.
        var candidates: [MemberView]
        var problems: [RefusalView]
    }

    struct RepresentativesView: Content, Sendable {
        var committeeId: UUID
        var on: String
        var ruleSet: String
        var groups: [RepresentativeGroupView]
    }

    static func representativeView(_ r: CouncilRepresentative, on day: CivilDate) -> RepresentativeView {
        RepresentativeView(id: r.id!, groupId: r.groupID, residentId: r.residentID, name: r.name, startsOn: r.startsOn, endsOn: r.endsOn,
                           endedOn: r.endedOn, endReason: r.endReason, inOffice: r.inOffice(on: day))
    }

    /// Each residents' group of a committee: the seats its households allow, its representatives
    /// (those in office counted), and a group below its lower bound or above its upper one as a problem.
    /// The group's adults to choose from (names and doors) only for those who record the choice:
    /// a resident reading their committee's representatives sees who holds the seats, not everyone's door.
    static func representatives(committee: UUID, on day: CivilDate, withCandidates: Bool, db: any Database) async throws -> RepresentativesView {
        let facts = try await CouncilService.groupFacts(committee: committee, on: db)
        let rules = CouncilService.representativeRules
        let all = try await CouncilRepresentative.query(on: db).filter(\.$committeeID == committee).sort(\.$startsOn).all()
        let groups = facts.groups.sorted { ($0.value, $0.key.uuidString) < ($1.value, $1.key.uuidString) }.map { id, name in
            let households = facts.households[id]?.count ?? 0
            let seats = rules.seats(forHouseholds: households)
            let mine = all.filter { $0.groupID == id }
            let serving = mine.filter { $0.inOffice(on: day) }
            let servingIDs = Set(serving.map(\.residentID))
            let candidates = !withCandidates ? [] : facts.people.values
                .filter { facts.households[id]?.contains($0.householdID) == true && $0.birthDate.age(on: day) >= 18 && !servingIDs.contains($0.id) }
                .sorted { ($0.door, $0.name) < ($1.door, $1.name) }
                .map { MemberView(residentId: $0.id, name: "\($0.name) · \($0.door)", post: "resident") }
            let problem = rules.checkGroup(name, households: households, representatives: serving.count)
            return RepresentativeGroupView(groupId: id, name: name, households: households, seatsMin: seats.lowerBound, seatsMax: seats.upperBound,
                                           count: serving.count, representatives: mine.map { representativeView($0, on: day) }, candidates: candidates,
                                           problems: problem.map { [RefusalView($0, subject: name)] } ?? [])
        }
        return RepresentativesView(committeeId: committee, on: day.iso, ruleSet: rules.name, groups: groups)
    }
}
