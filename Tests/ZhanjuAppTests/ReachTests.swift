import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// One workstation, two committees (A with a grid, B beside it), a grid worker of A's grid and a
/// member of A's committee, who reads households but not sensitive tags.
struct TwoCommittees {
    var a: Territory
    var compoundB: String
    var entranceB: String
    var householdB: String
    var idNumberB: String
    var grid: String
    var worker: Caller
    var member: Caller

    static func make(_ app: Application) async throws -> TwoCommittees {
        let a = try await Territory.make(app)
        func create(_ path: String, _ body: [String: Any]) async throws -> String {
            let r = try await app.json(.POST, "/api/v1/\(path)", body)
            #expect(r.status == .created, "\(path): \(r.text)")
            return r.object["id"] as? String ?? ""
        }
        let rcB = try await create("committees", ["workstation_id": a.workstation, "code": "RCB", "name_zh": "乙居委会", "name_en": "Committee B"])
        let compoundB = try await create("compounds", ["committee_id": rcB, "code": "CB", "name_zh": "乙小区", "name_en": "Compound B"])
        let buildingB = try await create("buildings", ["compound_id": compoundB, "number": "1", "floors": 6])
        let entranceB = try await create("entrances", ["building_id": buildingB, "number": "1"])
        let householdB = try await create("households", ["entrance_id": entranceB, "door": "101"])
        let grid = try await create("grids", ["workstation_id": a.workstation, "code": "G1", "name_zh": "第一网格", "name_en": "Grid 1"])
        #expect(try await app.json(.PUT, "/api/v1/households/\(a.household)", ["entrance_id": a.entrance, "door": "101", "grid_id": grid]).status == .ok)
        let idNumberB = IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1955-03-03")!, sex: .male, sequence: 7).value
        _ = try await create("residents", ["household_id": householdB, "relation": "head", "name": "乙户主", "sex": "male", "birth_date": "1955-03-03",
                                           "hukou": "local", "id_number": idNumberB, "tags": ["minimum_income"]])
        _ = try await create("residents", ["household_id": a.household, "relation": "head", "name": "甲户主", "sex": "female", "birth_date": "1950-03-03",
                                           "hukou": "local", "tags": ["minimum_income", "elderly"]])
        var callers: [Caller] = []
        for (name, post, kind, body) in [("worker", "grid_worker", "grid", grid), ("member", "member", "residents_committee", a.committee)] {
            let person = try await create("residents", ["name": name, "sex": "female", "birth_date": "1980-01-01", "hukou": "local"])
            _ = try await create("appointments", ["resident_id": person, "post": post, "body_kind": kind, "body_id": body, "starts_on": "2025-01-01"])
            _ = try await create("accounts", ["username": name, "password": "password-\(name)", "resident": person])
            callers.append(try await app.signIn(name, "password-\(name)"))
        }
        return TwoCommittees(a: a, compoundB: compoundB, entranceB: entranceB, householdB: householdB, idNumberB: idNumberB, grid: grid,
                             worker: callers[0], member: callers[1])
    }
}

