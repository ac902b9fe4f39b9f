import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// A workstation with two grids of four households each (two adults in each), a member of staff
/// who runs surveys, a grid worker of the first grid, and a resident with an account.
struct SurveyFixture {
    var t: Territory
    var grids: [String]
    var households: [String]
    var staff: Caller
    var gridWorker: Caller
    var resident: Caller

    static func make(_ app: Application) async throws -> SurveyFixture {
        let t = try await Territory.make(app)
        var grids: [String] = []
        for n in 1...2 {
            let g = try await app.json(.POST, "/api/v1/grids", ["workstation_id": t.workstation, "code": "G0\(n)", "name_zh": "第\(n)网格", "name_en": "Grid \(n)"])
            #expect(g.status == .created, "\(g.text)")
            grids.append(g.object["id"] as! String)
        }
        var households: [String] = []
        var people: [String] = []
        var sequence = 100
        for i in 0..<8 {
            let h = try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": "\(201 + i)", "grid_id": grids[i / 4]])
            #expect(h.status == .created, "\(h.text)")
            households.append(h.object["id"] as! String)
            for (j, sex) in [Sex.female, .male].enumerated() {
                sequence += 1
                let born = "19\(60 + i)-0\(j + 1)-15"
                let id = IDNumber.make(region: "510107", birthDate: CivilDate(iso: born)!, sex: sex, sequence: sequence).value
                let r = try await app.json(.POST, "/api/v1/residents", ["name": "住户\(i)-\(j)", "sex": sex.rawValue, "birth_date": born, "hukou": "local",
                                                                        "political_rights": true, "id_number": id, "household_id": households[i], "relation": j == 0 ? "head" : "spouse"])
                #expect(r.status == .created, "\(r.text)")
                people.append(r.object["id"] as! String)
            }
        }
        func appoint(_ person: String, _ post: String, _ body: String) async throws {
            let a = try await app.json(.POST, "/api/v1/appointments", ["resident_id": person, "post": post, "body_id": body, "starts_on": "2025-01-01"])
            #expect(a.status == .created, "\(a.text)")
        }
        try await appoint(people[0], "station_staff", t.workstation)
        try await appoint(people[3], "grid_worker", grids[0])
        for (username, person) in [("staff", people[0]), ("gridworker", people[3]), ("resident", people[5])] {
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": username, "password": "quiet-river-\(username)", "resident": person]).status == .created)
        }
        return SurveyFixture(t: t, grids: grids, households: households,
                             staff: try await app.signIn("staff", "quiet-river-staff"), gridWorker: try await app.signIn("gridworker", "quiet-river-gridworker"),
                             resident: try await app.signIn("resident", "quiet-river-resident"))
    }

    /// A questionnaire with skip logic: "why not" only for those who will not volunteer.
    static var questionnaire: [String: Any] { [
        "title": ["zh": "测试调查", "en": "Test survey"], "version": 1,
        "sections": [[
            "key": "main", "title": ["zh": "主要", "en": "Main"],
            "questions": [
                ["key": "services", "text": ["zh": "需要哪些服务?", "en": "Which services?"], "required": true,
                 "kind": ["type": "multiple_choice", "minimum": 1, "allows_other": true,
                          "options": [["key": "security", "text": ["zh": "治安", "en": "Security"]], ["key": "reading", "text": ["zh": "阅览室", "en": "Reading room"]]]]],
                ["key": "volunteer", "text": ["zh": "愿意做志愿者吗?", "en": "Volunteer?"], "required": true,
                 "kind": ["type": "single_choice", "options": [["key": "yes", "text": ["zh": "愿意", "en": "Yes"]], ["key": "no", "text": ["zh": "不愿意", "en": "No"]]]]],
                ["key": "why_not", "text": ["zh": "为什么?", "en": "Why not?"], "required": true,
                 "kind": ["type": "free_text", "max_length": 200], "show_if": ["type": "chosen", "question": "volunteer", "any_of": ["no"]]],
                ["key": "rating", "text": ["zh": "满意度", "en": "Satisfaction"], "kind": ["type": "rating_scale", "lowest": 1, "highest": 5]],
            ],
        ]],
    ] }

