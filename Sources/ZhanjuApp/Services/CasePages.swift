import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// Pages for the service catalogue, filing a request (phone-first), a case with its timeline and
/// the steps one may take, the queues, and a resident's own requests.
enum CasePages {
    static func register(on app: Application) {
        app.get(.services) { req in try await catalogue(req) }.access(.open)
        app.get(.serviceEdit) { req in try await editItem(req, error: nil) }.access(.permission(.catalogueManage))
        app.post(.serviceEdit) { req in try await saveItem(req) }.access(.permission(.catalogueManage))
        app.get(.newCase) { req in try await newCase(req, error: nil) }.access(.permission(.casesFile))
        app.post(.newCase) { req in try await fileCase(req) }.access(.permission(.casesFile))
        app.get(.cases) { req in try await queue(req) }.access(.signedIn)
        app.get(.kase) { req in try await show(req, error: nil) }.access(.signedIn)
        app.post(.caseAct) { req in try await act(req) }.access(.signedIn)
        app.post(.caseRate) { req in try await rate(req) }.access(.permission(.casesFile))
    }

    /// A survey finding under the item it answers, its survey linked for those who may open it.
    static func finding(_ f: SurveyLinks.Finding, opensSurvey: Bool, lang: Lang) -> Node<HTML.BodyContext> {
        let title = "“\(f.survey[lang])”"
        let survey: Node<HTML.BodyContext> = if opensSurvey, let id = f.questionnaireID { .a(.href(attr(SitePath.survey.link(id))), .text(title)) } else { .text(title) }
        return .p(.class("muted"), .text(Text("需求调查", "Needs survey ")[lang]), survey, .text((lang == .zh ? ":" : ": ") + f.note))
    }

    static func catalogue(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let items = try await ServiceItem.query(on: req.db).sort(\.$family).sort(\.$code).all()
        let canEdit = req.principal?.grants.holds(.catalogueManage) ?? false
        let canFile = req.principal?.grants.holds(.casesFile) ?? false
        let findings = try await SurveyLinks(db: req.db).serviceItemFindings()
        // Those who run the survey behind a finding reach it; everyone else reads its note.
        let map = try await req.access.map(on: req.db)
        let html = Layout.page(Strings.catalogue[lang], req: req,
            .forEach(ServiceFamily.allCases.filter { f in items.contains { $0.family == f.rawValue } }) { family in
                .section(.h2(.text(family.label[lang])),
                         .forEach(items.filter { $0.family == family.rawValue }) { i in
                             .div(.class("card"), .id(attr("item-\(i.code)")),
                                  .h3(.text(lang == .zh ? i.nameZh : "\(i.nameEn) (\(i.nameZh))"), .span(.class("count"), .text(" \(i.code)"))),
                                  .p(.text(lang == .zh ? i.descriptionZh : i.descriptionEn)),
                                  .p(.class("muted"), .text("\(Strings.level[lang]): \(i.levelValue?.label[lang] ?? i.level) · \(Strings.slaDays[lang]): \(i.slaDays)")),
                                  .if(!i.materialList.isEmpty, .p(.class("muted"), .text("\(Strings.materials[lang]): " + i.materialList.map { $0[lang] }.joined(separator: "、")))),
                                  .if(!i.active, .p(.class("flag"), .text(Strings.disabled[lang]))),
                                  .forEach(findings[i.code] ?? []) { finding($0, opensSurvey: $0.opens(for: req.principal, map: map), lang: lang) },
                                  .div(.class("actions"),
                                       .if(canFile && i.active, .a(.class("button"), .href(attr(SitePath.newCase.link(query: [("service_code", "\(i.code)")]))), .text(Strings.newCase[lang]))),
                                       .if(canEdit, .a(.href(attr(SitePath.serviceEdit.link(i.code))), .text(Strings.edit[lang])))))
                         })
            })
        return Layout.response(html)
    }

