import Fluent
import Foundation
import ZhanjuRules

// Where each kind of registry record sits, where a new one would sit (checked before its fields,
// so that validation answers only those who may write there), and how a list narrows to a reach.
// Territory lists also show the bodies above what one reaches (by name), so a committee member
// can find their way down from the sub-district; the records below stay within the reach.

extension SubDistrictResource {
    static func place(of row: SubDistrict, map: TerritoryMap, on db: any Database) async throws -> Place {
        Place(subDistrict: row.id)
    }
    static func limit(_ q: QueryBuilder<SubDistrict>, to r: Reach) -> QueryBuilder<SubDistrict> {
        q.filter(\.$id ~~ Array(r.subDistricts.union(r.containingSubDistricts)))
    }
}

extension WorkstationResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.subDistrictId.map(map.place(subDistrict:))
    }
    static func place(of row: Workstation, map: TerritoryMap, on db: any Database) async throws -> Place {
        Place(subDistrict: row.$subDistrict.id, workstation: row.id)
    }
    static func limit(_ q: QueryBuilder<Workstation>, to r: Reach) -> QueryBuilder<Workstation> {
        q.filter(\.$id ~~ Array(r.workstations.union(r.containingWorkstations)))
    }
}

extension CommitteeResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.workstationId.map(map.place(workstation:))
    }
    static func place(of row: ResidentsCommittee, map: TerritoryMap, on db: any Database) async throws -> Place {
        var p = map.place(workstation: row.$workstation.id)
        p.committee = row.id
        return p
    }
    static func limit(_ q: QueryBuilder<ResidentsCommittee>, to r: Reach) -> QueryBuilder<ResidentsCommittee> {
        q.filter(\.$id ~~ Array(r.committees.union(r.containingCommittees)))
    }
}

extension CompoundResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.committeeId.map(map.place(committee:))
    }
    static func place(of row: Compound, map: TerritoryMap, on db: any Database) async throws -> Place {
        var p = map.place(committee: row.$committee.id)
        p.compound = row.id
        return p
    }
    static func limit(_ q: QueryBuilder<Compound>, to r: Reach) -> QueryBuilder<Compound> { q.filter(\.$id ~~ Array(r.compounds)) }
}

extension ZoneResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.compoundId.map(map.place(compound:))
    }
    static func place(of row: Zone, map: TerritoryMap, on db: any Database) async throws -> Place { map.place(compound: row.$compound.id) }
    static func limit(_ q: QueryBuilder<Zone>, to r: Reach) -> QueryBuilder<Zone> { q.filter(\.$compound.$id ~~ Array(r.compounds)) }
}

extension BuildingResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.compoundId.map(map.place(compound:))
    }
    static func place(of row: Building, map: TerritoryMap, on db: any Database) async throws -> Place { map.place(compound: row.$compound.id) }
    static func limit(_ q: QueryBuilder<Building>, to r: Reach) -> QueryBuilder<Building> { q.filter(\.$compound.$id ~~ Array(r.compounds)) }
}

extension EntranceResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        guard let bid = input.buildingId else { return nil }
        guard let building = try await Building.find(bid, on: db) else { return Place() }
        return map.place(compound: building.$compound.id)
    }
    static func place(of row: Entrance, map: TerritoryMap, on db: any Database) async throws -> Place {
        guard let building = try await Building.find(row.$building.id, on: db) else { return Place() }
        return map.place(compound: building.$compound.id)
    }
    static func limit(_ q: QueryBuilder<Entrance>, to r: Reach) -> QueryBuilder<Entrance> {
        q.join(Building.self, on: \Entrance.$building.$id == \Building.$id).filter(Building.self, \.$compound.$id ~~ Array(r.compounds))
    }
}

extension GridResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.workstationId.map(map.place(workstation:))
    }
    static func place(of row: Grid, map: TerritoryMap, on db: any Database) async throws -> Place {
        var p = map.place(workstation: row.$workstation.id)
        p.grid = row.id
        return p
    }
    static func limit(_ q: QueryBuilder<Grid>, to r: Reach) -> QueryBuilder<Grid> {
        q.group(.or) { $0.filter(\.$id ~~ Array(r.grids)).filter(\.$workstation.$id ~~ Array(r.workstations)) }
    }
}

extension ServicePointResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        input.compoundId.map(map.place(compound:))
    }
    static func place(of row: ServicePoint, map: TerritoryMap, on db: any Database) async throws -> Place { map.place(compound: row.$compound.id) }
    static func limit(_ q: QueryBuilder<ServicePoint>, to r: Reach) -> QueryBuilder<ServicePoint> { q.filter(\.$compound.$id ~~ Array(r.compounds)) }
}

extension HouseholdResource {
    static var changesTerritory: Bool { false }
    static var grantsFollowHouseholds: Bool { true }
    static func households(of row: Household) -> [UUID?] { [row.id] }
    /// A household's place from its compound's, without another lookup.
    static func placeIn(_ compoundPlace: Place, _ h: Household) -> Place {
        var p = compoundPlace
        p.grid = h.$grid.id
        p.household = h.id
        return p
    }

