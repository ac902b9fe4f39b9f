import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// A topic raised from a case trend on the services dashboard (issue 13, "from a case trend"):
/// the workstation that guides a committee sees, on the committee's dashboard, a link per family
/// of cases to a topic form drafted from the figures; the topic is recorded as from a trend.
@Suite("Council topics raised from a trend of cases on the services dashboard")
struct CouncilCaseTrendTests {
    @Test("the workstation takes a family of cases from Weirong's dashboard to a drafted topic, saved as from a trend of cases; the committee chair, who reads the dashboard but does not guide, gets no such link")
    func topicFromTrend() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let c = try await CouncilTests.callers(app, ["station.staff", "wr.chair"])
            let dashboard = try await app.page("/dashboards/committee/\(committee)", lang: "zh-Hans", as: c["station.staff"])
            #expect(dashboard.status == .ok && dashboard.text.contains("从诉求趋势提出议题"), "\(dashboard.status)")
            let link = try #require(dashboard.text.firstMatch(of: /href="(\/council\/committees\/[^"]+\/topics\/new\?family=([a-z_]+))"/))
            let family = String(link.2)
            let label = try #require(ServiceFamily(rawValue: family)?.label)
            let chair = try await app.page("/dashboards/committee/\(committee)", lang: "zh-Hans", as: c["wr.chair"])
            #expect(chair.status == .ok && !chair.text.contains("从诉求趋势提出议题"))

            let form = try await app.page(String(link.1), lang: "zh-Hans", as: c["station.staff"])
            #expect(form.status == .ok && form.text.contains("关于“\(label.zh)”类诉求的议题") && form.text.contains("服务看板显示"))
            #expect(form.text.contains("<option value=\"case_trend\" selected"), "the origin is the trend")
            let english = try await app.page(String(link.1), lang: "en", as: c["station.staff"])
            #expect(english.text.contains("On the cases about “\(label.en)”"))
            // A family the dashboard does not list drafts nothing: the form is blank.
            #expect(!(try await app.page("/council/committees/\(committee)/topics/new?family=nonsense", lang: "zh-Hans", as: c["station.staff"]).text.contains("服务看板显示")))

            let saved = try await app.form("/council/committees/\(committee)/topics/new", [("title", "关于“\(label.zh)”类诉求的议题"), ("body", "服务看板显示……"),
                                                                                          ("origin", "case_trend"), ("matter", "delegated")], as: c["station.staff"])
            #expect(saved.status == .seeOther, "\(saved.status) \(saved.text.prefix(300))")
            let topic = try #require(try await CouncilTopic.query(on: app.db).filter(\.$title == "关于“\(label.zh)”类诉求的议题").first())
            #expect(topic.origin == "case_trend" && topic.status == "published")
            #expect(try await app.page("/council/topics/\(topic.id!)", lang: "en", as: .anonymous).text.contains("From a trend of cases"))
        }
    }
}