    static func itemFields() -> [FormField] {
        [FormField(name: "code", label: Strings.code, kind: .text, required: true),
         FormField(name: "family", label: Strings.family, kind: .select(ServiceFamily.allCases.map { ($0.rawValue, $0.label) }), required: true),
         FormField(name: "name_zh", label: Strings.nameZh, kind: .text, required: true),
         FormField(name: "name_en", label: Strings.nameEn, kind: .text, required: true),
         FormField(name: "description_zh", label: Text("说明(中文)", "Description (Chinese)"), kind: .text),
         FormField(name: "description_en", label: Text("说明(英文)", "Description (English)"), kind: .text),
         FormField(name: "level", label: Strings.level, kind: .select(HandlingLevel.allCases.map { ($0.rawValue, $0.label) }), required: true),
         FormField(name: "sla_days", label: Strings.slaDays, kind: .number, required: true),
         FormField(name: "materials", label: Text("所需材料(每行一项,中文|英文)", "Materials (one per line, Chinese|English)"), kind: .text),
         FormField(name: "active", label: Text("启用", "Active"), kind: .checkbox)]
    }

    static func editItem(_ req: Request, error: ZhanjuError?, values: [String: [String]]? = nil) async throws -> Response {
        let lang = Lang.of(req)
        guard let item = try await ServiceItem.query(on: req.db).filter(\.$code == (req.parameters.get("code") ?? "").uppercased()).first() else {
            throw ZhanjuError.notFound(Text("服务事项", "service item"))
        }
        let initial: [String: [String]] = ["code": [item.code], "family": [item.family], "name_zh": [item.nameZh], "name_en": [item.nameEn],
                                           "description_zh": [item.descriptionZh], "description_en": [item.descriptionEn], "level": [item.level],
                                           "sla_days": [String(item.slaDays)], "materials": [item.materials.replacingOccurrences(of: "\n", with: " ; ")],
                                           "active": [item.active ? "on" : ""]]
        return FormKit.page(title: Strings.edit[lang] + " · " + (lang == .zh ? item.nameZh : item.nameEn), lang: lang, req: req, fields: itemFields(),
                            values: values ?? initial, error: error)
    }

