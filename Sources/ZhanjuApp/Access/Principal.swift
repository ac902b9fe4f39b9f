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
        if let residentID = account.$resident.id {
            for a in try await Appointment.query(on: db).filter(\.$resident.$id == residentID).all() {
                guard a.term?.contains(today) == true, let post = Post(rawValue: a.post), let role = Role(post: post),
                      let kind = BodyKind(rawValue: a.bodyKind), let scope = map.scope(body: kind, id: a.bodyID) else { continue }
                grants.append(Grant(role, scope))
                if post == .gridWorker {
                    // A grid cuts across compounds: its worker may look at the compounds it touches.
                    let compounds = try await Household.query(on: db).filter(\.$grid.$id == a.bodyID).unique().field(\.$compound.$id).all()
                    for c in Set(compounds.map { $0.$compound.id }) { grants.append(Grant(.areaReader, .compound(c))) }
                }
            }
            if let resident = try await Resident.find(residentID, on: db), let hid = resident.$household.id,
               let household = try await Household.find(hid, on: db) {
                householdID = hid
                grants.append(Grant(.resident, .household(hid)))
                if let committee = map.committeeOfCompound[household.$compound.id] { grants.append(Grant(.areaReader, .committee(committee))) }
            }
        }
        let all = Grants(grants)
        var reaches: [Permission: Reach] = [:]
        for p in Permission.allCases { reaches[p] = Reach(all.scopes(for: p), map: map) }
        return Principal(accountID: account.id!, username: account.username, displayName: account.displayName,
                         residentID: account.$resident.id, householdID: householdID, mustChangePassword: account.mustChangePassword,
                         grants: all, credential: credential, reaches: reaches)
    }
}
