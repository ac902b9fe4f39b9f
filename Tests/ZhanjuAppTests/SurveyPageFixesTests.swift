import Foundation
import Plot
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// What the survey pages print and link to, and how they read on a phone.
@Suite("Survey pages: absolute slip addresses, readable catalogue links, choices by name, phone layout")
struct SurveyPageFixesTests {
    @Test("a linked service item links to the catalogue everyone may read, by name; the catalogue's JSON carries the finding")
    func catalogueLink() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            _ = try await CatalogueService.seedIfEmpty(app)
            let l = try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "service_item", "target": "SAF-HAZ", "question_key": "services", "note": "治安需求 77.04%"], as: f.staff)
            #expect(l.status == .created, "\(l.text)")
            let page = try await app.page(SitePath.survey.link(UUID(uuidString: s.survey)!), lang: "en", as: f.staff).text
            #expect(page.contains("href=\"/services#item-SAF-HAZ\"") && !page.contains("/services/SAF-HAZ/edit"), "\(page.prefix(400))")
            #expect(page.contains("(Which services?)"), "the question by its text, not its key")
            let catalogue = try await app.page(SitePath.services.link(), as: f.staff)
            #expect(catalogue.status == .ok && catalogue.text.contains("id=\"item-SAF-HAZ\""))
            let items = try await app.json(.GET, "/api/v1/service-items", as: .anonymous).array
            let item = try #require(items.first { $0["code"] as? String == "SAF-HAZ" })
            let findings = try #require(item["survey_findings"] as? [[String: Any]])
            #expect(findings.first?["note"] as? String == "治安需求 77.04%" && findings.first?["survey_zh"] as? String == "测试调查" && findings.first?["survey_en"] as? String == "Test survey")
            let one = try await app.json(.GET, "/api/v1/service-items/SAF-HAZ", as: .anonymous)
            #expect((one.object["survey_findings"] as? [[String: Any]])?.count == 1)
            #expect((items.first { $0["code"] as? String != "SAF-HAZ" }?["survey_findings"] as? [Any])?.isEmpty == true, "an item no survey names has none")
        }
    }

    @Test("the analysis filters by a chosen answer picked by name; no option key shows on the survey pages")
    func choicesByName() throws {
        var q = SurveyExamples.questionnaire
        q.sections[0].questions[0].showIf = nil
        let choices = SurveyPageModel.choices(q, lang: .en)
        let first = try #require(choices.first)
        #expect(first.value.contains("=") && first.label.contains(" — ") && !first.label.contains("="))
        let analysis = try #require(SurveyExamples.all.first { $0.0 == "SurveyAnalysis" }?.1 as? SurveyRead.AnalysisView)
        let m = SurveyPageModel.Analysis(distributionID: UUID(), name: Text("发放", "Sent"), anonymous: true, analysis: analysis, variables: [], choices: choices,
                                         compounds: [], row: nil, column: nil, filter: .init(question: "workstation_services", option: "security"))
        let html = Node<HTML.BodyContext>.group(SurveyPageView.analysis(m, lang: .en)).render()
        #expect(html.contains("<select name=\"chose\"") && !html.contains("name=\"chose\" value="), "a select, not a typed key")
        #expect(html.contains("value=\"workstation_services=security\" selected"), "the current filter stays chosen")
        #expect(html.contains("class=\"scroll\""), "wide tables scroll inside the page")

        // A condition reads as the question's text and the option's label.
        let condition = SkipCondition.chosen(question: "volunteer", anyOf: ["no"])
        let words = SurveyPageView.describe(condition, in: SurveysTestQuestionnaire.volunteer, lang: .en)
        #expect(words == "“Volunteer?” is No", "\(words)")
        #expect(SurveyPageView.describe(condition, in: SurveysTestQuestionnaire.volunteer, lang: .zh) == "“愿意做志愿者吗?”选了不愿意")
    }

    @Test("answers sit beside their boxes: each choice is a label wrapping its input, and each scale point shows its number above its radio")
    func choiceMarkup() {
        let q = SurveysTestQuestionnaire.volunteer
        let html = SurveyPageView.questions(q, saved: [:], errors: [], lang: .en)
        #expect(html.contains("<label class=\"choice\"><input type=\"radio\" name=\"q.volunteer\" value=\"yes\"> Yes</label>"))
        #expect(html.contains("<label class=\"point\"><span>1</span><input type=\"radio\" name=\"q.rating\" value=\"1\"></label>"))
        #expect(!html.contains("volunteer ∈"), "no keys in the condition shown to respondents")
    }
}

