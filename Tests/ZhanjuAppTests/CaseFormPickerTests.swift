import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Nobody types a household's id: the counter finds it by address or a member's name, the
/// household page links to the form, and the case page says whose request it is.
@Suite("Filing for a household chosen by address or name")
struct CaseFormPickerTests {
    @Test("a clerk finds the household by 'building-entrance-door' or a name, files for it, and the case page names it")
    func counterFilesForAHousehold() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let blank = try await app.page("/cases/new?service_code=SAF-ORDER", lang: "en", as: f.clerk)
            #expect(!blank.text.contains("name=\"household_id\" value=\"\" required") && !blank.text.contains("type=\"text\" name=\"household_id\""),
                    "no box asks for an id")
            #expect(blank.text.contains("Whose request is it?"))
            for typed in ["1栋1单元 101", "Compound 1-1-101", "王芳"] {
                let found = try await app.page("/cases/new?service_code=SAF-ORDER&find=\(typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                               lang: "en", as: f.clerk)
                #expect(found.text.contains("household_id=\(f.t.household)"), "\(typed) finds the household")
            }
            let nothing = try await app.page("/cases/new?service_code=SAF-ORDER&find=9-9-999", lang: "en", as: f.clerk)
            #expect(nothing.text.contains("No household found"))
            let chosen = try await app.page("/cases/new?service_code=SAF-ORDER&household_id=\(f.t.household)", lang: "zh-Hans", as: f.clerk)
            #expect(chosen.text.contains("登记给:") && chosen.text.contains("1-1-101"))
            let filed = try await app.form("/cases/new", [("service_code", "SAF-ORDER"), ("description", "楼上漏水\n已两天"), ("household_id", f.t.household),
                                                          ("compound_id", ""), ("channel", "counter")], as: f.clerk)
            #expect(filed.status == .seeOther, "\(filed.text)")
            let location = try #require(filed.headers.first(name: .location))
            let page = try await app.page(location, lang: "zh-Hans", as: f.clerk)
            #expect(page.text.contains("诉求人:") && page.text.contains("1-1-101 · 王芳"))
            let household = try await app.page("/households/\(f.t.household)", lang: "zh-Hans", as: f.clerk)
            #expect(household.text.contains("/cases/new?household_id=\(f.t.household)"))
        }
    }

    @Test("a household out of the clerk's reach is never offered")
    func searchStaysInReach() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let elsewhere = try await Territory.make(app, code: "X")
            let found = try await app.page("/cases/new?service_code=SAF-ORDER&find=1-1-101", lang: "en", as: f.clerk)
            #expect(found.text.contains(f.t.household) && !found.text.contains(elsewhere.household))
        }
    }

    @Test("a form's error names the label, not the field's code, and marks the control invalid")
    func errorsInWords() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let refused = try await app.form("/cases/new", [("service_code", "SAF-ORDER"), ("description", ""), ("household_id", f.t.household), ("channel", "counter")],
                                             lang: "en", as: f.clerk)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Description: required") && !refused.text.contains("description: required"), "\(refused.text)")
            #expect(refused.text.contains("aria-invalid=\"true\" aria-describedby=\"error-description\""))
        }
    }
}

@Suite("Forms say everything wrong at once")
struct FormErrorsAtOnceTests {
    @Test("a resident form sent empty names every required field, each beside its field and marked invalid")
    func everyMissingFieldAtOnce() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let refused = try await app.form("/residents/new?household_id=\(t.household)", [("household_id", t.household), ("name", ""), ("sex", ""), ("birth_date", "")],
                                             lang: "en")
            #expect(refused.status == .unprocessableEntity)
            let invalid = refused.text.matches(of: /aria-invalid="true"/).count
            #expect(invalid >= 3, "name, sex and birth date at least: \(invalid) marked")
            for label in ["Name: required", "Sex: required", "Birth date: required"] {
                #expect(refused.text.contains(label), "\(label) missing")
            }
        }
    }
}

@Suite("Finding a person for a post stays within the searcher's reach")
struct PersonPickerReachTests {
    @Test("an ID number held by someone in another workstation finds nobody; the administrator finds them")
    func idNumberOutOfReach() async throws {
        try await withApp { (app: Application) async throws in
            let here = try await Territory.make(app)
            let elsewhere = try await Territory.make(app, code: "X")
            let number = "11010519491231002X"
            #expect(try await app.json(.POST, "/api/v1/residents", ["household_id": elsewhere.household, "relation": "head", "name": "远方", "sex": "female",
                                                                   "birth_date": "1949-12-31", "hukou": "local", "id_number": number]).status == .created)
            let head = try #require(try await app.json(.POST, "/api/v1/residents", ["name": "站长", "sex": "male", "birth_date": "1970-01-01", "hukou": "local"])
                .object["id"] as? String)
            #expect(try await app.json(.POST, "/api/v1/appointments", ["resident_id": head, "post": "station_head", "body_kind": "workstation",
                                                                       "body_id": here.workstation, "starts_on": "2025-01-01"]).status == .created)
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "head", "password": "Correct-Horse-77", "resident": head]).status == .created)
            let caller = try await app.signIn("head", "Correct-Horse-77")
            let path = "/appointments/new?body_kind=residents_committee&body_id=\(here.committee)&find=\(number)"
            let asHead = try await app.page(path, lang: "en", as: caller)
            #expect(asHead.status == .ok && asHead.text.contains("Nobody found") && !asHead.text.contains("远方"))
            #expect(try await app.page(path, lang: "en").text.contains("远方"), "the administrator's reach is everywhere")
            let otherBody = try await app.page("/appointments/new?body_kind=residents_committee&body_id=\(elsewhere.committee)", lang: "en", as: caller)
            #expect(otherBody.status == .notFound, "no form for a body out of reach")
        }
    }
}
