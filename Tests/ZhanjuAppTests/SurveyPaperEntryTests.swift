import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Paper entry as the people typing in a pile of questionnaires meet it, and the counts and links
/// around a distribution as its runners read them.
@Suite("Survey paper entry and counts: bad input refused beside its field, out-of-area slips kept on the form, paper without a code counted apart")
struct SurveyPaperEntryTests {
    static let answers: [(String, String)] = [("q.services", "security"), ("q.volunteer", "yes")]

    @Test("an age that is not a whole number from 0 to 120 is refused beside the field, in words and labels, not keys; nothing is saved")
    func unreadableAge() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let paper = "/surveys/distributions/\(s.distribution)/paper"
            for typed in ["abc", "1e3", "99999999999999999999", "-1", "121"] {
                let r = try await app.form(paper, [("compound_id", f.t.compound), ("sex", "male"), ("age", typed)] + Self.answers, as: f.staff)
                #expect(r.status == .unprocessableEntity, "\(typed): \(r.status)")
                #expect(r.text.contains("Age: must be between 0 and 120."), "\(typed): \(r.text.prefix(600))")
                #expect(r.text.contains("value=\"\(typed)\""), "the typed value stays for correcting")
            }
            let zh = try await app.form(paper, [("compound_id", f.t.compound), ("age", "abc")] + Self.answers, lang: "zh-Hans", as: f.staff)
            #expect(zh.text.contains("年龄:应在 0–120 之间。"), "\(zh.text.prefix(600))")
            let noCompound = try await app.form(paper, [("sex", "x")] + Self.answers, as: f.staff)
            #expect(noCompound.text.contains("Compound") && !noCompound.text.contains("compound_id:") && !noCompound.text.contains("sex:"), "\(noCompound.text.prefix(800))")
            #expect(noCompound.text.contains("Sex: must be one of"), "the sex field by its label")
            #expect(try await SurveyResponseRow.query(on: app.db).count() == 0, "nothing refused was saved")
            let ok = try await app.form(paper, [("compound_id", f.t.compound), ("age", " 70 ")] + Self.answers, as: f.staff)
            #expect(ok.status == .ok && ok.text.contains("Saved"))
            #expect(try await SurveyResponseRow.query(on: app.db).first()?.ageBand != nil, "a readable age gives its band")
        }
    }

    @Test("a grid worker typing a slip from outside their grid keeps the form and reads why beside the code; they are offered no compound to enter without a code")
    func outsideTheirArea() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let paper = "/surveys/distributions/\(s.distribution)/paper"
            let invitations = try await SurveyInvitation.query(on: app.db).filter(\.$distributionID == UUID(uuidString: s.distribution)!).all()
            let theirs = try #require(invitations.first { $0.gridID?.uuidString == f.grids[1] })
            let page = try await app.page(paper, lang: "en", as: f.gridWorker)
            #expect(page.status == .ok && !page.text.contains("name=\"compound_id\""), "a grid worker's area holds no whole compound")
            #expect(page.text.contains("typed in by the workstation or the committee"))
            let r = try await app.form(paper, [("code", theirs.code)] + Self.answers, as: f.gridWorker)
            #expect(r.status == .unprocessableEntity, "\(r.status)")
            #expect(r.text.contains("outside the area you may enter paper for") && r.text.contains("value=\"\(theirs.code)\""), "\(r.text.prefix(800))")
            #expect(r.text.contains("value=\"security\" checked"), "the answers typed so far stay")
            let staffPage = try await app.page(paper, as: f.staff)
            #expect(staffPage.text.contains("name=\"compound_id\"") && staffPage.text.contains("value=\"\(f.t.compound)\""), "staff are offered the survey's compounds")
            #expect(try await SurveyResponseRow.query(on: app.db).count() == 0)
        }
    }

    @Test("paper without a code is counted apart from answered invitations on the list, the builder and in the API, so answered never exceeds invited")
    func countsApart() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let api = "/api/v1/surveys/distributions/\(s.distribution)"
            let answers: [String: Any] = ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]]
            for _ in 0..<4 { #expect(try await app.json(.POST, api + "/paper", ["compound_id": f.t.compound, "answers": answers], as: f.staff).status == .created) }
            #expect(try await app.json(.POST, api + "/paper", ["code": s.codes[0], "answers": answers], as: f.staff).status == .created)
            let view = try await app.json(.GET, api, as: f.staff).object
            #expect(view["responded"] as? Int == 1 && view["without_invitation"] as? Int == 4 && view["invited"] as? Int == s.codes.count, "\(view)")
            let list = try await app.page("/surveys", lang: "en", as: f.staff).text
            #expect(list.contains("Answered 1 / Invited \(s.codes.count); also 4 on paper without a code"), "\(list.prefix(1200))")
            let builder = try await app.page("/surveys/\(s.survey)", lang: "en", as: f.staff).text
            #expect(builder.contains("Answered 1 / Invited \(s.codes.count); also 4 on paper without a code"))
        }
    }

    @Test("the sample preview names grids in the page's language and scrolls inside the page; an early-closed distribution's slips and opening give the day it closed")
    func previewAndClosing() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let preview = try await app.form("/surveys/\(s.survey)/sample", [("name_zh", "再发"), ("scope", "workstation:\(f.t.workstation)"), ("sampling", "households_per_grid"),
                                                                          ("households_per_grid", "1"), ("seed", "3"), ("anonymous", "on"), ("closes_on", "2026-12-31")], as: f.staff)
            #expect(preview.status == .ok && preview.text.contains("<table class=\"wide\">") && preview.text.contains("data-label=\"Invitations\""), "\(preview.text.prefix(800))")
            #expect(preview.text.contains("G01 Grid 1") && !preview.text.contains("第1网格"), "English grid names on the English page")
            let closed = try await app.json(.POST, "/api/v1/surveys/distributions/\(s.distribution)/close", [:], as: f.staff)
            #expect(closed.status == .ok)
            let today = closed.object["closed_on"] as? String
            #expect(today != nil && today != "2026-12-31")
            let slips = try await app.page("/surveys/distributions/\(s.distribution)/slips", as: f.staff).text
            #expect(slips.contains(today ?? "?") && !slips.contains("2026-12-31"), "slips give the day it closed")
            let opened = try await app.json(.POST, "/api/v1/survey-answers/open", ["code": s.codes[0]], as: .anonymous)
            #expect(opened.object["closes_on"] as? String == today, "\(opened.text)")
        }
    }

    @Test("a finding under a catalogue item links back to its survey for those who run surveys, as text for everyone else; a council topic is linked from the builder by its title")
    func linksBothWays() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            _ = try await CatalogueService.seedIfEmpty(app)
            #expect(try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "service_item", "target": "SAF-HAZ", "note": "治安 77.04%"], as: f.staff).status == .created)
            let forStaff = try await app.page("/services", lang: "en", as: f.staff).text
            #expect(forStaff.contains("<a href=\"/surveys/\(s.survey)\">“Test survey”</a>"), "\(forStaff.prefix(200))")
            let forResident = try await app.page("/services", lang: "en", as: f.resident).text
            #expect(forResident.contains("“Test survey”") && !forResident.contains("href=\"/surveys/\(s.survey)\""))

            let topic = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": f.t.committee, "title": "加装路灯", "body": "楼道太暗", "origin": "workstation"])
            try #require(topic.status == .created, "\(topic.text)")
            let id = topic.object["id"] as! String
            let builder = try await app.page("/surveys/\(s.survey)", lang: "en", as: f.staff).text
            #expect(builder.contains("<option value=\"\(id)\">加装路灯"), "the topic offered by its title")
            let linked = try await app.form("/surveys/\(s.survey)/links", [("kind", "council_topic"), ("target", id), ("question_key", ""), ("note", "62% 要路灯")], as: f.staff)
            #expect(linked.status == .seeOther || linked.status == .ok || linked.status == .found, "\(linked.status) \(linked.text.prefix(400))")
            let after = try await app.page("/surveys/\(s.survey)", as: f.staff).text
            #expect(after.contains("href=\"/council/topics/\(id)\"") && after.contains("62% 要路灯"))
        }
    }
}

