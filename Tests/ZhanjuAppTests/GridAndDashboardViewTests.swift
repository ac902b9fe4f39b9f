import Foundation
import Plot
import Testing
@testable import ZhanjuApp
import ZhanjuRules

/// The grid page and a dashboard rendered from values, with no database.
@Suite("Grid page and dashboard: views of their models")
struct GridAndDashboardViewTests {
    let grid = RegistryDirectory.GridRef(id: UUID(), workstationID: UUID(), code: "SXS-G01", nameZh: "第1网格", nameEn: "Grid 1")

    func gridModel(rows: [GridPageModel.Row], page: Int = 1, hasNext: Bool = false, sensitive: Bool = false) -> GridPageModel {
        GridPageModel(grid: grid, page: page, tag: .elderly, sensitive: sensitive, rows: rows, hasNext: hasNext)
    }

    func render(_ nodes: [Node<HTML.BodyContext>]) -> String { HTML(.body(.group(nodes))).render() }

    @Test("each door in walking order with its people, ages, tags in the page's language, last visit and the two actions")
    func gridRows() {
        let rows = [GridPageModel.Row(id: UUID(), door: "1-1-101", people: 2, ages: [82, 79], tags: [.elderly, .veteran], lastVisit: "2026-11-20"),
                    GridPageModel.Row(id: UUID(), door: "1-1-102", people: 0, ages: [], tags: [], lastVisit: nil)]
        let en = render(GridPageView.content(gridModel(rows: rows), lang: .en))
        #expect(en.contains(">1-1-101</a>") && en.contains("2, aged 82/79") && en.contains("2026-11-20"))
        #expect(en.range(of: "1-1-101")!.lowerBound < en.range(of: "1-1-102")!.lowerBound, "the model's order is kept")
        #expect(!en.contains("、"), "an English list is not joined with the Chinese comma")
        #expect(en.contains("/visits/new?household_id=") && en.contains("service_code=SAF-HAZ"))
        let zh = render(GridPageView.content(gridModel(rows: rows), lang: .zh))
        #expect(zh.contains("2 人,年龄 82/79"))
    }

    @Test("sensitive tags are offered only to those who may see them; paging keeps the tag")
    func gridFilters() {
        let plain = render(GridPageView.content(gridModel(rows: [], page: 2, hasNext: true), lang: .en))
        #expect(!plain.contains("value=\"\(ServiceTag.allCases.first { $0.isSensitive }!.rawValue)\""))
        #expect(plain.contains("page=1&amp;tag=elderly") || plain.contains("page=1&tag=elderly"))
        #expect(plain.contains("page=3"))
        let sensitive = render(GridPageView.content(gridModel(rows: [], sensitive: true), lang: .en))
        #expect(sensitive.contains("value=\"\(ServiceTag.allCases.first { $0.isSensitive }!.rawValue)\""))
    }

    @Test("a dashboard's figures, overdue flagged, and its charts as tables of words and figures")
    func dashboard() {
        let html = render(DashboardView.content(Dashboard.example, lang: .en))
        #expect(html.contains("<div class=\"figure flag\"><strong>1</strong>"))
        #expect(html.contains("<th scope=\"row\">Safety and security</th><td class=\"num\">5</td>"))
        #expect(html.contains("4.5 / 5 (4)"))
    }
}
