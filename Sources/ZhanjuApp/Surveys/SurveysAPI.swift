import Fluent
import Foundation
import OpenAPIKit
import Vapor
import ZhanjuRules

/// The surveys capability's JSON API. The workstation (and a committee, for its area) builds,
/// sends and analyses surveys; counter staff and grid workers type in paper questionnaires;
/// residents need only an invitation code. Questionnaires and answers travel in ZhanjuRules'
/// stored form, whose keys are the survey's own (question keys are never case-converted).
enum SurveysAPI {
    /// Bodies holding questionnaires or answers are read without key conversion. A body of the
    /// documented shape may still not make a question or an answer (a choice question without
    /// options, a rating of 2.5): the tagged forms' rules no JSON Schema here states, so 422
    /// naming the field, as for any other rule.
    static func decode<T: Decodable>(_ type: T.Type, _ req: Request) throws -> T {
        do {
            return try req.content.decode(T.self, using: JSONDecoder())
        } catch let e as DecodingError {
            let field = e.fieldPath ?? "body"
            throw ZhanjuError.invalid(field, "survey.shape", Text("“\(field)”的内容不符合问卷或答案的格式。", "“\(field)” is not a question or answer of this form."))
        }
    }

    struct Revision: Content, Sendable {
        var revision: String
        var version: Int
        static let example = Revision(revision: "new_version", version: 2)
    }

    struct Detail: Content, Sendable {
        var survey: SurveyRead.QuestionnaireSummary
        var questionnaire: Questionnaire
        var distributions: [SurveyRead.DistributionView]
        var links: [LinkView]
    }

    struct LinkView: Content, Sendable {
        var id: UUID
        var kind: String
        var target: String
        var questionKey: String?
        var note: String
        init(_ l: SurveyLink) { (id, kind, target, questionKey, note) = (l.id!, l.kind, l.target, l.questionKey, l.note) }
        static var example: LinkView { let l = SurveyLink(); (l.id, l.kind, l.target, l.note) = (UUID(), "service_item", "SAF-HAZ", "n"); return LinkView(l) }
    }

    struct CodeInput: Content, Sendable {
        var code: String?
    }

    /// What a code opens: the questionnaire to answer and the answers saved so far.
    struct Answering: Content, Sendable {
        struct Saved: Content, Sendable {
            var question: String
            var answer: SurveyAnswer
        }
        var distributionId: UUID
        var nameZh: String
        var nameEn: String
        var closesOn: String
        /// Whether answers are still taken (an app need not wait for a refused submission to learn it).
        var open: Bool
        var anonymous: Bool
        var questionnaire: Questionnaire
        var saved: [Saved]
    }

    struct AnswerInput: Codable, Sendable {
        var code: String?
        var answers: SurveyAnswers?
        var submit: Bool?
    }

    struct AnswerResult: Content, Sendable {
        var status: String
        static let example = AnswerResult(status: "submitted")
    }

    struct PaperResult: Content, Sendable {
        var responseId: UUID
        var channel: String
        var enteredBy: String
        static let example = PaperResult(responseId: UUID(), channel: "paper", enteredBy: "grid.worker (王丽)")
    }

    static func detail(_ q: SurveyQuestionnaireRow, _ service: SurveyService, _ req: Request) async throws -> Detail {
        var views: [SurveyRead.DistributionView] = []
        for d in try await service.distributions(of: q.id!) {
            views.append(try await .read(d, on: req.db, today: req.today))
        }
        let links = try await SurveyLink.query(on: req.db).filter(\.$questionnaireID == q.id!).sort(\.$createdAt).all().map(LinkView.init)
        return Detail(survey: .init(q), questionnaire: try await service.version(q.id!, q.currentVersion), distributions: views, links: links)
    }

    /// The filters' query parameters (the downloads take these), and the analysis's (these and a
    /// cross-tabulation's `row` and `column`). `lang` chooses the language anywhere.
    static let filterParameters = ["compound", "sex", "age_band", "channel", "question", "option"]
    static let analysisParameters = ["row", "column"] + filterParameters

    /// A parameter the route does not read is refused (400 naming it) rather than ignored: a
    /// misspelt filter (`sexe=female`) would otherwise return the unfiltered figures as if filtered.
    static func refuseUnknown(_ req: Request, allowed: [String]) throws {
        for name in QueryParameters(req).values.keys.sorted() where name != "lang" && !allowed.contains(name) {
            throw QueryParameters.bad(name, Text("这里没有这个参数(可用:\(allowed.joined(separator: "、")))", "not a parameter here (these are: \(allowed.joined(separator: ", ")))"))
        }
    }

