import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Foundation
import Vapor
import ZhanjuRules

/// The lists of cases people work from: their own requests, what is assigned to them, their
/// bodies' cases, the overdue ones, and those escalated to the sub-district.
enum CaseQueue {
    enum View: String, CaseIterable, Sendable { case own, mine, body, overdue, escalated }

    /// The order of a list. By default what still needs doing comes first, newest first: a
    /// resident's new request is at the top, not on page 3 behind last summer's closed cases.
    enum Order: String, CaseIterable, Sendable {
        case newest, due, oldest

        var label: Text {
            switch self {
            case .newest: return Text("未办结在前,新的在前", "Open first, newest first")
            case .due: return Text("按办结期限", "By due date")
            case .oldest: return Text("按提交时间,早的在前", "Oldest first")
            }
        }
    }

    struct Filter: Sendable {
        var view: View
        var status: CaseStatus?
        var family: ServiceFamily?
        var compoundID: UUID?
        var from: CivilDate?
        var to: CivilDate?
        var order: Order = .newest
        var page = 1
        var per = 50

        init(_ params: [String: String], defaultView: View) throws {
            let p = QueryParameters(params)
            view = try p.choice("view", as: View.self) ?? defaultView
            status = try p.choice("status", as: CaseStatus.self)
            family = try p.choice("family", as: ServiceFamily.self)
            compoundID = try p.uuid("compound_id")
            from = try p.date("from")
            to = try p.date("to")
            order = try p.choice("sort", as: Order.self) ?? .newest
            let paging = try p.paging(maxPer: 200)
            (page, per) = (paging.page, paging.per)
        }
    }

    static func list(_ req: Request, _ f: Filter) async throws -> (items: [Case], total: Int) {
        let principal = try req.requirePrincipal()
        let q = Case.query(on: req.pageDB)
        switch f.view {
        case .own:
            guard principal.grants.holds(.casesFile) || principal.grants.holds(.ownData) else { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
            q.group(.or) { g in
                g.filter(\.$reporterAccountID == principal.accountID)
                if let h = principal.householdID { g.filter(\.$householdID == h) }
            }
        case .mine:
            guard principal.grants.holds(.casesHandle) else { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
            q.filter(\.$assigneeAccountID == principal.accountID)
            // Given to them, and still theirs to handle (a post that ended takes its cases with it).
            try await limitToHandled(q, principal, req)
        case .body, .overdue, .escalated:
            guard principal.grants.holds(.casesHandle) else { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
            try await limitToHandled(q, principal, req)
            if f.view == .overdue {
                let running = CaseStatus.allCases.filter { $0.isOpen && !$0.pausesClock }.map(\.rawValue)
                q.filter(\.$status ~~ running).filter(\.$dueOn < req.today.iso)
            }
            if f.view == .escalated { q.filter(\.$escalated == true) }
        }
        if let s = f.status { q.filter(\.$status == s.rawValue) }
        if let fam = f.family { q.filter(\.$family == fam.rawValue) }
        if let c = f.compoundID { q.filter(\.$compoundID == c) }
        if let from = f.from { q.filter(\.$reportedOn >= from.iso) }
        if let to = f.to { q.filter(\.$reportedOn <= to.iso) }
        let total = try await q.copy().count()
        // Fluent chooses the page (its filters and order), SQL fetches the rows (see Case.decode).
        let found = NIOLockedValueBox([UUID]())
        switch f.order {
        case .newest:
            let finished = CaseStatus.allCases.filter { !$0.isOpen }.map { "'\($0.rawValue)'" }.joined(separator: ",")
            q.sort(.custom(SQLRaw("CASE WHEN status IN (\(finished)) THEN 1 ELSE 0 END"))).sort(\.$reportedAt, .descending)
        case .due: q.sort(\.$dueOn)
        case .oldest: q.sort(\.$reportedAt)
        }
        try await q.sort(\.$number).range(Paging(page: f.page, per: f.per).range()).field(\.$id).run { output in
            if let id = try? output.schema(Case.schema).decode(.id, as: UUID.self) { found.withLockedValue { $0.append(id) } }
        }
        let ids = found.withLockedValue { $0 }
        guard !ids.isEmpty else { return ([], total) }
        let rows = try await (req.pageDB as! any SQLDatabase).select().column("*").from(Case.schema).where("id", .in, ids).all()
        let byID = Dictionary(try rows.map { let c = try Case.decode($0); return (c.id!, c) }, uniquingKeysWith: { a, _ in a })
        return (ids.compactMap { byID[$0] }, total)
    }

    /// Narrows to the cases the principal handles, in SQL.
    static func limitToHandled(_ q: QueryBuilder<Case>, _ principal: Principal, _ req: Request) async throws {
        let handling = principal.grants.all.filter { $0.role.permissions.contains(.casesHandle) }
        if handling.contains(where: { $0.scope == .everywhere && $0.role != .propertyManager }) { return }
        let map = try await req.territoryMap()
        let general = Reach(Set(handling.filter { $0.role != .propertyManager }.map(\.scope)), map: map)
        let property = Reach(Set(handling.filter { $0.role == .propertyManager }.map(\.scope)), map: map)
        q.group(.or) { g in
            g.filter(\.$workstationID ~~ Array(general.workstations))
            g.filter(\.$compoundID ~~ Array(general.compounds))
            g.filter(\.$gridID ~~ Array(general.grids))
            g.filter(\.$subDistrictID ~~ Array(general.subDistricts))
            g.group(.and) { $0.filter(\.$assignedKind == BodyKind.propertyManager.rawValue).filter(\.$compoundID ~~ Array(property.compounds)) }
        }
    }

    /// Reads one case, as if it did not exist for those who may not see it.
    static func find(_ id: UUID, _ req: Request) async throws -> Case {
        let principal = try req.requirePrincipal()
        guard let c = try await Case.find(id, on: req.pageDB), CaseScope(principal).mayRead(c) else { throw ZhanjuError.notFound(Strings.caseWord) }
        return c
    }
}
