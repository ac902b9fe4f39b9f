import Foundation
import Plot
import Testing
@testable import ZhanjuApp
import ZhanjuRules

/// The case page rendered from a value, with no database: what each person is shown.
@Suite("Case page: a view of its model")
struct CasePageViewTests {
    func model(actions: [CaseAction] = [], overdue: Bool = false, link: String? = nil) -> CasePageModel {
        CasePageModel(id: UUID(uuidString: "6790668F-8304-4300-9B98-1A26B4E8A8DB")!, number: "ZJ-20261130-000012", item: Text("临时救助申请", "Temporary assistance"),
                      status: CaseStatus.reported.label, whose: "维多利亚 136-1-1-201 · 林梓", householdLink: link, description: "家中失火",
                      answers: [.init(question: Text("原因", "Cause"), answer: Text("火灾", "Fire"))], dueOn: "2026-12-01", dueConfirmed: true,
                      overdue: overdue, finishedLate: false, paused: false, escalated: false, handlingBody: Text("神仙树社区工作站", "Shenxianshu workstation"),
                      assignee: nil, rating: nil, ratingComment: nil, actions: actions,
                      assigneeChoices: [("grid.worker", "付平 (grid.worker)"), ("x\"><script>", "<b>李</b>")], mayRate: false,
                      timeline: [.init(at: "2026-11-30 17:54", what: Text("上报", "Reported"), who: Text("陈静 · 窗口代办", "陈静 · At the counter"), note: "")])
    }

    func render(_ m: CasePageModel, lang: Lang) -> String {
        HTML(.body(.group(CasePageView.content(m, error: nil, lang: lang, csrf: .empty)))).render()
    }

    @Test("a resident sees whose request, the due date and the timeline in words, and no form")
    func residentView() {
        let html = render(model(), lang: .en)
        #expect(html.contains("Whose request: </strong>维多利亚 136-1-1-201 · 林梓"))
        #expect(html.contains("Cause: Fire") && html.contains("Due: 2026-12-01") && html.contains("Reported"))
        #expect(!html.contains("<form"), "no steps to take, no form")
        #expect(!html.contains("href=\"/households/"), "no link to the household register")
    }

    @Test("staff get the household link, the steps they may take, and handlers to choose by name, escaped")
    func staffView() {
        let html = render(model(actions: [.accept, .dispatch], overdue: true, link: SitePath.household.link(UUID())), lang: .zh)
        #expect(html.contains("href=\"/households/"))
        #expect(html.contains("<select name=\"assignee\">") && html.contains(">付平 (grid.worker)</option>"))
        #expect(!html.contains("<script>") && !html.contains("<b>李</b>"), "names and values are escaped")
        #expect(html.contains("class=\"flag\"") && html.contains("已超期"))
        #expect(html.contains("value=\"accept\"") && html.contains("受理"))
    }
}