    /// The filters of a raw export. An anonymous survey's raw responses are exported whole: a
    /// filter could narrow them to a few households' answers, which the analysis hides (fewer
    /// than the small-cell threshold) and a raw export could not.
    static func rawFilter(_ req: Request, _ d: SurveyDistribution) throws -> SurveyRead.Filter {
        let f = try filter(req)
        if d.anonymous, !f.isEmpty, let name = QueryParameters(req).values.keys.sorted().first(where: { $0 != "lang" }) {
            throw QueryParameters.bad(name, Text("匿名调查的原始答卷只能整体导出,筛选可能缩小到少数几户", "an anonymous survey's raw responses are exported whole, since a filter could narrow them to a few households"))
        }
        return f
    }

    static func filter(_ req: Request) throws -> SurveyRead.Filter {
        let p = QueryParameters(req)
        var f = SurveyRead.Filter()
        f.compound = try p.uuid("compound")
        f.sex = try p.choice("sex", as: Sex.self)?.rawValue
        f.ageBand = p["age_band"]
        f.channel = try p.choice("channel", as: SurveyChannel.self)?.rawValue
        f.question = p["question"]
        f.option = p["option"]
        return f
    }

    static func analysis(_ d: SurveyDistribution, _ req: Request) async throws -> SurveyRead.AnalysisView {
        try refuseUnknown(req, allowed: analysisParameters)
        let p = QueryParameters(req)
        let f = try filter(req)
        let l = try await SurveyRead.load(d, filter: f, on: req.db)
        var cross: SurveyRead.CrossTabView?
        if let row = p["row"], let column = p["column"] {
            for (name, key) in [("row", row), ("column", column)] where SurveyRead.variable(key, in: l) == nil {
                throw ZhanjuError.invalid(name, "survey.no_variable", Text("没有可以制表的题目或分组“\(key)”。", "There is no question or grouping “\(key)” to tabulate."))
            }
            // Two single answers over every response: counted by the database (SurveyCrossTab).
            if f.isEmpty, let counted = try await SurveyCrossTab.count(d, questionnaire: l.questionnaire, row: row, column: column, on: req.db) {
                cross = SurveyRead.view(counted, row: row, column: column, anonymous: d.anonymous)
            } else {
                cross = SurveyRead.crossTab(l, row: row, column: column)
            }
        }
        return .of(d, l, filter: f, crossTab: cross)
    }

    /// A download's address (a machine endpoint, so not a SitePath).
    static func exportPath(_ id: UUID, _ file: String) -> String {
        ["", "api", "v1", "surveys", "distributions", id.uuidString, file].joined(separator: "/")
    }

