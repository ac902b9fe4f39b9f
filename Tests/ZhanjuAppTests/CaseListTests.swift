import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Case lists: what needs doing first, newest first, with where and when")
struct CaseListTests {
    @Test("a new request is at the top, closed and rejected ones below; other orders on request; the page shows address, filing date and a legend")
    func order() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let on = try await app.caseServiceByDay()
            let household = UUID(uuidString: f.t.household)
            let old = try await on("2026-06-01").open(.init(serviceCode: "SAF-ORDER", description: "旧的,已驳回", householdId: household))
            _ = try await on("2026-06-01").act(old.id!, .init(action: "reject", note: "不属于受理范围"))
            let older = try await on("2026-05-01").open(.init(serviceCode: "SAF-ORDER", description: "更早,仍未办结", householdId: household))
            let newest = try await on("2026-11-26").open(.init(serviceCode: "SAF-ORDER", description: "新的", householdId: household))

            func numbers(_ query: String) async throws -> [String] {
                let r = try await app.json(.GET, "/api/v1/cases?view=own\(query)", as: f.resident)
                return (r.object["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
            }
            #expect(try await numbers("") == [newest.number, older.number, old.number], "open first, newest first; the rejected one last")
            #expect(try await numbers("&sort=oldest") == [older.number, old.number, newest.number])
            let rejected = try await app.json(.GET, "/api/v1/cases/\(old.id!)", as: f.resident).object
            #expect(rejected["overdue"] as? Bool == false, "a rejected case is never overdue")

            let page = try await app.page("/cases?view=own", lang: "en", as: f.resident)
            #expect(page.text.contains("Filed") && page.text.contains("2026-11-26") && page.text.contains("Compound 1-1-101"))
            #expect(page.text.contains("escalated to the sub-district"))
            #expect(try await app.json(.GET, "/api/v1/cases?sort=sideways").status == .badRequest)
        }
    }
}