    func create(_ app: Application, anonymous: Bool = true, perGrid: Int = 1) async throws -> (survey: String, distribution: String, codes: [String]) {
        let s = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": t.workstation, "questionnaire": Self.questionnaire], as: staff)
        #expect(s.status == .created, "\(s.text)")
        let survey = (s.object["survey"] as! [String: Any])["id"] as! String
        let d = try await app.json(.POST, "/api/v1/surveys/\(survey)/distributions",
                                   ["name_zh": "测试发放", "scope_kind": "workstation", "scope_id": t.workstation, "sampling": "households_per_grid",
                                    "households_per_grid": perGrid, "seed": "7", "anonymous": anonymous, "closes_on": "2026-12-31"], as: staff)
        #expect(d.status == .created, "\(d.text)")
        let distribution = d.object["id"] as! String
        let codes = try await app.json(.GET, "/api/v1/surveys/distributions/\(distribution)/invitations", as: staff).array.map { $0["code"] as! String }
        return (survey, distribution, codes)
    }
}

@Suite("Needs surveys: built, sent to a sample, answered once per code online or on paper, analysed and exported")
struct SurveysTests {
    @Test("one sampled household per grid: the sample is shown first and drawn again the same from its seed; the codes answer online and on paper; rates, analysis and exports follow")
    func endToEnd() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": SurveyFixture.questionnaire], as: f.staff)
            #expect(s.status == .created, "\(s.text)")
            let survey = (s.object["survey"] as! [String: Any])["id"] as! String
            let input: [String: Any] = ["name_zh": "测试", "scope_kind": "workstation", "scope_id": f.t.workstation, "sampling": "households_per_grid",
                                        "households_per_grid": 1, "seed": "42", "closes_on": "2026-12-31"]
            let first = try await app.json(.POST, "/api/v1/surveys/\(survey)/sample", input, as: f.staff)
            // One household per grid, and the territory's first household, in no grid, counts as a group of its own.
            #expect(first.status == .ok && first.object["invitations"] as? Int == 3, "\(first.text)")
            #expect((first.object["grids"] as? [[String: Any]])?.map { $0["grid"] as? String } == ["G01 第1网格", "G02 第2网格", "未分网格"])
            #expect((first.object["grids"] as? [[String: Any]])?.last?["grid_en"] as? String == "No grid")
            let again = try await app.json(.POST, "/api/v1/surveys/\(survey)/sample", input, as: f.staff)
            #expect(again.text == first.text, "the same seed draws the same sample")
            #expect(try await SurveyInvitation.query(on: app.db).count() == 0, "a preview writes nothing")
            let sent = try await app.json(.POST, "/api/v1/surveys/\(survey)/distributions", input, as: f.staff)
            #expect(sent.status == .created && sent.object["invited"] as? Int == 3 && sent.object["seed"] as? String == "42", "\(sent.text)")
            let d = sent.object["id"] as! String
            let invitations = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/invitations", as: f.staff).array
            #expect(invitations.count == 3)
            let codes = invitations.map { $0["code"] as! String }

