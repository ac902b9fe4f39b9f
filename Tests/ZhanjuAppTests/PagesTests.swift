import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Pages: bilingual, validated forms, nothing shown unmasked")
struct PagesTests {
    @Test("the language follows Accept-Language and the switch, which is remembered")
    func language() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await Territory.make(app)
            let zh = try await app.page("/", lang: "zh-CN")
            #expect(zh.text.contains("<html lang=\"zh\""))
            #expect(zh.text.contains("街道办事处"))
            let en = try await app.page("/", lang: "en-GB")
            #expect(en.text.contains("Sub-district"))
            let switched = try await app.page("/?lang=en", lang: "zh-CN")
            #expect(switched.text.contains("<html lang=\"en\""))
            #expect(switched.headers.setCookie?["lang"]?.string == "en")
        }
    }

    @Test("every response, errors included, carries the request id that its log lines carry, a proxy's if it sent one")
    func requestID() async throws {
        try await withApp { (app: Application) async throws in
            let ok = try await app.page("/")
            #expect(ok.headers.first(name: "X-Request-ID")?.isEmpty == false)
            let missing = try await app.json(.GET, "/api/v1/households/\(UUID())")
            #expect(missing.status == .notFound && missing.headers.contentType?.subType == "problem+json")
            #expect(missing.headers.first(name: "X-Request-ID")?.isEmpty == false)
            #expect(missing.object["detail"] as? String == "No such household.")
            let missingZh = try await app.json(.GET, "/api/v1/households/\(UUID())", lang: "zh-CN")
            #expect(missingZh.object["detail"] as? String == "未找到该户。", "the message is in the caller's language, the noun too")
            let proxied = try await app.testing().sendRequest(.GET, "/healthz", headers: ["X-Request-ID": "edge-42"])
            #expect(proxied.headers.first(name: "X-Request-ID") == "edge-42")
        }
    }

    @Test("structure, committee, compound and household pages render and show masked numbers")
    func pagesRender() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            _ = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "王芳", "sex": "female",
                                                                "birth_date": "1949-12-31", "hukou": "local", "id_number": "11010519491231002X", "phone": "13812345678"])
            for path in ["/structure/\(t.subDistrict)", "/committees/\(t.committee)", "/compounds/\(t.compound)", "/households/\(t.household)", "/people?q=王"] {
                let r = try await app.page(path)
                #expect(r.status == .ok, "\(path)")
                #expect(!r.text.contains("11010519491231002X"), "\(path) shows an ID number whole")
            }
            let household = try await app.page("/households/\(t.household)")
            #expect(household.text.contains("1101**********002X"))
            #expect(household.text.contains("138****5678"))
            // The committee of one compound with one household breaks the 1,000–3,000 rule, and the page says so.
            let committee = try await app.page("/committees/\(t.committee)", lang: "en")
            #expect(committee.text.contains("committee covers 1 households; the rule is 1000–3000"))
        }
    }

    @Test("a form with a bad ID number is shown again with the message beside the field, and nothing is saved")
    func formErrors() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let r = try await app.form("/residents/new?household_id=\(t.household)", [
                ("household_id", t.household), ("name", "赵六"), ("relation", "spouse"), ("sex", "male"), ("birth_date", "1949-12-31"),
                ("hukou", "local"), ("political_rights", "on"), ("id_number", "110105194912310021"),
            ])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("check character is wrong"))
            #expect(r.text.contains("field invalid"))
            #expect(r.text.contains("赵六"), "what was typed is kept")
            #expect(try await Resident.query(on: app.db).count() == 0)
        }
    }

    @Test("a valid form saves through the same service and redirects to the record")
    func formSaves() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let r = try await app.form("/residents/new?household_id=\(t.household)", [
                ("household_id", t.household), ("name", "赵六"), ("relation", "head"), ("sex", "female"), ("birth_date", "1949-12-31"),
                ("hukou", "local"), ("political_rights", "on"), ("id_number", "11010519491231002X"), ("tags[]", "elderly"), ("tags[]", "veteran"),
            ])
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/households/\(t.household)")
            let saved = try await Resident.query(on: app.db).first()
            #expect(saved?.tagList == ["elderly", "veteran"])
            // The person is found by the ID card in hand (or by name) and chosen from the list.
            let found = try await app.page("/appointments/new?body_kind=residents_committee&body_id=\(t.committee)&find=11010519491231002X")
            #expect(found.text.contains("赵六 · 1949"))
            let chosen = try #require(found.text.firstMatch(of: /resident_id=([0-9A-F-]{36})/).map { String($0.1) })
            #expect(chosen == saved?.id?.uuidString)
            let byName = try await app.page("/appointments/new?body_kind=residents_committee&body_id=\(t.committee)&find=%E8%B5%B5")
            #expect(byName.text.contains("resident_id=\(chosen)"))
            let appoint = try await app.form("/appointments/new?body_kind=residents_committee&body_id=\(t.committee)", [
                ("resident_id", chosen), ("post", "chair"), ("starts_on", "2026-07-01"),
            ])
            #expect(appoint.status == .seeOther)
            #expect(try await Appointment.query(on: app.db).count() == 1)
        }
    }

    @Test("an unknown page is a translated 404 page, not a 500")
    func notFoundPage() async throws {
        try await withApp { (app: Application) async throws in
            let r = try await app.page("/households/\(UUID())", lang: "zh-CN")
            #expect(r.status == .notFound)
            #expect(r.text.contains("未找到"))
        }
    }
}

