import Foundation
import Vapor
import ZhanjuRules

/// The household read route is the registry's hottest read (every visit, every case opens it),
/// so it is one SQL statement over the household and its members (HouseholdStore); the names of its place come
/// from the territory map in memory, not from four more joins; and recently read households are
/// served from HouseholdCache without touching the database.
enum HouseholdRead {
    typealias Rows = (head: HouseholdJSON.Head, members: [HouseholdJSON.Member])

    /// The household's rows with its place named, from the application's household store.
    static func rows(_ id: UUID, for req: Request) async throws -> Rows? {
        let map = try await req.territoryMap()
        return try await req.application.householdStore.rows(id, on: req.db).map { named($0, map) }
    }

    /// Fills in the names of the household's compound, zone, building and entrance.
    static func named(_ rows: Rows, _ map: TerritoryMap) -> Rows {
        var head = rows.head
        if let c = Hex.uuid(parsing: head.compoundId).flatMap({ map.compoundNames[$0] }) { (head.compoundZh, head.compoundEn) = (c.zh, c.en) }
        if let b = Hex.uuid(parsing: head.buildingId).flatMap({ map.buildingLabels[$0] }) {
            head.building = b.number
            head.zone = b.zone.flatMap { map.zoneCodes[$0] }
        }
        if let e = Hex.uuid(parsing: head.entranceId).flatMap({ map.entranceNumbers[$0] }) { head.entrance = e }
        return (head, rows.members)
    }

    static func place(of head: HouseholdJSON.Head, _ map: TerritoryMap) -> Place {
        guard let id = Hex.uuid(parsing: head.id), let compound = Hex.uuid(parsing: head.compoundId) else { return Place() }
        return map.place(household: id, compound: compound, grid: head.gridId.flatMap(Hex.uuid(parsing:)))
    }

    /// The household's JSON for this principal: 404 outside their reach, sensitive tags only for
    /// roles whose duty needs them.
    static func served(_ entry: HouseholdCache.Entry, _ req: Request) throws -> Response {
        try req.authorize(.householdsRead, at: entry.place, notFound: Strings.household)
        return HouseholdJSON.response(entry.body(sensitive: req.principal!.grants.allows(.sensitiveRead, at: entry.place)))
    }
}