    static var readPermission: Permission { .householdsRead }
    static var writePermission: Permission { .householdsWrite }
    static func place(of row: Household, map: TerritoryMap, on db: any Database) async throws -> Place {
        map.place(household: row.id ?? UUID(), compound: row.$compound.id, grid: row.$grid.id)
    }
    static func intendedPlace(of input: HouseholdResource, map: TerritoryMap, on db: any Database) async throws -> Place? {
        guard let eid = input.entranceId, let entrance = try await Entrance.find(eid, on: db),
              let building = try await Building.find(entrance.$building.id, on: db) else { return nil }
        var p = map.place(compound: building.$compound.id)
        p.grid = input.gridId
        return p
    }
    static func limit(_ q: QueryBuilder<Household>, to r: Reach) -> QueryBuilder<Household> {
        q.group(.or) {
            $0.filter(\.$compound.$id ~~ Array(r.compounds)).filter(\.$grid.$id ~~ Array(r.grids)).filter(\.$id ~~ Array(r.households))
        }
    }
}

extension ResidentResource {
    static var changesTerritory: Bool { false }
    static var grantsFollowHouseholds: Bool { true }
    static func households(of row: Resident) -> [UUID?] { [row.$household.id] }
    static var readPermission: Permission { .householdsRead }
    static var writePermission: Permission { .householdsWrite }
    /// A person with no household (staff) sits nowhere in the territory: only a reach over
    /// everything covers them.
    static func place(of row: Resident, map: TerritoryMap, on db: any Database) async throws -> Place {
        guard let hid = row.$household.id, let household = try await Household.find(hid, on: db) else { return Place() }
        return map.place(household: hid, compound: household.$compound.id, grid: household.$grid.id)
    }
    static func intendedPlace(of input: ResidentResource, map: TerritoryMap, on db: any Database) async throws -> Place? {
        guard let hid = input.householdId, let household = try await Household.find(hid, on: db) else { return nil }
        return map.place(household: hid, compound: household.$compound.id, grid: household.$grid.id)
    }
    static func limit(_ q: QueryBuilder<Resident>, to r: Reach) -> QueryBuilder<Resident> {
        // A second limit (narrow, below) reuses the join of the first.
        if q.query.joins.isEmpty { q.join(Household.self, on: \Resident.$household.$id == \Household.$id) }
        return q.group(.or) {
            $0.filter(Household.self, \.$compound.$id ~~ Array(r.compounds)).filter(Household.self, \.$grid.$id ~~ Array(r.grids))
                .filter(Household.self, \.$id ~~ Array(r.households))
        }
    }
    /// Filtering by a sensitive tag lists who carries it: that needs the right to see the tag,
    /// and reaches only as far as that right does.
    static func narrow(_ q: QueryBuilder<Resident>, filteredBy p: [String: String], for principal: Principal) throws -> QueryBuilder<Resident> {
        guard let tag = try QueryParameters(p).choice("tag", as: ServiceTag.self), tag.isSensitive else { return q }
        let reach = principal.reach(.sensitiveRead)
        guard !reach.isEmpty else {
            throw ZhanjuError(.forbidden, code: "tag.sensitive", field: "tag",
                              message: Text("无权按敏感标签筛选。", "You may not filter by a sensitive tag."))
        }
        return reach.everywhere ? q : limit(q, to: reach)
    }

    func presented(to principal: Principal?, at place: Place) -> ResidentResource {
        guard let principal, !principal.grants.allows(.sensitiveRead, at: place) else { return self }
        var copy = self
        copy.tags = tags.map { ServiceTag.visible($0, sensitive: false) }
        return copy
    }
}

extension OrganisationResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        if let c = input.compoundId { return map.place(compound: c) }
        if let rc = input.committeeId { return map.place(committee: rc) }
        if let w = input.workstationId { return map.place(workstation: w) }
        return input.parentId.map { map.organisations[$0] ?? Place() }
    }
    static func place(of row: Organisation, map: TerritoryMap, on db: any Database) async throws -> Place {
        if let c = row.$compound.id { return map.place(compound: c) }
        if let rc = row.$committee.id { return map.place(committee: rc) }
        if let w = row.$workstation.id { return map.place(workstation: w) }
        return row.$parent.id.flatMap { map.organisations[$0] } ?? Place()
    }
    static func limit(_ q: QueryBuilder<Organisation>, to r: Reach) -> QueryBuilder<Organisation> { q.filter(\.$id ~~ Array(r.bodies)) }
}

extension AppointmentResource {
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? {
        guard let raw = input.bodyKind, let id = input.bodyId else { return nil }
        return BodyKind(rawValue: raw).map { map.place(body: $0, id: id) } ?? Place()
    }
    static var writePermission: Permission { .appointmentsWrite }
    static func place(of row: Appointment, map: TerritoryMap, on db: any Database) async throws -> Place {
        guard let kind = BodyKind(rawValue: row.bodyKind) else { return Place() }
        return map.place(body: kind, id: row.bodyID)
    }
    static func limit(_ q: QueryBuilder<Appointment>, to r: Reach) -> QueryBuilder<Appointment> { q.filter(\.$bodyID ~~ Array(r.bodies)) }
}
