import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// Pages for revealing a number (staff), one's own household's data (residents), the correction
/// queue (staff) and the access log (supervisors, administrators).
enum PersonalDataPages {
    static func register(on app: Application) {
        app.get(.residentReveal) { req in try await revealForm(req, error: nil) }.access(.permission(.revealPhone))
        app.post(.residentReveal) { req in try await reveal(req) }.access(.permission(.revealPhone))
        app.get(.my) { req in try await my(req, error: nil) }.access(.permission(.ownData))
        app.get(.myExportJSON) { req in try await exportJSON(req) }.access(.permission(.ownData))
        app.get(.myExportCSV) { req in try await exportCSV(req) }.access(.permission(.ownData))
        app.post(.myCorrections) { req in try await fileCorrection(req) }.access(.permission(.ownData))
        app.get(.corrections) { req in try await corrections(req, error: nil) }.access(.permission(.correctionsAnswer))
        app.post(.correctionAnswer) { req in try await answer(req) }.access(.permission(.correctionsAnswer))
        app.get(.accessLog) { req in try await accessLog(req) }.access(.permission(.auditRead))
    }

    static func revealForm(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        let field = (try QueryParameters(req).choice("field", as: PersonalNumbers.Field.self) ?? .phone).rawValue
        let html = Layout.page(Strings.reveal[lang], req: req,
            .p(.text(Text("查看完整号码会留下记录(谁、查看谁、哪一项、事由、时间),居民本人和监督委员会可以看到。",
                          "Reading a full number leaves a record (who, whose, which field, why, when) that the resident and the supervisory committee can see.")[lang])),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .form(.class("edit"), .method(.post), .action(attr(SitePath.residentReveal.link(try req.uuidParameter("id")))), Layout.csrfField(req),
                  .input(.type(.hidden), .name("field"), .value(attr(field))),
                  .div(.class("field"), .label(.text(Strings.reason[lang] + " *"), .input(.type(.text), .name("reason"), .required(true)))),
                  .button(.type(.submit), .text(Strings.reveal[lang]))))
        return Layout.response(html, status: error == nil ? .ok : error!.status)
    }

    static func reveal(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let v = FormKit.values(of: req)
        let id = try req.uuidParameter("id")
        do {
            let shown = try await PersonalData.reveal(id, .init(field: v["field"]?.first, reason: v["reason"]?.first), req: req)
            let back = try await RegistryDirectory(db: req.db).resident(id)?.householdID.map { SitePath.household.link($0) } ?? SitePath.home.link()
            let html = Layout.page(Strings.reveal[lang], req: req,
                .p(.text((PersonalNumbers.Field(rawValue: shown.field)?.label[lang] ?? shown.field) + ": "), .strong(.class("revealed"), .text(shown.value ?? "—"))),
                .p(.class("muted"), .text(Text("本次查看已记录。", "This read has been recorded.")[lang])),
                .p(.a(.href(attr(back)), .text(Text("返回这一户", "Back to the household")[lang]))))
            return Layout.response(html)
        } catch let error as ZhanjuError where error.kind == .invalid {
            return try await revealForm(req, error: error)
        }
    }

