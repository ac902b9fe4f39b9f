import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// The council's forms: a resident or the committee raises a topic, the committee reviews it and
/// carries out resolutions (tasks with their owner chosen by name, progress, evidence as text),
/// the supervisory committee records findings and signs off, residents comment. Each form posts
/// to its own address, redirects on success and shows every error at once beside its field.
enum CouncilForms {
    static func register(on app: Application) {
        app.get(.councilNewTopic) { req in try await newTopic(req, post: false) }.access(.signedIn)
        app.post(.councilNewTopic) { req in try await newTopic(req, post: true) }.access(.signedIn)
        app.get(.councilReview) { req in try await review(req, post: false) }.access(.permission(.councilExecute))
        app.post(.councilReview) { req in try await review(req, post: true) }.access(.permission(.councilExecute))
        app.get(.councilComment) { req in try await comment(req, post: false) }.access(.signedIn)
        app.post(.councilComment) { req in try await comment(req, post: true) }.access(.signedIn)
        app.get(.councilAct) { req in try await act(req, post: false) }.access(.signedIn)
        app.post(.councilAct) { req in try await act(req, post: true) }.access(.signedIn)
        app.get(.councilNewTask) { req in try await newTask(req, post: false) }.access(.permission(.councilExecute))
        app.post(.councilNewTask) { req in try await newTask(req, post: true) }.access(.permission(.councilExecute))
        app.get(.councilProgress) { req in try await progress(req, post: false) }.access(.permission(.councilExecute))
        app.post(.councilProgress) { req in try await progress(req, post: true) }.access(.permission(.councilExecute))
        app.get(.councilEvidence) { req in try await evidence(req, post: false) }.access(.permission(.councilExecute))
        app.post(.councilEvidence) { req in try await evidence(req, post: true) }.access(.permission(.councilExecute))
    }

    static func one(_ v: [String: [String]], _ key: String) -> String? { v[key]?.first.flatMap { $0.isEmpty ? nil : $0 } }

