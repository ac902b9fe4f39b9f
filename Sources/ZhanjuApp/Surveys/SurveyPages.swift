import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// The surveys' pages: the list, the builder (a question at a time, with preview), sending with
/// the sample shown first, the distribution with live response rates and exports, printable
/// slips, the analysis, paper entry, and the answering page reached by code. Every form posts
/// what the API takes, to the same service; post/redirect/get after each success.
enum SurveyPages {
    static func register(on app: Application) {
        let run = RouteAccess.permission(.surveysRun)
        let enter = RouteAccess.permission(.surveysEnter)
        app.get(.surveys) { req in try await list(req) }.access(.signedIn)
        app.get(.newSurvey) { req in try await newSurvey(req, values: [:], errors: []) }.access(run)
        app.post(.newSurvey) { req in try await createSurvey(req) }.access(run)
        app.get(.survey) { req in try await builder(req, values: nil, errors: []) }.access(run)
        app.post(.surveyQuestion) { req in try await addQuestion(req) }.access(run)
        app.post(.surveyQuestionRemove) { req in try await removeQuestion(req) }.access(run)
        app.post(.surveyQuestionMove) { req in try await moveQuestion(req) }.access(run)
        app.get(.surveyPreview) { req in try await preview(req) }.access(run)
        app.post(.surveySample) { req in try await sample(req) }.access(run)
        app.post(.surveySend) { req in try await send(req) }.access(run)
        app.post(.surveyLink) { req in try await link(req) }.access(run)
        app.get(.surveyDistribution) { req in try await distribution(req) }.access(run)
        app.post(.surveyClose) { req in
            let d = try await SurveyService(req).close(try req.uuidParameter("id"))
            return req.redirect(to: SitePath.surveyDistribution.link(d.id!), redirectType: .normal)
        }.access(run)
        app.get(.surveySlips) { req in try await slips(req) }.access(run)
        app.get(.surveyAnalysis) { req in try await analysis(req) }.access(run)
        app.get(.surveyPaper) { req in try await paperForm(req, values: [:], saved: [:], errors: [], notice: nil) }.access(enter)
        app.post(.surveyPaper) { req in try await paperSave(req) }.access(enter)
        // A slip's link carries its code (`/survey?code=…`): the form opens filled in.
        app.get(.surveyAnswer) { req in
            let code = String((QueryParameters(req)["code"] ?? "").prefix(20))
            return Layout.response(Layout.page(SurveyStrings.answer[Lang.of(req)], req: req, content: SurveyPageView.codeForm(error: nil, lang: Lang.of(req), code: code)))
        }.access(.open)
        app.post(.surveyAnswerSave) { req in try await answer(req) }.access(.open)
    }

    static func one(_ v: [String: [String]], _ k: String) -> String? { v[k]?.first.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }

    static func fieldErrors(_ e: ZhanjuError) -> [ZhanjuError] { [e] + e.also }

    // MARK: list and building

    static func list(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let principal = try req.requirePrincipal()
        let service = try SurveyService(req)
        var items: [SurveyPageModel.ListItem] = []
        if principal.grants.holds(.surveysRun) {
            for q in try await service.list() {
                var ds: [SurveyRead.DistributionView] = []
                for d in try await service.distributions(of: q.id!) { ds.append(try await .read(d, on: req.db, today: req.today)) }
                items.append(.init(id: q.id!, title: q.title, version: q.currentVersion, distributions: ds))
            }
        }
        var enter: [(id: UUID, name: Text)] = []
        if principal.grants.holds(.surveysEnter) {
            let map = try await req.access.map(on: req.db)
            for d in try await SurveyDistribution.query(on: req.db).filter(\.$status == SurveyStatus.open.rawValue).sort(\.$createdAt).all() {
                // Open to the caller's paper entry where its scope, or a compound or grid in it, is theirs (SurveyService.entersPaper).
                let reach = try await service.entersPaper(d, map: map)
                if reach { enter.append((d.id!, d.name)) }
            }
        }
        let model = SurveyPageModel.List(items: items, canBuild: principal.grants.holds(.surveysRun), canEnter: enter)
        return Layout.response(Layout.page(SurveyStrings.surveys[lang], req: req, content: SurveyPageView.list(model, lang: lang)))
    }