    static func my(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        let (household, _) = try await PersonalData.ownHousehold(req)
        guard let rows = try await HouseholdRead.rows(household.id, for: req), let detail = HouseholdDetail(rows) else {
            throw ZhanjuError.notFound(Strings.household)
        }
        let mine = try await CorrectionRequest.query(on: req.db).filter(\.$householdID == household.id).sort(\.$requestedAt, .descending).all()
        let reads = try await AccessLog.entries(req, household: household.id)
        let today = req.today
        let html = Layout.page(Strings.myData[lang], req: req,
            .p(.text("\(Layout.name(detail.place.compoundZh, detail.place.compoundEn, lang)) \(detail.place.building)-\(detail.place.entrance)-\(detail.door)")),
            .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.name[lang])), .th(.text(Strings.relation[lang])), .th(.class("num"), .text(Strings.age[lang])), .th(.text(Strings.hukou[lang])),
                           .th(.text(Strings.idNumber[lang])), .th(.text(Strings.phone[lang])), .th(.text(Strings.tags[lang])))),
                .tbody(.forEach(detail.residents) { r in
                    .tr(RegistryPages.cell(Strings.name, lang, r.name ?? ""), RegistryPages.cell(Strings.relation, lang, r.relation.flatMap(Relation.init).map { $0.label[lang] } ?? ""),
                        RegistryPages.cell(Strings.age, lang, r.birthDate.flatMap(CivilDate.init(iso:)).map { String($0.age(on: today)) } ?? ""),
                        RegistryPages.cell(Strings.hukou, lang, r.hukou.flatMap(Hukou.init).map { $0.label[lang] } ?? ""),
                        RegistryPages.cell(Strings.idNumber, lang, r.idNumberMasked ?? "—"), RegistryPages.cell(Strings.phone, lang, r.phoneMasked ?? "—"),
                        RegistryPages.cell(Strings.tags, lang, (r.tags ?? []).compactMap(ServiceTag.init).map { $0.label[lang] }.joined(separator: "、")))
                })),
            .div(.class("actions"), .a(.class("button"), .href(SitePath.myExportJSON.link()), .text(Strings.downloadJSON[lang])),
                 .a(.class("button"), .href(SitePath.myExportCSV.link()), .text(Strings.downloadCSV[lang]))),
            .h2(.text(Strings.askCorrection[lang])),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .form(.class("edit"), .method(.post), .action(SitePath.myCorrections.link()), Layout.csrfField(req),
                  FormKit.fieldNode(FormField(name: "resident_id", label: Strings.resident, kind: .select(detail.residents.map { ($0.id!.uuidString, Text($0.name ?? "", $0.name ?? "")) })),
                                    lang: lang, values: [], error: error?.field == "resident_id" ? error : nil),
                  FormKit.fieldNode(FormField(name: "field", label: Strings.field, kind: .select(Corrections.fields.map { ($0, Corrections.label($0)) }), required: true),
                                    lang: lang, values: [], error: error?.field == "field" ? error : nil),
                  FormKit.fieldNode(FormField(name: "requested_value", label: Strings.requestedValue, kind: .text, required: true), lang: lang, values: [],
                                    error: error?.field == "requested_value" ? error : nil),
                  FormKit.fieldNode(FormField(name: "explanation", label: Strings.explanation, kind: .text), lang: lang, values: [], error: nil),
                  .button(.type(.submit), .text(Strings.askCorrection[lang]))),
            .h2(.id("corrections"), .text(Strings.corrections[lang])),
            .if(req.query[String.self, at: "filed"] == "correction",
                .p(.class("notice"), .attribute(named: "role", value: "status"),
                   .text(Text("已收到您的更正申请,工作人员答复后会显示在下面。", "Your correction request has been received; the answer will appear below.")[lang]))),
            correctionTable(mine.map(Corrections.View.init), req: req, answerable: false),
            .h2(.text(Strings.readsOfMyData[lang])),
            accessTable(reads, lang: lang)
        )
        return Layout.response(html, status: error == nil ? .ok : error!.status)
    }

    static func exportJSON(_ req: Request) async throws -> Response {
        let response = try await PersonalData.export(req).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"household.json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func exportCSV(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"household.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        // A byte-order mark so spreadsheet programs read the Chinese correctly.
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + (try await PersonalData.export(req).csv())))
    }

    static func fileCorrection(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            _ = try await Corrections.file(.init(residentId: v["resident_id"]?.first.flatMap(UUID.init(uuidString:)), field: v["field"]?.first,
                                                 requestedValue: v["requested_value"]?.first, explanation: v["explanation"]?.first), req: req)
            return req.redirect(to: SitePath.my.link(query: [("filed", "correction")], fragment: "corrections"), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid {
            return try await my(req, error: error)
        }
    }

    static func correctionTable(_ items: [Corrections.View], req: Request, answerable: Bool) -> Node<HTML.BodyContext> {
        let lang = Lang.of(req)
        guard !items.isEmpty else { return .p(.class("muted"), .text(Strings.noneYet[lang])) }
        return .table(.class("wide"),
            .thead(.tr(.th(.text(Strings.when[lang])), .th(.text(Strings.field[lang])), .th(.text(Strings.requestedValue[lang])), .th(.text(Strings.explanation[lang])),
                       .th(.text(Strings.status[lang])), .th(.text(Strings.answer[lang])))),
            .tbody(.forEach(items) { c in
                .tr(labelledCell(Strings.when, lang, ChinaTime.format(c.requestedAt)), labelledCell(Strings.field, lang, Corrections.label(c.field)[lang]),
                    labelledCell(Strings.requestedValue, lang, c.requestedValue), labelledCell(Strings.explanation, lang, c.explanation),
                    labelledCell(Strings.status, lang, Corrections.Status(rawValue: c.status).map { Corrections.statusLabel($0)[lang] } ?? c.status),
                    .td(.if(answerable && c.status == "open",
                            .form(.class("inline"), .method(.post), .action(attr(SitePath.correctionAnswer.link(c.id))), Layout.csrfField(req),
                                  .input(.type(.text), .name("answer"), .required(true), .attribute(named: "aria-label", value: attr(Strings.answer[lang])), .placeholder(attr(Strings.answer[lang]))),
                                  .button(.type(.submit), .name("decision"), .value("accepted"), .text(Strings.accept[lang])),
                                  .button(.type(.submit), .name("decision"), .value("rejected"), .text(Strings.reject[lang]))),
                            else: .text(c.answer ?? ""))))
            }))
    }

    /// Reads of full numbers, newest first. One download of a household reads every member: it
    /// is one row naming them all, so a family's own downloads do not bury the staff's reads.
    static func accessTable(_ entries: [AccessLog.Entry], lang: Lang) -> Node<HTML.BodyContext> {
        guard !entries.isEmpty else { return .p(.class("muted"), .text(Strings.noneYet[lang])) }
        var rows: [(entry: AccessLog.Entry, names: [String], reads: Int)] = []
        for e in entries {
            if let last = rows.last, last.entry.at == e.at, last.entry.account == e.account, last.entry.field == e.field, last.entry.reason == e.reason {
                if !last.names.contains(e.residentName) { rows[rows.count - 1].names.append(e.residentName) }
                rows[rows.count - 1].reads += 1
            } else {
                rows.append((e, [e.residentName], 1))
            }
        }
        return .table(.class("wide"),
            .thead(.tr(.th(.text(Strings.when[lang])), .th(.text(Strings.who[lang])), .th(.text(Strings.whose[lang])), .th(.text(Strings.field[lang])), .th(.text(Strings.reason[lang])))),
            .tbody(.forEach(rows) { row in
                .tr(RegistryPages.cell(Strings.when, lang, ChinaTime.format(row.entry.at)), RegistryPages.cell(Strings.who, lang, row.entry.account),
                    RegistryPages.cell(Strings.whose, lang, row.names.joined(separator: lang == .zh ? "、" : ", ")
                        + (row.reads > row.names.count ? Text("(\(row.reads / row.names.count) 次)", " (\(row.reads / row.names.count) times)")[lang] : "")),
                    RegistryPages.cell(Strings.field, lang, AccessLog.fieldLabel(row.entry.field)[lang]),
                    RegistryPages.cell(Strings.reason, lang, AccessLog.reasonLabel(row.entry.reason)[lang]))
            }))
    }

    static func corrections(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        let items = try await Corrections.queue(req, status: nil)
        let html = Layout.page(Strings.corrections[lang], req: req,
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            correctionTable(items, req: req, answerable: true))
        return Layout.response(html, status: error == nil ? .ok : error!.status)
    }

    static func answer(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            _ = try await Corrections.answer(try req.uuidParameter("id"), .init(decision: v["decision"]?.first, answer: v["answer"]?.first), req: req)
            return req.redirect(to: SitePath.corrections.link(), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .conflict {
            return try await corrections(req, error: error)
        }
    }

    static func accessLog(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let html = Layout.page(Strings.accessLog[lang], req: req, accessTable(try await AccessLog.entries(req), lang: lang))
        return Layout.response(html)
    }
}
