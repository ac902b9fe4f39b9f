import Fluent
import Foundation
import Plot
import SQLKit
import Vapor
import ZhanjuRules

/// A grid worker's phone-sized pages: my grids, a grid's households (masked, sensitive tags as
/// the role allows), logging a visit, reporting an event as a case; and the dashboards.
enum GridPages {
    static func register(on app: Application) {
        app.get(.grids) { req in try await myGrids(req) }.access(.permission(.visitsLog))
        app.get(.grid) { req in try await grid(req) }.access(.permission(.visitsLog))
        app.get(.newVisit) { req in try await visitForm(req, error: nil) }.access(.permission(.visitsLog))
        app.post(.newVisit) { req in try await logVisit(req) }.access(.permission(.visitsLog))
        app.get(.dashboards) { req in try await dashboards(req) }.access(.permission(.dashboardsRead))
        app.get(.dashboard) { req in try await dashboard(req) }.access(.permission(.dashboardsRead))
        app.get(.holidays) { req in try await holidays(req, error: nil) }.access(.signedIn)
        app.post(.holidays) { req in try await addHolidays(req) }.access(.permission(.calendarManage))
    }

    static func myGrids(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let reach = try req.reach(.visitsLog)
        let registry = RegistryDirectory(db: req.db)
        let grids = try await registry.grids(reach.everywhere ? nil : reach.grids, limit: 200)
        let counts = try await registry.householdCounts(byGrid: grids.map(\.id))
        let html = Layout.page(Strings.myGrid[lang], req: req,
            .if(grids.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .ul(.class("cards"), .forEach(grids) { g in
                .li(.class("card"), .a(.href(attr(SitePath.grid.link(g.id))), .text("\(g.code) \(lang == .zh ? g.nameZh : g.nameEn)")),
                    .span(.class("count"), .text(" \(Strings.households[lang]) \(counts[g.id] ?? 0)")),
                    .p(.a(.href(attr(SitePath.dashboard.link("grid", g.id))), .text(Strings.dashboards[lang]))))
            }))
        return Layout.response(html)
    }

    static func grid(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let registry = RegistryDirectory(db: req.db)
        guard let g = try await registry.grid(try req.uuidParameter("id")) else { throw ZhanjuError.notFound(Strings.grid) }
        let map = try await req.territoryMap()
        var place = map.place(workstation: g.workstationID)
        place.grid = g.id
        try req.authorize(.visitsLog, at: place, notFound: Strings.grid)
        let page = try QueryParameters(req).paging(maxPer: 100).page
        let sensitive = req.may(.sensitiveRead, at: place)
        // A round usually starts from one kind of household: the elderly living alone, the disabled…
        let tag = try QueryParameters(req).choice("tag", as: ServiceTag.self)
        if let tag, tag.isSensitive && !sensitive { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
        // The same for every worker of the grid who may see the same tags: rendered once per few seconds.
        let body = try await req.access.pageFragments.fragment("grid \(g.id) \(page) \(tag?.rawValue ?? "") \(sensitive) \(lang.rawValue)", now: req.access.now()) {
            try await req.readingPage { try await gridBody(req, g: g, page: page, tag: tag, sensitive: sensitive, lang: lang) }
        }
        return Layout.response(Layout.page("\(g.code) \(lang == .zh ? g.nameZh : g.nameEn)", req: req, .raw(body)))
    }

    static func gridBody(_ req: Request, g: RegistryDirectory.GridRef, page: Int, tag: ServiceTag?, sensitive: Bool, lang: Lang) async throws -> String {
        let model = try await GridPageModel.build(req, grid: g, page: page, tag: tag, sensitive: sensitive)
        return Node<HTML.BodyContext>.group(GridPageView.content(model, lang: lang)).render()
    }

    static let visitFields = [
        FormField(name: "household_id", label: Strings.household, kind: .hidden),
        FormField(name: "visited_on", label: Strings.visitedOn, kind: .date, required: true),
        FormField(name: "purpose", label: Strings.purpose, kind: .text, required: true),
        FormField(name: "notes", label: Strings.note, kind: .text),
        FormField(name: "follow_up", label: Strings.followUp, kind: .text),
    ]

    static func visitForm(_ req: Request, error: ZhanjuError?, values: [String: [String]]? = nil) async throws -> Response {
        let lang = Lang.of(req)
        let initial = ["household_id": [req.query[String.self, at: "household_id"] ?? ""], "visited_on": [req.today.iso]]
        return FormKit.page(title: Strings.logVisit[lang], lang: lang, req: req, fields: visitFields, values: values ?? initial, error: error)
    }

    static func logVisit(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            let visit = try await VisitLog.log(.init(householdId: v["household_id"]?.first.flatMap(UUID.init(uuidString:)), visitedOn: v["visited_on"]?.first,
                                                     purpose: v["purpose"]?.first, notes: v["notes"]?.first, followUp: v["follow_up"]?.first), req: req)
            return req.redirect(to: visit.gridID.map { SitePath.grid.link($0) } ?? SitePath.household.link(visit.householdID), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid {
            return try await visitForm(req, error: error, values: v)
        }
    }

    // MARK: dashboards

    static func dashboards(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let reach = try req.reach(.dashboardsRead)
        let map = try await req.territoryMap()
        let workstations = reach.everywhere ? Array(map.subDistrictOfWorkstation.keys) : Array(reach.workstations)
        let committees = reach.everywhere ? Array(map.workstationOfCommittee.keys) : Array(reach.committees)
        let grids = reach.everywhere ? Array(map.workstationOfGrid.keys) : Array(reach.grids)
        let directory = BodyDirectory(db: req.db)
        func links(_ kind: BodyKind, _ scope: String, _ ids: [UUID]) async throws -> [(String, String)] {
            var out: [(String, String)] = []
            for id in ids.prefix(200) { if let n = try await directory.name(of: kind, id: id) { out.append((SitePath.dashboard.link(scope, id), n[lang])) } }
            return out.sorted { $0.1 < $1.1 }
        }
        let sections = [(Strings.workstation, try await links(.workstation, "workstation", workstations)),
                        (Strings.residentsCommittee, try await links(.residentsCommittee, "committee", committees)),
                        (Strings.grid, try await links(.grid, "grid", grids))]
        let html = Layout.page(Strings.dashboards[lang], req: req,
            .forEach(sections.filter { !$0.1.isEmpty }) { title, items in
                .section(.h2(.text(title[lang])), .ul(.forEach(items) { .li(.a(.href(attr($0.0)), .text($0.1))) }))
            })
        return Layout.response(html)
    }

    static func dashboard(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let d = try await Dashboard.load(scope: req.parameters.get("scope") ?? "", id: try req.uuidParameter("id"), req: req)
        // The workstation guiding a committee may take a trend to its council (Council's page).
        let map = try await req.territoryMap()
        let guides = d.scope == "committee" && (req.principal?.grants.allows(.councilGuide, at: map.place(committee: d.id)) ?? false)
        return Layout.response(Layout.page("\(Strings.dashboards[lang]) · \(lang == .zh ? d.nameZh : d.nameEn)", req: req,
                                           .group(DashboardView.content(d, lang: lang)), .if(guides, CouncilForms.trendLinks(d, lang: lang))))
    }

    // MARK: holidays

    static func holidays(_ req: Request, error: ZhanjuError?) async throws -> Response {
        let lang = Lang.of(req)
        let calendar = try await req.access.calendar(on: req.db)
        let entries = calendar.entries.values.sorted { $0.date < $1.date }
        let html = Layout.page(Strings.holidays[lang], req: req,
            .p(.text(Text("已载入年份:", "Years loaded: ")[lang] + calendar.years.sorted().map(String.init).joined(separator: ", ")
                     + Text("。未载入年份的日期只按周末推算,并标为未确认。", ". Dates in other years are computed on weekends alone and flagged unconfirmed.")[lang])),
            .table(.class("wide"), .thead(.tr(.th(.text(Strings.when[lang])), .th(.text(Strings.kind[lang])), .th(.text(Strings.name[lang])))),
                   .tbody(.forEach(entries) { e in
                       .tr(.td(.text(e.date.iso)), .td(.text(e.kind == .holiday ? Text("放假", "Holiday")[lang] : Text("调休上班", "Make-up workday")[lang])),
                           .td(.text(lang == .zh ? e.nameZh : e.nameEn)))
                   })),
            .if(req.principal?.grants.holds(.calendarManage) == true, .group(
                .h2(.text(Text("添加一年的通知", "Add a year's notice")[lang])),
                .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
                .form(.class("edit"), .method(.post), .action(SitePath.holidays.link()), Layout.csrfField(req),
                      .element(named: "textarea", nodes: [.attribute(named: "name", value: "csv"), .attribute(named: "rows", value: "12"),
                                                          .attribute(named: "aria-label", value: attr(Text("节假日通知(CSV)", "Holiday notice (CSV)")[lang])),
                                                          .text("date,kind,name_zh,name_en\n")]),
                      .button(.type(.submit), .text(Strings.save[lang]))))))
        return Layout.response(html, status: error.map(\.status) ?? .ok)
    }

    static func addHolidays(_ req: Request) async throws -> Response {
        do {
            _ = try await WorkingCalendar.addYear(csv: FormKit.values(of: req)["csv"]?.first ?? "", context: try req.writeContext(), on: req.db)
            return req.redirect(to: SitePath.holidays.link(), redirectType: .normal)
        } catch let error as ZhanjuError where error.kind == .invalid || error.kind == .conflict {
            return try await holidays(req, error: error)
        }
    }
}
