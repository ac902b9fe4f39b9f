import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The services capability's JSON API: catalogue, cases and their steps, visits, dashboards, calendar.
enum ServicesAPI {
    struct ItemView: Content {
        var id: UUID
        var code: String
        var family: String
        var nameZh: String
        var nameEn: String
        var descriptionZh: String
        var descriptionEn: String
        var level: String
        var materials: [String]
        var slaDays: Int
        var attributes: [ServiceAttribute]
        var active: Bool
        /// The survey findings this item answers (read through the surveys' `SurveyLinks`).
        var surveyFindings: [Finding]
        struct Finding: Content {
            var surveyZh: String
            var surveyEn: String
            var note: String
        }
        init(_ i: ServiceItem, findings: [SurveyLinks.Finding] = []) {
            (id, code, family, nameZh, nameEn, descriptionZh, descriptionEn) = (i.id!, i.code, i.family, i.nameZh, i.nameEn, i.descriptionZh, i.descriptionEn)
            (level, materials, slaDays, attributes, active) = (i.level, i.materials.split(separator: "\n").map(String.init), i.slaDays, i.attributeList, i.active)
            surveyFindings = findings.map { Finding(surveyZh: $0.survey.zh, surveyEn: $0.survey.en, note: $0.note) }
        }
        static var example: ItemView {
            let i = ServiceItem()
            i.id = UUID()
            try! ServiceItemInput.example.apply(to: i)
            return ItemView(i, findings: [.init(survey: Text("2026 年需求调查", "2026 needs survey"), note: "77.04% 希望提供治安服务")])
        }
    }

    struct Rating: Content { var rating: Int?; var comment: String? }
    struct HolidayYear: Content { var csv: String? }
    struct HolidayView: Content { var date: String; var kind: String; var nameZh: String; var nameEn: String }
    struct Added: Content { var added: Int }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        ServicesDocument.schemas(&document)

        // Catalogue: public, as Open311's service list is; editing is for those who manage it.
        api.get("service-items") { req async throws -> [ItemView] in
            let findings = try await SurveyLinks(db: req.db).serviceItemFindings()
            return try await ServiceItem.query(on: req.db).sort(\.$family).sort(\.$code).all().map { ItemView($0, findings: findings[$0.code] ?? []) }
        }.access(.open)
        document.operation("GET", "/api/v1/service-items", "The service catalogue", id: "listServiceItems", tag: "Services", schema: "ServiceItem", array: true)
        api.get("service-items", ":code") { req async throws -> ItemView in
            guard let i = try await ServiceItem.query(on: req.db).filter(\.$code == (req.parameters.get("code") ?? "").uppercased()).first() else {
                throw ZhanjuError.notFound(Text("服务事项", "service item"))
            }
            return ItemView(i, findings: try await SurveyLinks(db: req.db).serviceItemFindings()[i.code] ?? [])
        }.access(.open)
        document.operation("GET", "/api/v1/service-items/{code}", "One service item", id: "readServiceItem", tag: "Services", schema: "ServiceItem",
                           pathTypes: ["code": .string])
        api.post("service-items") { req async throws -> Response in
            let item = try await CatalogueService(db: req.db, context: try req.writeContext()).create(try req.content.decode(ServiceItemInput.self))
            return try await ItemView(item).encodeResponse(status: .created, for: req)
        }.access(.permission(.catalogueManage))
        document.operation("POST", "/api/v1/service-items", "Add a service item", id: "createServiceItem", tag: "Services", body: "ServiceItemInput", status: "201", schema: "ServiceItem", errors: [409])
        api.put("service-items", ":code") { req async throws -> ItemView in
            ItemView(try await CatalogueService(db: req.db, context: try req.writeContext()).update(req.parameters.get("code") ?? "", try req.content.decode(ServiceItemInput.self)))
        }.access(.permission(.catalogueManage))
        document.operation("PUT", "/api/v1/service-items/{code}", "Edit a service item", id: "updateServiceItem", tag: "Services", body: "ServiceItemInput", schema: "ServiceItem",
                           pathTypes: ["code": .string], errors: [409])