            // Online: a partial save, then every error at once, then the submission; a code answers once.
            let partial = try await app.json(.POST, "/api/v1/survey-answers", ["code": codes[0], "answers": ["volunteer": ["type": "choice", "option": "no"]], "submit": false], as: .anonymous)
            #expect(partial.object["status"] as? String == "draft", "\(partial.text)")
            let opened = try await app.json(.POST, "/api/v1/survey-answers/open", ["code": codes[0].lowercased()], as: .anonymous)
            #expect((opened.object["saved"] as? [[String: Any]])?.first?["question"] as? String == "volunteer", "\(opened.text)")
            let missing = try await app.json(.POST, "/api/v1/survey-answers", ["code": codes[0], "answers": ["volunteer": ["type": "choice", "option": "no"]]], as: .anonymous)
            #expect(missing.status == .unprocessableEntity && missing.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(Set((missing.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["answers.services", "answers.why_not"], "\(missing.text)")
            let answers: [String: Any] = ["services": ["type": "choices", "options": ["security", "other"], "other": "=HYPERLINK(\"x\")"],
                                          "volunteer": ["type": "choice", "option": "no"], "why_not": ["type": "text", "value": "忙"], "rating": ["type": "rating", "value": 4]]
            let ok = try await app.json(.POST, "/api/v1/survey-answers", ["code": codes[0], "answers": answers], as: .anonymous)
            #expect(ok.object["status"] as? String == "submitted", "\(ok.text)")
            let twice = try await app.json(.POST, "/api/v1/survey-answers", ["code": codes[0], "answers": answers], as: .anonymous)
            #expect(twice.status == .conflict && twice.object["code"] as? String == "survey.already_answered")
            #expect(try await SurveyDraft.query(on: app.db).count() == 0, "the partial save is gone with the submission")

            // Paper, with the other slip, by the grid worker of that household's grid (or by staff).
            let other = try await SurveyInvitation.query(on: app.db).filter(\.$code == codes[1]).first()!
            let byGridWorker = other.gridID?.uuidString == f.grids[0]
            let enterer = byGridWorker ? f.gridWorker : f.staff
            let paper = try await app.json(.POST, "/api/v1/surveys/distributions/\(d)/paper",
                                           ["code": codes[1], "sex": "female", "age": 45,
                                            "answers": ["services": ["type": "choices", "options": ["reading"]], "volunteer": ["type": "choice", "option": "yes"], "rating": ["type": "rating", "value": 2]]],
                                           as: enterer)
            #expect(paper.status == .created && paper.object["channel"] as? String == "paper", "\(paper.text)")
            let stored = try await SurveyResponseRow.query(on: app.db).filter(\.$channel == "paper").first()
            #expect(stored?.enteredBy?.contains(byGridWorker ? "gridworker" : "staff") == true && stored?.ageBand == "40_49" && stored?.sex == "female")

            let rates = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/rates", as: f.staff)
            #expect(rates.object["invited"] as? Int == 3 && rates.object["responded"] as? Int == 2 && rates.object["rate"] as? String == "66.67%", "\(rates.text)")
            #expect((rates.object["by_grid"] as? [[String: Any]])?.count == 3)

