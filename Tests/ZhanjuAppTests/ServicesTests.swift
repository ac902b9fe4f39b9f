import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// A workstation with one committee, one compound, a grid, a resident, a clerk and a grid worker,
/// each with an account, and the seed catalogue.
struct ServiceFixture {
    var t: Territory
    var grid: String
    var resident: Caller
    var clerk: Caller
    var worker: Caller
    var residentID: String

    static func make(_ app: Application) async throws -> ServiceFixture {
        let t = try await Territory.make(app)
        let grid = try await app.json(.POST, "/api/v1/grids", ["workstation_id": t.workstation, "code": "G1", "name_zh": "第一网格", "name_en": "Grid 1"]).object["id"] as! String
        #expect(try await app.json(.PUT, "/api/v1/households/\(t.household)", ["entrance_id": t.entrance, "door": "101", "grid_id": grid]).status == .ok)
        func person(_ name: String, household: String?, id: String) async throws -> String {
            var body: [String: Any] = ["name": name, "sex": "female", "birth_date": "1980-05-05", "hukou": "local", "id_number": id]
            if let household { body["household_id"] = household; body["relation"] = "head" }
            let r = try await app.json(.POST, "/api/v1/residents", body)
            #expect(r.status == .created, "\(r.text)")
            return r.object["id"] as! String
        }
        let resident = try await person("王芳", household: t.household, id: IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1980-05-05")!, sex: .female, sequence: 1).value)
        let clerk = try await person("赵敏", household: nil, id: IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1980-05-05")!, sex: .female, sequence: 2).value)
        let worker = try await person("钱丽", household: nil, id: IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1980-05-05")!, sex: .female, sequence: 3).value)
        for (who, post, body, kind) in [(clerk, "station_staff", t.workstation, "workstation"), (worker, "grid_worker", grid, "grid")] {
            let r = try await app.json(.POST, "/api/v1/appointments", ["resident_id": who, "post": post, "body_kind": kind, "body_id": body, "starts_on": "2025-01-01"])
            #expect(r.status == .created, "\(r.text)")
        }
        for (name, who) in [("resident", resident), ("clerk", clerk), ("worker", worker)] {
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": name, "password": "password-\(name)", "resident": who]).status == .created)
        }
        let catalogue = CatalogueService(db: app.db, context: .system("test", app))
        for item in CatalogueService.seed { _ = try await catalogue.create(item) }
        return ServiceFixture(t: t, grid: grid, resident: try await app.signIn("resident", "password-resident"),
                              clerk: try await app.signIn("clerk", "password-clerk"), worker: try await app.signIn("worker", "password-worker"), residentID: resident)
    }
}

@Suite("Workstation services: cases through the grid-management loop, SLAs, dashboards")
struct ServicesTests {
    @Test("a resident files from the phone page, staff dispatch, the grid worker resolves, the clerk verifies and closes, the resident rates")
    func fullLoop() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let form = try await app.page("/cases/new?service_code=SAF-HAZ", lang: "en", as: f.resident)
            #expect(form.status == .ok)
            #expect(form.text.contains("Kind of hazard"))
            let filed = try await app.form("/cases/new", [("service_code", "SAF-HAZ"), ("description", "楼道电动车充电"), ("attribute[hazard]", "ebike_charging"),
                                                          ("household_id", f.t.household)], as: f.resident)
            #expect(filed.status == .seeOther, "\(filed.text)")
            let location = try #require(filed.headers.first(name: .location))
            let id = String(location.dropFirst("/cases/".count))

            func act(_ who: Caller, _ action: String, _ extra: [String: Any] = [:]) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/cases/\(id)/actions", ["action": action].merging(extra) { a, _ in a }, as: who)
            }
            #expect(try await act(f.resident, "accept").status == .forbidden, "a resident reads their case but does not handle it")
            let wrong = try await act(f.clerk, "resolve", ["note": "x"])
            #expect(wrong.status == .conflict)
            #expect(wrong.object["field"] as? String == "action")
            #expect(try await act(f.clerk, "accept").status == .ok)
            let dispatched = try await act(f.clerk, "dispatch", ["assignee": "worker", "note": "请现场处置"])
            #expect(dispatched.object["status"] as? String == "dispatched")
            let mine = try await app.json(.GET, "/api/v1/cases?view=mine", as: f.worker).object
            #expect(mine["total"] as? Int == 1)
            #expect(try await act(f.worker, "start").status == .ok)
            #expect(try await act(f.worker, "resolve").object["field"] as? String == "note", "resolving says what was done")
            #expect(try await act(f.worker, "resolve", ["note": "已劝离并张贴告知"]).status == .ok)
            let own = try await act(f.worker, "verify")
            #expect(own.status == .conflict, "whoever resolved may not verify")
            #expect(try await act(f.clerk, "verify").status == .ok)
            #expect(try await act(f.clerk, "close").status == .ok)
            let rated = try await app.json(.POST, "/api/v1/cases/\(id)/rating", ["rating": 5, "comment": "及时"], as: f.resident)
            #expect(rated.object["rating"] as? Int == 5)

            let read = try await app.json(.GET, "/api/v1/cases/\(id)", as: f.resident).object
            let steps = (read["events"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(steps == ["report", "accept", "dispatch", "start", "resolve", "verify", "close", "rate"])
            let page = try await app.page("/cases/\(id)", lang: "en", as: f.resident)
            #expect(page.text.contains("Timeline") && page.text.contains("★★★★★"))
            let myList = try await app.json(.GET, "/api/v1/cases", as: f.resident).object
            #expect(myList["total"] as? Int == 1)

            // The dashboard of the grid shows it.
            let dash = try await app.json(.GET, "/api/v1/dashboards/grid/\(f.grid)", as: f.worker).object
            #expect(dash["total"] as? Int == 1)
            #expect(dash["satisfaction"] as? Double == 5)
            #expect(((dash["by_family"] as? [[String: Any]])?.first?["key"] as? String) == "safety_security")
            let svg = try await app.page("/dashboards/grid/\(f.grid)", lang: "en", as: f.worker)
            // Labels and figures are text in table rows (readable on a phone); only the bar is drawn.
            #expect(svg.text.contains("<table class=\"bars accent\">") && svg.text.contains("<th scope=\"row\">Safety and security</th>"))
            #expect(svg.text.contains("<svg class=\"bar\" viewBox=\"0 0 100 10\""))
            #expect(try await app.json(.GET, "/api/v1/dashboards/grid/\(f.grid)", as: f.resident).status == .forbidden)
        }
    }

    @Test("due dates skip the National Day holiday, stand still while waiting for the resident, and overdue cases escalate")
    func slaAndEscalation() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let on = try await app.caseServiceByDay()
            let c = try await on("2026-09-29").open(.init(serviceCode: "SAF-ORDER", description: "夜间噪音", householdId: UUID(uuidString: f.t.household)))
            _ = try await on("2026-09-29").act(c.id!, .init(action: "accept"))
            let dispatched = try await on("2026-09-30").act(c.id!, .init(action: "dispatch"))
            #expect(dispatched.dueOn == "2026-10-09", "two working days from the 30th: the 8th and the 9th, after the holiday")
            #expect(dispatched.dueConfirmed)
            _ = try await on("2026-10-09").act(c.id!, .init(action: "ask_resident", note: "请提供噪音时段"))
            let replied = try await on("2026-10-14").act(c.id!, .init(action: "resident_replied", note: "每晚十一点后"))
            // Four working days waited (the make-up Saturday the 10th, then the 12th to the 14th) move the 9th to the 14th.
            #expect(replied.dueOn == "2026-10-14")
            #expect(try await on("2026-10-14").escalateOverdue() == 0, "due today is not overdue")
            #expect(try await on("2026-10-15").escalateOverdue() == 1)
            let escalated = try await Case.find(c.id!, on: app.db)!
            #expect(escalated.escalated)
            #expect(try await on("2026-10-16").escalateOverdue() == 0, "escalated once")
            let queue = try await app.json(.GET, "/api/v1/cases?view=escalated").object
            #expect(queue["total"] as? Int == 1)

            // A case beyond the loaded years is computed on weekends alone and flagged.
            let later = try await on("2027-12-30").open(.init(serviceCode: "SAF-ORDER", description: "x", householdId: UUID(uuidString: f.t.household)))
            #expect(!later.dueConfirmed)
            // Until an administrator adds that year's notice.
            let added = try await app.json(.POST, "/api/v1/holidays", ["csv": "date,kind,name_zh,name_en\n2027-12-31,holiday,元旦,New Year\n"])
            #expect(added.status == .created)
            #expect(try await app.json(.POST, "/api/v1/holidays", ["csv": "date,kind\n2027-05-01,holiday\n"]).status == .conflict)
            #expect(try await app.json(.POST, "/api/v1/holidays", ["csv": "date,kind\n2028-01-01,party\n"], as: f.clerk).status == .forbidden)
        }
    }
}