@Suite("What roles learn: filters, grids, duplicates and forms stay within reach")
struct ReachTests {
    @Test("filtering residents by a sensitive tag needs the right to see the tag; other tags filter as before")
    func sensitiveTagFilter() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await TwoCommittees.make(app)
            let refused = try await app.json(.GET, "/api/v1/residents?tag=minimum_income", as: f.member)
            #expect(refused.status == .forbidden)
            #expect(refused.object["field"] as? String == "tag")
            #expect(!refused.text.contains("甲户主"))
            let elderly = try await app.json(.GET, "/api/v1/residents?tag=elderly", as: f.member)
            #expect(elderly.status == .ok && elderly.text.contains("甲户主"))
            #expect(!elderly.text.contains("minimum_income"), "the member still does not see the sensitive tag itself")
            let worker = try await app.json(.GET, "/api/v1/residents?tag=minimum_income", as: f.worker)
            #expect(worker.status == .ok && worker.text.contains("甲户主") && !worker.text.contains("乙户主"), "a grid worker sees it on their grid only")
            #expect(try await app.json(.GET, "/api/v1/residents?tag=minimum_income").object["total"] as? Int == 2)
        }
    }

    @Test("a grid worker writes households only in compounds their grid serves, whatever grid they name")
    func gridGrantCoversServedCompounds() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await TwoCommittees.make(app)
            let elsewhere = try await app.json(.POST, "/api/v1/households", ["entrance_id": f.entranceB, "grid_id": f.grid, "door": "102"], as: f.worker)
            #expect(elsewhere.status == .notFound, "\(elsewhere.text)")
            let moved = try await app.json(.PUT, "/api/v1/households/\(f.a.household)", ["entrance_id": f.entranceB, "grid_id": f.grid, "door": "909"], as: f.worker)
            #expect(moved.status == .notFound)
            let intoB = try await app.json(.POST, "/api/v1/residents", ["household_id": f.householdB, "relation": "spouse", "name": "某", "sex": "female",
                                                                        "birth_date": "1960-01-01", "hukou": "local"], as: f.worker)
            #expect(intoB.status == .notFound)
            let served = try await app.json(.POST, "/api/v1/households", ["entrance_id": f.a.entrance, "grid_id": f.grid, "door": "102"], as: f.worker)
            #expect(served.status == .created, "their own grid's compound: \(served.text)")
            #expect(try await Household.query(on: app.db).filter(\.$door == "909").count() == 0)
        }
    }

    @Test("a create out of reach is not found before validation: an ID number held elsewhere is no oracle")
    func noDuplicateOracle() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await TwoCommittees.make(app)
            let held = ["household_id": f.householdB, "relation": "child", "name": "探", "sex": "male", "birth_date": "1955-03-03", "hukou": "local", "id_number": f.idNumberB]
            let fresh = held.merging(["id_number": IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1955-03-03")!, sex: .male, sequence: 9).value]) { $1 }
            let a = try await app.json(.POST, "/api/v1/residents", held, as: f.worker)
            let b = try await app.json(.POST, "/api/v1/residents", fresh, as: f.worker)
            #expect(a.status == .notFound && b.status == .notFound, "the same answer whether the number exists or not")
            let invalid = try await app.json(.POST, "/api/v1/residents", ["household_id": f.householdB, "name": ""], as: f.worker)
            #expect(invalid.status == .notFound, "out of reach answers before validation")
        }
    }

    @Test("the household form shows a compound's entrances only to those who may add households there")
    func householdForm() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await TwoCommittees.make(app)
            let other = try await app.page("/households/new?compound_id=\(f.compoundB)", as: f.worker)
            #expect(other.status == .notFound)
            #expect(!other.text.contains(f.entranceB))
            let own = try await app.page("/households/new?compound_id=\(f.a.compound)", as: f.worker)
            #expect(own.status == .ok && own.text.contains(f.a.entrance))
        }
    }

    @Test("a public Open311 request names no household, not even the filer's own")
    func open311HidesHousehold() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let body = "api_key=\(f.resident.token!)&service_code=SAF-HAZ&lat=30.58&long=104.05&description=fire%20exit&attribute%5Bhazard%5D=fire_exit"
            let filed = try await app.testing().sendRequest(.POST, "/open311/v2/requests.json", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                            body: ByteBuffer(string: body))
            #expect(filed.status == .created, "\(filed.text)")
            let listed = try await app.testing().sendRequest(.GET, "/open311/v2/requests.json")
            #expect(listed.text.contains("fire exit"))
            #expect(!listed.text.contains(f.t.household.lowercased()) && !listed.text.contains(f.t.household.uppercased()))
        }
    }

    @Test("paging and filters out of range or unreadable are refused naming the parameter, never a crash or an unfiltered list")
    func pagingAndFilters() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await TwoCommittees.make(app)
            let huge = "9223372036854775807"
            for path in ["/api/v1/residents?page=\(huge)", "/api/v1/households?per=\(huge)", "/api/v1/residents?per=1.5", "/api/v1/residents?page=true",
                         "/api/v1/residents?page=0", "/api/v1/residents?per=-5", "/api/v1/cases?page=\(huge)", "/api/v1/cases?per=201",
                         "/api/v1/visits?household_id=garbage", "/api/v1/residents?household_id=garbage", "/api/v1/cases?status=nonsense"] {
                let r = try await app.json(.GET, path)
                #expect(r.status == .badRequest, "\(path): \(r.status)")
                let parameter = String(path.split(separator: "?")[1].split(separator: "=")[0])
                #expect(r.object["field"] as? String == parameter, "\(path) names \(parameter)")
            }
            let open311 = try await app.testing().sendRequest(.GET, "/open311/v2/requests.json?page=\(huge)")
            #expect(open311.status == .badRequest)
            for path in ["/people?q=a&page=\(huge)", "/cases?page=\(huge)", "/grid/\(f.grid)?page=\(huge)"] {
                #expect(try await app.page(path).status == .badRequest, "\(path)")
            }
            #expect(try await app.json(.GET, "/api/v1/residents?page=100000&per=500").status == .ok, "the largest page is simply empty")
        }
    }
}

@Suite("Publishing is Open311's alone; residents file online")
struct CaseOriginTests {
    @Test("neither the API nor a form makes a case public by naming open311, and a resident cannot claim a counter filing")
    func origins() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let body: [String: Any] = ["service_code": "SAF-HAZ", "description": "x", "household_id": f.t.household, "attributes": ["hazard": ["fire_exit"]]]
            for who in [f.clerk, f.resident, app.admin] {
                let r = try await app.json(.POST, "/api/v1/cases", body.merging(["channel": "open311"]) { $1 }, as: who)
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "channel")
            }
            let claimed = try await app.json(.POST, "/api/v1/cases", body.merging(["channel": "counter"]) { $1 }, as: f.resident)
            #expect(claimed.status == .unprocessableEntity)
            #expect(try await app.json(.POST, "/api/v1/cases", body.merging(["channel": "counter"]) { $1 }, as: f.clerk).status == .created)
            let form = try await app.form("/cases/new", [("service_code", "SAF-HAZ"), ("description", "y"), ("attribute[hazard]", "fire_exit"),
                                                         ("household_id", f.t.household), ("channel", "open311")], as: f.resident)
            #expect(form.status == .seeOther, "a resident's form ignores the channel it was sent")
            #expect(try await Case.query(on: app.db).filter(\.$isPublic == true).count() == 0)
        }
    }
}
