import Fluent
import SQLKit
import Foundation
import ZhanjuRules

/// The territory's skeleton in memory — which compound belongs to which committee, and so on up
/// to the sub-district — so that placing a record and expanding a scope cost no queries. Small even
/// for a city (thousands of compounds); reloaded after any write to the territory.
struct TerritoryMap: Sendable {
    var committeeOfCompound: [UUID: UUID] = [:]
    var workstationOfCommittee: [UUID: UUID] = [:]
    var subDistrictOfWorkstation: [UUID: UUID] = [:]
    var workstationOfGrid: [UUID: UUID] = [:]
    var compoundOfServicePoint: [UUID: UUID] = [:]
    var organisations: [UUID: Place] = [:]
    /// Names for showing a household's place without joining four tables on every read.
    var compoundNames: [UUID: (zh: String, en: String)] = [:]
    var buildingLabels: [UUID: (number: String, zone: UUID?)] = [:]
    var zoneCodes: [UUID: String] = [:]
    var entranceNumbers: [UUID: String] = [:]

    func place(subDistrict id: UUID) -> Place { Place(subDistrict: id) }

    func place(workstation id: UUID) -> Place { Place(subDistrict: subDistrictOfWorkstation[id], workstation: id) }

    func place(committee id: UUID) -> Place {
        var p = workstationOfCommittee[id].map(place(workstation:)) ?? Place()
        p.committee = id
        return p
    }

    func place(compound id: UUID) -> Place {
        var p = committeeOfCompound[id].map(place(committee:)) ?? Place()
        p.compound = id
        return p
    }

    func place(grid id: UUID) -> Place {
        var p = workstationOfGrid[id].map(place(workstation:)) ?? Place()
        p.grid = id
        return p
    }

    func place(household id: UUID, compound: UUID, grid: UUID?) -> Place {
        var p = place(compound: compound)
        p.grid = grid
        p.household = id
        return p
    }

    /// Where a body of any kind sits (for appointments and bodies' pages).
    func place(body kind: BodyKind, id: UUID) -> Place {
        switch kind {
        case .subDistrict: return place(subDistrict: id)
        case .workstation: return place(workstation: id)
        case .grid: return place(grid: id)
        case .residentsCommittee: return place(committee: id)
        case .servicePoint: return compoundOfServicePoint[id].map(place(compound:)) ?? Place()
        default: return organisations[id] ?? Place()
        }
    }

    /// The scope a post in a body confers.
    func scope(body kind: BodyKind, id: UUID) -> Scope? {
        switch kind {
        case .subDistrict: return .subDistrict(id)
        case .workstation: return .workstation(id)
        case .grid: return .grid(id)
        case .residentsCommittee: return .committee(id)
        case .servicePoint: return compoundOfServicePoint[id].map(Scope.compound)
        default:
            let p = place(body: kind, id: id)
            if let c = p.compound { return .compound(c) }
            if let c = p.committee { return .committee(c) }
            if let w = p.workstation { return .workstation(w) }
            return nil
        }
    }
}
