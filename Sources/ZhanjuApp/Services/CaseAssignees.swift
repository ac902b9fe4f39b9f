import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Who a case can be given to: the people holding a post today in a body over the case's place
/// (its workstation, committee, compound, service point, property manager, grid, sub-district)
/// whose grants let them handle it. Offered as a list by name; CaseService checks the same rule.
enum CaseAssignees {
    struct Candidate: Sendable {
        var username: String
        var displayName: String
    }

    static func candidates(for c: Case, req: Request) async throws -> [Candidate] {
        let registry = RegistryDirectory(db: req.db)
        var bodies = [c.subDistrictID, c.workstationID] + [c.committeeID, c.compoundID, c.gridID].compactMap { $0 }
        if let compound = c.compoundID {
            if let point = try await registry.servicePoint(in: compound) { bodies.append(point) }
            if let manager = try await registry.propertyManager(of: compound) { bodies.append(manager) }
        }
        let people = try await registry.postHolders(in: bodies, on: req.today)
        guard !people.isEmpty else { return [] }
        let accounts = try await Account.query(on: req.db).filter(\.$residentID ~~ Array(people)).filter(\.$disabled == false).sort(\.$username).all()
        let map = try await req.territoryMap()
        var out: [Candidate] = []
        for account in accounts.prefix(200) {
            let p = try await GrantBuilder.principal(for: account, credential: .token, today: req.today, map: map, on: req.db)
            if CaseScope(p).mayHandle(c) { out.append(Candidate(username: account.username, displayName: account.displayName)) }
        }
        return out
    }
}