    static func saveItem(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        guard let item = try await ServiceItem.query(on: req.db).filter(\.$code == (req.parameters.get("code") ?? "").uppercased()).first() else {
            throw ZhanjuError.notFound(Text("服务事项", "service item"))
        }
        do {
            var input = ServiceItemInput(item)
            func one(_ k: String) -> String? { v[k]?.first }
            (input.code, input.family, input.nameZh, input.nameEn) = (one("code"), one("family"), one("name_zh"), one("name_en"))
            (input.descriptionZh, input.descriptionEn, input.level) = (one("description_zh"), one("description_en"), one("level"))
            guard let sla = Int(one("sla_days") ?? "") else { throw ZhanjuError.invalid("sla_days", "number", Text("sla_days:应为整数。", "sla_days: expected a whole number.")) }
            input.slaDays = sla
            input.materials = (one("materials") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            input.active = one("active") == "on"
            let saved = try await CatalogueService(db: req.db, context: try req.writeContext()).update(item.code, input)
            return req.redirect(to: SitePath.services.link(fragment: "\(saved.code)"), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind != .forbidden {
            return try await editItem(req, error: error, values: v)
        }
    }

    // MARK: filing

    static func newCase(_ req: Request, error: ZhanjuError?, values: [String: [String]] = [:]) async throws -> Response {
        let lang = Lang.of(req)
        let principal = try req.requirePrincipal()
        let items = try await ServiceItem.query(on: req.db).filter(\.$active == true).sort(\.$family).sort(\.$code).all()
        let code = values["service_code"]?.first ?? req.query[String.self, at: "service_code"] ?? ""
        let selected = items.first { $0.code == code.uppercased() }
        let household = values["household_id"]?.first ?? req.query[String.self, at: "household_id"] ?? principal.householdID?.uuidString ?? ""
        let staff = principal.grants.holds(.casesHandle)
        var fields = [
            FormField(name: "service_code", label: Strings.catalogue, kind: selected == nil ? .select(items.map { ($0.code, Text($0.nameZh, $0.nameEn)) }) : .hidden, required: true),
            FormField(name: "description", label: Strings.description, kind: .textarea, required: selected?.attributeList.isEmpty ?? true),
        ]
        for a in (selected?.attributeList ?? []).sorted(by: { $0.order < $1.order }) {
            let label = Text(a.descriptionZh, a.descriptionEn)
            let options = a.values.map { ($0.key, Text($0.nameZh, $0.nameEn)) }
            let kind: FormField.Kind = a.datatype == .singlevaluelist ? .select(options) : a.datatype == .multivaluelist ? .multi(options)
                : a.datatype == .datetime ? .date : a.datatype == .number ? .number : .text
            fields.append(FormField(name: "attribute[\(a.code)]", label: label, kind: kind, required: a.required))
        }
        fields.append(FormField(name: "household_id", label: Strings.household, kind: .hidden))
        let compound = values["compound_id"]?.first ?? req.query[String.self, at: "compound_id"] ?? ""
        if staff { fields.append(FormField(name: "compound_id", label: Strings.compound, kind: .hidden)) }
        if staff {
            fields.append(FormField(name: "channel", label: Strings.caseOrigin,
                                    kind: .select(CaseService.Origin.allCases.filter { $0 != .open311 }.map { ($0.rawValue, $0.label) }), required: true))
        }
        var shown = values
        shown["service_code"] = [code]
        shown["household_id"] = [household]
        shown["compound_id"] = [compound]
        if staff && (shown["channel"]?.first ?? "").isEmpty {
            // A grid worker files what they found on their round; a clerk, what a resident brought to the counter.
            shown["channel"] = [principal.grants.roles.contains(.gridWorker) ? CaseService.Origin.patrol.rawValue : CaseService.Origin.counter.rawValue]
        }
        let intro: Node<HTML.BodyContext> = .unwrap(selected) { i in
            .div(.class("card"), .h2(.text(lang == .zh ? i.nameZh : i.nameEn)), .p(.text(lang == .zh ? i.descriptionZh : i.descriptionEn)),
                 .p(.class("muted"), .text("\(Strings.slaDays[lang]): \(i.slaDays) · \(Strings.level[lang]): \(i.levelValue?.label[lang] ?? "")")),
                 .if(selected?.attributeList.isEmpty == false || values.isEmpty, .empty))
        }
        // Choosing the item first reloads the form with its questions (no JavaScript needed).
        let chooser: Node<HTML.BodyContext> = .form(.class("search"), .method(.get), .action(SitePath.newCase.link()),
            Select(name: "service_code", options: items.map { ($0.code, lang == .zh ? $0.nameZh : $0.nameEn) }, selected: selected?.code,
                   ariaLabel: Strings.catalogue[lang]).node(),
            .input(.type(.hidden), .name("household_id"), .value(attr(household))),
            .input(.type(.hidden), .name("compound_id"), .value(attr(compound))),
            .button(.type(.submit), .text(Text("选择", "Choose")[lang])))
        // Staff say whose request it is by address or name (CaseHouseholdPicker), never by id.
        let whose: Node<HTML.BodyContext> = staff
            ? try await CaseHouseholdPicker.node(req, household: household, compound: compound, serviceCode: selected?.code ?? "", lang: lang)
            : .empty
        // One choice of how the request came in: the audit channel follows from it (CaseService.Origin).
        return FormKit.page(title: Strings.newCase[lang], lang: lang, req: req, fields: fields, values: shown, error: error,
                            intro: .group(chooser, whose, intro), channel: false, submit: Text("提交", "Submit"))
    }

    static func fileCase(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            var attributes: [String: [String]] = [:]
            for (k, values) in v where k.hasPrefix("attribute[") && k.hasSuffix("]") { attributes[String(k.dropFirst(10).dropLast())] = values }
            let household = try v["household_id"]?.first.flatMap { raw -> UUID? in
                if raw.isEmpty { return nil }
                guard let id = UUID(uuidString: raw) else { throw ZhanjuError.invalid("household_id", "uuid", Strings.errorUnknownRef("household_id")) }
                return id
            }
            // How it came in is the staff's to say; a resident's own filing is online.
            let staff = try req.requirePrincipal().grants.holds(.casesHandle)
            let origin = try (staff ? v["channel"]?.first : nil).flatMap { $0.isEmpty ? nil : try Check.choice($0, "channel", as: CaseService.Origin.self) }
            var context = try req.writeContext()
            if let origin {
                context.actor.channel = origin.auditChannel
                // Filed at the counter or from paper for a household: for its head, unless a resident was named.
                if context.actor.onBehalfOf == nil, origin.auditChannel != .online, let household {
                    context.actor.onBehalfOf = try await RegistryDirectory(db: req.db).head(of: household)
                }
            }
            let service = CaseService(db: req.db, context: context, calendar: try await req.access.calendar(on: req.db), now: req.access.now(), today: req.today)
            let compound = staff && household == nil ? v["compound_id"]?.first.flatMap(UUID.init(uuidString:)) : nil
            let c = try await service.open(.init(serviceCode: v["service_code"]?.first, description: v["description"]?.first, householdId: household,
                                                 compoundId: compound, residentId: nil, channel: origin?.rawValue,
                                                 attributes: attributes, address: nil, lat: nil, long: nil, mediaUrl: nil))
            return req.redirect(to: SitePath.kase.link(c.id!), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .notFound {
            return try await newCase(req, error: error, values: v)
        }
    }

    // MARK: a case

    static func show(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        let model = try await CasePageModel.build(try req.uuidParameter("id"), req: req)
        let html = Layout.page("\(Strings.caseNumber[lang]) \(model.number)", req: req,
                               content: CasePageView.content(model, error: error, lang: lang, csrf: Layout.csrfField(req)))
        return Layout.response(html, status: error.map(\.status) ?? .ok)
    }

    /// Who took a step, as a person reads it: their name (the stored label is "username (Name)",
    /// kept whole in the audit chain), the way it came in, and the system's own jobs in words.
    static func actorLabel(_ stored: String) -> Text {
        var who = stored
        var channel: Channel?
        for c in [Channel.counter, .paper] where who.hasSuffix(" · \(c.rawValue)") {
            who = String(who.dropLast(c.rawValue.count + 3))
            channel = c
        }
        let name: Text
        if let open = who.firstIndex(of: "("), who.hasSuffix(")") {
            let display = String(who[who.index(after: open)..<who.index(before: who.endIndex)])
            name = Text(display, display)
        } else {
            switch who {
            case "sla escalation": name = Text("系统(超期督办)", "System (overdue escalation)")
            case "dashboard": name = Text("系统(看板)", "System (dashboard)")
            case "demo loader": name = Text("系统(演示数据)", "System (demo data)")
            default: name = Text(who, who)
            }
        }
        guard let channel else { return name }
        return Text(name.zh + " · " + channel.label.zh, name.en + " · " + channel.label.en)
    }

    static func eventLabel(_ action: String) -> Text {
        switch action {
        case "report": return Text("上报", "Reported")
        case "rate": return Text("评价", "Rated")
        case "escalate": return Text("提交街道督办", "Escalated to the sub-district")
        default: return Text(action, action)
        }
    }

    static func act(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        let id = try req.uuidParameter("id")
        do {
            _ = try await CaseService(req).act(id, .init(action: v["action"]?.first, note: v["note"]?.first, assignTo: v["assign_to"]?.first, assignee: v["assignee"]?.first))
            return req.redirect(to: SitePath.kase.link(id), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .conflict {
            return try await show(req, error: error)
        }
    }

    static func rate(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        let id = try req.uuidParameter("id")
        do {
            _ = try await CaseService(req).rate(id, rating: v["rating"]?.first.flatMap { Int($0) }, comment: v["comment"]?.first)
            return req.redirect(to: SitePath.kase.link(id), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .conflict {
            return try await show(req, error: error)
        }
    }

    // MARK: queues

    static func queue(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let filter = try CaseQueueModel.filter(req)
        @Sendable func render() async throws -> String {
            try await req.readingPage { Node<HTML.BodyContext>.group(CaseQueueView.content(try await CaseQueueModel.build(req, filter), lang: lang)).render() }
        }
        // A body's list is rendered once for everyone who handles the same bodies' cases
        // (rendering fifty rows costs more than reading them), and emptied by every write that
        // changes what it shows.
        let content: String
        if let key = try CaseQueueModel.sharedKey(req, filter) {
            content = try await req.access.caseQueues.value("\(key) \(lang.rawValue)", now: req.access.now(), render: render)
        } else {
            content = try await render()
        }
        return Layout.response(Layout.page(Strings.cases[lang], req: req, .raw(content)))
    }
}
