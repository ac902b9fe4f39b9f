import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// A record is checked whole: every field that breaks a rule is named at once, in the API's
/// problem and beside its field on the page, so a person fixes a form in one submit.
@Suite("Every broken rule at once")
struct ValidationTests {
    @Test("a resident with a bad name, sex, birth date and tag: the problem names all four fields")
    func residentAPI() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let response = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "", "sex": "unknown",
                                                                          "birth_date": "2999-01-01", "hukou": "local", "tags": ["elderly", "nonsense"]])
            #expect(response.status == .unprocessableEntity)
            let problem = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            let fields = (problem?["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["name", "sex", "birth_date", "tags"], "\(response.text)")
            #expect(problem?["field"] as? String == "name")
        }
    }

    @Test("a request with a hidden direction character, no answer to a required question and an impossible latitude: all three named")
    func caseAPI() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let response = try await app.json(.POST, "/api/v1/cases", ["service_code": "PRO-REPAIR", "description": "电梯\u{202E}停在半层", "lat": 200], as: f.resident)
            #expect(response.status == .unprocessableEntity)
            let problem = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            let fields = (problem?["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["description", "attribute[facility]", "lat"], "\(response.text)")
        }
    }

    @Test("one broken rule is reported as before, without a list")
    func single() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let response = try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": ""])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("\"field\":\"door\"") && !response.text.contains("\"errors\""), "\(response.text)")
        }
    }

    @Test("the resident form shows each broken rule beside its field, all in one submit")
    func residentForm() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let page = try await app.page("/residents/new?household_id=\(t.household)", lang: "en")
            #expect(page.status == .ok, "\(page.text.prefix(400))")
            var fields = renderedForm(page.text).filter { $0.0 != "_csrf" }.map { ($0.0, $0.1) }
            fields = fields.map { name, value in
                switch name {
                case "name": return (name, "王芳")
                case "birth_date": return (name, "2999-01-01")
                case "phone": return (name, "12345")
                default: return (name, value)
                }
            }
            let refused = try await app.form("/residents/new?household_id=\(t.household)", fields)
            #expect(refused.status == .unprocessableEntity)
            for field in ["birth_date", "phone"] {
                #expect(refused.text.contains("aria-describedby=\"error-\(field.replacingOccurrences(of: "_", with: "-"))\""), "\(field) marked: \(refused.text.prefix(3000))")
            }
        }
    }
}
