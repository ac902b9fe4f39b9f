import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// What the surveys capability reads of the registry: the places a survey can be sent to (by
/// name), and a scope's households with where they sit (compound, zone, grid, door) and the
/// residents who may answer (sex and birth date, for sampling residents and for tables by sex
/// and age band). Values only, like the rest of the directory.
extension RegistryDirectory {
    struct SurveyPlace: Sendable, Equatable {
        var kind: String
        var id: UUID
        var name: Text
    }

    struct SurveyFrameHousehold: Sendable, Equatable {
        var id: UUID
        var compoundID: UUID
        var zoneID: UUID?
        var gridID: UUID?
        /// Building, entrance and door ("3-1-502").
        var door: String
        var residents: [SurveyFrameResident]
    }

    struct SurveyFrameResident: Sendable, Equatable {
        var id: UUID
        var sex: Sex
        var birthDate: CivilDate?
    }

    /// Workstations, committees, compounds and grids with their names, in code order: where a
    /// survey may be sent (kinds as SurveyScopeKind's raw values).
    func surveyPlaces() async throws -> [SurveyPlace] {
        var out: [SurveyPlace] = []
        out += try await Workstation.query(on: db).sort(\.$code).all().map { SurveyPlace(kind: "workstation", id: $0.id!, name: Text($0.nameZh, $0.nameEn)) }
        out += try await ResidentsCommittee.query(on: db).sort(\.$code).all().map { SurveyPlace(kind: "committee", id: $0.id!, name: Text($0.nameZh, $0.nameEn)) }
        out += try await Compound.query(on: db).sort(\.$code).all().map { SurveyPlace(kind: "compound", id: $0.id!, name: Text($0.nameZh, $0.nameEn)) }
        out += try await Grid.query(on: db).sort(\.$code).all().map { SurveyPlace(kind: "grid", id: $0.id!, name: Text("\($0.code) \($0.nameZh)", "\($0.code) \($0.nameEn)")) }
        return out
    }

    /// Names of zones (by id), for tables by zone.
    func zoneNames(_ ids: [UUID]) async throws -> [UUID: Text] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await Zone.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, Text($0.nameZh, $0.nameEn)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The households of a scope (kind: workstation, committee, compound or grid) with the
    /// residents aged 18 or more on `day`, in address order.
    func surveyFrame(kind: String, id: UUID, adultsOn day: CivilDate) async throws -> [SurveyFrameHousehold] {
        let filter: SQLQueryString
        switch kind {
        case "workstation": filter = "rc.workstation_id = \(bind: id)"
        case "committee": filter = "c.committee_id = \(bind: id)"
        case "compound": filter = "h.compound_id = \(bind: id)"
        case "grid": filter = "h.grid_id = \(bind: id)"
        default: return []
        }
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT h.id, h.compound_id, h.grid_id, b.zone_id, b.number AS building, e.number AS entrance, h.door
            FROM households h JOIN compounds c ON c.id = h.compound_id JOIN residents_committees rc ON rc.id = c.committee_id
            JOIN buildings b ON b.id = h.building_id JOIN entrances e ON e.id = h.entrance_id
            WHERE \(filter)
            ORDER BY c.code, LENGTH(b.number), b.number, LENGTH(e.number), e.number, LENGTH(h.door), h.door
            """).all()
        var households: [SurveyFrameHousehold] = []
        households.reserveCapacity(rows.count)
        for row in rows {
            households.append(SurveyFrameHousehold(
                id: try row.decode(column: "id", as: UUID.self), compoundID: try row.decode(column: "compound_id", as: UUID.self),
                zoneID: try row.decode(column: "zone_id", as: UUID?.self), gridID: try row.decode(column: "grid_id", as: UUID?.self),
                door: "\(try row.decode(column: "building", as: String.self))-\(try row.decode(column: "entrance", as: String.self))-\(try row.decode(column: "door", as: String.self))",
                residents: []))
        }
        guard !households.isEmpty else { return [] }
        var index: [UUID: Int] = [:]
        for (i, h) in households.enumerated() { index[h.id] = i }
        let people = try await sql.raw("""
            SELECT r.id, r.household_id, r.sex, r.birth_date FROM residents r
            JOIN households h ON h.id = r.household_id JOIN compounds c ON c.id = h.compound_id JOIN residents_committees rc ON rc.id = c.committee_id
            WHERE \(filter) ORDER BY r.birth_date
            """).all()
        for row in people {
            guard let i = index[try row.decode(column: "household_id", as: UUID.self)] else { continue }
            let birth = CivilDate(iso: try row.decode(column: "birth_date", as: String.self))
            if let birth, birth.age(on: day) < 18 { continue }
            households[i].residents.append(SurveyFrameResident(id: try row.decode(column: "id", as: UUID.self),
                                                               sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .male, birthDate: birth))
        }
        return households
    }

    /// Sex and birth date of residents (for what a resident-level invitation records).
    func surveyResidents(_ ids: [UUID]) async throws -> [UUID: SurveyFrameResident] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select().columns("id", "sex", "birth_date").from("residents").where("id", .in, ids).all()
        return Dictionary(try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return (id, SurveyFrameResident(id: id, sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .male,
                                            birthDate: CivilDate(iso: try row.decode(column: "birth_date", as: String.self))))
        }, uniquingKeysWith: { a, _ in a })
    }
}