extension SurveyPaperEntryTests {
    @Test("a survey sent to one grid takes paper without a code only from the compounds that grid's households live in: others are neither offered nor accepted")
    func gridScopedCompounds() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let other = try await app.json(.POST, "/api/v1/compounds", ["committee_id": f.t.committee, "code": "OTHER", "name_zh": "别的小区", "name_en": "Elsewhere"])
            try #require(other.status == .created, "\(other.text)")
            let elsewhere = other.object["id"] as! String
            let s = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": SurveyFixture.questionnaire], as: f.staff)
            let survey = (s.object["survey"] as! [String: Any])["id"] as! String
            let d = try await app.json(.POST, "/api/v1/surveys/\(survey)/distributions", ["name_zh": "一个网格", "scope_kind": "grid", "scope_id": f.grids[0], "sampling": "everyone",
                                                                                          "anonymous": true, "closes_on": "2026-12-31"], as: f.staff)
            try #require(d.status == .created, "\(d.text)")
            let distribution = d.object["id"] as! String
            let page = try await app.page("/surveys/distributions/\(distribution)/paper", lang: "en", as: f.staff).text
            #expect(page.contains("value=\"\(f.t.compound)\"") && !page.contains("value=\"\(elsewhere)\""), "only the grid's compound is offered")
            let refused = try await app.form("/surveys/distributions/\(distribution)/paper", [("compound_id", elsewhere)] + Self.answers, as: f.staff)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("outside the survey"), "\(refused.text.prefix(600))")
            let api = try await app.json(.POST, "/api/v1/surveys/distributions/\(distribution)/paper",
                                         ["compound_id": elsewhere, "answers": ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]]], as: f.staff)
            #expect(api.status == .unprocessableEntity && api.object["field"] as? String == "compound_id", "\(api.text)")
            #expect(try await SurveyResponseRow.query(on: app.db).count() == 0)
        }
    }

    @Test("a grid worker sending paper without a code is asked for the code; a closed distribution offers no paper form, and opening a code says it is closed")
    func codeAndClosed() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let paper = "/surveys/distributions/\(s.distribution)/paper"
            let noCode = try await app.form(paper, Self.answers, as: f.gridWorker)
            #expect(noCode.status == .unprocessableEntity && noCode.text.contains("The slip&#39;s code") || noCode.text.contains("The slip's code: required"), "\(noCode.text.prefix(900))")
            #expect(!noCode.text.contains("Compound: required"))
            let open = try await app.json(.POST, "/api/v1/survey-answers/open", ["code": s.codes[0]], as: .anonymous)
            #expect(open.object["open"] as? Bool == true)
            #expect(try await app.json(.POST, "/api/v1/surveys/distributions/\(s.distribution)/close", [:], as: f.staff).status == .ok)
            let closedPage = try await app.page(paper, lang: "en", as: f.staff)
            #expect(closedPage.text.contains("takes no more answers") && !closedPage.text.contains("name=\"code\""), "\(closedPage.text.prefix(600))")
            let distributionPage = try await app.page("/surveys/distributions/\(s.distribution)", lang: "en", as: f.staff).text
            #expect(!distributionPage.contains("href=\"\(paper)\""), "no paper-entry button once closed")
            let closedOpen = try await app.json(.POST, "/api/v1/survey-answers/open", ["code": s.codes[0]], as: .anonymous)
            #expect(closedOpen.object["open"] as? Bool == false, "\(closedOpen.text)")
        }
    }

    @Test("a refused link keeps what was typed and shows each error beside its form by the field's label; a committee chair is not linked from the catalogue to the workstation's survey")
    func linkFormAndFindingReach() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            _ = try await CatalogueService.seedIfEmpty(app)
            let long = String(repeating: "长", count: 501)
            let r = try await app.form("/surveys/\(s.survey)/links", [("kind", "service_item"), ("target", "SAF-HAZ"), ("question_key", "services"), ("note", long)], lang: "en", as: f.staff)
            #expect(r.status == .unprocessableEntity, "\(r.status)")
            let form = try #require(r.text.components(separatedBy: "id=\"link-service_item\"").last)
            #expect(form.contains("<p class=\"field-error\">Note: ") && !r.text.contains("note: at most"), "\(form.prefix(1500))")
            #expect(form.contains("value=\"SAF-HAZ\" selected") && form.contains("value=\"services\" selected") && form.contains(long), "what was typed stays")
            let forged = try await app.form("/surveys/\(s.survey)/links", [("kind", "service_item"), ("target", "NOPE"), ("note", "x")], lang: "zh-Hans", as: f.staff)
            #expect(forged.text.contains("服务事项") && !forged.text.contains("target:"), "\(forged.text.prefix(300))")

            #expect(try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "service_item", "target": "SAF-HAZ", "note": "治安"], as: f.staff).status == .created)
            let born = "1971-03-15"
            let chairPerson = try await app.json(.POST, "/api/v1/residents", ["name": "主任", "sex": "female", "birth_date": born, "hukou": "local", "political_rights": true,
                                                                             "id_number": IDNumber.make(region: "510107", birthDate: CivilDate(iso: born)!, sex: .female, sequence: 907).value,
                                                                             "household_id": f.households[7], "relation": "child"]).object["id"] as! String
            _ = try await app.json(.POST, "/api/v1/appointments", ["resident_id": chairPerson, "post": "chair", "body_id": f.t.committee, "starts_on": "2025-01-01"])
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "chair", "password": "quiet-river-chair", "resident": chairPerson])
            let chair = try await app.signIn("chair", "quiet-river-chair")
            let services = try await app.page("/services", lang: "en", as: chair).text
            #expect(services.contains("“Test survey”") && !services.contains("href=\"/surveys/\(s.survey)\""), "the chair runs surveys, not this one")
        }
    }
}
