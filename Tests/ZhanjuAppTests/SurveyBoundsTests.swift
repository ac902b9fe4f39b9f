import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Limits a survey's settings keep, refused beside the field that breaks them; and the closing
/// day a respondent is told.
@Suite("Survey bounds: text limits, closing dates and query parameters are bounded; an early close is told as the day it happened")
struct SurveyBoundsTests {
    @Test("a free-text limit above 10,000 characters is refused with 422 naming the question; 10,000 is taken")
    func textLimit() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            func questionnaire(_ limit: Int) -> [String: Any] {
                ["title": ["zh": "字数", "en": "Length"], "version": 1, "sections": [["key": "main", "title": ["zh": "主要", "en": "Main"], "questions": [
                    ["key": "story", "text": ["zh": "说说看", "en": "Tell us"], "kind": ["type": "free_text", "max_length": limit]]]]]]
            }
            for limit in [Int.max, 10_001] {
                let r = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": questionnaire(limit)], as: f.staff)
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "questionnaire.story", "\(limit): \(r.text)")
                #expect((r.object["detail"] as? String ?? "").contains("10000"), "\(r.text)")
            }
            let ok = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": questionnaire(10_000)], as: f.staff)
            #expect(ok.status == .created, "\(ok.text)")
            guard ok.status == .created else { return }
            // The builder page says so beside the field.
            let page = SitePath.survey.link(UUID(uuidString: (ok.object["survey"] as! [String: Any])["id"] as! String)!)
            let huge = try await app.form(page + "/questions", [("section_key", "main"), ("key", "long"), ("text_zh", "长"), ("kind", "free_text"), ("maximum", "99999")], as: f.staff)
            #expect(huge.status == .unprocessableEntity && huge.text.contains("from 1 to 10000"), "\(huge.text.prefix(600))")
        }
    }

    @Test("a closing date in the past or more than two years ahead is refused with 422 naming closes_on, in the API and on the page")
    func closingDate() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": SurveyFixture.questionnaire], as: f.staff)
            let survey = (s.object["survey"] as! [String: Any])["id"] as! String
            func send(_ closes: String) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/surveys/\(survey)/sample", ["name_zh": "发放", "scope_kind": "workstation", "scope_id": f.t.workstation,
                                                                              "sampling": "everyone", "closes_on": closes], as: f.staff)
            }
            // Today is 2026-11-27 in the tests.
            for closes in ["9999-12-31", "2029-01-01", "2026-11-26"] {
                let r = try await send(closes)
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "closes_on", "\(closes): \(r.text)")
            }
            for closes in ["2026-11-27", "2028-11-01"] { #expect(try await send(closes).status == .ok, "\(closes)") }
            let page = try await app.form(SitePath.survey.link(UUID(uuidString: survey)!) + "/sample",
                                          [("name_zh", "发放"), ("scope", "workstation:\(f.t.workstation)"), ("sampling", "everyone"), ("closes_on", "9999-12-31")], as: f.staff)
            #expect(page.status == .unprocessableEntity && page.text.contains("at most two years ahead"), "\(page.text.prefix(600))")
        }
    }

    @Test("the analysis and the downloads refuse a parameter they do not read with 400 naming it, rather than answer unfiltered")
    func unknownParameters() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let base = "/api/v1/surveys/distributions/\(s.distribution)"
            for path in [base + "/analysis?sexe=female", base + "/analysis?row=volunteer&column=:sex&colum=x", base + "/responses.csv?sexe=female", base + "/tables.csv?page=2"] {
                let r = try await app.json(.GET, path, as: f.staff)
                #expect(r.status == .badRequest, "\(path): \(r.text)")
                let name = path.split(separator: "?")[1].split(separator: "&").map { String($0.split(separator: "=")[0]) }.first { !["row", "column"].contains($0) }
                #expect(r.object["field"] as? String == name, "\(path): \(r.text)")
            }
            for path in [base + "/analysis?sex=female&lang=en", base + "/tables.csv?channel=web"] {
                #expect(try await app.json(.GET, path, as: f.staff).status == .ok, "\(path)")
            }
        }
    }

    @Test("a distribution closed before its closing date tells respondents the day it was closed, and says so itself")
    func closedEarly() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let closed = try await app.json(.POST, "/api/v1/surveys/distributions/\(s.distribution)/close", [:], as: f.staff)
            #expect(closed.object["closed_on"] as? String == "2026-11-27" && closed.object["closes_on"] as? String == "2026-12-31", "\(closed.text)")
            let answer = try await app.json(.POST, "/api/v1/survey-answers", ["code": s.codes[0], "answers": [:]], as: .anonymous)
            #expect(answer.status == .conflict, "\(answer.text)")
            #expect((answer.object["detail"] as? String ?? "").contains("closed on 2026-11-27"), "\(answer.text)")
            let page = try await app.form(SitePath.surveyAnswerSave.link(), [("code", s.codes[0])], as: .anonymous, csrf: false)
            #expect(page.text.contains("closed on 2026-11-27") && !page.text.contains("closed on 2026-12-31"), "\(page.text.prefix(600))")
            let overview = try await app.page(SitePath.surveyDistribution.link(UUID(uuidString: s.distribution)!), lang: "en", as: f.staff)
            #expect(overview.text.contains("Closed early on: 2026-11-27"), "\(overview.text.prefix(800))")
            // One that ran to its date shows that date, with no closed_on.
            let open = try await f.create(app)
            #expect(try await app.json(.GET, "/api/v1/surveys/distributions/\(open.distribution)", as: f.staff).object["closed_on"] == nil)
        }
    }
}