@Suite("Routing: each case goes to the body that handles its item")
struct RoutingTests {
    @Test("a repair goes to the compound's property manager, who handles it and nothing else")
    func propertyManager() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let pm = try await app.json(.POST, "/api/v1/organisations", ["kind": "property_manager", "name_zh": "物业", "name_en": "Property", "committee_id": f.t.committee,
                                                                         "compound_id": f.t.compound]).object["id"] as! String
            let person = try await app.json(.POST, "/api/v1/residents", ["name": "孙强", "sex": "male", "birth_date": "1975-03-03", "hukou": "local"]).object["id"] as! String
            #expect(try await app.json(.POST, "/api/v1/appointments", ["resident_id": person, "post": "property_manager_head", "body_kind": "property_manager",
                                                                       "body_id": pm, "starts_on": "2025-01-01"]).status == .created)
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "pm.head", "password": "password-pm", "resident": person])
            let manager = try await app.signIn("pm.head", "password-pm")

            let repair = try await app.json(.POST, "/api/v1/cases", ["service_code": "PRO-REPAIR", "description": "电梯停在半层", "attributes": ["facility": ["lift"]]], as: f.resident)
            #expect(repair.status == .created, "\(repair.text)")
            #expect(repair.object["assigned_kind"] as? String == "property_manager")
            #expect(repair.object["assigned_body_id"] as? String == pm)
            let noise = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "夜间噪音"], as: f.resident)
            #expect(noise.object["assigned_kind"] as? String == "workstation")

            let queue = try await app.json(.GET, "/api/v1/cases", as: manager).object
            #expect(queue["total"] as? Int == 1, "the manager's queue holds the repair only")
            #expect(try await app.json(.POST, "/api/v1/cases/\(repair.object["id"] as! String)/actions", ["action": "accept"], as: manager).status == .ok)
            #expect(try await app.json(.POST, "/api/v1/cases/\(noise.object["id"] as! String)/actions", ["action": "accept"], as: manager).status == .notFound)
            // An unknown question is refused by name; a list answer outside its values too.
            let odd = try await app.json(.POST, "/api/v1/cases", ["service_code": "PRO-REPAIR", "description": "x", "attributes": ["facility": ["roof"]]], as: f.resident)
            #expect(odd.status == .unprocessableEntity)
            #expect(odd.object["field"] as? String == "attribute[facility]")
        }
    }
}
