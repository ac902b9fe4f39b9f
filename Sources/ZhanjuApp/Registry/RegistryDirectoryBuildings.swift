import Fluent
import Foundation
import ZhanjuRules

/// Buildings as other capabilities read them (council notices to a building): which compound a
/// building is in, its name to choose it by, and the building a household lives in.
extension RegistryDirectory {
    struct BuildingRef: Sendable, Equatable {
        var id: UUID
        var compoundID: UUID
        /// "维多利亚 A区 3栋" / "Victoria Zone A, Building 3".
        var name: Text
    }

    private func refs(_ buildings: [Building]) async throws -> [BuildingRef] {
        let compounds = Dictionary(uniqueKeysWithValues: try await Compound.query(on: db).filter(\.$id ~~ Set(buildings.map { $0.$compound.id })).all().map { ($0.id!, $0) })
        let zoneIDs = Set(buildings.compactMap { $0.$zone.id })
        let zones = zoneIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Zone.query(on: db).filter(\.$id ~~ zoneIDs).all().map { ($0.id!, $0.code) })
        return buildings.map { b in
            let c = compounds[b.$compound.id]
            let zone = b.$zone.id.flatMap { zones[$0] }
            return BuildingRef(id: b.id!, compoundID: b.$compound.id,
                               name: Text("\(c?.nameZh ?? "") \(zone.map { "\($0)区 " } ?? "")\(b.number)栋",
                                          "\(c?.nameEn ?? "") \(zone.map { "Zone \($0), " } ?? "")Building \(b.number)"))
        }
    }

    func building(_ id: UUID) async throws -> BuildingRef? {
        guard let b = try await Building.find(id, on: db) else { return nil }
        return try await refs([b]).first
    }

    /// A compound's buildings, by zone and number as people count them.
    func buildings(compound: UUID) async throws -> [BuildingRef] {
        let all = try await Building.query(on: db).filter(\.$compound.$id == compound).all()
        return try await refs(all).sorted { $0.name.zh.localizedStandardCompare($1.name.zh) == .orderedAscending }
    }

    /// The building a household lives in.
    func building(ofHousehold id: UUID) async throws -> UUID? {
        try await Household.find(id, on: db)?.$building.id
    }
}
