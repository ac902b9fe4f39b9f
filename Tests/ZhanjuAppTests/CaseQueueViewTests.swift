import Foundation
import Plot
import Testing
@testable import ZhanjuApp
import ZhanjuRules

/// The case list rendered from a value, with no database.
@Suite("Case list: a view of its model")
struct CaseQueueViewTests {
    func model(rows: [CaseQueueModel.Row], total: Int, page: Int = 1, mayFile: Bool = true) throws -> CaseQueueModel {
        var filter = try CaseQueue.Filter(["view": "body", "page": "\(page)"], defaultView: .body)
        filter.per = 50
        return CaseQueueModel(views: [(view: .body, label: Strings.queueBody), (view: .mine, label: Strings.queueMine)], filter: filter,
                              listing: .init(total: total, rows: rows), mayFile: mayFile)
    }

    func row(overdue: Bool, status: CaseStatus = .accepted, address: String = "维多利亚 3-1-101") -> CaseQueueModel.Row {
        .init(id: UUID(), number: "ZJ-20261130-000001", item: Text("消防隐患", "Fire hazard"), address: Text(address, address.replacingOccurrences(of: "维多利亚", with: "Victoria")),
              filed: "2026-11-30", status: status, escalated: true, dueOn: "2026-12-03", overdue: overdue)
    }

    func render(_ m: CaseQueueModel, _ lang: Lang) -> String { HTML(.body(.group(CaseQueueView.content(m, lang: lang)))).render() }

    @Test("rows in words with address and filing date; overdue in red with the legend; the current tab marked")
    func rows() throws {
        let html = render(try model(rows: [row(overdue: true), row(overdue: false, status: .closed)], total: 2), .en)
        #expect(html.contains("Victoria 3-1-101") && html.contains("2026-11-30") && html.contains("Fire hazard"))
        #expect(html.components(separatedBy: "class=\"flag\"").count == 2, "only the overdue row is red")
        #expect(html.contains("⚑ escalated to the sub-district"))
        #expect(html.contains("<a class=\"current\" href=\"/cases?view=body\">"))
    }

    @Test("paging links keep the view and appear only where there is a page to go to")
    func paging() throws {
        let first = render(try model(rows: [row(overdue: false)], total: 120), .zh)
        #expect(first.contains("page=2") && !first.contains("上一页"))
        let last = render(try model(rows: [row(overdue: false)], total: 120, page: 3), .zh)
        #expect(last.contains("view=body&amp;sort=newest&amp;page=2") || last.contains("view=body&sort=newest&page=2"))
        #expect(!last.contains("page=4"))
    }

    @Test("an empty list says so; someone who may not file sees no file button; addresses are escaped")
    func emptyAndEscaped() throws {
        let empty = render(try model(rows: [], total: 0, mayFile: false), .zh)
        #expect(empty.contains(Strings.noneYet.zh) && !empty.contains("/cases/new"))
        let hostile = render(try model(rows: [row(overdue: false, address: "<script>x</script>")], total: 1), .zh)
        #expect(!hostile.contains("<script>"))
    }
}