        api.get("cases") { req async throws -> ListPage<CaseView> in
            let principal = try req.requirePrincipal()
            let filter = try CaseQueue.Filter(req.queryParameters, defaultView: principal.grants.holds(.casesHandle) ? .body : .own)
            let (items, total) = try await CaseQueue.list(req, filter)
            let service = try await CaseService(req)
            return ListPage(items: items.map { CaseView($0, item: nil, reading: service.reading($0)) }, page: filter.page, per: filter.per, total: total)
        }.access(.signedIn)
        document.operation("GET", "/api/v1/cases", "Cases: one's own, assigned to one, one's bodies', overdue or escalated", id: "listCases", tag: "Cases",
                           schema: "CaseList", query: [.query("view", .oneOf(CaseQueue.View.self)), .query("status", .oneOf(CaseStatus.self)),
                                                       .query("family", .oneOf(ServiceFamily.self)), .query("compound_id", .uuid),
                                                       .query("from", .date), .query("to", .date), .query("sort", .oneOf(CaseQueue.Order.self))]
                                                       + OpenAPIDocument.paging(perMax: 200))
        api.post("cases") { req async throws -> Response in
            let service = try await CaseService(req)
            let c = try await service.open(try req.content.decode(CaseService.OpenInput.self))
            let response = try await CaseView(c, item: try await ServiceItem.find(c.$item.id, on: req.db), reading: service.reading(c)).encodeResponse(status: .created, for: req)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/cases/\(c.id!)")
            return response
        }.access(.permission(.casesFile))
        document.operation("POST", "/api/v1/cases", "Open a case (routed by item, compound and grid)", id: "openCase", tag: "Cases", body: "NewCase", status: "201", schema: "Case", errors: [404])
        api.get("cases", ":id") { req async throws -> CaseView in
            let c = try await CaseQueue.find(try req.uuidParameter("id"), req)
            let events = try await CaseEvent.query(on: req.db).filter(\.$kase.$id == c.id!).sort(\.$seq).all()
            return CaseView(c, item: try await ServiceItem.find(c.$item.id, on: req.db), reading: try await CaseService(req).reading(c), events: events)
        }.access(.signedIn)
        document.operation("GET", "/api/v1/cases/{id}", "A case with its timeline and SLA reading", id: "readCase", tag: "Cases", schema: "Case")
        api.post("cases", ":id", "actions") { req async throws -> CaseView in
            let service = try await CaseService(req)
            let c = try await service.act(try req.uuidParameter("id"), try req.content.decode(CaseService.ActInput.self))
            return CaseView(c, item: nil, reading: service.reading(c))
        }.access(.signedIn)
        document.operation("POST", "/api/v1/cases/{id}/actions", "Take a step: accept, reject, dispatch, start, ask_resident, resident_replied, resolve, verify, close, reopen",
                           id: "actOnCase", tag: "Cases", body: "CaseAction", schema: "Case", errors: [409])
        api.post("cases", ":id", "rating") { req async throws -> CaseView in
            let input = try req.content.decode(Rating.self)
            let service = try await CaseService(req)
            return CaseView(try await service.rate(try req.uuidParameter("id"), rating: input.rating, comment: input.comment), item: nil)
        }.access(.permission(.casesFile))
        document.operation("POST", "/api/v1/cases/{id}/rating", "The resident rates a resolved case (1–5)", id: "rateCase", tag: "Cases", body: "CaseRating", schema: "Case", errors: [409])

        api.post("visits") { req async throws -> Response in
            try await VisitLog.View(try await VisitLog.log(try req.content.decode(VisitLog.Input.self), req: req)).encodeResponse(status: .created, for: req)
        }.access(.permission(.visitsLog))
        document.operation("POST", "/api/v1/visits", "Record a home visit", id: "logVisit", tag: "Grids", body: "NewVisit", status: "201", schema: "Visit", errors: [404])
        api.get("visits") { req async throws -> [VisitLog.View] in
            try await VisitLog.list(req, household: try QueryParameters(req).uuid("household_id"), grid: try QueryParameters(req).uuid("grid_id")).map(VisitLog.View.init)
        }.access(.permission(.visitsLog))
        document.operation("GET", "/api/v1/visits", "Visits within reach, by household or grid", id: "listVisits", tag: "Grids", schema: "Visit", array: true,
                           query: [.query("household_id", .uuid), .query("grid_id", .uuid)] + OpenAPIDocument.paging(perMax: 500))

        api.get("dashboards", ":scope", ":id") { req async throws -> Dashboard in
            try await Dashboard.load(scope: req.parameters.get("scope") ?? "", id: try req.uuidParameter("id"), req: req)
        }.access(.permission(.dashboardsRead))
        document.operation("GET", "/api/v1/dashboards/{scope}/{id}", "Case figures for a workstation, committee or grid (scope)", id: "readDashboard",
                           tag: "Dashboards", schema: "Dashboard",
                           pathTypes: ["scope": .oneOf(Dashboard.scopes)])

        api.get("holidays") { req async throws -> [HolidayView] in
            let calendar = try await req.access.calendar(on: req.db)
            return calendar.entries.values.sorted { $0.date < $1.date }.map { HolidayView(date: $0.date.iso, kind: $0.kind.rawValue, nameZh: $0.nameZh, nameEn: $0.nameEn) }
        }.access(.open)
        document.operation("GET", "/api/v1/holidays", "The working-day calendar: public holidays and make-up workdays", id: "listHolidays", tag: "Services",
                           schema: "Holiday", array: true)
        api.post("holidays") { req async throws -> Response in
            let added = try await WorkingCalendar.addYear(csv: try req.content.decode(HolidayYear.self).csv ?? "", context: try req.writeContext(), on: req.db)
            return try await Added(added: added).encodeResponse(status: .created, for: req)
        }.access(.permission(.calendarManage))
        document.operation("POST", "/api/v1/holidays", "Add a year's holiday notice (CSV: date,kind,name_zh,name_en)", id: "addHolidayYear", tag: "Services",
                           body: "HolidayYear", status: "201", schema: "Added", errors: [409])
    }
}
