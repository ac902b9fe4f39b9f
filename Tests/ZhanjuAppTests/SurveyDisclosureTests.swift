import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// What an anonymous survey's results may disclose: tables with small cells hidden, no raw rows
/// that say where or who (compound, zone, grid, sex, age band), and no test statistic beside a
/// table with hidden cells.
@Suite("Survey disclosure: anonymous raw exports carry no place or person, and no chi-square sits beside hidden cells")
struct SurveyDisclosureTests {
    static var answers: [String: Any] { ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]] }

    @Test("an anonymous survey's raw exports (CSV, XLSX) leave out compound, zone, grid, sex and age band and are exported whole (a filter is refused, named); an identified survey's keep them and take filters")
    func rawExports() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            for anonymous in [true, false] {
                let s = try await f.create(app, anonymous: anonymous)
                for code in s.codes {
                    #expect(try await app.json(.POST, "/api/v1/survey-answers", ["code": code, "answers": Self.answers], as: .anonymous).status == .ok)
                }
                let csv = try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)/responses.csv", as: f.staff)
                let header = csv.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                let xlsx = String(decoding: Data(buffer: try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)/responses.xlsx", as: f.staff).body), as: UTF8.self)
                for column in ["compound", "zone", "grid", "sex", "age_band"] {
                    #expect(header.split(separator: ",").contains(Substring(column)) != anonymous, "anonymous \(anonymous): \(column) in \(header)")
                    #expect(xlsx.contains(">\(column)</t>") != anonymous, "anonymous \(anonymous): \(column) in the workbook")
                }
                #expect(header.hasSuffix("channel"), "the channel stays: \(header)")
                #expect(!anonymous || !csv.text.contains("小区"), "no compound's name in an anonymous file")
                // Filtered, the raw rows could narrow to a few households: an anonymous survey's are exported whole.
                for file in ["responses.csv", "responses.xlsx"] {
                    let filtered = try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)/\(file)?sex=female", as: f.staff)
                    #expect(filtered.status == (anonymous ? .badRequest : .ok), "anonymous \(anonymous): \(file) filtered")
                    if anonymous { #expect(filtered.text.contains("sex"), "the refusal names the parameter: \(filtered.text)") }
                }
            }
        }
    }

    @Test("where an anonymous cross-tab hides a cell, no chi-square is returned or shown, and the page says why in both languages")
    func noChiSquareBesideHiddenCells() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app, anonymous: true)
            for code in s.codes {
                #expect(try await app.json(.POST, "/api/v1/survey-answers", ["code": code, "answers": Self.answers], as: .anonymous).status == .ok)
            }
            for query in ["row=services&column=volunteer", "row=volunteer&column=:channel"] {
                let a = try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)/analysis?\(query)", as: f.staff)
                let cross = try #require(a.object["cross_tab"] as? [String: Any], "\(a.text)")
                #expect((cross["suppressed"] as? Int ?? 0) > 0)
                let chi = try #require(cross["chi_square"] as? [String: Any])
                #expect(chi["statistic"] == nil && chi["p_value"] == nil && chi["applies"] as? Bool == false, "\(chi)")
                #expect(chi["reasons"] as? [String] == ["small_cells_suppressed"])
            }
            let page = SitePath.surveyAnalysis.link(UUID(uuidString: s.distribution)!) + "?row=volunteer&column=:channel"
            #expect(try await app.page(page, lang: "zh-Hans", as: f.staff).text.contains("不给出卡方检验"))
            let en = try await app.page(page, lang: "en", as: f.staff).text
            #expect(en.contains("No chi-square test: some cells under 5 are hidden") && !en.contains("χ² ="))
        }
    }

    @Test("an anonymous survey's filtered view of fewer than 5 says only \"fewer than 5\": no count, frequency, percentage, mean, bar or cross-tab gives the few answers away")
    func smallFilteredViewSaysFewerThan() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            for anonymous in [true, false] {
                let s = try await f.create(app, anonymous: anonymous)
                for code in s.codes {
                    #expect(try await app.json(.POST, "/api/v1/survey-answers", ["code": code, "answers": Self.answers], as: .anonymous).status == .ok)
                }
                let base = "/api/v1/surveys/distributions/\(s.distribution)/analysis"
                // Unfiltered, the count is the whole survey's, never hidden.
                let all = try await app.json(.GET, base, as: f.staff)
                #expect(all.object["filtered"] as? Int == s.codes.count && all.object["filtered_suppressed"] as? Bool == false, "\(all.text)")
                // Narrowed to a small group, then "only those who chose" one option or another.
                for option in ["yes", "no"] {
                    let a = try await app.json(.GET, base + "?channel=web&question=volunteer&option=\(option)&row=services&column=volunteer", as: f.staff)
                    #expect(a.status == .ok, "\(a.text)")
                    if anonymous {
                        #expect(a.object["filtered"] == nil && a.object["filtered_suppressed"] as? Bool == true, "\(a.text)")
                        #expect((a.object["frequencies"] as? [Any])?.isEmpty == true && a.object["cross_tab"] == nil, "\(a.text)")
                    } else {
                        #expect(a.object["filtered"] as? Int == (option == "yes" ? s.codes.count : 0) && a.object["filtered_suppressed"] as? Bool == false, "\(a.text)")
                    }
                }
                let tables = try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)/tables.csv?channel=web&question=volunteer&option=yes", as: f.staff)
                #expect(!anonymous || !tables.text.contains("security"), "no frequency table in the download either: \(tables.text)")
                let page = SitePath.surveyAnalysis.link(UUID(uuidString: s.distribution)!) + "?channel=web&chose=volunteer%3Dyes"
                let zh = try await app.page(page, lang: "zh-Hans", as: f.staff).text
                let en = try await app.page(page, lang: "en", as: f.staff).text
                if anonymous {
                    #expect(zh.contains("筛选后少于 5 份") && !zh.contains("筛选后 \(s.codes.count) 份"), "\(zh)")
                    #expect(en.contains("fewer than 5 after the filters") && !en.contains("\(s.codes.count) after the filters"))
                    #expect(!en.contains("class=\"bars ") && !en.contains("id=\"q-services\""), "no bars, no frequency cards")
                } else {
                    #expect(en.contains("\(s.codes.count) after the filters"))
                }
            }
        }
    }

    @Test("an identified survey's table shows its counts and its test as computed")
    func identifiedKeepsTheTest() {
        let rows = CategoricalVariable.grouping(key: "a", label: BilingualText("甲", "A"), categories: [SurveyCategory("x", BilingualText("x", "x")), SurveyCategory("y", BilingualText("y", "y"))],
                                                values: Array(repeating: "x", count: 30) + Array(repeating: "y", count: 30))
        let columns = CategoricalVariable.grouping(key: "b", label: BilingualText("乙", "B"), categories: [SurveyCategory("p", BilingualText("p", "p")), SurveyCategory("q", BilingualText("q", "q"))],
                                                   values: Array(repeating: "p", count: 20) + Array(repeating: "q", count: 20) + Array(repeating: "p", count: 20))
        let table = CrossTabulation(rows: rows, columns: columns)
        let identified = SurveyRead.view(table, row: "a", column: "b", anonymous: false)
        #expect(identified.chiSquare.statistic != nil && identified.suppressed == 0)
        let anonymous = SurveyRead.view(table, row: "a", column: "b", anonymous: true)
        #expect(anonymous.suppressed == 0 && anonymous.chiSquare.statistic == identified.chiSquare.statistic, "nothing hidden, the test stands")
    }
}
