import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("The demo's surveys")
struct SurveyDemoTests {
    @Test("the seed's 196 paper questionnaires give the published percentages on the analysis page and in the API; an autumn survey is in progress")
    func seedPercentages() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let head = try await app.signIn("station.head", ShenxianshuDemo.password(for: "station.head"))
            let surveys = try await app.json(.GET, "/api/v1/surveys", as: head).array
            #expect(surveys.count == 2)
            let seed = try #require(surveys.first { ($0["title_zh"] as? String) == SeedSurvey.questionnaire.title.zh }?["id"] as? String)
            let detail = try await app.json(.GET, "/api/v1/surveys/\(seed)", as: head)
            let distribution = try #require((detail.object["distributions"] as? [[String: Any]])?.first?["id"] as? String)
            let analysis = try await app.json(.GET, "/api/v1/surveys/distributions/\(distribution)/analysis", as: head)
            #expect(analysis.object["respondents"] as? Int == 196)
            let tables = analysis.object["frequencies"] as! [[String: Any]]
            for p in SeedSurvey.published {
                let table = try #require(tables.first { $0["question"] as? String == p.question })
                let row = try #require((table["rows"] as! [[String: Any]]).first { $0["key"] as? String == p.option })
                #expect(row["count"] as? Int == p.count, "\(p.question) \(p.option)")
                #expect((row["of_respondents"] as? String).map { Share(p.count, of: p.base).formatted() == $0 } == true, "\(p.question) \(p.option): \(row)")
            }
            let page = try await app.page("/surveys/distributions/\(distribution)/analysis", as: head)
            #expect(page.text.contains("77.04%") && page.text.contains("73.47%") && page.text.contains("78.57%") && page.text.contains("71.43%"))
            let rates = try await app.json(.GET, "/api/v1/surveys/distributions/\(distribution)/rates", as: head)
            #expect(rates.object["responded"] as? Int == 196 && rates.object["invited"] as? Int == 3_050, "\(rates.text)")
            // The database's count of two single answers is the table the answers themselves give.
            let d = try #require(try await SurveyDistribution.find(UUID(uuidString: distribution)!, on: app.db))
            let loaded = try await SurveyRead.load(d, filter: .none, on: app.db)
            for (row, column) in [("model_attitude", "committee_per_compound"), ("volunteer", "cross_appointment"), ("employment_services", "core_body")] {
                let memory = try #require(SurveyRead.crossTab(loaded, row: row, column: column))
                let counted = try #require(try await SurveyCrossTab.count(d, questionnaire: loaded.questionnaire, row: row, column: column, on: app.db))
                let database = SurveyRead.view(counted, row: row, column: column, anonymous: d.anonymous)
                #expect(memory.counts == database.counts && memory.rowTotals == database.rowTotals && memory.columnTotals == database.columnTotals, "\(row) × \(column)")
                #expect(memory.total == database.total && memory.excluded == database.excluded && memory.chiSquare.statistic == database.chiSquare.statistic)
            }
            let autumn = try #require(surveys.first { ($0["title_zh"] as? String) == DemoSurveys.autumn.title.zh }?["id"] as? String)
            let current = try #require((try await app.json(.GET, "/api/v1/surveys/\(autumn)", as: head).object["distributions"] as? [[String: Any]])?.first)
            #expect(current["status"] as? String == "open" && (current["responded"] as? Int ?? 0) > 0 && (current["responded"] as? Int ?? 0) < (current["invited"] as? Int ?? 0))
        }
    }
}
