import Foundation

/// Where a record sits in the territory: the chain of bodies above it. Unknown levels are nil
/// (a grid has no committee; a compound has no household).
public struct Place: Hashable, Sendable {
    public var subDistrict: UUID?
    public var workstation: UUID?
    public var committee: UUID?
    public var compound: UUID?
    public var grid: UUID?
    public var household: UUID?

    public init(subDistrict: UUID? = nil, workstation: UUID? = nil, committee: UUID? = nil,
                compound: UUID? = nil, grid: UUID? = nil, household: UUID? = nil) {
        self.subDistrict = subDistrict
        self.workstation = workstation
        self.committee = committee
        self.compound = compound
        self.grid = grid
        self.household = household
    }
}

/// The part of the territory a grant covers.
public enum Scope: Hashable, Sendable {
    case everywhere
    case subDistrict(UUID)
    case workstation(UUID)
    case committee(UUID)
    case compound(UUID)
    case grid(UUID)
    case household(UUID)

    /// A scope covers a place when the place lies inside it. A grid cuts across compounds, so it
    /// covers exactly the households (and the grid) that carry its id.
    public func covers(_ place: Place) -> Bool {
        switch self {
        case .everywhere: return true
        case .subDistrict(let id): return place.subDistrict == id
        case .workstation(let id): return place.workstation == id
        case .committee(let id): return place.committee == id
        case .compound(let id): return place.compound == id
        case .grid(let id): return place.grid == id
        case .household(let id): return place.household == id
        }
    }
}

/// One role over one scope, e.g. grid worker of grid G7.
public struct Grant: Hashable, Sendable {
    public var role: Role
    public var scope: Scope
    public init(_ role: Role, _ scope: Scope) {
        self.role = role
        self.scope = scope
    }

    /// Whether this grant carries the permission: its role's, and for installation-wide
    /// permissions only over everywhere.
    public func gives(_ permission: Permission) -> Bool {
        role.permissions.contains(permission) && (scope == .everywhere || !Permission.installationWide.contains(permission))
    }
}

/// Everything a person may do: the union of their grants. Deny by default: no grant, no right.
public struct Grants: Sendable, Hashable {
    public var all: [Grant]
    public init(_ all: [Grant]) { self.all = all }

    /// Whether any grant gives the permission anywhere (decides 403 against 404).
    public func holds(_ permission: Permission) -> Bool {
        all.contains { $0.gives(permission) }
    }

    public func allows(_ permission: Permission, at place: Place) -> Bool {
        all.contains { $0.gives(permission) && $0.scope.covers(place) }
    }

    /// The scopes over which the permission holds, for filtering lists.
    public func scopes(for permission: Permission) -> Set<Scope> {
        Set(all.filter { $0.gives(permission) }.map(\.scope))
    }

    public var roles: Set<Role> { Set(all.map(\.role)) }
}
