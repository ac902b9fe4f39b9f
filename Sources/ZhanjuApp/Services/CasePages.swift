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

    static func catalogue(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let items = try await ServiceItem.query(on: req.db).sort(\.$family).sort(\.$code).all()
        let canEdit = req.principal?.grants.holds(.catalogueManage) ?? false
        let canFile = req.principal?.grants.holds(.casesFile) ?? false
        let html = Layout.page(Strings.catalogue[lang], req: req,
            .forEach(ServiceFamily.allCases.filter { f in items.contains { $0.family == f.rawValue } }) { family in
                .section(.h2(.text(family.label[lang])),
                         .forEach(items.filter { $0.family == family.rawValue }) { i in
                             .div(.class("card"),
                                  .h3(.text(lang == .zh ? i.nameZh : "\(i.nameEn) (\(i.nameZh))"), .span(.class("count"), .text(" \(i.code)"))),
                                  .p(.text(lang == .zh ? i.descriptionZh : i.descriptionEn)),
                                  .p(.class("muted"), .text("\(Strings.level[lang]): \(i.levelValue?.label[lang] ?? i.level) · \(Strings.slaDays[lang]): \(i.slaDays)")),
                                  .if(!i.materialList.isEmpty, .p(.class("muted"), .text("\(Strings.materials[lang]): " + i.materialList.map { $0[lang] }.joined(separator: "、")))),
                                  .if(!i.active, .p(.class("flag"), .text(Strings.disabled[lang]))),
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
        let principal = try req.requirePrincipal()
        let c = try await CaseQueue.find(try req.uuidParameter("id"), req)
        let item = try await ServiceItem.find(c.$item.id, on: req.db)
        let events = try await CaseEvent.query(on: req.db).filter(\.$kase.$id == c.id!).sort(\.$seq).all()
        let service = try await CaseService(req)
        let reading = service.reading(c)
        let handler = CaseScope(principal).mayHandle(c)
        let owner = principal.grants.allows(.ownData, at: c.place) || c.reporterAccountID == principal.accountID
        let actions = CaseLifecycle.actions(from: c.statusValue).filter { a in [.residentReplied, .reopen].contains(a) ? (handler || owner) : handler }
        let agency = try await BodyDirectory(db: req.db).name(of: BodyKind(rawValue: c.assignedKind) ?? .workstation, id: c.assignedBodyID)
        let answers = c.attributeValues
        let candidates = actions.contains(.dispatch) ? try await CaseAssignees.candidates(for: c, req: req) : []
        // Whose problem it is: the household's address and head (staff may open the household
        // where they may read it), or the compound.
        let registry = RegistryDirectory(db: req.db)
        let map = try await req.territoryMap()
        var match: RegistryDirectory.HouseholdMatch?
        if let hid = c.householdID { match = try await registry.householdMatch(hid) }
        let compoundName = c.compoundID.flatMap { map.compoundNames[$0] }.map { lang == .zh ? $0.zh : $0.en } ?? ""
        let whoseText: String
        if let m = match { whoseText = "\(compoundName) \(m.door)" + (m.headName.map { " · \($0)" } ?? "") }
        else { whoseText = compoundName + (c.address.map { " · \($0)" } ?? "") }
        let staffView = principal.grants.allows(.householdsRead, at: c.place) && !principal.grants.allows(.ownData, at: c.place)
        let whoseNode: Node<HTML.BodyContext> = match != nil && staffView ? .a(.href(attr(SitePath.household.link(c.householdID!))), .text(whoseText)) : .text(whoseText)
        let whose: Node<HTML.BodyContext> = .p(.strong(.text(Strings.whoseRequest[lang] + (lang == .zh ? ":" : ": "))), whoseNode)
        var assignee: Account?
        if let aid = c.assigneeAccountID { assignee = try await Account.find(aid, on: req.db) }
        let assigneeOptions = candidates.map { ($0.username, "\($0.displayName) (\($0.username))") }
        let handledBy = "\(Strings.handlingBody[lang]): \(agency?[lang] ?? c.assignedKind)" + (assignee.map { " · \(Strings.assignee[lang]): \($0.displayName)" } ?? "")
        let html = Layout.page("\(Strings.caseNumber[lang]) \(c.number)", req: req,
            .p(.strong(.text(item.map { lang == .zh ? $0.nameZh : $0.nameEn } ?? c.family)), .span(.class("count"), .text(" · " + c.statusValue.label[lang]))),
            whose,
            .p(.text(c.description)),
            .if(!answers.isEmpty, .ul(.forEach(item?.attributeList.filter { answers[$0.code] != nil } ?? []) { a in
                .li(.text("\(lang == .zh ? a.descriptionZh : a.descriptionEn): " + (answers[a.code] ?? "").split(separator: ",").map { key in
                    a.values.first { $0.key == key }.map { lang == .zh ? $0.nameZh : $0.nameEn } ?? String(key) }.joined(separator: "、")))
            })),
            .p(.class(reading.overdue || reading.finishedLate ? "flag" : "muted"),
               .text("\(Strings.due[lang]): \(c.dueOn)" + (c.dueConfirmed ? "" : " " + Strings.unconfirmed[lang])
                     + (reading.overdue ? " · " + Strings.overdue[lang] : reading.finishedLate ? " · " + Strings.finishedLate[lang] : "")
                     + (reading.paused ? " · " + CaseStatus.awaitingResident.label[lang] : "") + (c.escalated ? " · " + Strings.escalated[lang] : ""))),
            .p(.class("muted"), .text(handledBy)),
            .unwrap(c.rating) { r in .p(.text("\(Strings.rating[lang]): " + String(repeating: "★", count: r) + String(repeating: "☆", count: 5 - r) + (c.ratingComment.map { " \($0)" } ?? ""))) },
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .if(!actions.isEmpty, .form(.class("edit"), .method(.post), .action(attr(SitePath.caseAct.link(c.id!))), Layout.csrfField(req),
                .div(.class("field"), .label(.text(Strings.note[lang]), .raw("<textarea name=\"note\" rows=\"2\"></textarea>"))),
                .if(actions.contains(.dispatch), .group(
                    .div(.class("field"), .label(.text(Strings.assignTo[lang]), Select(name: "assign_to", options:
                        [("workstation", HandlingLevel.workstation), ("service_point", .servicePoint), ("property_manager", .propertyManager), ("sub_district", .subDistrictCentre)]
                            .map { ($0.0, $0.1.label[lang]) }, blank: "—").node())),
                    .div(.class("field"), .label(.text(Strings.assignee[lang]), Select(name: "assignee", options: assigneeOptions, blank: "—").node())))),
                .div(.class("actions"), .forEach(actions) { a in .button(.type(.submit), .name("action"), .value(attr(a.rawValue)), .text(a.label[lang])) }))),
            .if(owner && [.resolved, .verified, .closed].contains(c.statusValue), .form(.class("edit"), .method(.post), .action(attr(SitePath.caseRate.link(c.id!))), Layout.csrfField(req),
                .div(.class("field"), .label(.text(Strings.rating[lang]), Select(name: "rating", options: (1...5).reversed().map { (String($0), String(repeating: "★", count: $0)) }).node())),
                .div(.class("field"), .label(.text(Strings.note[lang]), .input(.type(.text), .name("comment")))),
                .button(.type(.submit), .text(Strings.rate[lang])))),
            .h2(.text(Strings.timeline[lang])),
            .ol(.class("timeline"), .forEach(events) { e in
                .li(.span(.class("muted"), .text(Open311.datetime(e.at).replacingOccurrences(of: "T", with: " ").prefix(16).description + " · ")),
                    .strong(.text(CaseAction(rawValue: e.action)?.doneLabel[lang] ?? eventLabel(e.action)[lang])),
                    .text(" · " + actorLabel(e.actor)[lang]), .if(!e.note.isEmpty, .text(" — \(e.note)")))
            })
        )
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
        let principal = try req.requirePrincipal()
        let handler = principal.grants.holds(.casesHandle)
        let filter = try CaseQueue.Filter(req.queryParameters, defaultView: handler ? .body : .own)
        let (items, total) = try await CaseQueue.list(req, filter)
        let service = try await CaseService(req)
        let names = Dictionary(try await ServiceItem.query(on: req.db).all().map { ($0.id!, lang == .zh ? $0.nameZh : $0.nameEn) }, uniquingKeysWith: { a, _ in a })
        let doors = try await RegistryDirectory(db: req.db).doorLabels(items.compactMap(\.householdID))
        let map = try await req.territoryMap()
        func address(_ c: Case) -> String {
            let compound = c.compoundID.flatMap { map.compoundNames[$0] }.map { lang == .zh ? $0.zh : $0.en } ?? ""
            return [compound, c.householdID.flatMap { doors[$0] } ?? c.address ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        }
        let views: [(CaseQueue.View, Text)] = handler
            ? [(.body, Strings.queueBody), (.mine, Strings.queueMine), (.overdue, Strings.queueOverdue), (.escalated, Strings.queueEscalated), (.own, Strings.myCases)]
            : [(.own, Strings.myCases)]
        func link(_ view: CaseQueue.View) -> String { SitePath.cases.link(query: [("view", "\(view.rawValue)")]) }
        let html = Layout.page(Strings.cases[lang], req: req,
            .nav(.class("tabs"), .forEach(views) { v, label in .a(.class(v == filter.view ? "current" : ""), .href(attr(link(v))), .text(label[lang])) }),
            .form(.class("search"), .method(.get), .action(SitePath.cases.link()),
                  .input(.type(.hidden), .name("view"), .value(attr(filter.view.rawValue))),
                  Select(name: "status", options: CaseStatus.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: filter.status?.rawValue,
                         blank: Strings.status[lang], ariaLabel: Strings.status[lang]).node(),
                  Select(name: "family", options: ServiceFamily.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: filter.family?.rawValue,
                         blank: Strings.family[lang], ariaLabel: Strings.family[lang]).node(),
                  Select(name: "sort", options: CaseQueue.Order.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: filter.order.rawValue,
                         ariaLabel: Text("排序", "Order")[lang]).node(),
                  .button(.type(.submit), .text(Strings.search[lang]))),
            .p(.class("muted"), .text(Text("共 \(total) 件", total == 1 ? "1 case" : "\(total) cases")[lang])),
            .if(items.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .if(!items.isEmpty, .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.caseNumber[lang])), .th(.text(Strings.catalogue[lang])), .th(.text(Strings.address[lang])),
                           .th(.text(Text("提交日期", "Filed")[lang])), .th(.text(Strings.status[lang])), .th(.text(Strings.due[lang])))),
                .tbody(.forEach(items) { c in
                    let r = service.reading(c)
                    return .tr(.td(.class("code"), .attribute(named: "data-label", value: attr(Strings.caseNumber[lang])), .a(.href(attr(SitePath.kase.link(c.id!))), .text(c.number))),
                               RegistryPages.cell(Strings.catalogue, lang, names[c.$item.id] ?? c.family),
                               RegistryPages.cell(Strings.address, lang, address(c)),
                               RegistryPages.cell(Text("提交日期", "Filed"), lang, c.reportedOn),
                               RegistryPages.cell(Strings.status, lang, c.statusValue.label[lang] + (c.escalated ? " ⚑" : "")),
                               .td(.class(r.overdue ? "flag" : ""), .attribute(named: "data-label", value: attr(Strings.due[lang])),
                                   .text(c.dueOn + (r.overdue ? " " + Strings.overdue[lang] : ""))))
                }))),
            .if(!items.isEmpty, .p(.class("muted"), .text(Text("⚑ 已提交街道督办;红色期限表示已超期未办结。",
                                                                "⚑ escalated to the sub-district; a due date in red is overdue and still open.")[lang]))),
            .div(.class("actions"),
                 .if(filter.page > 1, .a(.href(attr(SitePath.cases.link(query: [("view", "\(filter.view.rawValue)"), ("sort", "\(filter.order.rawValue)"), ("page", "\(filter.page - 1)")]))), .text(Strings.previous[lang]))),
                 .if(filter.page * filter.per < total, .a(.href(attr(SitePath.cases.link(query: [("view", "\(filter.view.rawValue)"), ("sort", "\(filter.order.rawValue)"), ("page", "\(filter.page + 1)")]))), .text(Strings.next[lang]))),
                 .if(principal.grants.holds(.casesFile), .a(.class("button"), .href(SitePath.newCase.link()), .text(Strings.newCase[lang]))))
        )
        return Layout.response(html)
    }
}
