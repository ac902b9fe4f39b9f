import Foundation
import Plot
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Survey pages: the builder, the sample, the answering page, paper entry, rates and analysis")
struct SurveyPagesTests {
    static let payload = "<script>alert(1)</script>\""

    @Test("the answering page renders from its model alone, in both languages, every kind of question, with data escaped in attributes and text")
    func answeringFromModel() throws {
        var q = SurveyExamples.questionnaire
        q.sections[1].questions[0].text = BilingualText(Self.payload, Self.payload)
        let m = SurveyPageModel.Answering(code: "AB\"CD", name: Text(Self.payload, Self.payload), closesOn: "2026-12-31", anonymous: true, questionnaire: q,
                                          saved: ["workstation_services": .choices(["security"]), "note": .text(Self.payload)])
        for lang in Lang.allCases {
            let html = Node<HTML.BodyContext>.group(SurveyPageView.answering(m, errors: [], notice: nil, lang: lang)).render()
            #expect(!html.contains("<script>"), "\(lang): unescaped payload")
            #expect(html.contains("value=\"AB&quot;CD\""))
            #expect(html.contains("type=\"checkbox\" name=\"q.workstation_services\" value=\"security\" checked"))
            #expect(html.contains("type=\"date\"") && html.contains("type=\"number\"") && html.contains("<textarea"))
            #expect(html.contains(lang == .zh ? "暂存" : "Save for later"))
            #expect(html.contains(lang == .zh ? "仅在以下情况回答" : "Answer only if"), "skip logic is explained")
        }
        let error = SurveyStrings.issue(ResponseIssue(question: "note", .requiredUnanswered), in: q)
        let html = Node<HTML.BodyContext>.group(SurveyPageView.answering(m, errors: [error], notice: nil, lang: .en)).render()
        #expect(html.contains("“Note” must be answered."), "the message sits beside its question")
    }

    @Test("a posted form reads back as the answers it shows; what cannot be read is named")
    func formRoundTrip() {
        let q = SurveyExamples.questionnaire
        let (answers, errors) = SurveyPageView.answers(from: ["q.workstation_services": ["security", "epidemic_prevention"], "q.scale": ["4"], "q.hours": ["abc"],
                                                              "q.from": ["2026-12-01"], "q.note": ["  hi  "]], q)
        #expect(answers["workstation_services"] == .choices(["security", "epidemic_prevention"]))
        #expect(answers["scale"] == .rating(4) && answers["from"] == .date(CivilDate(iso: "2026-12-01")!) && answers["note"] == .text("hi"))
        #expect(errors.map(\.field) == ["answers.hours"])
    }

    @Test("the analysis renders frequencies with % of respondents and of answers, bar charts, and a cross-tab with suppressed cells and chi-square")
    func analysisFromModel() throws {
        let analysis = try #require(SurveyExamples.all.first { $0.0 == "SurveyAnalysis" }?.1 as? SurveyRead.AnalysisView)
        let m = SurveyPageModel.Analysis(distributionID: UUID(), name: Text("发放", "Sent"), anonymous: true, analysis: analysis,
                                         variables: [.init(value: "q", label: Self.payload)], compounds: [.init(value: UUID().uuidString, label: Self.payload)],
                                         row: "q", column: ":sex", filter: .none)
        for lang in Lang.allCases {
            let html = Node<HTML.BodyContext>.group(SurveyPageView.analysis(m, lang: lang)).render()
            #expect(!html.contains("<script>"))
            #expect(html.contains("66.67%") && html.contains("100.00%") && html.contains("class=\"bars accent\""))
            #expect(html.contains("&lt;5"), "a suppressed cell reads <5")
            #expect(html.contains(lang == .zh ? "卡方检验不适用" : "Chi-square does not apply"))
        }
    }

