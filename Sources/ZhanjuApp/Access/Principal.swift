import Fluent
import Foundation
import ZhanjuRules

/// Who is asking, and what they may do where. Built from the account's current appointments and
/// household, and cached until the registry or the account changes.
struct Principal: Sendable {
    enum Credential: Sendable, Equatable {
        case session(csrf: String)
        case token
    }

    let accountID: UUID
    let username: String
    let displayName: String
    let residentID: UUID?
    let householdID: UUID?
    let mustChangePassword: Bool
    let grants: Grants
    let credential: Credential
    /// Each permission's reach, expanded once per principal.
    let reaches: [Permission: Reach]

    func reach(_ permission: Permission) -> Reach { reaches[permission] ?? Reach([], map: TerritoryMap()) }

    /// The label the audit chain records for this actor.
    var auditLabel: String { "\(username) (\(displayName))" }
}

/// Builds a principal's grants from the registry: posts held today, and the household lived in.
enum GrantBuilder {
    static func principal(for account: Account, credential: Principal.Credential, today: CivilDate,
                          map: TerritoryMap, on db: any Database) async throws -> Principal {
        var grants: [Grant] = []
        if account.administrator { grants.append(Grant(.administrator, .everywhere)) }
        var householdID: UUID?
        if let residentID = account.residentID {
            let registry = RegistryDirectory(db: db)
            for held in try await registry.postsHeld(by: residentID) {
                guard held.term?.contains(today) == true, let role = Role(post: held.post),
                      let scope = map.scope(body: held.bodyKind, id: held.bodyID) else { continue }
                grants.append(Grant(role, scope))
                if held.post == .gridWorker {
                    // A grid cuts across compounds: its worker may look at the compounds it touches,
                    // and at the structure of the committees they belong to (the committee page
                    // their structure page links to), no households beyond the grid's.
                    for c in try await registry.compounds(touchedByGrid: held.bodyID) {
                        grants.append(Grant(.areaReader, .compound(c)))
                        if let committee = map.committeeOfCompound[c] { grants.append(Grant(.areaReader, .committee(committee))) }
                    }
                }
            }
            if let household = try await registry.household(of: residentID) {
                householdID = household.id
                grants.append(Grant(.resident, .household(household.id)))
                if let committee = map.committeeOfCompound[household.compoundID] { grants.append(Grant(.areaReader, .committee(committee))) }
            }
        }
        let all = Grants(grants)
        var reaches: [Permission: Reach] = [:]
        for p in Permission.allCases { reaches[p] = Reach(all.scopes(for: p), map: map) }
        return Principal(accountID: account.id!, username: account.username, displayName: account.displayName,
                         residentID: account.residentID, householdID: householdID, mustChangePassword: account.mustChangePassword,
                         grants: all, credential: credential, reaches: reaches)
    }
}
