import Foundation
import Plot
import ZhanjuRules

/// A dashboard's HTML, from its figures (Dashboard) alone.
enum DashboardView {
    static func content(_ d: Dashboard, lang: Lang) -> [Node<HTML.BodyContext>] {
        func figure(_ label: Text, _ value: String, flag: Bool = false) -> Node<HTML.BodyContext> {
            .div(.class(flag ? "figure flag" : "figure"), .strong(.text(value)), .span(.text(label[lang])))
        }
        func bars(_ counts: [Dashboard.Count]) -> [BarChart.Bar] {
            counts.map { .init(label: lang == .zh ? $0.labelZh : $0.labelEn, value: Double($0.count), note: "\($0.count)") }
        }
        return [
            .div(.class("figures"),
                 figure(Strings.cases, "\(d.total)"), figure(Strings.openCases, "\(d.open)"), figure(Strings.overdue, "\(d.overdue)", flag: d.overdue > 0),
                 figure(Strings.averageDays, d.averageDaysToResolve.map { String(format: "%.1f", $0) } ?? "—"),
                 figure(Strings.satisfaction, d.satisfaction.map { String(format: "%.1f / 5 (%d)", $0, d.ratings) } ?? "—")),
            .h2(.text(Strings.byFamily[lang])), BarChart.table(bars(d.byFamily), title: Strings.byFamily[lang]),
            .h2(.text(Strings.byStatus[lang])), BarChart.table(bars(d.byStatus), title: Strings.byStatus[lang], tone: .blue),
            .p(.a(.href(SitePath.cases.link(query: [("view", "body")])), .text(Strings.cases[lang]))),
        ]
    }
}