            let analysis = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/analysis?row=services&column=volunteer", as: f.staff)
            #expect(analysis.status == .ok, "\(analysis.text)")
            let services = (analysis.object["frequencies"] as! [[String: Any]]).first { $0["question"] as? String == "services" }!
            let security = (services["rows"] as! [[String: Any]]).first { $0["key"] as? String == "security" }!
            #expect(security["count"] as? Int == 1 && security["of_respondents"] as? String == "50.00%" && security["of_answers"] as? String == "33.33%")
            let rating = (analysis.object["frequencies"] as! [[String: Any]]).first { $0["question"] as? String == "rating" }!
            #expect((rating["mean"] as? [String: Any])?["mean"] as? Double == 3)
            let cross = analysis.object["cross_tab"] as! [String: Any]
            #expect((cross["counts"] as? [[Any]])?.count == 3, "rows: security, reading, other")
            #expect((cross["suppressed"] as? Int ?? 0) > 0, "an anonymous survey's small cells are suppressed")
            // Two single answers: the database's counts, kept with each write, give the table the answers give.
            let single = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/analysis?row=volunteer&column=rating", as: f.staff).object["cross_tab"] as! [String: Any]
            let distribution = try #require(try await SurveyDistribution.find(UUID(uuidString: d)!, on: app.db))
            let memory = try #require(SurveyRead.crossTab(try await SurveyRead.load(distribution, filter: .none, on: app.db), row: "volunteer", column: "rating"))
            #expect(single["total"] as? Int == memory.total && single["excluded"] as? Int == memory.excluded && memory.total == 2)
            #expect(try await SurveyCrossTab.count(distribution, questionnaire: try await SurveyRead.questionnaire(of: distribution, on: app.db), row: "volunteer", column: "rating", on: app.db) != nil)
            // Responses without codes (written before migration 021, counted under ""): the table comes from the answers.
            try await (app.db as! any SQLDatabase).raw("INSERT INTO survey_code_counts (id, distribution_id, codes, n) VALUES (\(bind: UUID()), \(bind: distribution.id!), '', 1)").run()
            #expect(try await SurveyCrossTab.count(distribution, questionnaire: try await SurveyRead.questionnaire(of: distribution, on: app.db), row: "volunteer", column: "rating", on: app.db) == nil)
            let fallback = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/analysis?row=volunteer&column=rating", as: f.staff).object["cross_tab"] as! [String: Any]
            #expect(fallback["total"] as? Int == 2)
            // A filtered view of an anonymous survey of fewer than 5 gives neither its count nor any figure (SurveyDisclosureTests).
            let narrowed = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/analysis?channel=web", as: f.staff)
            #expect(narrowed.object["filtered"] == nil && narrowed.object["filtered_suppressed"] as? Bool == true, "\(narrowed.text)")
            #expect((narrowed.object["frequencies"] as! [[String: Any]]).isEmpty)
            let bad = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/analysis?row=nothing&column=volunteer", as: f.staff)
            #expect(bad.status == .unprocessableEntity && bad.object["field"] as? String == "row")