    @Test("the builder, the sample and the distribution render from their models, both languages, choices by name")
    func builderSampleDistribution() throws {
        let detail = try #require(SurveyExamples.all.first { $0.0 == "SurveyDetail" }?.1 as? SurveysAPI.Detail)
        let b = SurveyPageModel.Builder(id: UUID(), title: Text(Self.payload, Self.payload), version: 2, questionnaire: detail.questionnaire, distributions: detail.distributions,
                                        places: [.init(value: "grid:\(UUID())", label: Self.payload)], serviceItems: [.init(value: "SAF-HAZ", label: "SAF-HAZ 安全隐患报告")],
                                        links: [(kind: .serviceItem, target: "SAF-HAZ", note: Self.payload, question: "workstation_services")], today: CivilDate(iso: "2026-11-27")!)
        let sample = SurveyPageModel.Sample(questionnaireID: UUID(), title: Text("调查", "Survey"), scopeName: Self.payload, input: .example, preview: .example)
        let rates = SurveyRead.RatesView.example
        let dist = SurveyPageModel.Distribution(view: detail.distributions[0], title: Text("调查", "Survey"), scopeName: Self.payload, rates: rates, canRun: true)
        for lang in Lang.allCases {
            let builder = Node<HTML.BodyContext>.group(SurveyPageView.builder(b, values: [:], errors: [], lang: lang, csrf: .empty)).render()
            #expect(!builder.contains("<script>"))
            #expect(builder.contains(lang == .zh ? "增加一道题" : "Add a question") && builder.contains(lang == .zh ? "查看抽样" : "Show the sample"))
            #expect(builder.contains("name=\"scope\"") && !builder.contains("name=\"scope_id\""), "a scope is chosen by name")
            let s = Node<HTML.BodyContext>.group(SurveyPageView.sample(sample, lang: lang, csrf: .empty)).render()
            #expect(s.contains("name=\"seed\" value=\"2026\"") && s.contains(lang == .zh ? "确认发放" : "Send to this sample"))
            let d = Node<HTML.BodyContext>.group(SurveyPageView.distribution(dist, lang: lang, csrf: .empty)).render()
            #expect(d.contains("40.00%") && d.contains(lang == .zh ? "回收率" : "Response rates") && !d.contains("<script>"))
        }
    }

