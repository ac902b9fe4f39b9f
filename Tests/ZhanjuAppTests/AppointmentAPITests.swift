import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

@Suite("Appointments follow the sub-district's appointment policy")
struct AppointmentAPITests {
    func person(_ app: Application, _ t: Territory, _ name: String) async throws -> String {
        let r = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "other", "name": name, "sex": "female",
                                                                "birth_date": "1980-05-05", "hukou": "local"])
        return r.object["id"] as! String
    }

    @Test("station–committee separation: workstation staff may not sit on a residents' committee, and the error names the rule")
    func separation() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let p = try await person(app, t, "张三")
            let staff = try await app.json(.POST, "/api/v1/appointments", ["resident_id": p, "post": "station_staff", "body_id": t.workstation, "starts_on": "2025-01-01"])
            #expect(staff.status == .created)
            let member = try await app.json(.POST, "/api/v1/appointments", ["resident_id": p, "post": "member", "body_id": t.committee, "starts_on": "2026-07-01"])
            #expect(member.status == .conflict)
            #expect(member.object["code"] as? String == "appointment.station_committee_separation")
            #expect(member.object["field"] as? String == "post")
            #expect((member.object["detail"] as? String)?.contains("station–committee separation") == true)
        }
    }

    @Test("posts held one after the other do not conflict")
    func consecutiveTerms() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let p = try await person(app, t, "李四")
            _ = try await app.json(.POST, "/api/v1/appointments", ["resident_id": p, "post": "station_staff", "body_id": t.workstation, "starts_on": "2020-01-01", "ends_on": "2026-06-30"])
            let member = try await app.json(.POST, "/api/v1/appointments", ["resident_id": p, "post": "member", "body_id": t.committee, "starts_on": "2026-07-01"])
            #expect(member.status == .created)
        }
    }

    @Test("the chair may be branch secretary only where the policy allows it")
    func chairAsSecretary() async throws {
        for (exceptions, expected) in [([String](), HTTPStatus.conflict), (["chair_as_branch_secretary"], .created)] {
            try await withApp { (app: Application) async throws in
                let t = try await Territory.make(app, policyExceptions: exceptions)
                let branch = try await app.json(.POST, "/api/v1/organisations", ["kind": "party_branch", "name_zh": "党支部", "name_en": "Branch", "committee_id": t.committee])
                let p = try await person(app, t, "王五")
                #expect(try await app.json(.POST, "/api/v1/appointments", ["resident_id": p, "post": "chair", "body_id": t.committee, "starts_on": "2026-07-01"]).status == .created)
                let r = try await app.json(.POST, "/api/v1/appointments", ["resident_id": p, "post": "branch_secretary", "body_id": branch.object["id"]!, "starts_on": "2026-07-01"])
                #expect(r.status == expected)
            }
        }
    }

    @Test("a committee has one chair at a time; a post's body must be of the post's kind")
    func bodyRules() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let a = try await person(app, t, "甲"), b = try await person(app, t, "乙")
            #expect(try await app.json(.POST, "/api/v1/appointments", ["resident_id": a, "post": "chair", "body_id": t.committee, "starts_on": "2026-07-01"]).status == .created)
            let second = try await app.json(.POST, "/api/v1/appointments", ["resident_id": b, "post": "chair", "body_id": t.committee, "starts_on": "2026-08-01"])
            #expect(second.object["code"] as? String == "appointment.single_holder")
            let wrongBody = try await app.json(.POST, "/api/v1/appointments", ["resident_id": b, "post": "chair", "body_id": t.workstation, "starts_on": "2026-08-01"])
            #expect(wrongBody.object["field"] as? String == "body_id")
            let wrongKind = try await app.json(.POST, "/api/v1/appointments", ["resident_id": b, "post": "chair", "body_kind": "workstation", "body_id": t.committee, "starts_on": "2026-08-01"])
            #expect(wrongKind.object["field"] as? String == "body_kind")
            let backwards = try await app.json(.POST, "/api/v1/appointments", ["resident_id": b, "post": "member", "body_id": t.committee, "starts_on": "2026-08-01", "ends_on": "2026-01-01"])
            #expect(backwards.object["field"] as? String == "ends_on")
        }
    }
}

@Suite("The OpenAPI document describes exactly the API's routes")
struct OpenAPITests {
    @Test("every /api route is documented and every documented route exists")
    func documentMatchesRouter() async throws {
        try await withApp { (app: Application) async throws in
            let r = try await app.json(.GET, "/api/openapi.json")
            #expect(r.status == .ok)
            let doc = r.object
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = doc["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") } }
            var routed = Set<String>()
            for route in app.routes.all {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                // The API, Open311 and the health checks; pages and the stylesheet are not API.
                guard path.hasPrefix("/api/") || path.hasPrefix("/open311/") || path == "/healthz" || path == "/readyz"
                        || path.hasPrefix("/my/export.") else { continue }
                routed.insert("\(route.method.rawValue) \(path)")
            }
            #expect(routed == documented, "undocumented: \(routed.subtracting(documented)); missing: \(documented.subtracting(routed))")
        }
    }

    @Test("every field a resource sends is in its schema")
    func schemasCoverResponses() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let doc = try await app.json(.GET, "/api/openapi.json").object
            let schemas = (doc["components"] as! [String: Any])["schemas"] as! [String: [String: Any]]
            for (path, schema) in [("households/\(t.household)", "HouseholdDetail"), ("compounds/\(t.compound)", "Compound"), ("committees/\(t.committee)", "Committee")] {
                let body = try await app.json(.GET, "/api/v1/\(path)").object
                let props = schemas[schema]!["properties"] as! [String: Any]
                #expect(Set(body.keys).isSubset(of: Set(props.keys)), "\(schema): \(Set(body.keys).subtracting(props.keys))")
            }
        }
    }
}
