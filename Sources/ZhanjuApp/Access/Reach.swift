import Fluent
import Foundation
import ZhanjuRules

/// A permission's scopes expanded to concrete ids, for filtering lists in SQL. `covered` sets
/// hold what the permission reaches; `containing` sets hold the bodies above them, which appear in
/// lists (by name) so a committee member can navigate from the sub-district down to their committee.
struct Reach: Sendable {
    var everywhere = false
    var subDistricts: Set<UUID> = []
    var workstations: Set<UUID> = []
    var committees: Set<UUID> = []
    var compounds: Set<UUID> = []
    var grids: Set<UUID> = []
    var households: Set<UUID> = []
    var containingSubDistricts: Set<UUID> = []
    var containingWorkstations: Set<UUID> = []
    var containingCommittees: Set<UUID> = []
    /// Ids of every body (of any kind) inside the reach, for appointment lists.
    var bodies: Set<UUID> = []

    init(_ scopes: Set<Scope>, map: TerritoryMap) {
        for scope in scopes {
            switch scope {
            case .everywhere: everywhere = true
            case .subDistrict(let id):
                subDistricts.insert(id)
                for (w, s) in map.subDistrictOfWorkstation where s == id { addWorkstation(w, map) }
            case .workstation(let id): addWorkstation(id, map)
            case .committee(let id): addCommittee(id, map)
            case .compound(let id): compounds.insert(id)
            case .grid(let id): grids.insert(id)
            case .household(let id): households.insert(id)
            }
        }
        for c in compounds {
            let p = map.place(compound: c)
            if let rc = p.committee { containingCommittees.insert(rc) }
            if let w = p.workstation { containingWorkstations.insert(w) }
            if let s = p.subDistrict { containingSubDistricts.insert(s) }
        }
        for g in grids {
            let p = map.place(grid: g)
            if let w = p.workstation { containingWorkstations.insert(w) }
            if let s = p.subDistrict { containingSubDistricts.insert(s) }
        }
        for w in workstations { if let s = map.subDistrictOfWorkstation[w] { containingSubDistricts.insert(s) } }
        bodies = subDistricts.union(workstations).union(committees).union(grids)
        for (sp, c) in map.compoundOfServicePoint where compounds.contains(c) { bodies.insert(sp) }
        for (org, p) in map.organisations where p.compound.map(compounds.contains) ?? p.committee.map(committees.contains) ?? p.workstation.map(workstations.contains) ?? false {
            bodies.insert(org)
        }
    }

    private mutating func addWorkstation(_ id: UUID, _ map: TerritoryMap) {
        workstations.insert(id)
        for (rc, w) in map.workstationOfCommittee where w == id { addCommittee(rc, map) }
        for (g, w) in map.workstationOfGrid where w == id { grids.insert(g) }
    }

    private mutating func addCommittee(_ id: UUID, _ map: TerritoryMap) {
        committees.insert(id)
        for (c, rc) in map.committeeOfCompound where rc == id { compounds.insert(c) }
    }

    var isEmpty: Bool { !everywhere && subDistricts.isEmpty && workstations.isEmpty && committees.isEmpty && compounds.isEmpty && grids.isEmpty && households.isEmpty }
}
