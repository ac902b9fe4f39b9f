import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Grid workers' home visits: who, which household, why, what was found, what follows.
enum VisitLog {
    struct Input: Content {
        var householdId: UUID?
        var visitedOn: String?
        var purpose: String?
        var notes: String?
        var followUp: String?
        static let example = Input(householdId: UUID(), visitedOn: "2026-11-27", purpose: "独居老人探访", notes: "身体尚好,需助餐", followUp: "申请居家养老助餐")
    }

    struct View: Content {
        var id: UUID
        var householdId: UUID
        var gridId: UUID?
        var visitedOn: String
        var purpose: String
        var notes: String
        var followUp: String?
        var caseId: UUID?
        init(_ v: Visit) {
            (id, householdId, gridId, visitedOn, purpose, notes, followUp, caseId) = (v.id!, v.householdID, v.gridID, v.visitedOn, v.purpose, v.notes, v.followUp, v.caseID)
        }
        init(id: UUID, householdId: UUID, gridId: UUID?, visitedOn: String, purpose: String, notes: String, followUp: String?, caseId: UUID?) {
            (self.id, self.householdId, self.gridId, self.visitedOn, self.purpose, self.notes, self.followUp, self.caseId) = (id, householdId, gridId, visitedOn, purpose, notes, followUp, caseId)
        }
        static let example = View(id: UUID(), householdId: UUID(), gridId: UUID(), visitedOn: "2026-11-27", purpose: "独居老人探访", notes: "身体尚好", followUp: "助餐", caseId: UUID())
    }

    static func log(_ input: Input, req: Request) async throws -> Visit {
        guard let hid = input.householdId else { throw ZhanjuError.required("household_id") }
        // No such household and one out of reach answer alike: a visit form is no way to learn which ids exist.
        guard let household = try await RegistryDirectory(db: req.db).household(hid) else { throw ZhanjuError.notFound(Strings.household) }
        let place = household.place(in: try await req.territoryMap())
        try req.authorize(.visitsLog, at: place, notFound: Strings.household)
        return try await record(input, household: household, today: req.today, context: try req.writeContext(), on: req.db)
    }

    /// Validates and writes a visit (the route checks who may; the demo calls this directly).
    static func record(_ input: Input, household: RegistryDirectory.HouseholdRef, today: CivilDate, context: WriteContext, on db: any Database) async throws -> Visit {
        let on = try input.visitedOn.map { try Check.date($0, "visited_on") } ?? today
        guard on <= today else { throw ZhanjuError.invalid("visited_on", "range", Text("走访日期不能晚于今天。", "A visit cannot be in the future.")) }
        let purpose = try Check.text(input.purpose, "purpose", max: 200)
        let notes = (input.notes ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard notes.count <= 2000 else { throw ZhanjuError.invalid("notes", "too_long", Strings.errorTooLong("notes", 2000)) }
        try Check.printable(notes, "notes")
        guard let accountID = context.actor.accountID else { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
        return try await context.access.write(on: db) { tx in
            WritePath.changed(.cases)
            let v = Visit()
            v.householdID = household.id
            v.gridID = household.gridID
            v.compoundID = household.compoundID
            v.$account.id = accountID
            v.visitedOn = on.iso
            v.purpose = purpose
            v.notes = notes
            v.followUp = input.followUp.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(500)) }
            try await v.create(on: tx)
            try await AuditTrail.append("create", "visits", v.id, before: nil, after: AuditTrail.digest(View(v)), by: context.actor, at: context.access.now(), on: tx)
            // A grid's page shows each household's last visit.
            let fragments = context.access.pageFragments
            WritePath.afterCommit { fragments.invalidate() }
            return v
        }
    }

    /// Newest first, a page at a time (`page`, `per` up to 500).
    static func list(_ req: Request, household: UUID?, grid: UUID?) async throws -> [Visit] {
        let paging = try QueryParameters(req).paging(maxPer: 500, defaultPer: 500)
        let reach = try req.reach(.visitsLog)
        guard !reach.isEmpty else { return [] }
        let q = Visit.query(on: req.db)
        if !reach.everywhere {
            q.group(.or) { $0.filter(\.$gridID ~~ Array(reach.grids)).filter(\.$compoundID ~~ Array(reach.compounds)).filter(\.$householdID ~~ Array(reach.households)) }
        }
        if let household { q.filter(\.$householdID == household) }
        if let grid { q.filter(\.$gridID == grid) }
        return try await q.sort(\.$visitedOn, .descending).sort(\.$id).range(paging.range()).all()
    }
}