    @Test("from the pages: a questionnaire built with skip logic, sent to a sample shown first, answered from a phone with a partial save, entered from paper, analysed")
    func fromPages() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let new = try await app.page(SitePath.newSurvey.link(), as: f.staff)
            #expect(new.status == .ok && new.text.contains("工作站"), "the owner is chosen by name")
            let created = try await app.form(SitePath.newSurvey.link(), [("owner", "workstation:\(f.t.workstation)"), ("title_zh", "楼道照明调查"), ("title_en", "Stair lighting"),
                                                                         ("section_key", "main"), ("key", "lights"), ("text_zh", "楼道灯是否够亮?"), ("text_en", "Are the stair lights bright enough?"),
                                                                         ("kind", "single_choice"), ("options", "yes|够亮|Yes\nno|不够|No"), ("required", "on")], as: f.staff)
            #expect(created.status == .seeOther, "\(created.text.prefix(500))")
            let page = try #require(created.headers.first(name: .location))
            let added = try await app.form(page + "/questions", [("section_key", "main"), ("key", "where"), ("text_zh", "哪里不够亮?"), ("kind", "free_text"),
                                                               ("required", "on"), ("show_if_question", "lights"), ("show_if_options", "no")], as: f.staff)
            #expect(added.status == .seeOther, "\(added.text.prefix(800))")
            // A question read by a later one's condition cannot go; one nobody reads can.
            let blocked = try await app.form(page + "/questions/remove", [("key", "lights")], as: f.staff)
            #expect(blocked.status == .unprocessableEntity && blocked.text.contains("where"), "\(blocked.text.prefix(600))")
            #expect(try await app.form(page + "/questions", [("section_key", "extra"), ("key", "spare"), ("text_zh", "多余"), ("kind", "rating_scale"),
                                                             ("minimum", "1"), ("maximum", "5"), ("low_label", "差|Poor"), ("high_label", "好|Good"), ("help", "选填|Optional")], as: f.staff).status == .seeOther)
            #expect(try await app.page(page + "/preview", lang: "en", as: f.staff).text.contains("Poor"))
            #expect(try await app.form(page + "/questions/remove", [("key", "spare")], as: f.staff).status == .seeOther)
            let badKey = try await app.form(page + "/questions", [("section_key", "main"), ("key", "9x"), ("text_zh", "坏"), ("kind", "free_text")], as: f.staff)
            #expect(badKey.status == .unprocessableEntity && badKey.text.contains("9x"))
            // A limit too large for a whole number is refused beside its field (it had stopped the server).
            for kind in ["free_text", "multiple_choice", "rating_scale"] {
                let huge = try await app.form(page + "/questions", [("section_key", "main"), ("key", "huge"), ("text_zh", "大"), ("kind", kind), ("maximum", "1e300")], as: f.staff)
                #expect(huge.status == .unprocessableEntity, "\(kind): \(huge.status)")
            }
            let sample = try await app.form(page + "/sample", [("name_zh", "第一次"), ("scope", "workstation:\(f.t.workstation)"), ("sampling", "households_per_grid"),
                                                             ("households_per_grid", "1"), ("seed", "5"), ("anonymous", "on"), ("closes_on", "2026-12-31")], as: f.staff)
            #expect(sample.status == .ok && sample.text.contains("G01 Grid 1"), "\(sample.text.prefix(500))")
            let sent = try await app.form(page + "/send", renderedForm(sample.text).filter { $0.0 != "_csrf" }, as: f.staff)
            #expect(sent.status == .seeOther, "\(sent.text.prefix(800))")
            let distribution = try #require(sent.headers.first(name: .location))
            let overview = try await app.page(distribution, as: f.staff)
            #expect(overview.text.contains("0.00%"))
            let slips = try await app.page(distribution + "/slips", as: f.staff)
            let codes = slips.text.matches(of: /<strong>([23456789A-Z]{4}-[23456789A-Z]{4})<\/strong>/).map { String($0.output.1) }
            #expect(codes.count == 3, "one per grid, and one for the household in no grid")
            #expect(slips.text.contains("/survey?code=\(codes[0])"), "each slip prints its own link")
            #expect(try await app.page("/survey?code=\(codes[0])", as: .anonymous).text.contains("value=\"\(codes[0])\""))

            // A phone: the code, a partial save, a validation message, the submission.
            let opened = try await app.form(SitePath.surveyAnswerSave.link(), [("code", codes[0])], as: .anonymous, csrf: false)
            #expect(opened.status == .ok && opened.text.contains("Are the stair lights bright enough?"), "\(opened.text.prefix(500))")
            let saved = try await app.form(SitePath.surveyAnswerSave.link(), [("code", codes[0]), ("opened", "1"), ("q.lights", "no"), ("action", "save")], as: .anonymous, csrf: false)
            #expect(saved.text.contains("Saved"), "\(saved.text.prefix(500))")
            let reopened = try await app.form(SitePath.surveyAnswerSave.link(), [("code", codes[0])], as: .anonymous, csrf: false)
            #expect(reopened.text.contains("value=\"no\" checked"), "the partial save comes back")
            let incomplete = try await app.form(SitePath.surveyAnswerSave.link(), [("code", codes[0]), ("opened", "1"), ("q.lights", "no"), ("action", "submit")], as: .anonymous, csrf: false)
            #expect(incomplete.status == .unprocessableEntity && incomplete.text.contains("must be answered"))
            let done = try await app.form(SitePath.surveyAnswerSave.link(), [("code", codes[0]), ("opened", "1"), ("q.lights", "no"), ("q.where", "3 号楼"), ("action", "submit")],
                                          as: .anonymous, csrf: false)
            #expect(done.status == .ok && done.text.contains("Thank you"), "\(done.text.prefix(500))")

            // Paper, without a slip.
            let paper = try await app.form(distribution + "/paper", [("compound_id", f.t.compound), ("sex", "male"), ("age", "70"), ("q.lights", "yes")], as: f.staff)
            #expect(paper.status == .ok && paper.text.contains("Saved"), "\(paper.text.prefix(800))")
            let analysis = try await app.page(distribution + "/analysis?row=lights&column=:channel", as: f.staff)
            #expect(analysis.status == .ok && analysis.text.contains("50.00%") && analysis.text.contains("交叉表"), "\(analysis.text.prefix(500))")
            #expect(try await app.page(distribution + "/analysis", as: f.resident).status == .forbidden)
        }
    }
}