            let csv = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/responses.csv", as: f.staff)
            #expect(Array(Data(buffer: csv.body).prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
            #expect(csv.text.contains("'=HYPERLINK"), "a formula typed as an answer is neutralised")
            let xlsx = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/responses.xlsx", as: f.staff)
            #expect(Array(Data(buffer: xlsx.body).prefix(2)) == [0x50, 0x4B], "a ZIP archive")
            let spss = try await app.json(.GET, "/api/v1/surveys/distributions/\(d)/spss.sps", as: f.staff)
            #expect(spss.text.contains("VARIABLE LABELS") && spss.text.contains("VALUE LABELS"), "\(spss.text.prefix(300))")
        }
    }

    @Test("anonymous: no column of a response links it to its invitation or household; identified keeps the invitation")
    func anonymity() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let answers: [String: Any] = ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]]
            let anonymous = try await f.create(app, anonymous: true)
            for code in anonymous.codes {
                #expect(try await app.json(.POST, "/api/v1/survey-answers", ["code": code, "answers": answers], as: .anonymous).status == .ok)
            }
            let invitations = try await SurveyInvitation.query(on: app.db).filter(\.$distributionID == UUID(uuidString: anonymous.distribution)!).all()
            let secrets = Set(invitations.flatMap { [$0.id!.uuidString.lowercased(), $0.householdID.uuidString.lowercased(), $0.code.lowercased()] + ($0.residentID.map { [$0.uuidString.lowercased()] } ?? []) })
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT * FROM survey_responses").all()
            #expect(rows.count == 3)
            for row in rows {
                for column in row.allColumns {
                    let text = ((try? row.decode(column: column, as: String?.self)) ?? nil) ?? ((try? row.decode(column: column, as: UUID?.self)) ?? nil)?.uuidString
                    #expect(!secrets.contains((text ?? "").lowercased()), "column \(column) links a response to its invitee")
                }
            }
            let marks = try await SurveyAnsweredMark.query(on: app.db).all()
            #expect(marks.count == 3 && marks.allSatisfy { $0.answeredOn == "2026-11-27" }, "the mark carries the day only")

            let identified = try await f.create(app, anonymous: false)
            #expect(try await app.json(.POST, "/api/v1/survey-answers", ["code": identified.codes[0], "answers": answers], as: .anonymous).status == .ok)
            let kept = try await SurveyResponseRow.query(on: app.db).filter(\.$distributionID == UUID(uuidString: identified.distribution)!).first()
            #expect(kept?.invitationID != nil)
        }
    }

    @Test("one answer per code even when the same code is submitted twice at once")
    func concurrentSubmissions() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let code = s.codes[0]
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let body: [String: Any] = ["code": code, "answers": ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]]]
                        return try await app.json(.POST, "/api/v1/survey-answers", body, as: .anonymous).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 3, "\(statuses)")
            #expect(try await SurveyResponseRow.query(on: app.db).count() == 1)
            #expect(try await SurveyAnsweredMark.query(on: app.db).count() == 1)
            let counted = try await (app.db as! any SQLDatabase).raw("SELECT CAST(SUM(n) AS INTEGER) AS n FROM survey_code_counts").first()?.decode(column: "n", as: Int.self)
            #expect(counted == 1, "the code count moves only with the response that was written")
        }
    }

    @Test("deny by default: residents and strangers cannot build, read or enter; a grid worker enters only in its grid; the answering needs only a code")
    func access() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app, perGrid: 4)
            #expect(try await app.json(.GET, "/api/v1/surveys", as: .anonymous).status == .unauthorized)
            #expect(try await app.json(.GET, "/api/v1/surveys", as: f.resident).status == .forbidden)
            #expect(try await app.json(.GET, "/api/v1/surveys/\(s.survey)", as: f.resident).status == .forbidden)
            #expect(try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)/analysis", as: f.gridWorker).status == .forbidden)
            #expect(try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": SurveyFixture.questionnaire],
                                       as: f.gridWorker).status == .forbidden)
            // Another workstation's staff do not see this one's survey.
            let other = try await Territory.make(app, code: "2")
            let person = try await app.json(.POST, "/api/v1/residents", ["name": "别站", "sex": "male", "birth_date": "1980-01-01", "hukou": "local", "political_rights": true,
                                                                         "id_number": IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1980-01-01")!, sex: .male, sequence: 901).value,
                                                                         "household_id": other.household, "relation": "head"]).object["id"] as! String
            _ = try await app.json(.POST, "/api/v1/appointments", ["resident_id": person, "post": "station_staff", "body_id": other.workstation, "starts_on": "2025-01-01"])
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "elsewhere", "password": "quiet-river-elsewhere", "resident": person])
            let elsewhere = try await app.signIn("elsewhere", "quiet-river-elsewhere")
            #expect(try await app.json(.GET, "/api/v1/surveys/\(s.survey)", as: elsewhere).status == .notFound)
            #expect(try await app.json(.GET, "/api/v1/surveys", as: elsewhere).array.isEmpty)
            // The grid worker of the first grid may type in that grid's slips, not the second's.
            let invitations = try await SurveyInvitation.query(on: app.db).filter(\.$distributionID == UUID(uuidString: s.distribution)!).all()
            let answers: [String: Any] = ["services": ["type": "choices", "options": ["security"]], "volunteer": ["type": "choice", "option": "yes"]]
            let mine = invitations.first { $0.gridID?.uuidString == f.grids[0] }!, theirs = invitations.first { $0.gridID?.uuidString == f.grids[1] }!
            #expect(try await app.json(.POST, "/api/v1/surveys/distributions/\(s.distribution)/paper", ["code": mine.code, "answers": answers], as: f.gridWorker).status == .created)
            #expect(try await app.json(.POST, "/api/v1/surveys/distributions/\(s.distribution)/paper", ["code": theirs.code, "answers": answers], as: f.gridWorker).status == .notFound)
            #expect(try await app.json(.POST, "/api/v1/survey-answers", ["code": "NOPE-NOPE", "answers": answers], as: .anonymous).object["code"] as? String == "survey.unknown_code")
        }
    }

    @Test("an edit before any answer changes the version in place; after answers it becomes version 2 and the old distribution keeps version 1")
    func versions() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            var edited = SurveyFixture.questionnaire
            edited["title"] = ["zh": "测试调查(修订)", "en": "Test survey (revised)"]
            let inPlace = try await app.json(.PUT, "/api/v1/surveys/\(s.survey)", ["questionnaire": edited], as: f.staff)
            #expect(inPlace.object["revision"] as? String == "edit_in_place" && inPlace.object["version"] as? Int == 1, "\(inPlace.text)")
            _ = try await app.json(.POST, "/api/v1/survey-answers", ["code": s.codes[0], "answers": ["volunteer": ["type": "choice", "option": "yes"]], "submit": false], as: .anonymous)
            edited["title"] = ["zh": "测试调查(第二版)", "en": "Test survey (second)"]
            let next = try await app.json(.PUT, "/api/v1/surveys/\(s.survey)", ["questionnaire": edited], as: f.staff)
            #expect(next.object["revision"] as? String == "new_version" && next.object["version"] as? Int == 2, "\(next.text)")
            let d = try await app.json(.GET, "/api/v1/surveys/distributions/\(s.distribution)", as: f.staff)
            #expect(d.object["version"] as? Int == 1)
            let opened = try await app.json(.POST, "/api/v1/survey-answers/open", ["code": s.codes[0]], as: .anonymous)
            #expect(((opened.object["questionnaire"] as? [String: Any])?["title"] as? [String: Any])?["zh"] as? String == "测试调查(修订)")
        }
    }

    @Test("a questionnaire's problems come back as problem+json naming where they are")
    func questionnaireProblems() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            var q = SurveyFixture.questionnaire
            var sections = q["sections"] as! [[String: Any]]
            var questions = sections[0]["questions"] as! [[String: Any]]
            questions[2]["show_if"] = ["type": "chosen", "question": "rating", "any_of": ["1"]]
            questions[0]["key"] = "1bad"
            sections[0]["questions"] = questions
            q["sections"] = sections
            let r = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": f.t.workstation, "questionnaire": q], as: f.staff)
            #expect(r.status == .unprocessableEntity && r.headers.contentType?.description.hasPrefix("application/problem+json") == true, "\(r.text)")
            let fields = Set(([r.object] + (r.object["errors"] as? [[String: Any]] ?? [])).compactMap { $0["field"] as? String })
            #expect(fields.contains("questionnaire.1bad") && fields.contains("questionnaire.why_not"), "\(r.text)")
            let noOwner = try await app.json(.POST, "/api/v1/surveys", ["questionnaire": SurveyFixture.questionnaire], as: f.staff)
            #expect(noOwner.status == .unprocessableEntity && noOwner.object["field"] as? String == "owner_kind")
        }
    }

    @Test("a result links to a service-catalogue item, shown on the questionnaire")
    func links() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            _ = try await CatalogueService.seedIfEmpty(app)
            let l = try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "service_item", "target": "SAF-HAZ", "question_key": "services", "note": "治安需求 77.04%"], as: f.staff)
            #expect(l.status == .created, "\(l.text)")
            #expect(try await app.page("/services", as: .anonymous).text.contains("治安需求 77.04%"), "the catalogue shows the finding beside the item")
            let unknown = try await app.json(.POST, "/api/v1/surveys/\(s.survey)/links", ["kind": "service_item", "target": "NOPE", "note": "x"], as: f.staff)
            #expect(unknown.status == .unprocessableEntity && unknown.object["field"] as? String == "target")
            let detail = try await app.json(.GET, "/api/v1/surveys/\(s.survey)", as: f.staff)
            #expect((detail.object["links"] as? [[String: Any]])?.first?["target"] as? String == "SAF-HAZ")
        }
    }
}