@Suite("Every label exists in both languages")
struct TranslationTests {
    func isChinese(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test("every enumeration shown to users has a Chinese and an English label")
    func enumerations() {
        var texts: [Text] = Post.allCases.map(\.label) + BodyKind.allCases.map(\.label) + AppointmentPolicy.Rule.allCases.map(\.label)
        texts += AppointmentPolicy.Exception.allCases.map(\.label) + Relation.allCases.map(\.label) + Hukou.allCases.map(\.label)
        texts += ServiceTag.allCases.map(\.label) + Sex.allCases.map(\.label) + IDNumber.Problem.allCases.map(Strings.idProblem)
        for t in texts {
            #expect(isChinese(t.zh), "\(t.en) lacks Chinese")
            #expect(!t.en.isEmpty && !isChinese(t.en), "\(t.zh) lacks English")
        }
    }
}

@Suite("Forms for the rest of the registry")
struct MoreFormsTests {
    @Test("a building needs a number of floors; a zone, an entrance, a committee and an organisation can be added from their parents' pages")
    func forms() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let noFloors = try await app.form("/buildings/new?compound_id=\(t.compound)", [("compound_id", t.compound), ("number", "2")])
            #expect(noFloors.status == .unprocessableEntity)
            #expect(noFloors.text.contains("floors"))
            for path in ["/zones/new?compound_id=\(t.compound)", "/buildings/new?compound_id=\(t.compound)", "/entrances/new?building_id=\(t.building)",
                         "/committees/new?workstation_id=\(t.workstation)", "/organisations/new?committee_id=\(t.committee)", "/committees/\(t.committee)/edit"] {
                #expect(try await app.page(path).status == .ok, "\(path)")
            }
            let zone = try await app.form("/zones/new?compound_id=\(t.compound)", [("compound_id", t.compound), ("code", "A"), ("name_zh", "A区"), ("name_en", "Zone A")])
            #expect(zone.status == .seeOther)
            let building = try await app.form("/buildings/new?compound_id=\(t.compound)", [("compound_id", t.compound), ("number", "2"), ("floors", "18")])
            #expect(building.status == .seeOther)
            let org = try await app.form("/organisations/new?committee_id=\(t.committee)", [("committee_id", t.committee), ("kind", "owners_committee"),
                                                                                           ("compound_id", t.compound), ("name_zh", "业委会"), ("name_en", "Owners")])
            #expect(org.status == .seeOther)
            #expect(try await Organisation.query(on: app.db).count() == 1)
            #expect(try await Building.query(on: app.db).count() == 2)
        }
    }
}