    static func file(_ text: String, type: String, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        SurveysDocument.schemas(&document)
        let run = RouteAccess.permission(.surveysRun)
        let enter = RouteAccess.permission(.surveysEnter)
        let tag = "Surveys"

        api.get("surveys") { req async throws -> [SurveyRead.QuestionnaireSummary] in
            try await SurveyService(req).list().map(SurveyRead.QuestionnaireSummary.init)
        }.access(run)
        document.operation("GET", "/api/v1/surveys", "The questionnaires of the bodies one runs surveys for", id: "listSurveys", tag: tag,
                           schema: "Survey", array: true)

        api.post("surveys") { req async throws -> Response in
            let service = try SurveyService(req)
            let q = try await service.create(try decode(SurveyService.QuestionnaireInput.self, req))
            let response = try await detail(q, service, req).encodeResponse(status: .created, for: req)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/surveys/\(q.id!)")
            return response
        }.access(run)
        document.operation("POST", "/api/v1/surveys", "Build a questionnaire (sections, questions of every kind, skip logic, both languages) for a workstation or committee",
                           id: "createSurvey", tag: tag, body: "NewSurvey", status: "201", schema: "SurveyDetail", errors: [403, 409])

        api.get("surveys", ":id") { req async throws -> Detail in
            let service = try SurveyService(req)
            return try await detail(try await service.questionnaire(try req.uuidParameter("id")), service, req)
        }.access(run)
        document.operation("GET", "/api/v1/surveys/{id}", "A questionnaire (its current version), its distributions and links",
                           id: "readSurvey", tag: tag, schema: "SurveyDetail")

        api.put("surveys", ":id") { req async throws -> Revision in
            let r = try await SurveyService(req).revise(try req.uuidParameter("id"), try decode(SurveyService.QuestionnaireInput.self, req))
            let name: String = switch r.revision { case .unchanged: "unchanged"; case .editInPlace: "edit_in_place"; case .newVersion: "new_version" }
            return Revision(revision: name, version: r.row.currentVersion)
        }.access(run)
        document.operation("PUT", "/api/v1/surveys/{id}", "Edit a questionnaire: in place until someone answers, then as a new version (old responses keep theirs)",
                           id: "reviseSurvey", tag: tag, body: "NewSurvey", schema: "SurveyRevision", errors: [409])

        api.post("surveys", ":id", "sample") { req async throws -> SurveyRead.SamplePreview in
            let plan = try await SurveyService(req).plan(try req.uuidParameter("id"), try req.content.decode(SurveyService.DistributionInput.self))
            return SurveyRead.preview(plan, gridNames: try await SurveyRead.gridNames(on: req.db))
        }.access(run)
        document.operation("POST", "/api/v1/surveys/{id}/sample", "Draw the sample a distribution would send to, writing nothing (the same seed draws it again)",
                           id: "previewSurveySample", tag: tag, body: "NewSurveyDistribution", schema: "SurveySample", errors: [409])

        api.post("surveys", ":id", "distributions") { req async throws -> Response in
            let d = try await SurveyService(req).send(try req.uuidParameter("id"), try req.content.decode(SurveyService.DistributionInput.self))
            return try await SurveyRead.DistributionView(d, responded: 0, withoutInvitation: 0, today: req.today).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/surveys/{id}/distributions", "Send the current version to a sample: one invitation code per household or resident",
                           id: "sendSurvey", tag: tag, body: "NewSurveyDistribution", status: "201", schema: "SurveyDistribution", errors: [409])

        api.post("surveys", ":id", "links") { req async throws -> Response in
            let l = try await SurveyService(req).link(try req.uuidParameter("id"), try req.content.decode(SurveyService.LinkInput.self))
            return try await LinkView(l).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/surveys/{id}/links", "Link a result to a service-catalogue item (by code) or a council topic (by id)",
                           id: "linkSurveyResult", tag: tag, body: "NewSurveyLink", status: "201", schema: "SurveyLink", errors: [409])

        api.get("surveys", "distributions", ":id") { req async throws -> SurveyRead.DistributionView in
            let d = try await SurveyService(req).distribution(try req.uuidParameter("id"))
            return try await .read(d, on: req.db, today: req.today)
        }.access(run)
        document.operation("GET", "/api/v1/surveys/distributions/{id}", "A distribution: scope, sampling and seed, mode, closing date, invited and answered",
                           id: "readSurveyDistribution", tag: tag, schema: "SurveyDistribution")

        api.post("surveys", "distributions", ":id", "close") { req async throws -> SurveyRead.DistributionView in
            let d = try await SurveyService(req).close(try req.uuidParameter("id"))
            return try await .read(d, on: req.db, today: req.today)
        }.access(run)
        document.operation("POST", "/api/v1/surveys/distributions/{id}/close", "Close a distribution: no more answers, web or paper",
                           id: "closeSurveyDistribution", tag: tag, schema: "SurveyDistribution", errors: [409])

        api.get("surveys", "distributions", ":id", "invitations") { req async throws -> [SurveyRead.InvitationView] in
            try await SurveyRead.invitations(try await SurveyService(req).distribution(try req.uuidParameter("id")), on: req.db)
        }.access(run)
        document.operation("GET", "/api/v1/surveys/distributions/{id}/invitations", "The invitation codes in address order, for printing slips",
                           id: "listSurveyInvitations", tag: tag, schema: "SurveyInvitation", array: true)

        api.get("surveys", "distributions", ":id", "rates") { req async throws -> SurveyRead.RatesView in
            try await SurveyRead.rates(try await SurveyService(req).distribution(try req.uuidParameter("id")), on: req.db)
        }.access(run)
        document.operation("GET", "/api/v1/surveys/distributions/{id}/rates", "Response rates by compound, zone and grid, as they stand",
                           id: "readSurveyRates", tag: tag, schema: "SurveyRates")

        let analysisQuery: [OpenAPIDocument.Parameter] = [
            .query("row"), .query("column"), .query("compound", .uuid), .query("sex", .oneOf(Sex.self)), .query("age_band"),
            .query("channel", .oneOf(SurveyChannel.self)), .query("question"), .query("option"),
        ]
        api.get("surveys", "distributions", ":id", "analysis") { req async throws -> SurveyRead.AnalysisView in
            try await analysis(try await SurveyService(req).distribution(try req.uuidParameter("id")), req)
        }.access(run)
        document.operation("GET", "/api/v1/surveys/distributions/{id}/analysis",
                           "Frequencies (% of respondents, and of answers for multiple choice), means, and a cross-tabulation of `row` by `column` (question keys, or :compound, :zone, :grid, :sex, :age_band, :channel) with chi-square, which is left out (reason `small_cells_suppressed`) where an anonymous survey's table hides a small cell; filters. In an anonymous survey a filtered view of fewer than 5 responses (the small-cell threshold) returns `filtered` null with `filtered_suppressed` true, and no frequencies and no cross-tab, so no figure gives the few respondents' answers away. A parameter not listed is refused (400 naming it)",
                           id: "analyseSurvey", tag: tag, schema: "SurveyAnalysis", query: analysisQuery, errors: [422])

        api.get("surveys", "distributions", ":id", "responses.csv") { req async throws -> Response in
            try refuseUnknown(req, allowed: filterParameters)
            let d = try await SurveyService(req).distribution(try req.uuidParameter("id"))
            let l = try await SurveyRead.load(d, filter: try rawFilter(req, d), on: req.db)
            return file(try SurveyRead.responsesCSV(l), type: "text/csv; charset=utf-8", name: "responses.csv")
        }.access(run)
        api.get("surveys", "distributions", ":id", "tables.csv") { req async throws -> Response in
            try refuseUnknown(req, allowed: filterParameters)
            let d = try await SurveyService(req).distribution(try req.uuidParameter("id"))
            let l = try await SurveyRead.load(d, filter: try filter(req), on: req.db)
            let f = try filter(req)
            return file(try SurveyRead.tablesCSV(SurveyRead.frequencies(l, suppress: d.anonymous && !f.isEmpty), lang: Lang.of(req)), type: "text/csv; charset=utf-8", name: "tables.csv")
        }.access(run)
        api.get("surveys", "distributions", ":id", "responses.xlsx") { req async throws -> Response in
            try refuseUnknown(req, allowed: filterParameters)
            let d = try await SurveyService(req).distribution(try req.uuidParameter("id"))
            let l = try await SurveyRead.load(d, filter: try rawFilter(req, d), on: req.db)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: SurveyXLSX.mediaType)
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"responses.xlsx\"")
            return Response(status: .ok, headers: headers, body: .init(data: SurveyXLSX.responses(l)))
        }.access(run)
        api.get("surveys", "distributions", ":id", "spss.sps") { req async throws -> Response in
            let d = try await SurveyService(req).distribution(try req.uuidParameter("id"))
            let q = try await SurveyRead.questionnaire(of: d, on: req.db)
            return file(SPSSSyntax.generate(q, language: Lang.of(req) == .en ? .en : .zh), type: "text/plain; charset=utf-8", name: "labels.sps")
        }.access(run)
        SurveysDocument.downloads(&document, query: [.query("compound", .uuid), .query("sex", .oneOf(Sex.self)), .query("age_band"),
                                                      .query("channel", .oneOf(SurveyChannel.self)), .query("question"), .query("option")])

        api.post("surveys", "distributions", ":id", "paper") { req async throws -> Response in
            let r = try await SurveyService(req).enterPaper(try req.uuidParameter("id"), try decode(SurveyService.PaperInput.self, req))
            return try await PaperResult(responseId: r.id!, channel: r.channel, enteredBy: r.enteredBy ?? "").encodeResponse(status: .created, for: req)
        }.access(enter)
        document.operation("POST", "/api/v1/surveys/distributions/{id}/paper", "Type in a paper questionnaire (with its slip's code, or the respondent's compound), marked as paper and by whom",
                           id: "enterPaperSurvey", tag: tag, body: "PaperSurveyResponse", status: "201", schema: "PaperSurveyResult", errors: [403, 409])

        api.post("survey-answers", "open") { req async throws -> Answering in
            let o = try await SurveyService(respondent: req).open(code: try req.content.decode(CodeInput.self).code)
            return Answering(distributionId: o.distribution.id!, nameZh: o.distribution.nameZh, nameEn: o.distribution.nameEn, closesOn: o.distribution.closedOnDay,
                             open: o.distribution.isOpen(on: req.today), anonymous: o.distribution.anonymous, questionnaire: o.questionnaire,
                             saved: o.draft.keys.sorted().map { .init(question: $0, answer: o.draft[$0]!) })
        }.access(.open)
        document.operation("POST", "/api/v1/survey-answers/open", "Open the questionnaire an invitation code is for, with the answers saved so far",
                           id: "openSurveyByCode", tag: tag, body: "SurveyCode", schema: "SurveyAnswering")

        api.post("survey-answers") { req async throws -> AnswerResult in
            let input = try decode(AnswerInput.self, req)
            let saved = try await SurveyService(respondent: req).answer(code: input.code, answers: input.answers ?? [:], submit: input.submit ?? true)
            return AnswerResult(status: saved == .submitted ? "submitted" : "draft")
        }.access(.open)
        document.operation("POST", "/api/v1/survey-answers", "Save answers part way (submit false) or submit them; a code answers once",
                           id: "answerSurvey", tag: tag, body: "SurveyAnswers", schema: "SurveyAnswerResult", errors: [409])
    }
}
