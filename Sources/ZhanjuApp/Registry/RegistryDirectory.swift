import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// What other capabilities (services now; council, elections and surveys next) read of the
/// registry. They get values, never the registry's models, and they never query its tables:
/// the registry can change how it stores households without their knowing (CapabilityBoundaryTests
/// checks the sources for it).
struct RegistryDirectory: Sendable {
    let db: any Database

    struct HouseholdRef: Sendable, Equatable {
        var id: UUID
        var compoundID: UUID
        var gridID: UUID?
        var door: String
        /// For lists a person reads: building, entrance and door, e.g. "3-1-502".
        var label: String
    }

    struct ResidentRef: Sendable, Equatable {
        var id: UUID
        var householdID: UUID?
        var name: String
        var relation: String?
        var birthDate: String
        var tags: [String]
    }

    struct GridRef: Sendable, Equatable {
        var id: UUID
        var workstationID: UUID
        var code: String
        var nameZh: String
        var nameEn: String
    }

    func household(_ id: UUID) async throws -> HouseholdRef? {
        guard let h = try await Household.find(id, on: db) else { return nil }
        return HouseholdRef(id: id, compoundID: h.$compound.id, gridID: h.$grid.id, door: h.door, label: h.door)
    }

    func compoundExists(_ id: UUID) async throws -> Bool {
        try await Compound.find(id, on: db) != nil
    }

    func resident(_ id: UUID) async throws -> ResidentRef? {
        try await Resident.find(id, on: db).map(Self.ref)
    }

    /// The members of these households, by household, eldest first.
    func residents(of households: [UUID]) async throws -> [UUID: [ResidentRef]] {
        guard !households.isEmpty else { return [:] }
        // Plain rows, only the columns wanted: a grid's page reads a hundred households' members at once.
        let rows = try await (db as! any SQLDatabase).select()
            .columns("id", "household_id", "name", "relation", "birth_date", "tags").from("residents")
            .where("household_id", .in, households).orderBy("birth_date").all()
        let members = try rows.map { row in
            ResidentRef(id: try row.decode(column: "id", as: UUID.self), householdID: try row.decode(column: "household_id", as: UUID?.self),
                        name: try row.decode(column: "name", as: String.self), relation: try row.decode(column: "relation", as: String?.self),
                        birthDate: try row.decode(column: "birth_date", as: String.self),
                        tags: (try row.decode(column: "tags", as: String?.self) ?? "").split(separator: ",").map(String.init))
        }
        return Dictionary(grouping: members, by: { $0.householdID! })
    }

    /// The head of the household, or its eldest member where no head is recorded.
    func head(of household: UUID) async throws -> UUID? {
        let members = try await residents(of: [household])[household] ?? []
        return (members.first { $0.relation == Relation.head.rawValue } ?? members.first)?.id
    }

    func servicePoint(in compound: UUID) async throws -> UUID? {
        try await ServicePoint.query(on: db).filter(\.$compound.$id == compound).first()?.id
    }

    func propertyManager(of compound: UUID) async throws -> UUID? {
        try await Organisation.query(on: db).filter(\.$compound.$id == compound).filter(\.$kind == BodyKind.propertyManager.rawValue).first()?.id
    }

    func grid(_ id: UUID) async throws -> GridRef? {
        try await Grid.find(id, on: db).map(Self.ref)
    }

    /// Grids in code order; nil for all of them.
    func grids(_ ids: Set<UUID>?, limit: Int) async throws -> [GridRef] {
        let q = Grid.query(on: db).sort(\.$code)
        if let ids { q.filter(\.$id ~~ Array(ids)) }
        return try await q.range(0..<limit).all().map(Self.ref)
    }

    /// A grid's households in the order of a walking round: building, entrance, floor, door
    /// (numbers compared as numbers: 2 before 10, 502 before 1101), optionally only those with a
    /// member carrying the tag. One more than the page is returned, to tell whether one follows.
    func householdsOnRound(grid: UUID, tag: ServiceTag?, page: Paging) async throws -> [HouseholdRef] {
        let sql = db as! any SQLDatabase
        var query = SQLQueryString("""
            SELECT h.id, h.compound_id, h.grid_id, h.door, b.number AS building, e.number AS entrance
            FROM households h JOIN buildings b ON b.id = h.building_id JOIN entrances e ON e.id = h.entrance_id
            WHERE h.grid_id = \(bind: grid)
            """)
        if let tag {
            query.appendInterpolation(unsafeRaw: " AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.tags LIKE ")
            query.appendInterpolation(bind: "%,\(tag.rawValue),%")
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: """
             ORDER BY h.compound_id, LENGTH(b.number), b.number, LENGTH(e.number), e.number, LENGTH(h.door), h.door
             LIMIT \(page.per + 1) OFFSET \(page.offset)
            """)
        return try await sql.raw(query).all().map { row in
            let door = try row.decode(column: "door", as: String.self)
            return HouseholdRef(id: try row.decode(column: "id", as: UUID.self), compoundID: try row.decode(column: "compound_id", as: UUID.self),
                                gridID: try row.decode(column: "grid_id", as: UUID?.self), door: door,
                                label: "\(try row.decode(column: "building", as: String.self))-\(try row.decode(column: "entrance", as: String.self))-\(door)")
        }
    }

    /// Building, entrance and door of these households ("3-1-502"), for lists of cases.
    func doorLabels(_ households: [UUID]) async throws -> [UUID: String] {
        guard !households.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT h.id, h.door, b.number AS building, e.number AS entrance
            FROM households h JOIN buildings b ON b.id = h.building_id JOIN entrances e ON e.id = h.entrance_id
            WHERE h.id IN (\(binds: households))
            """).all()
        return Dictionary(try rows.map { row in
            (try row.decode(column: "id", as: UUID.self),
             "\(try row.decode(column: "building", as: String.self))-\(try row.decode(column: "entrance", as: String.self))-\(try row.decode(column: "door", as: String.self))")
        }, uniquingKeysWith: { a, _ in a })
    }

    /// Households per grid, for the list of grids.
    func householdCounts(byGrid grids: [UUID]) async throws -> [UUID: Int] {
        guard !grids.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select().column("grid_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("households").where("grid_id", .in, grids).groupBy("grid_id").all()
        return Dictionary(try rows.map { (try $0.decode(column: "grid_id", as: UUID.self), try $0.decode(column: "n", as: Int.self)) }, uniquingKeysWith: { a, _ in a })
    }

    private static func ref(_ r: Resident) -> ResidentRef {
        ResidentRef(id: r.id!, householdID: r.$household.id, name: r.name, relation: r.relation, birthDate: r.birthDate, tags: r.tagList)
    }

    private static func ref(_ g: Grid) -> GridRef {
        GridRef(id: g.id!, workstationID: g.$workstation.id, code: g.code, nameZh: g.nameZh, nameEn: g.nameEn)
    }
}

extension RegistryDirectory.HouseholdRef {
    /// Where the household sits, for authorising what is done there.
    func place(in map: TerritoryMap) -> Place { map.place(household: id, compound: compoundID, grid: gridID) }
}
