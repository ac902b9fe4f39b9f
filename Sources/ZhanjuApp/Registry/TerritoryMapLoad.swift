import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// The registry fills Access's map of the territory from its own tables: the one place that
/// knows how compounds, buildings and bodies are stored.
extension TerritoryMap {
    static func load(on db: any Database) async throws -> TerritoryMap {
        var map = TerritoryMap()
        for c in try await Compound.query(on: db).field(\.$id).field(\.$committee.$id).field(\.$nameZh).field(\.$nameEn).all() {
            map.committeeOfCompound[c.id!] = c.$committee.id
            map.compoundNames[c.id!] = (c.nameZh, c.nameEn)
        }
        // Buildings and entrances are the big ones (tens of thousands in a city): plain SQL rows.
        let sql = db as! any SQLDatabase
        for row in try await sql.raw("SELECT id, number, zone_id FROM buildings").all() {
            map.buildingLabels[try row.decode(column: "id", as: UUID.self)] = (try row.decode(column: "number", as: String.self), try row.decode(column: "zone_id", as: UUID?.self))
        }
        for row in try await sql.raw("SELECT id, number FROM entrances").all() {
            map.entranceNumbers[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "number", as: String.self)
        }
        for z in try await Zone.query(on: db).field(\.$id).field(\.$code).all() { map.zoneCodes[z.id!] = z.code }
        for c in try await ResidentsCommittee.query(on: db).field(\.$id).field(\.$workstation.$id).all() { map.workstationOfCommittee[c.id!] = c.$workstation.id }
        for w in try await Workstation.query(on: db).field(\.$id).field(\.$subDistrict.$id).all() { map.subDistrictOfWorkstation[w.id!] = w.$subDistrict.id }
        for g in try await Grid.query(on: db).field(\.$id).field(\.$workstation.$id).all() { map.workstationOfGrid[g.id!] = g.$workstation.id }
        for s in try await ServicePoint.query(on: db).field(\.$id).field(\.$compound.$id).all() { map.compoundOfServicePoint[s.id!] = s.$compound.id }
        let orgs = try await Organisation.query(on: db).all()
        for o in orgs {
            if let c = o.$compound.id { map.organisations[o.id!] = map.place(compound: c) }
            else if let rc = o.$committee.id { map.organisations[o.id!] = map.place(committee: rc) }
            else if let ws = o.$workstation.id { map.organisations[o.id!] = map.place(workstation: ws) }
        }
        // Branches of a general branch sit where their parent sits.
        for o in orgs where map.organisations[o.id!] == nil {
            if let parent = o.$parent.id, let place = map.organisations[parent] { map.organisations[o.id!] = place }
        }
        return map
    }
}
