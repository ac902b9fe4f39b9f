import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// Where the household read gets its rows: one statement over the household and its members,
/// with the place's ids (HouseholdRead names them from the territory map). Chosen at start-up:
/// SQLiteHouseholdStore on a SQLite file, SQLKitHouseholdStore on anything else.
protocol HouseholdStore: Sendable {
    func rows(_ id: UUID, on db: any Database) async throws -> HouseholdRead.Rows?
}

/// A store that answers on the calling thread, with no task hop (a primary-key lookup in a local
/// file): the household route uses it on the event loop.
protocol ImmediateHouseholdStore: HouseholdStore {
    func rowsNow(_ id: UUID) throws -> HouseholdRead.Rows?
}

extension ImmediateHouseholdStore {
    func rows(_ id: UUID, on db: any Database) async throws -> HouseholdRead.Rows? { try rowsNow(id) }
}

/// One statement through SQLKit, on SQLite and PostgreSQL alike.
struct SQLKitHouseholdStore: HouseholdStore {
    static let select = """
        SELECT h.door, h.entrance_id, h.building_id, h.compound_id, h.grid_id,
               r.id AS r_id, r.relation, r.name, r.sex, r.birth_date, r.hukou, r.political_rights, r.phone_masked, r.id_number_masked, r.tags
        FROM households h
        LEFT JOIN residents r ON r.household_id = h.id
        WHERE h.id =
        """
    static let order = "ORDER BY CASE WHEN r.relation = 'head' THEN 0 ELSE 1 END, r.birth_date"

    func rows(_ id: UUID, on db: any Database) async throws -> HouseholdRead.Rows? {
        let sql = db as! any SQLDatabase
        let result = try await sql.raw("\(unsafeRaw: Self.select) \(bind: id) \(unsafeRaw: Self.order)").all()
        guard let first = result.first else { return nil }
        func text(_ row: any SQLRow, _ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        // UUID columns are text on SQLite and uuid on PostgreSQL; decoding as UUID reads both.
        func uuid(_ row: any SQLRow, _ column: String) throws -> String? { try row.decode(column: column, as: UUID?.self)?.uuidString }
        let key = Hex.uuid(id)
        let head = HouseholdJSON.Head(
            id: key, door: try text(first, "door") ?? "", entranceId: try uuid(first, "entrance_id") ?? "", buildingId: try uuid(first, "building_id") ?? "",
            compoundId: try uuid(first, "compound_id") ?? "", gridId: try uuid(first, "grid_id"), compoundZh: "", compoundEn: "", zone: nil, building: "", entrance: "")
        var members: [HouseholdJSON.Member] = []
        for row in result {
            guard let residentID = try uuid(row, "r_id") else { continue }
            members.append(.init(id: residentID, householdId: key, relation: try text(row, "relation"), name: try text(row, "name") ?? "",
                                 sex: try text(row, "sex") ?? "", birthDate: try text(row, "birth_date") ?? "", hukou: try text(row, "hukou") ?? "",
                                 politicalRights: try row.decode(column: "political_rights", as: Bool.self), tags: try text(row, "tags") ?? "",
                                 phoneMasked: try text(row, "phone_masked"), idNumberMasked: try text(row, "id_number_masked")))
        }
        return (head, members)
    }
}

struct HouseholdStoreKey: StorageKey { typealias Value = any HouseholdStore }

extension Application {
    var householdStore: any HouseholdStore { storage[HouseholdStoreKey.self] ?? SQLKitHouseholdStore() }
}