    static func owners(_ req: Request) async throws -> [SurveyPageModel.Choice] {
        let principal = try req.requirePrincipal()
        let map = try await req.access.map(on: req.db)
        let service = try SurveyService(req)
        return try await RegistryDirectory(db: req.db).surveyPlaces().filter { $0.kind == "workstation" || $0.kind == "committee" }
            .filter { principal.grants.allows(.surveysRun, at: service.place(kind: $0.kind, id: $0.id, in: map)) }
            .map { .init(value: "\($0.kind):\($0.id)", label: $0.name[Lang.of(req)]) }
    }

    static func newSurvey(_ req: Request, values: [String: [String]], errors: [ZhanjuError]) async throws -> Response {
        let lang = Lang.of(req)
        let html = Layout.page(Text("新建问卷", "New questionnaire")[lang], req: req,
                               content: SurveyPageView.newSurvey(owners: try await owners(req), values: values, errors: errors, lang: lang, csrf: Layout.csrfField(req)))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// The question the builder's fields describe.
    static func question(from v: [String: [String]]) throws -> (section: QuestionnaireSection, question: Question) {
        var check = Validation()
        let key = try check.field { try Check.text(one(v, "key"), "key", max: 32) }
        let textZh = try check.field { try Check.text(one(v, "text_zh"), "text_zh", max: 300) }
        let sectionKey = try check.field { try Check.text(one(v, "section_key"), "section_key", max: 32) }
        let kindName = try check.field { try Check.choice(one(v, "kind"), "kind", as: QuestionKindName.self) }
        func number(_ k: String) throws -> Double? {
            guard let raw = one(v, k) else { return nil }
            // Bounded, so the whole-number limits below convert without trapping.
            guard let x = Double(raw), x.isFinite, abs(x) <= 1e12 else {
                throw ZhanjuError.invalid(k, "number", Text("应为不超过 10¹² 的数字。", "Expected a number no larger than 10¹²."))
            }
            return x
        }
        let minimum = try check.field { try number("minimum") } ?? nil
        let maximum = try check.field { try number("maximum") } ?? nil
        try check.finish()
        var options: [ChoiceOption] = []
        for line in (one(v, "options") ?? "").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, !first.isEmpty else { continue }
            options.append(ChoiceOption(first, BilingualText(parts.count > 1 ? parts[1] : first, parts.count > 2 ? parts[2] : "")))
        }
        let other = !(v["allows_other"] ?? []).isEmpty
        let kind: QuestionKind = switch kindName! {
        case .singleChoice: .singleChoice(options: options, allowsOther: other)
        case .multipleChoice: .multipleChoice(options: options, allowsOther: other, minimum: Int(minimum ?? 0), maximum: maximum.map { Int($0) })
        case .ratingScale: .ratingScale(lowest: Int(minimum ?? 1), highest: Int(maximum ?? 5), lowLabel: bilingual(one(v, "low_label")), highLabel: bilingual(one(v, "high_label")))
        case .number: .number(minimum: minimum, maximum: maximum, wholeNumbers: false)
        case .date: .date(earliest: nil, latest: nil)
        case .freeText: .freeText(maxLength: Int(maximum ?? 500))
        }
        var condition: SkipCondition?
        let sentChoices = (v["show_if_choice"] ?? []).filter { !$0.isEmpty }
        let picked = sentChoices.compactMap { pair -> (question: String, option: String)? in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        // A choice the form never offers (not "question=option") is refused, not dropped.
        guard picked.count == sentChoices.count else {
            throw ZhanjuError.invalid("show_if_choice", "survey.condition", Text("显示条件无法识别,请从列表中选择。", "The display condition is not one of those offered; choose it from the list."))
        }
        if let first = picked.first {
            guard picked.allSatisfy({ $0.question == first.question }) else {
                throw ZhanjuError.invalid("show_if_choice", "survey.condition", Text("显示条件只能取同一道题的答案。", "A display condition takes the answers of one question only."))
            }
            condition = .chosen(question: first.question, anyOf: picked.map(\.option))
        } else if let q = one(v, "show_if_question") {
            let keys = (one(v, "show_if_options") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            condition = keys.isEmpty ? .answered(question: q) : .chosen(question: q, anyOf: keys)
        }
        let question = Question(key!, BilingualText(textZh!, one(v, "text_en") ?? ""), kind, required: !(v["required"] ?? []).isEmpty, showIf: condition,
                                help: bilingual(one(v, "help")))
        let section = QuestionnaireSection(sectionKey!, BilingualText(one(v, "section_zh") ?? sectionKey!, one(v, "section_en") ?? ""), [])
        return (section, question)
    }

    /// "中文|English" (or Chinese alone) as bilingual text.
    static func bilingual(_ text: String?) -> BilingualText? {
        guard let text else { return nil }
        let parts = text.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return BilingualText(parts[0], parts.count > 1 ? parts[1] : "")
    }

    static func adding(_ q: Question, in section: QuestionnaireSection, to questionnaire: Questionnaire) -> Questionnaire {
        var out = questionnaire
        if let i = out.sections.firstIndex(where: { $0.key == section.key }) { out.sections[i].questions.append(q) }
        else { var s = section; s.questions = [q]; out.sections.append(s) }
        return out
    }

    static func createSurvey(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            let owner = (one(v, "owner") ?? "").split(separator: ":").map(String.init)
            guard owner.count == 2 else { throw ZhanjuError.required("owner") }
            let titleZh = try Check.text(one(v, "title_zh"), "title_zh")
            let (section, question) = try question(from: v)
            let q = adding(question, in: section, to: Questionnaire(title: BilingualText(titleZh, one(v, "title_en") ?? ""), sections: []))
            let row = try await SurveyService(req).create(.init(ownerKind: owner[0], ownerId: UUID(uuidString: owner[1]), questionnaire: q, bilingual: false))
            return req.redirect(to: SitePath.survey.link(row.id!), redirectType: .normal)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await newSurvey(req, values: v, errors: fieldErrors(e))
        }
    }

    static func builderModel(_ req: Request, _ id: UUID) async throws -> SurveyPageModel.Builder {
        let lang = Lang.of(req)
        let service = try SurveyService(req)
        let row = try await service.questionnaire(id)
        let detail = try await SurveysAPI.detail(row, service, req)
        let principal = try req.requirePrincipal()
        let map = try await req.access.map(on: req.db)
        let places = try await RegistryDirectory(db: req.db).surveyPlaces()
            .filter { principal.grants.allows(.surveysRun, at: service.place(kind: $0.kind, id: $0.id, in: map)) }
            .map { SurveyPageModel.Choice(value: "\($0.kind):\($0.id)", label: "\(SurveyScopeKind(rawValue: $0.kind)?.label[lang] ?? "") · \($0.name[lang])") }
        let items = try await CatalogueDirectory(db: req.db).items().map { SurveyPageModel.Choice(value: $0.code, label: "\($0.code) \($0.name[lang])") }
        // The topics the service would accept: those of committees the questionnaire's owner covers.
        let ownerScope = Scope.of(kind: row.ownerKind, id: row.ownerID)
        let committees = try await RegistryDirectory(db: req.db).surveyPlaces().filter { $0.kind == "committee" && ownerScope.covers(map.place(committee: $0.id)) }
        let committeeNames = Dictionary(committees.map { ($0.id, $0.name[lang]) }, uniquingKeysWith: { a, _ in a })
        let topicChoices = try await CouncilTopicDirectory(db: req.db).topics(ofCommittees: committees.map(\.id))
            .map { SurveyPageModel.Choice(value: $0.id.uuidString, label: "\($0.title) · \(committeeNames[$0.committeeID] ?? "")") }
        return .init(id: id, title: row.title, version: row.currentVersion, questionnaire: detail.questionnaire, distributions: detail.distributions,
                     places: places, serviceItems: items,
                     links: detail.links.compactMap { l in SurveyLinkKind(rawValue: l.kind).map { (kind: $0, target: l.target, note: l.note, question: l.questionKey) } },
                     today: req.today,
                     topics: Dictionary(try await CouncilTopicDirectory(db: req.db).topics(detail.links.filter { $0.kind == SurveyLinkKind.councilTopic.rawValue }
                         .compactMap { UUID(uuidString: $0.target) }).map { ($0.key.uuidString, $0.value.title) }, uniquingKeysWith: { a, _ in a }),
                     topicChoices: topicChoices)
    }

    /// `values` nil: a fresh page, whose question form is empty, or holds the question named by
    /// `?edit=` (then saving replaces that question where it stands).
    static func builder(_ req: Request, values given: [String: [String]]?, errors: [ZhanjuError]) async throws -> Response {
        let lang = Lang.of(req)
        var m = try await builderModel(req, try req.uuidParameter("id"))
        var values = given ?? [:]
        if given == nil, let key = QueryParameters(req)["edit"] {
            guard let found = formValues(key, in: m.questionnaire) else { throw SurveyStrings.notFound() }
            values = found
        }
        m.editing = one(values, "replace")
        return Layout.response(Layout.page(m.title[lang], req: req, content: SurveyPageView.builder(m, values: values, errors: errors, lang: lang, csrf: Layout.csrfField(req))),
                               status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func addQuestion(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let v = FormKit.values(of: req)
        do {
            let service = try SurveyService(req)
            let row = try await service.questionnaire(id)
            let current = try await service.version(id, row.currentVersion)
            var (section, question) = try question(from: v)
            let edited: Questionnaire
            if let original = one(v, "replace") {
                guard let old = current.question(original) else { throw ZhanjuError.invalid("replace", "unknown_reference", Strings.errorUnknownRef("replace")) }
                // A condition the form cannot show (a range, several joined) stays as it was.
                if !(v["keep_condition"] ?? []).isEmpty { question.showIf = old.showIf }
                edited = replacing(original, with: question, in: section, current)
            } else {
                edited = adding(question, in: section, to: current)
            }
            _ = try await service.revise(id, .init(ownerKind: nil, ownerId: nil, questionnaire: edited, bilingual: false))
            return req.redirect(to: SitePath.survey.link(id), redirectType: .normal)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await builder(req, values: v, errors: fieldErrors(e))
        }
    }

    /// The questionnaire with one question replaced where it stands (in its section, at its
    /// place), or moved to the end of another section when the form names another.
    static func replacing(_ key: String, with q: Question, in section: QuestionnaireSection, _ questionnaire: Questionnaire) -> Questionnaire {
        var out = questionnaire
        for i in out.sections.indices {
            guard let j = out.sections[i].questions.firstIndex(where: { $0.key == key }) else { continue }
            if out.sections[i].key == section.key {
                out.sections[i].questions[j] = q
                (out.sections[i].title.zh, out.sections[i].title.en) = (section.title.zh, section.title.en)
                return out
            }
            out.sections[i].questions.remove(at: j)
            out.sections.removeAll { $0.questions.isEmpty }
            return adding(q, in: section, to: out)
        }
        return adding(q, in: section, to: out)
    }

    /// Moves a question one place up or down: within its section, or across into the section
    /// before or after. A condition that would then read a later question is refused by name.
    static func moved(_ key: String, up: Bool, in questionnaire: Questionnaire) -> Questionnaire? {
        var q = questionnaire
        guard let i = q.sections.firstIndex(where: { $0.questions.contains { $0.key == key } }),
              let j = q.sections[i].questions.firstIndex(where: { $0.key == key }) else { return nil }
        let count = q.sections[i].questions.count
        if up && j > 0 { q.sections[i].questions.swapAt(j, j - 1) }
        else if !up && j < count - 1 { q.sections[i].questions.swapAt(j, j + 1) }
        else if up && i > 0 { q.sections[i - 1].questions.append(q.sections[i].questions.remove(at: j)) }
        else if !up && i < q.sections.count - 1 { q.sections[i + 1].questions.insert(q.sections[i].questions.remove(at: j), at: 0) }
        else { return q }
        q.sections.removeAll { $0.questions.isEmpty }
        return q
    }

    static func moveQuestion(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let v = FormKit.values(of: req)
        do {
            let service = try SurveyService(req)
            let row = try await service.questionnaire(id)
            let current = try await service.version(id, row.currentVersion)
            guard let key = one(v, "key"), let q = moved(key, up: one(v, "direction") != "down", in: current) else {
                throw ZhanjuError.invalid("key", "unknown_reference", Strings.errorUnknownRef("key"))
            }
            _ = try await service.revise(id, .init(ownerKind: nil, ownerId: nil, questionnaire: q, bilingual: false))
            return req.redirect(to: SitePath.survey.link(id), redirectType: .normal)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await builder(req, values: [:], errors: fieldErrors(e))
        }
    }

    /// The builder form's fields for a question as it is stored (the inverse of `question(from:)`).
    static func formValues(_ key: String, in questionnaire: Questionnaire) -> [String: [String]]? {
        guard let section = questionnaire.sections.first(where: { $0.questions.contains { $0.key == key } }),
              let q = section.questions.first(where: { $0.key == key }) else { return nil }
        var v: [String: [String]] = ["replace": [key], "section_key": [section.key], "section_zh": [section.title.zh], "section_en": [section.title.en],
                                     "key": [key], "text_zh": [q.text.zh], "text_en": [q.text.en]]
        func bilingual(_ t: BilingualText?) -> [String]? { t.map { [$0.en.isEmpty ? $0.zh : "\($0.zh)|\($0.en)"] } }
        func number(_ x: Double?) -> [String]? { x.map { [$0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0)] } }
        if q.required { v["required"] = ["on"] }
        v["help"] = bilingual(q.help)
        v["kind"] = [SurveyRead.kindName(q.kind)]
        switch q.kind {
        case .singleChoice(let options, let other), .multipleChoice(let options, let other, _, _):
            v["options"] = [options.map { "\($0.key)|\($0.text.zh)" + ($0.text.en.isEmpty ? "" : "|\($0.text.en)") }.joined(separator: "\n")]
            if other { v["allows_other"] = ["on"] }
            if case .multipleChoice(_, _, let minimum, let maximum) = q.kind {
                v["minimum"] = minimum > 0 ? [String(minimum)] : nil
                v["maximum"] = maximum.map { [String($0)] }
            }
        case .ratingScale(let lowest, let highest, let low, let high):
            (v["minimum"], v["maximum"], v["low_label"], v["high_label"]) = ([String(lowest)], [String(highest)], bilingual(low), bilingual(high))
        case .number(let minimum, let maximum, _):
            (v["minimum"], v["maximum"]) = (number(minimum), number(maximum))
        case .date: break
        case .freeText(let maxLength): v["maximum"] = [String(maxLength)]
        }
        switch q.showIf {
        case nil: break
        case .answered(let other)?: v["show_if_question"] = [other]
        case .chosen(let other, let keys)?: v["show_if_choice"] = keys.map { "\(other)=\($0)" }
        case .some: v["keep_condition"] = ["on"]
        }
        return v
    }

    /// Takes a question out (a new version once anyone has answered); a later question whose
    /// condition reads it is named in the refusal.
    static func removeQuestion(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let v = FormKit.values(of: req)
        do {
            let service = try SurveyService(req)
            let row = try await service.questionnaire(id)
            var q = try await service.version(id, row.currentVersion)
            guard let key = one(v, "key"), q.question(key) != nil else { throw ZhanjuError.invalid("key", "unknown_reference", Strings.errorUnknownRef("key")) }
            for i in q.sections.indices { q.sections[i].questions.removeAll { $0.key == key } }
            q.sections.removeAll { $0.questions.isEmpty }
            _ = try await service.revise(id, .init(ownerKind: nil, ownerId: nil, questionnaire: q, bilingual: false))
            return req.redirect(to: SitePath.survey.link(id), redirectType: .normal)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await builder(req, values: [:], errors: fieldErrors(e))
        }
    }

    static func preview(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let service = try SurveyService(req)
        let row = try await service.questionnaire(try req.uuidParameter("id"))
        let q = try await service.version(row.id!, row.currentVersion)
        return Layout.response(Layout.page(q.title[SurveyPageView.sl(lang)], req: req, content: SurveyPageView.preview(q, lang: lang)))
    }

    static func distributionInput(_ v: [String: [String]]) -> SurveyService.DistributionInput {
        let scope = (one(v, "scope") ?? "").split(separator: ":").map(String.init)
        return .init(nameZh: one(v, "name_zh"), nameEn: one(v, "name_en"), scopeKind: scope.first, scopeId: scope.count == 2 ? UUID(uuidString: scope[1]) : nil,
                     sampling: one(v, "sampling"), householdsPerGrid: one(v, "households_per_grid").flatMap { Int($0) }, seed: one(v, "seed"),
                     anonymous: !(v["anonymous"] ?? []).filter { !$0.isEmpty }.isEmpty, closesOn: one(v, "closes_on"))
    }

    static func sample(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let v = FormKit.values(of: req)
        do {
            let input = distributionInput(v)
            let service = try SurveyService(req)
            let plan = try await service.plan(id, input)
            let row = try await service.questionnaire(id)
            let scopeName = try await RegistryDirectory(db: req.db).surveyPlaces().first { $0.id == plan.scopeID }?.name[lang] ?? ""
            let m = SurveyPageModel.Sample(questionnaireID: id, title: row.title, scopeName: scopeName, input: input,
                                           preview: SurveyRead.preview(plan, gridNames: try await SurveyRead.gridNames(on: req.db)))
            return Layout.response(Layout.page(Text("抽样结果", "The sample")[lang], req: req, content: SurveyPageView.sample(m, lang: lang, csrf: Layout.csrfField(req))))
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await builder(req, values: v, errors: fieldErrors(e))
        }
    }

    static func send(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let v = FormKit.values(of: req)
        do {
            let d = try await SurveyService(req).send(id, distributionInput(v))
            return req.redirect(to: SitePath.surveyDistribution.link(d.id!), redirectType: .normal)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await builder(req, values: v, errors: fieldErrors(e))
        }
    }

    static func link(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        let v = FormKit.values(of: req)
        do {
            // Two forms post here: the service item's, and the council topic's (kind council_topic).
            let kind = one(v, "kind") == SurveyLinkKind.councilTopic.rawValue ? SurveyLinkKind.councilTopic : .serviceItem
            _ = try await SurveyService(req).link(id, .init(kind: kind.rawValue, target: one(v, "target"), questionKey: one(v, "question_key"), note: one(v, "note")))
            return req.redirect(to: SitePath.survey.link(id), redirectType: .normal)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            // Shown beside the form that was sent (link_kind), each field by its label.
            let kind = one(v, "kind") == SurveyLinkKind.councilTopic.rawValue ? SurveyLinkKind.councilTopic : .serviceItem
            let labels: [String: Text] = ["target": kind == .councilTopic ? Text("议事会议题", "Council topic") : Text("服务事项", "Service item"),
                                          "question_key": SurveyStrings.fromQuestion, "note": SurveyStrings.linkNote]
            return try await builder(req, values: v.merging(["link_kind": [kind.rawValue]]) { a, _ in a }, errors: fieldErrors(e).map { labelled($0, labels) })
        }
    }

    // MARK: a distribution

    static func distribution(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let service = try SurveyService(req)
        let d = try await service.distribution(try req.uuidParameter("id"))
        let row = try await service.questionnaire(d.questionnaireID)
        let scopeName = try await RegistryDirectory(db: req.db).surveyPlaces().first { $0.id == d.scopeID }?.name[lang] ?? ""
        let m = SurveyPageModel.Distribution(view: try await .read(d, on: req.db, today: req.today), title: row.title, scopeName: scopeName,
                                             rates: try await SurveyRead.rates(d, on: req.db), canRun: true, takesPaper: d.status == SurveyStatus.open.rawValue)
        return Layout.response(Layout.page(d.name[lang], req: req, content: SurveyPageView.distribution(m, lang: lang, csrf: Layout.csrfField(req))))
    }

    static func slips(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let service = try SurveyService(req)
        let d = try await service.distribution(try req.uuidParameter("id"))
        let row = try await service.questionnaire(d.questionnaireID)
        let m = SurveyPageModel.Slips(name: d.name, title: row.title, closesOn: d.closedOnDay, invitations: try await SurveyRead.invitations(d, on: req.db),
                                      site: PublicAddress.of(req))
        return Layout.response(Layout.page(Text("邀请条", "Invitation slips")[lang] + " · " + d.name[lang], req: req, content: SurveyPageView.slips(m, lang: lang)))
    }

    static func analysis(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let service = try SurveyService(req)
        let d = try await service.distribution(try req.uuidParameter("id"))
        try SurveysAPI.refuseUnknown(req, allowed: ["row", "column", "chose"] + SurveysAPI.filterParameters)
        let p = QueryParameters(req)
        var filter = try SurveysAPI.filter(req)
        if let chose = p["chose"] {
            let parts = chose.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { (filter.question, filter.option) = (parts[0], parts[1]) }
        }
        let l = try await SurveyRead.load(d, filter: filter, on: req.db)
        var cross: SurveyRead.CrossTabView?
        if let row = p["row"], let column = p["column"] { cross = SurveyRead.crossTab(l, row: row, column: column) }
        let compounds = try await RegistryDirectory(db: req.db).surveyPlaces().filter { $0.kind == "compound" }.map { SurveyPageModel.Choice(value: $0.id.uuidString, label: $0.name[lang]) }
        let m = SurveyPageModel.Analysis(distributionID: d.id!, name: d.name, anonymous: d.anonymous,
                                         analysis: .of(d, l, filter: filter, crossTab: cross),
                                         variables: SurveyPageModel.variables(l.questionnaire, lang: lang), choices: SurveyPageModel.choices(l.questionnaire, lang: lang), compounds: compounds, row: p["row"], column: p["column"], filter: filter)
        return Layout.response(Layout.page(SurveyStrings.analysis[lang] + " · " + d.name[lang], req: req, content: SurveyPageView.analysis(m, lang: lang)))
    }

    // MARK: paper

    static func paperModel(_ req: Request, _ d: SurveyDistribution) async throws -> SurveyPageModel.Paper {
        let lang = Lang.of(req)
        let service = try SurveyService(req)
        let map = try await service.context.access.map(on: req.db)
        // Only the compounds this caller may type a questionnaire in for, within the survey's scope.
        let inScope = try await service.compoundsInScope(d, map: map)
        let compounds = try await RegistryDirectory(db: req.db).surveyPlaces()
            .filter { $0.kind == "compound" && service.entersPaper(d, compound: $0.id, map: map, inScope: inScope) }
            .map { SurveyPageModel.Choice(value: $0.id.uuidString, label: $0.name[lang]) }
        return .init(distributionID: d.id!, name: d.name, questionnaire: try await SurveyRead.questionnaire(of: d, on: req.db), compounds: compounds,
                     closedOn: d.status == SurveyStatus.open.rawValue ? nil : d.closedOnDay)
    }

    static func paperForm(_ req: Request, values: [String: [String]], saved: SurveyAnswers, errors: [ZhanjuError], notice: Text?) async throws -> Response {
        let lang = Lang.of(req)
        let d = try await SurveyService(req).distribution(try req.uuidParameter("id"), permission: .surveysEnter)
        let m = try await paperModel(req, d)
        return Layout.response(Layout.page(SurveyStrings.paperEntry[lang], req: req,
                                           content: SurveyPageView.paper(m, values: values, saved: saved, errors: errors, notice: notice, lang: lang, csrf: Layout.csrfField(req))),
                               status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func paperSave(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        let d = try await SurveyService(req).distribution(try req.uuidParameter("id"), permission: .surveysEnter)
        let q = try await SurveyRead.questionnaire(of: d, on: req.db)
        let (answers, unread) = SurveyPageView.answers(from: v, q)
        do {
            if let first = unread.first { var e = first; e.also = Array(unread.dropFirst()); throw e }
            // Without compounds of their own to choose (a grid worker), the slip's code places the household.
            if (one(v, "code") ?? "").trimmingCharacters(in: .whitespaces).isEmpty, try await paperModel(req, d).compounds.isEmpty {
                throw ZhanjuError.required("code")
            }
            _ = try await SurveyService(req).enterPaper(d.id!, .init(code: one(v, "code"), compoundId: one(v, "compound_id").flatMap(UUID.init(uuidString:)),
                                                                  sex: one(v, "sex"), age: try paperAge(one(v, "age")), answers: q.pruned(answers)))
            return try await paperForm(req, values: [:], saved: [:], errors: [], notice: Text("已保存,可以录入下一份。", "Saved; enter the next one."))
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return try await paperForm(req, values: v, saved: answers, errors: fieldErrors(e).map(paperLabelled), notice: nil)
        } catch let e as ZhanjuError where e.kind == .notFound || e.kind == .forbidden {
            // The distribution is theirs (read above), so this is the slip's household or the
            // chosen compound lying outside the area they serve: say so beside the field, keep the form.
            let field = (one(v, "code") ?? "").isEmpty ? "compound_id" : "code"
            let outside = ZhanjuError(.invalid, code: "survey.outside_your_area", field: field,
                                      message: Text("这份问卷的住户不在您可以录入的范围内。", "This questionnaire's household is outside the area you may enter paper for."))
            return try await paperForm(req, values: v, saved: answers, errors: [paperLabelled(outside)], notice: nil)
        }
    }

    /// The age typed on the paper form: empty is none; anything that is not a whole number from
    /// 0 to 120 (`abc`, `1e3`, a number too long to read) is refused as the API refuses 99999999999.
    static func paperAge(_ typed: String?) throws -> Int? {
        guard let typed = typed?.trimmingCharacters(in: .whitespaces), !typed.isEmpty else { return nil }
        guard let age = Int(typed) else { return try Check.int(Int.max, "age", in: 0...120) }
        return age
    }

    /// The paper form's own fields by their labels in the page's language, not their names
    /// ("Compound: required." rather than "compound_id: required.").
    static let paperLabels: [String: Text] = ["compound_id": SurveyStrings.compound, "sex": SurveyStrings.sex, "age": SurveyStrings.age,
                                              "code": Text("邀请码", "The slip's code")]

    static func paperLabelled(_ e: ZhanjuError) -> ZhanjuError { labelled(e, paperLabels) }

    /// A refusal naming a form's field by its label in the page's language, not by its name
    /// (the service's messages start "field: …").
    static func labelled(_ e: ZhanjuError, _ labels: [String: Text]) -> ZhanjuError {
        guard let field = e.field, let label = labels[field] else { return e }
        var out = e
        func relabel(_ s: String, _ l: String) -> String { s.hasPrefix(field + ":") ? l + s.dropFirst(field.count) : s }
        out.message = Text(relabel(e.message.zh, label.zh), relabel(e.message.en, label.en))
        return out
    }

    // MARK: answering

    static func answer(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let v = FormKit.values(of: req)
        let service = SurveyService(respondent: req)
        let opened: SurveyService.Opened
        do {
            opened = try await service.open(code: one(v, "code"))
            if opened.answered { throw SurveyStrings.alreadyAnswered }
            if !opened.distribution.isOpen(on: req.today) { throw SurveyStrings.closed(opened.distribution.closedOnDay) }
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return Layout.response(Layout.page(SurveyStrings.answer[lang], req: req, content: SurveyPageView.codeForm(error: e, lang: lang)), status: e.status)
        }
        var model = SurveyPageModel.Answering(code: opened.invitation.code, name: opened.distribution.name, closesOn: opened.distribution.closesOn,
                                              anonymous: opened.distribution.anonymous, questionnaire: opened.questionnaire, saved: opened.draft)
        func page(_ errors: [ZhanjuError], _ notice: Text?, status: HTTPResponseStatus = .ok) -> Response {
            Layout.response(Layout.page(opened.questionnaire.title[SurveyPageView.sl(lang)], req: req,
                                        content: SurveyPageView.answering(model, errors: errors, notice: notice, lang: lang)), status: status)
        }
        guard one(v, "opened") != nil else { return page([], nil) }
        let (answers, unread) = SurveyPageView.answers(from: v, opened.questionnaire)
        let submit = one(v, "action") != "save"
        model.saved = answers
        do {
            if let first = unread.first { var e = first; e.also = Array(unread.dropFirst()); throw e }
            let saved = try await service.answer(code: opened.invitation.code, answers: opened.questionnaire.pruned(answers), submit: submit)
            if saved == .draft { return page([], Text("已暂存。用同一个邀请码可以回来接着填。", "Saved. Come back with the same code to go on.")) }
            let html = Layout.page(SurveyStrings.answer[lang], req: req,
                                   .p(.class("notice"), .text(Text("谢谢!您的问卷已提交。", "Thank you: your answers are in.")[lang])))
            return Layout.response(html)
        } catch let e as ZhanjuError where e.kind == .invalid || e.kind == .conflict {
            return page(fieldErrors(e), nil, status: e.status)
        }
    }
}

/// The builder's kinds of question, by the names the stored form uses.
enum QuestionKindName: String, CaseIterable, Sendable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case ratingScale = "rating_scale"
    case number
    case date
    case freeText = "free_text"
}
