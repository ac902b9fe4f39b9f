import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Who acts on a distribution, one rule in the API and the pages: who runs the survey (`surveys.run`
/// over the questionnaire's owner) reads, exports, prints and closes it; who collects paper where
/// it was sent (`surveys.enter` in its scope) types paper in.
@Suite("Survey authority: a distribution is run by the questionnaire's owner, paper is typed in where it was sent")
struct SurveyAuthorityTests {
    @Test("a committee chair cannot read, export, print or close a workstation's survey sent to the committee, in the API or the pages, but may type in its paper; the workstation's staff may do all")
    func committeeChairAndWorkstation() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            // The chair of the committee, an account of their own.
            let born = "1970-03-15"
            let id = IDNumber.make(region: "510107", birthDate: CivilDate(iso: born)!, sex: .female, sequence: 901).value
            let chairPerson = try await app.json(.POST, "/api/v1/residents", ["name": "主任", "sex": "female", "birth_date": born, "hukou": "local", "political_rights": true,
                                                                             "id_number": id, "household_id": f.households[7], "relation": "child"])
            #expect(chairPerson.status == .created, "\(chairPerson.text)")
            let a = try await app.json(.POST, "/api/v1/appointments", ["resident_id": chairPerson.object["id"] as! String, "post": "chair", "body_id": f.t.committee, "starts_on": "2025-01-01"])
            #expect(a.status == .created, "\(a.text)")
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "chair", "password": "quiet-river-chair", "resident": chairPerson.object["id"] as! String]).status == .created)
            let chair = try await app.signIn("chair", "quiet-river-chair")

            let s = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": SurveyFixture.questionnaire], as: f.staff)
            let survey = (s.object["survey"] as! [String: Any])["id"] as! String
            let sent = try await app.json(.POST, "/api/v1/surveys/\(survey)/distributions",
                                          ["name_zh": "居委会范围", "scope_kind": "committee", "scope_id": f.t.committee, "sampling": "everyone", "anonymous": true, "closes_on": "2026-12-31"], as: f.staff)
            #expect(sent.status == .created, "\(sent.text)")
            let d = sent.object["id"] as! String
            let api = "/api/v1/surveys/distributions/\(d)"
            let page = SitePath.surveyDistribution.link(UUID(uuidString: d)!)

            for path in [api, api + "/invitations", api + "/rates", api + "/analysis", api + "/responses.csv", api + "/responses.xlsx", api + "/tables.csv", api + "/spss.sps"] {
                #expect(try await app.json(.GET, path, as: chair).status == .notFound, "chair, API \(path)")
                #expect(try await app.json(.GET, path, as: f.staff).status == .ok, "workstation, API \(path)")
            }
            for path in [page, page + "/slips", page + "/analysis"] {
                #expect(try await app.page(path, as: chair).status == .notFound, "chair, page \(path)")
                #expect(try await app.page(path, as: f.staff).status == .ok, "workstation, page \(path)")
            }
            #expect(try await app.json(.POST, api + "/close", [:], as: chair).status == .notFound, "the chair does not close it through the API")
            #expect(try await app.form(page + "/close", [], as: chair).status == .notFound, "nor through the page")

            // Paper from the committee's compound: the chair collects it, in the API and the page.
            let answers: [String: Any] = ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]]
            let paper = try await app.json(.POST, api + "/paper", ["compound_id": f.t.compound, "answers": answers], as: chair)
            #expect(paper.status == .created, "\(paper.text)")
            #expect(try await app.page(page + "/paper", as: chair).status == .ok, "the paper-entry page opens for the chair")
            let form = try await app.form(page + "/paper", [("compound_id", f.t.compound), ("q.services", "reading"), ("q.volunteer", "yes")], as: chair)
            #expect(form.status == .ok && form.text.contains("Saved"), "\(form.text.prefix(600))")
            #expect(try await app.page(page + "/paper", as: f.staff).status == .ok)

            // A grid worker whose grid lies in the committee's area types in its slips in the API
            // and on the page alike.
            let mine = try #require(try await SurveyInvitation.query(on: app.db).filter(\.$distributionID == UUID(uuidString: d)!).all()
                .first { $0.gridID?.uuidString == f.grids[0] })
            #expect(try await app.page(page + "/paper", as: f.gridWorker).status == .ok, "the grid worker's paper page")
            #expect(try await app.json(.POST, api + "/paper", ["code": mine.code, "answers": answers], as: f.gridWorker).status == .created)
            #expect(try await app.json(.GET, api, as: f.gridWorker).status == .forbidden, "but does not run the survey")

            // The workstation closes it, from the page.
            #expect(try await app.form(page + "/close", [], as: f.staff).status == .seeOther)
        }
    }
}
