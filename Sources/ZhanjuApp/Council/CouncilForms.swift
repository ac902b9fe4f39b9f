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
        // Evidence may carry a file: a multipart form, with room for the 2 MiB the service allows.
        app.on(.POST, SitePath.councilEvidence.components, body: .collect(maxSize: "4mb")) { req in try await evidence(req, post: true) }.access(.permission(.councilExecute))
        let decide = CouncilService.runsMeetings
        app.get(.councilNewMeeting) { req in try await newMeeting(req, post: false) }.access(decide)
        app.post(.councilNewMeeting) { req in try await newMeeting(req, post: true) }.access(decide)
        app.get(.councilAttendance) { req in try await attendance(req, post: false) }.access(decide)
        app.post(.councilAttendance) { req in try await attendance(req, post: true) }.access(decide)
        app.get(.councilVote) { req in try await vote(req, post: false) }.access(decide)
        app.post(.councilVote) { req in try await vote(req, post: true) }.access(decide)
        app.get(.councilDecide) { req in try await decideItem(req, post: false) }.access(decide)
        app.post(.councilDecide) { req in try await decideItem(req, post: true) }.access(decide)
        app.get(.councilMinutes) { req in try await minutes(req, post: false) }.access(decide)
        app.post(.councilMinutes) { req in try await minutes(req, post: true) }.access(decide)
        app.get(.councilSign) { req in try await sign(req, post: false) }.access(decide)
        app.post(.councilSign) { req in try await sign(req, post: true) }.access(decide)
        app.get(.councilNewNotice) { req in try await newNotice(req, post: false) }.access(.signedIn)
        app.post(.councilNewNotice) { req in try await newNotice(req, post: true) }.access(.signedIn)
        app.post(.councilPetitionSign) { req in try await signPetition(req) }.access(.permission(.councilTakePart))
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
            "居民提出的议题须有 \(TopicRules.standard.coSigners) 位本社区居民联署后公开(\(CouncilStrings.ruleSet(TopicRules.standard.name).zh));居民公约、向居民筹集费用等事项由居民会议决定。",
            "A resident's topic is published once \(TopicRules.standard.coSigners) other residents co-sign (\(CouncilStrings.ruleSet(TopicRules.standard.name).en)); a compact, raising funds from residents and the like are the residents' assembly's to decide.")[lang]))
        var initial = ["origin": [origins[0].rawValue], "matter": [MatterKind.delegated.rawValue]]
        if !post, origins.contains(.caseTrend), let family = try? req.query.get(String.self, at: "family"), let trend = try? await caseTrend(req, committee: committee, family: family) {
            initial["origin"] = [TopicOrigin.caseTrend.rawValue]
            initial["title"] = [trend.title[lang]]
            initial["body"] = [trend.body[lang]]
        }
        return try await handle(req, post: post, title: "\(name[lang]) · " + Text("提出议题", "Raise a topic")[lang], fields: fields,
                                initial: initial, intro: intro) { v in
            let t = try await CouncilService(req).raiseTopic(.init(committeeId: committee, title: one(v, "title"), body: one(v, "body"),
                                                                   matter: one(v, "matter"), origin: one(v, "origin")))
            return SitePath.councilTopic.link(t.id!)
        }
    }

    /// A topic drafted from a trend on the committee's services dashboard: the family of cases,
    /// how many there are of all the committee's cases. The workstation edits it before saving.
    static func caseTrend(_ req: Request, committee: UUID, family: String) async throws -> (title: Text, body: Text)? {
        let d = try await Dashboard.load(scope: "committee", id: committee, req: req)
        guard let f = d.byFamily.first(where: { $0.key == family }) else { return nil }
        return (Text("关于“\(f.labelZh)”类诉求的议题", "On the cases about “\(f.labelEn)”"),
                Text("服务看板显示:本居委会“\(f.labelZh)”类诉求 \(f.count) 件(全部诉求 \(d.total) 件,其中逾期 \(d.overdue) 件)。请议事会研究。",
                     "The services dashboard shows \(f.count) cases about “\(f.labelEn)” (of the committee's \(d.total) cases, \(d.overdue) overdue). For the council to consider."))
    }

    /// On a committee's services dashboard, for the workstation that guides it: a topic from
    /// each family of cases, drafted on the topic form.
    static func trendLinks(_ d: Dashboard, lang: Lang) -> Node<HTML.BodyContext> {
        .section(.h2(.text(Text("从诉求趋势提出议题", "Raise a topic from a trend of cases")[lang])),
                 .ul(.forEach(d.byFamily.filter { $0.count > 0 }) { f in
                     .li(.a(.href(attr(SitePath.councilNewTopic.link(d.id, query: [("family", f.key)]))), .text(lang == .zh ? f.labelZh : f.labelEn)),
                         .text(" (\(f.count))"))
                 }))
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
        var fields = [
            FormField(name: "action", label: Text("办理", "Step"), kind: .select(allowed.map { ($0.rawValue, actionLabel($0)) }), required: true),
            FormField(name: "reason", label: Text("公开理由(提出意见、撤销时必填)", "Public reason (required for a finding or a rescission)"), kind: .textarea),
        ]
        // A finding or a sign-off is the supervisory committee's decision: who was there and who agreed, by name.
        if allowed.contains(where: { $0 == .recordFinding || $0 == .signOff }) {
            let supervisors = try await RegistryDirectory(db: req.db).members(of: .supervisoryCommittee, committee: r.committeeID, on: req.today)
                .map { ($0.id.uuidString, Text("\($0.name) · \($0.post.label.zh)", "\($0.name) · \($0.post.label.en)")) }
            fields += [FormField(name: "present", label: Text("到会监事", "Supervisors present"), kind: .multi(supervisors)),
                       FormField(name: "agreed", label: Text("同意的监事", "Supervisors who agreed"), kind: .multi(supervisors))]
        }
        let me = req.principal?.residentID.map { [$0.uuidString] } ?? []
        return try await handle(req, post: post, title: r.title + " · " + CouncilStrings.status(r.statusValue)[lang], fields: fields,
                                initial: ["action": [allowed[0].rawValue], "present": me, "agreed": me]) { v in
            func ids(_ k: String) -> [UUID]? { v[k].map { $0.compactMap(UUID.init(uuidString:)) }.flatMap { $0.isEmpty ? nil : $0 } }
            _ = try await CouncilService(req).act(id, .init(action: one(v, "action"), reason: one(v, "reason"), agreed: ids("agreed"), present: ids("present")))
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

    /// What the evidence form sends: text fields and, optionally, one file.
    struct EvidenceUpload: Content {
        var text: String?
        var task_id: String?
        var file: File?
    }

    /// The file's type: what the browser declares, or, when it declares none or only "bytes",
    /// what the first bytes say. The service checks the first bytes against it either way.
    static func uploadType(_ file: File) -> String? {
        let declared = file.contentType.map { "\($0.type)/\($0.subType)" }
        if let declared, declared != "application/octet-stream" { return declared }
        let data = Data(buffer: file.data)
        return CouncilService.fileTypes.filter { $0 != "text/plain" }.first { CouncilService.looksLike(data, $0) }
            ?? (CouncilService.looksLike(data, "text/plain") ? "text/plain" : declared)
    }

    /// A file refused by the service is shown beside the file field, in the page's words.
    static func fileError(_ e: ZhanjuError) -> ZhanjuError {
        guard let field = e.field, ["content_base64", "content_type", "file_name"].contains(field) else { return e }
        var out = e
        out.field = "file"
        if e.code == "choice" || field == "content_type" && e.code == "required" {
            out.message = Text("只能上传 PNG、JPEG、PDF 图片/文件或纯文本。", "Only PNG, JPEG, PDF or plain-text files can be uploaded.")
        }
        return out
    }

    static func evidence(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let r = try await CouncilPages.reader(req).resolution(id)
        let tasks = try await CouncilTask.query(on: req.db).filter(\.$resolutionID == id).sort(\.$dueOn).all()
        let fields = [
            FormField(name: "text", label: Text("佐证说明", "Evidence"), kind: .textarea, required: true),
            FormField(name: "task_id", label: Text("对应任务(可选)", "For task (optional)"), kind: .select(tasks.map { ($0.id!.uuidString, Text($0.title, $0.title)) })),
            FormField(name: "file", label: Text("照片或文件(可选,PNG、JPEG、PDF 或纯文本,不超过 2 MiB)", "Photo or file (optional: PNG, JPEG, PDF or plain text, at most 2 MiB)"),
                      kind: .file(accept: CouncilService.fileTypes.joined(separator: ","))),
        ]
        let title = r.title + " · " + CouncilStrings.evidence[lang]
        guard post else {
            // From a task's row the task is chosen already.
            let task = (try? req.query.get(String.self, at: "task_id")).flatMap { t in tasks.contains { $0.id?.uuidString == t } ? t : nil }
            return FormKit.page(title: title, lang: lang, req: req, fields: fields, values: task.map { ["task_id": [$0]] } ?? [:])
        }
        // A browser sends this form as multipart/form-data; a plain form (no file) is read too.
        let upload: EvidenceUpload
        if req.headers.contentType?.type == "multipart" {
            do { upload = try req.content.decode(EvidenceUpload.self) } catch {
                throw ZhanjuError(.malformed, code: "malformed", field: "file", message: Text("无法读取上传的表单。", "The uploaded form could not be read."))
            }
        } else {
            let v = FormKit.values(of: req)
            upload = EvidenceUpload(text: one(v, "text"), task_id: one(v, "task_id"), file: nil)
        }
        let values: [String: [String]] = ["text": [upload.text ?? ""], "task_id": [upload.task_id ?? ""]]
        // A file input left empty still sends a part, with no name and no bytes: that is no file.
        let file = upload.file.flatMap { $0.data.readableBytes == 0 && $0.filename.isEmpty ? nil : $0 }
        do {
            _ = try await CouncilService(req).addEvidence(id, .init(
                taskId: upload.task_id.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }, text: upload.text,
                fileName: file.map { String($0.filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "") },
                contentType: file.flatMap(uploadType), contentBase64: file.map { Data(buffer: $0.data).base64EncodedString() }))
            return req.redirect(to: SitePath.councilResolution.link(id), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind != .notFound && error.kind != .forbidden {
            return FormKit.page(title: title, lang: lang, req: req, fields: fields, values: values, error: fileError(error))
        }
    }

    // MARK: meetings

    static func newMeeting(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let committee = try req.uuidParameter("id")
        guard let name = try await RegistryDirectory(db: req.db).committeeName(committee) else { throw ZhanjuError.notFound(Text("居民委员会", "residents' committee")) }
        // Topics admitted for the council and those referred to an assembly; the service matches each to the body.
        let admitted = try await CouncilTopic.query(on: req.db).filter(\.$committeeID == committee)
            .filter(\.$status ~~ [TopicStatus.admitted.rawValue, TopicStatus.referred.rawValue]).sort(\.$createdAt).all()
        // The bodies whose meetings this caller runs here: the council's members theirs, the committee the assemblies.
        let place = try await req.access.map(on: req.db).place(committee: committee)
        let bodies = CouncilService.meetingBodies.filter { req.principal?.grants.allows(CouncilService.runPermission($0), at: place) ?? false }
        guard !bodies.isEmpty else { throw CouncilService.forbidden }
        // Only topics one of those bodies may decide, each with the first of them that may.
        let agenda: [(String, Text)] = admitted.compactMap { t in
            guard let body = bodies.first(where: { CouncilService.jurisdiction.route(t.matterValue, to: $0) == .allowed }) else { return nil }
            return (t.id!.uuidString, Text("\(t.title) · \(CouncilStrings.body(body).zh)", "\(t.title) · \(CouncilStrings.body(body).en)"))
        }
        let fields = [
            FormField(name: "body", label: Text("召开会议的机构", "Body that meets"), kind: .select(bodies.map { ($0.rawValue, CouncilStrings.body($0)) }), required: true),
            FormField(name: "title", label: Text("会议名称", "Meeting"), kind: .text, required: true),
            FormField(name: "place", label: Text("地点", "Place"), kind: .text, required: true),
            FormField(name: "date", label: Text("日期", "Date"), kind: .date, required: true),
            FormField(name: "time", label: Text("时间(北京时间,如 19:30)", "Time (China time, e.g. 19:30)"), kind: .text, required: true),
            FormField(name: "topic_ids", label: Text("议程(已受理的议题)", "Agenda (admitted topics)"), kind: .multi(agenda)),
        ]
        return try await handle(req, post: post, title: "\(name[lang]) · " + Text("发出会议通知", "Give notice of a meeting")[lang], fields: fields, initial: ["time": ["19:30"]]) { v in
            guard let day = CivilDate(iso: one(v, "date") ?? "") else { throw ZhanjuError.invalid("date", "date", Strings.errorDate("date")) }
            let parts = (one(v, "time") ?? "").split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
                throw ZhanjuError.invalid("time", "time", Text("时间应为“时:分”,如 19:30。", "The time is hours:minutes, e.g. 19:30."))
            }
            // China time is UTC+8 all year.
            let starts = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + Double((parts[0] - 8) * 3_600 + parts[1] * 60))
            let m = try await CouncilService(req).callMeeting(.init(committeeId: committee, title: one(v, "title"), place: one(v, "place"), startsAt: CanonicalForm.timestamp(starts),
                                                                    topicIds: (v["topic_ids"] ?? []).compactMap(UUID.init(uuidString:)), body: one(v, "body")))
            return SitePath.councilMeeting.link(m.id!)
        }
    }

    static func attendance(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let s = try await CouncilPages.reader(req)
        let m = try await s.meeting(id)
        let signed = Set(try await CouncilAttendance.query(on: req.db).filter(\.$meetingID == id).all().map(\.residentID))
        let members = try await s.members(m).filter { !signed.contains($0.id) }
        let fields = [FormField(name: "resident_id", label: Text("签到成员", "Member signing in"),
                                kind: .select(members.map { ($0.id.uuidString, Text("\($0.name) · \($0.role.zh)", "\($0.name) · \($0.role.en)")) }), required: true)]
        return try await handle(req, post: post, title: m.title + " · " + Text("签到", "Attendance")[lang], fields: fields) { v in
            _ = try await CouncilService(req).signIn(id, .init(residentId: one(v, "resident_id").flatMap(UUID.init(uuidString:))))
            return SitePath.councilAttendance.link(id)
        }
    }

    static func vote(_ req: Request, post: Bool) async throws -> Response {
        let id = try req.uuidParameter("id"), itemID = try req.uuidParameter("item")
        let s = try await CouncilPages.reader(req)
        let m = try await s.meeting(id)
        let item = try await s.item(id, itemID, on: req.db)
        let topic = try await s.topic(item.topicID)
        let voted = Set(try await CouncilVote.query(on: req.db).filter(\.$itemID == itemID).all().map(\.residentID))
        let present = try await CouncilAttendance.query(on: req.db).filter(\.$meetingID == id).filter(\.$member == true).sort(\.$name).all().filter { !voted.contains($0.residentID) }
        let fields = [
            FormField(name: "resident_id", label: Text("表决成员", "Member"), kind: .select(present.map { ($0.residentID.uuidString, Text($0.name, $0.name)) }), required: true),
            FormField(name: "choice", label: Text("表决", "Vote"), kind: .select([("for", Text("赞成", "For")), ("against", Text("反对", "Against")), ("abstain", Text("弃权", "Abstain"))]), required: true),
        ]
        return try await handle(req, post: post, title: "\(m.title) · \(topic.title)", fields: fields) { v in
            _ = try await CouncilService(req).vote(id, item: itemID, .init(residentId: one(v, "resident_id").flatMap(UUID.init(uuidString:)), choice: one(v, "choice")))
            return SitePath.councilVote.link(id, itemID)
        }
    }

    static func decideItem(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id"), itemID = try req.uuidParameter("item")
        let s = try await CouncilPages.reader(req)
        let m = try await s.meeting(id)
        let topic = try await s.topic(try await s.item(id, itemID, on: req.db).topicID)
        let secret = m.rules.ballot == .secret
        let fields = secret ? [FormField(name: "for", label: Text("赞成票", "For"), kind: .number, required: true),
                               FormField(name: "against", label: Text("反对票", "Against"), kind: .number, required: true),
                               FormField(name: "abstain", label: Text("弃权票", "Abstaining"), kind: .number, required: true)] : []
        let intro: Node<HTML.BodyContext> = .p(.text(Text("按出席情况核定法定人数,按规则集(\(CouncilStrings.ruleSet(m.rules.name, version: m.rules.version).zh))计算表决结果;结果写明依据的规则。",
                                                         "The quorum is read from the attendance and the result from the rule set (\(CouncilStrings.ruleSet(m.rules.name, version: m.rules.version).en)); the result names the rule that decided it.")[lang]))
        return try await handle(req, post: post, title: "\(m.title) · \(topic.title)", fields: fields, intro: intro, submit: Text("结束表决并计票", "Close the vote and count")) { v in
            func number(_ k: String) throws -> Int? {
                guard let raw = one(v, k) else { return nil }
                guard let n = Int(raw) else { throw ZhanjuError.invalid(k, "number", Text("应为整数。", "Expected a whole number.")) }
                return n
            }
            _ = try await CouncilService(req).decide(id, item: itemID, .init(for: try number("for"), against: try number("against"), abstain: try number("abstain")))
            return SitePath.councilMeeting.link(id)
        }
    }

    static func minutes(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let m = try await CouncilPages.reader(req).meeting(id)
        let fields = [FormField(name: "minutes", label: Text("会议纪要", "Minutes"), kind: .textarea, required: true)]
        return try await handle(req, post: post, title: m.title + " · " + Text("闭会", "Close the meeting")[lang], fields: fields) { v in
            _ = try await CouncilService(req).close(id, .init(minutes: one(v, "minutes")))
            return SitePath.councilMeeting.link(id)
        }
    }

    static func sign(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let m = try await CouncilPages.reader(req).meeting(id)
        let fields = [FormField(name: "role", label: Text("以何身份签署(本人)", "Sign yourself as"),
                                kind: .select([("chair", Text("主持人", "Chair")), ("recorder", Text("记录人", "Recorder"))]), required: true)]
        return try await handle(req, post: post, title: m.title + " · " + Text("签署纪要", "Sign the minutes")[lang], fields: fields) { v in
            _ = try await CouncilService(req).signMinutes(id, .init(role: one(v, "role"), residentId: nil))
            return SitePath.councilMeeting.link(id)
        }
    }

    /// A resident signs a petition for themselves, from its page.
    static func signPetition(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter("id")
        _ = try await CouncilService(req).sign(id, .init(kind: PetitionSignatureKind.resident.rawValue, subjectId: req.principal?.residentID))
        return req.redirect(to: SitePath.councilPetition.link(id), redirectType: .normal)
    }

    // MARK: notices

    /// The places the caller may address a notice to, by name: committees, their compounds and
    /// the compounds' buildings that they serve, and the workstation they work at.
    static func noticeScopes(_ req: Request) async throws -> [(String, Text)] {
        let principal = try req.requirePrincipal()
        let map = try await req.access.map(on: req.db)
        let registry = RegistryDirectory(db: req.db)
        func may(_ place: Place) -> Bool { principal.grants.allows(.councilExecute, at: place) || principal.grants.allows(.councilGuide, at: place) }
        var out: [(String, Text)] = []
        var workstations: Set<UUID> = []
        for c in try await registry.committees() where may(map.place(committee: c.id)) {
            out.append(("\(NoticeScope.committee.rawValue):\(c.id)", c.name))
            for compound in map.committeeOfCompound.filter({ $0.value == c.id }).keys.sorted(by: { $0.uuidString < $1.uuidString }) {
                if let name = try await registry.compoundName(compound) { out.append(("\(NoticeScope.compound.rawValue):\(compound)", Text("\(c.name.zh) · \(name.zh)", "\(c.name.en) · \(name.en)"))) }
                for b in try await registry.buildings(compound: compound) {
                    out.append(("\(NoticeScope.building.rawValue):\(b.id)", Text("\(c.name.zh) · \(b.name.zh)", "\(c.name.en) · \(b.name.en)")))
                }
            }
            if let w = map.workstationOfCommittee[c.id], principal.grants.allows(.councilGuide, at: map.place(workstation: w)) { workstations.insert(w) }
        }
        for w in workstations.sorted(by: { $0.uuidString < $1.uuidString }) {
            out.insert(("\(NoticeScope.workstation.rawValue):\(w)", Text("社区工作站(全部居委会)", "The workstation (every committee)")), at: 0)
        }
        return out
    }

    static func newNotice(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let scopes = try await noticeScopes(req)
        guard !scopes.isEmpty else { throw CouncilService.forbidden }
        let fields = [
            FormField(name: "scope", label: Text("发给", "To"), kind: .select(scopes), required: true),
            FormField(name: "title", label: Text("标题", "Title"), kind: .text, required: true),
            FormField(name: "body", label: Text("正文", "Text"), kind: .textarea, required: true),
        ]
        return try await handle(req, post: post, title: Text("发布通知", "Publish a notice")[lang], fields: fields) { v in
            let parts = (one(v, "scope") ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = UUID(uuidString: parts[1]) else { throw ZhanjuError.required("scope") }
            let n = try await CouncilService(req).publishNotice(.init(scope: parts[0], scopeId: id, title: one(v, "title"), body: one(v, "body")))
            return SitePath.councilNotice.link(n.id!)
        }
    }
}