    /// The form page, or the service's answer to it: redirect on success, the form again with every error otherwise.
    static func handle(_ req: Request, post: Bool, title: String, fields: [FormField], initial: [String: [String]] = [:], intro: Node<HTML.BodyContext> = .empty,
                       submit: Text = Strings.save, _ write: @escaping @Sendable ([String: [String]]) async throws -> String) async throws -> Response {
        let lang = Lang.of(req)
        guard post else { return FormKit.page(title: title, lang: lang, req: req, fields: fields, values: initial, intro: intro, submit: submit) }
        let values = FormKit.values(of: req)
        do {
            return req.redirect(to: try await write(values), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind != .notFound && error.kind != .forbidden {
            return FormKit.page(title: title, lang: lang, req: req, fields: fields, values: values, error: error, intro: intro, submit: submit)
        }
    }

    static func origins(_ req: Request, committee: UUID) async throws -> [TopicOrigin] {
        let principal = try req.requirePrincipal()
        let place = try await req.access.map(on: req.db).place(committee: committee)
        var out: [TopicOrigin] = []
        if principal.grants.holds(.councilTakePart) && principal.residentID != nil { out.append(.resident) }
        if principal.grants.allows(.councilExecute, at: place) { out.append(.committee) }
        if principal.grants.allows(.councilGuide, at: place) { out += [.workstation, .caseTrend] }
        return out
    }

    static func newTopic(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let committee = try req.uuidParameter("id")
        guard let name = try await RegistryDirectory(db: req.db).committeeName(committee) else { throw ZhanjuError.notFound(Text("居民委员会", "residents' committee")) }
        let origins = try await origins(req, committee: committee)
        guard !origins.isEmpty else { throw CouncilService.forbidden }
        let fields = [
            FormField(name: "title", label: Text("议题", "Topic"), kind: .text, required: true),
            FormField(name: "body", label: Text("说明", "What and why"), kind: .textarea, required: true),
            FormField(name: "origin", label: Text("提出方", "Raised by"), kind: .select(origins.map { ($0.rawValue, $0.label) }), required: true),
            FormField(name: "matter", label: Text("事项类别", "Matter"), kind: .select(MatterKind.allCases.map { ($0.rawValue, CouncilStrings.matter($0)) }), required: true),
        ]
        let intro: Node<HTML.BodyContext> = .p(.class("muted"), .text(Text(
            "居民提出的议题须有 \(TopicRules.standard.coSigners) 位本社区居民联署后公开(\(TopicRules.standard.name));居民公约、向居民筹集费用等事项由居民会议决定。",
            "A resident's topic is published once \(TopicRules.standard.coSigners) other residents co-sign (\(TopicRules.standard.name)); a compact, raising funds from residents and the like are the residents' assembly's to decide.")[lang]))
        return try await handle(req, post: post, title: "\(name[lang]) · " + Text("提出议题", "Raise a topic")[lang], fields: fields,
                                initial: ["origin": [origins[0].rawValue], "matter": [MatterKind.delegated.rawValue]], intro: intro) { v in
            let t = try await CouncilService(req).raiseTopic(.init(committeeId: committee, title: one(v, "title"), body: one(v, "body"),
                                                                   matter: one(v, "matter"), origin: one(v, "origin")))
            return SitePath.councilTopic.link(t.id!)
        }
    }

    static func review(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let t = try await CouncilPages.reader(req).topic(id)
        let fields = [
            FormField(name: "decision", label: Text("审查结论", "Decision"), kind: .select([("admit", Text("受理(保留事项转有权机构)", "Admit (a reserved matter goes to the body that must decide)")),
                                                                                        ("refuse", Text("不予受理", "Not admissible"))]), required: true),
            FormField(name: "reason", label: Text("公开理由", "Public reason"), kind: .textarea, required: true),
            FormField(name: "matter", label: Text("事项类别", "Matter"), kind: .select(MatterKind.allCases.map { ($0.rawValue, CouncilStrings.matter($0)) }), required: true),
        ]
        return try await handle(req, post: post, title: t.title + " · " + Text("受理审查", "Admissibility review")[lang], fields: fields,
                                initial: ["matter": [t.matter]]) { v in
            _ = try await CouncilService(req).review(id, .init(decision: one(v, "decision"), reason: one(v, "reason"), matter: one(v, "matter")))
            return SitePath.councilTopic.link(id)
        }
    }

    static func comment(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let t = try await CouncilPages.reader(req).topic(id)
        let fields = [FormField(name: "text", label: Text("评论", "Comment"), kind: .textarea, required: true)]
        return try await handle(req, post: post, title: t.title + " · " + Text("发表评论", "Comment")[lang], fields: fields) { v in
            _ = try await CouncilService(req).comment(id, .init(text: one(v, "text")))
            return SitePath.councilTopic.link(id)
        }
    }

    /// The actions the caller may take on a resolution now, as the lifecycle allows them.
    static func actions(_ req: Request, _ r: CouncilResolution) async throws -> [ExecutionAction] {
        guard let principal = req.principal else { return [] }
        let place = try await req.access.map(on: req.db).place(committee: r.committeeID)
        return ExecutionActor.allCases.filter { principal.grants.allows(CouncilService.permission(for: $0), at: place) }
            .flatMap { ExecutionLifecycle.actions(from: r.statusValue, for: $0) }
    }

    static func actionLabel(_ a: ExecutionAction) -> Text { CouncilStrings.action(a.rawValue) }

    static func act(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let r = try await CouncilPages.reader(req).resolution(id)
        let allowed = try await actions(req, r)
        guard !allowed.isEmpty else { throw CouncilService.forbidden }
        let fields = [
            FormField(name: "action", label: Text("办理", "Step"), kind: .select(allowed.map { ($0.rawValue, actionLabel($0)) }), required: true),
            FormField(name: "reason", label: Text("公开理由(提出意见、撤销时必填)", "Public reason (required for a finding or a rescission)"), kind: .textarea),
        ]
        return try await handle(req, post: post, title: r.title + " · " + CouncilStrings.status(r.statusValue)[lang], fields: fields,
                                initial: ["action": [allowed[0].rawValue]]) { v in
            _ = try await CouncilService(req).act(id, .init(action: one(v, "action"), reason: one(v, "reason")))
            return SitePath.councilResolution.link(id)
        }
    }

    static func newTask(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let r = try await CouncilPages.reader(req).resolution(id)
        // Owners are the committee's members, chosen by name.
        let members = try await RegistryDirectory(db: req.db).members(of: .residentsCommittee, committee: r.committeeID, on: req.today)
        let tasks = try await CouncilTask.query(on: req.db).filter(\.$resolutionID == id).sort(\.$dueOn).all()
        let fields = [
            FormField(name: "title", label: Text("任务", "Task"), kind: .text, required: true),
            FormField(name: "owner_id", label: Text("负责人", "Owner"), kind: .select(members.map { ($0.id.uuidString, Text("\($0.name) · \($0.post.label.zh)", "\($0.name) · \($0.post.label.en)")) }), required: true),
            FormField(name: "due_on", label: Text("期限", "Due"), kind: .date, required: true),
            FormField(name: "weight", label: Text("权重(1–100)", "Weight (1–100)"), kind: .number, required: true),
            FormField(name: "parent_id", label: Text("上级任务(可选)", "Under task (optional)"), kind: .select(tasks.map { ($0.id!.uuidString, Text($0.title, $0.title)) })),
        ]
        return try await handle(req, post: post, title: r.title + " · " + Text("分解任务", "Add a task")[lang], fields: fields, initial: ["weight": ["1"]]) { v in
            guard let owner = one(v, "owner_id").flatMap(UUID.init(uuidString:)) else { throw ZhanjuError.required("owner_id") }
            guard let weight = Int(one(v, "weight") ?? "") else { throw ZhanjuError.invalid("weight", "number", Text("应为整数。", "Expected a whole number.")) }
            _ = try await CouncilService(req).addTask(id, .init(title: one(v, "title"), ownerId: owner, dueOn: one(v, "due_on"), weight: weight,
                                                                parentId: one(v, "parent_id").flatMap(UUID.init(uuidString:))))
            return SitePath.councilResolution.link(id)
        }
    }

    static func progress(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        guard let task = try await CouncilTask.find(id, on: req.db) else { throw ZhanjuError.notFound(CouncilStrings.task) }
        let fields = [
            FormField(name: "percent_done", label: Text("完成百分比(0–100)", "Per cent done (0–100)"), kind: .number, required: true),
            FormField(name: "note", label: Text("说明", "Note"), kind: .textarea),
        ]
        return try await handle(req, post: post, title: task.title + " · " + CouncilStrings.progress[lang], fields: fields, initial: ["percent_done": [String(task.percentDone)]]) { v in
            guard let percent = Int(one(v, "percent_done") ?? "") else { throw ZhanjuError.invalid("percent_done", "number", Text("应为整数。", "Expected a whole number.")) }
            let t = try await CouncilService(req).progress(id, .init(percentDone: percent, note: one(v, "note")))
            return SitePath.councilResolution.link(t.resolutionID)
        }
    }

    static func evidence(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let r = try await CouncilPages.reader(req).resolution(id)
        let tasks = try await CouncilTask.query(on: req.db).filter(\.$resolutionID == id).sort(\.$dueOn).all()
        let fields = [
            FormField(name: "text", label: Text("佐证说明", "Evidence"), kind: .textarea, required: true),
            FormField(name: "task_id", label: Text("对应任务(可选)", "For task (optional)"), kind: .select(tasks.map { ($0.id!.uuidString, Text($0.title, $0.title)) })),
        ]
        let intro: Node<HTML.BodyContext> = .p(.class("muted"), .text(Text("照片和文件通过接口上传(POST /api/v1/council/resolutions/{id}/evidence)。",
                                                                           "Photos and files are uploaded through the API (POST /api/v1/council/resolutions/{id}/evidence).")[lang]))
        return try await handle(req, post: post, title: r.title + " · " + CouncilStrings.evidence[lang], fields: fields, intro: intro) { v in
            _ = try await CouncilService(req).addEvidence(id, .init(taskId: one(v, "task_id").flatMap(UUID.init(uuidString:)), text: one(v, "text"),
                                                                    fileName: nil, contentType: nil, contentBase64: nil))
            return SitePath.councilResolution.link(id)
        }
    }
}