extension SurveyPageFixesTests {
    @Test("the builder edits a question where it stands and moves it up or down; a move that would put a condition before its question is refused by name")
    func editAndMove() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let page = SitePath.survey.link(UUID(uuidString: s.survey)!)
            let form = try await app.page(page + "?edit=rating", lang: "en", as: f.staff)
            #expect(form.status == .ok && form.text.contains("Edit the question") && form.text.contains("name=\"replace\" value=\"rating\""), "\(form.text.prefix(400))")
            #expect(form.text.contains("name=\"text_zh\" value=\"满意度\"") && form.text.contains("name=\"maximum\" value=\"5\""), "the form holds the question as it is")
            #expect(try await app.page(page + "?edit=nothing", as: f.staff).status == .notFound)
            // The question form alone (the page has others after it); a multiple select with nothing chosen sends nothing.
            let questionForm = try #require(form.text.components(separatedBy: "id=\"add-question\"").last?.components(separatedBy: "</form>").first) + "</form>"
            let fields = renderedForm(questionForm).filter { $0.0 != "_csrf" && $0.0 != "show_if_choice" }.map { $0.0 == "text_en" ? ($0.0, "How satisfied?") : $0 }
            #expect(fields.contains { $0 == ("replace", "rating") } && fields.contains { $0 == ("kind", "rating_scale") }, "\(fields)")
            let saved = try await app.form(page + "/questions", fields, as: f.staff)
            #expect(saved.status == .seeOther, "\(saved.text.prefix(800))")
            var q = try await app.json(.GET, "/api/v1/surveys/\(s.survey)", as: f.staff)
            func keys() -> [String] { ((q.object["questionnaire"] as! [String: Any])["sections"] as! [[String: Any]]).flatMap { ($0["questions"] as! [[String: Any]]).map { $0["key"] as! String } } }
            #expect(keys() == ["services", "volunteer", "why_not", "rating"], "edited in place")
            let rating = ((q.object["questionnaire"] as! [String: Any])["sections"] as! [[String: Any]])[0]["questions"] as! [[String: Any]]
            #expect((rating[3]["text"] as? [String: Any])?["en"] as? String == "How satisfied?")
            // The condition of why_not reads volunteer, so why_not cannot go above it.
            let blocked = try await app.form(page + "/questions/move", [("key", "why_not"), ("direction", "up")], as: f.staff)
            #expect(blocked.status == .unprocessableEntity && blocked.text.contains("volunteer"), "\(blocked.text.prefix(600))")
            #expect(try await app.form(page + "/questions/move", [("key", "rating"), ("direction", "up")], as: f.staff).status == .seeOther)
            #expect(try await app.form(page + "/questions/move", [("key", "services"), ("direction", "down")], as: f.staff).status == .seeOther)
            q = try await app.json(.GET, "/api/v1/surveys/\(s.survey)", as: f.staff)
            #expect(keys() == ["volunteer", "services", "rating", "why_not"])
            let builder = try await app.page(page, lang: "en", as: f.staff).text
            #expect(builder.contains("Move up") && builder.contains("Move down") && builder.contains("?edit=why_not"))
            #expect(builder.contains("“Volunteer?” is No"), "the condition by name")
        }
    }

    @Test("a result links to a council topic only if the topic exists within the questionnaire owner's reach; the survey page shows it by its title")
    func councilTopicLink() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let other = try await Territory.make(app, code: "2")
            func topic(_ committee: String) async throws -> String {
                let t = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": committee, "title": "楼道照明", "body": "三号楼楼道太暗。", "origin": "workstation"])
                #expect(t.status == .created, "\(t.text)")
                return try #require(t.object["id"] as? String)
            }
            let ours = try await topic(f.t.committee), theirs = try await topic(other.committee)
            for target in [UUID().uuidString, theirs, "not-an-id"] {
                let r = try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "council_topic", "target": target, "note": "x"], as: f.staff)
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "target", "\(target): \(r.text)")
            }
            let linked = try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "council_topic", "target": ours, "note": "61% 认为楼道太暗"], as: f.staff)
            #expect(linked.status == .created, "\(linked.text)")
            let page = try await app.page(SitePath.survey.link(UUID(uuidString: s.survey)!), as: f.staff).text
            #expect(page.contains("href=\"/council/topics/\(ours)\"") && page.contains(">楼道照明</a>"), "\(page.prefix(300))")
        }
    }
}

/// The fixture's questionnaire as values (SurveyFixture.questionnaire is its JSON).
enum SurveysTestQuestionnaire {
    static var volunteer: Questionnaire {
        let data = try! JSONSerialization.data(withJSONObject: SurveyFixture.questionnaire)
        return try! SurveyJSON.decoder.decode(Questionnaire.self, from: data)
    }
}
