import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Open311 GeoReport v2 at /open311/v2, so existing clients can list services, file requests and
/// follow them. Requests are the same cases staff work on. Reads are public, as the standard
/// intends: only cases filed through this interface are listed, and never who filed them.
/// Filing needs `api_key`: a Zhanju API token (a resident's, or a partner app's account).
enum Open311 {
    enum Format: String { case json, xml }

    struct Failure: Error {
        var status: HTTPResponseStatus
        var description: String
    }

    static func register(on app: Application) {
        let v2 = app.grouped("open311", "v2")
        app.get("open311", "discovery.json") { req in try discovery(req) }.access(.open)
        for format in [Format.json, .xml] {
            v2.get("services.\(format.rawValue)") { req in await respond(req, format) { try await services(req, format) } }.access(.open)
            v2.get("requests.\(format.rawValue)") { req in await respond(req, format) { try await requests(req, format) } }.access(.open)
            v2.post("requests.\(format.rawValue)") { req in await respond(req, format) { try await create(req, format) } }.access(.open)
        }
        v2.get("services", ":file") { req in
            let (code, format) = split(req.parameters.get("file") ?? "")
            return await respond(req, format) { try await definition(code, req, format) }
        }.access(.open)
        v2.get("requests", ":file") { req in
            let (id, format) = split(req.parameters.get("file") ?? "")
            return await respond(req, format) { try await request(id, req, format) }
        }.access(.open)
    }

    /// `SAF-HAZ.json` → ("SAF-HAZ", .json); an unknown extension is answered in JSON.
    static func split(_ file: String) -> (String, Format) {
        for f in [Format.json, .xml] where file.hasSuffix(".\(f.rawValue)") { return (String(file.dropLast(f.rawValue.count + 1)), f) }
        return (file, .json)
    }

    static func respond(_ req: Request, _ format: Format, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let f as Failure {
            return errors([(Int(f.status.code), f.description)], status: f.status, format)
        } catch let e as ZhanjuError {
            let status: HTTPResponseStatus = e.kind == .notFound ? .notFound : (e.kind == .forbidden ? .forbidden : (e.kind == .unauthorized ? .forbidden : .badRequest))
            return errors([(Int(status.code), (e.field.map { "\($0): " } ?? "") + e.message.en)], status: status, format)
        } catch {
            req.logger.report(error: error)
            return errors([(500, "Internal error")], status: .internalServerError, format)
        }
    }

    // MARK: services

    static func services(_ req: Request, _ format: Format) async throws -> Response {
        let items = try await ServiceItem.query(on: req.db).filter(\.$active == true).sort(\.$family).sort(\.$code).all()
        let lang = Lang.of(req)
        let rows: [[(String, Value)]] = items.map { i in
            [("service_code", .s(i.code)), ("service_name", .s(lang == .zh ? i.nameZh : i.nameEn)),
             ("description", .s(lang == .zh ? i.descriptionZh : i.descriptionEn)), ("metadata", .b(!i.attributeList.isEmpty)),
             ("type", .s("realtime")), ("keywords", .s("\(i.nameZh), \(i.nameEn), \(i.family)")), ("group", .s(i.familyValue?.label[lang] ?? i.family))]
        }
        return render(rows, root: "services", element: "service", format)
    }

    static func definition(_ code: String, _ req: Request, _ format: Format) async throws -> Response {
        guard let item = try await ServiceItem.query(on: req.db).filter(\.$code == code.uppercased()).filter(\.$active == true).first() else {
            throw Failure(status: .notFound, description: "No service with service_code \(code)")
        }
        let lang = Lang.of(req)
        let attributes: [[(String, Value)]] = item.attributeList.sorted { $0.order < $1.order }.map { a in
            [("variable", .b(true)), ("code", .s(a.code)), ("datatype", .s(a.datatype.rawValue)), ("required", .b(a.required)),
             ("datatype_description", .null), ("order", .i(a.order)), ("description", .s(lang == .zh ? a.descriptionZh : a.descriptionEn)),
             ("values", .list("value", a.values.map { [("key", .s($0.key)), ("name", .s(lang == .zh ? $0.nameZh : $0.nameEn))] }))]
        }
        let fields: [(String, Value)] = [("service_code", .s(item.code)), ("attributes", .list("attribute", attributes))]
        switch format {
        case .json: return jsonResponse(object(fields), status: .ok)
        case .xml: return xmlResponse("<service_definition>" + xml(fields) + "</service_definition>", status: .ok)
        }
    }

    // MARK: requests

    static func requests(_ req: Request, _ format: Format) async throws -> Response {
        try SingleQueryValues.check(req)
        let p = req.queryParameters
        let q = Case.query(on: req.db).filter(\.$isPublic == true)
        if let ids = p["service_request_id"], !ids.isEmpty { q.filter(\.$number ~~ ids.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
        if let codes = p["service_code"], !codes.isEmpty {
            let items = try await ServiceItem.query(on: req.db).filter(\.$code ~~ codes.split(separator: ",").map { String($0).uppercased() }).all()
            q.filter(\.$item.$id ~~ items.map { $0.id! })
        }
        let start = try p["start_date"].map { try w3c($0, "start_date") }
        let end = try p["end_date"].map { try w3c($0, "end_date") }
        if p["service_request_id"] == nil && start == nil && end == nil {
            // The standard's default window: the last 90 days.
            q.filter(\.$reportedAt >= req.access.now().addingTimeInterval(-90 * 86_400))
        }
        if let start { q.filter(\.$reportedAt >= start) }
        if let end { q.filter(\.$reportedAt <= end) }
        if let status = p["status"], !status.isEmpty {
            let wanted = Set(status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            guard wanted.isSubset(of: ["open", "closed"]) else { throw Failure(status: .badRequest, description: "status must be open, closed or both") }
            let statuses = CaseStatus.allCases.filter { wanted.contains(openStatus($0)) }.map(\.rawValue)
            q.filter(\.$status ~~ statuses)
        }
        let bounds = QueryParameters(p)
        let paging = Paging(page: try bounds.int("page", in: 1...Paging.maxPage) ?? 1, per: try bounds.int("page_size", in: 1...1000) ?? 1000)
        let cases = try await q.sort(\.$reportedAt, .descending).range(paging.range()).all()
        return render(try await cases.asyncMap { try await requestFields($0, req) }, root: "service_requests", element: "request", format)
    }

    static func request(_ id: String, _ req: Request, _ format: Format) async throws -> Response {
        guard let c = try await Case.query(on: req.db).filter(\.$number == id).filter(\.$isPublic == true).first() else {
            throw Failure(status: .notFound, description: "No service request \(id)")
        }
        return render([try await requestFields(c, req)], root: "service_requests", element: "request", format)
    }

    static func create(_ req: Request, _ format: Format) async throws -> Response {
        let v = FormKit.values(of: req).merging(req.queryParameters.mapValues { [$0] }) { a, _ in a }
        guard let key = v["api_key"]?.first, !key.isEmpty,
              let principal = try await req.access.loadPrincipal(Secret.hash(key), bearer: true, req: req) else {
            throw Failure(status: .forbidden, description: "Invalid api_key received -- can't proceed with create_request.")
        }
        req.storage[PrincipalKey.self] = principal
        guard let code = v["service_code"]?.first, !code.isEmpty else { throw Failure(status: .badRequest, description: "service_code was not provided") }
        let lat = v["lat"]?.first.flatMap(Double.init), long = v["long"]?.first.flatMap(Double.init)
        let addressString = v["address_string"]?.first.flatMap { $0.isEmpty ? nil : $0 }
        let addressID = v["address_id"]?.first.flatMap { $0.isEmpty ? nil : $0 }
        guard (lat != nil && long != nil) || addressString != nil || addressID != nil else {
            throw Failure(status: .badRequest, description: "A location is required: lat and long, address_string or address_id")
        }
        // Cases are routed by compound: address_id names a household or compound; without one,
        // the filer's own household is used.
        var household: UUID?, compound: UUID?
        if let addressID {
            guard let id = UUID(uuidString: addressID) else { throw Failure(status: .badRequest, description: "address_id must be a household or compound id") }
            let registry = RegistryDirectory(db: req.db)
            if try await registry.household(id) != nil { household = id } else if try await registry.compoundExists(id) { compound = id }
            else { throw Failure(status: .badRequest, description: "address_id \(addressID) is not a known household or compound") }
        } else if principal.householdID == nil {
            throw Failure(status: .badRequest, description: "address_id is required: this jurisdiction routes requests by household or compound")
        }
        var attributes: [String: [String]] = [:]
        for (key, values) in v where key.hasPrefix("attribute[") && key.hasSuffix("]") {
            attributes[String(key.dropFirst("attribute[".count).dropLast())] = values
        }
        let description = [v["description"]?.first, addressString.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        var context = try req.writeContext()
        context.actor.channel = .online
        let service = CaseService(db: req.db, context: context, calendar: try await req.access.calendar(on: req.db), now: req.access.now(), today: req.today)
        let c: Case
        do {
            c = try await service.open(.init(serviceCode: code, description: description, householdId: household, compoundId: compound, residentId: nil,
                                             channel: CaseService.Origin.open311.rawValue, attributes: attributes, address: addressString, lat: lat, long: long,
                                             mediaUrl: v["media_url"]?.first), publicRequest: true)
        } catch let e as ZhanjuError where e.kind == .notFound && addressID != nil {
            // A household out of the caller's reach answers like one that does not exist.
            throw Failure(status: .badRequest, description: "address_id \(addressID ?? "") is not a known household or compound")
        }
        let item = try await ServiceItem.find(c.$item.id, on: req.db)
        let notice = Text("已受理登记,\(item?.slaDays ?? 0) 个工作日内办结。", "Registered; to be resolved within \(item?.slaDays ?? 0) working days.")[Lang.of(req)]
        let rows: [[(String, Value)]] = [[("service_request_id", .s(c.number)), ("service_notice", .s(notice)), ("account_id", .null)]]
        var response = render(rows, root: "service_requests", element: "request", format)
        response = Response(status: .created, headers: response.headers, body: response.body)
        return response
    }

    static func openStatus(_ s: CaseStatus) -> String { s.isOpen ? "open" : "closed" }

    static func requestFields(_ c: Case, _ req: Request) async throws -> [(String, Value)] {
        let item = try await ServiceItem.find(c.$item.id, on: req.db)
        let lang = Lang.of(req)
        let agency = try await BodyDirectory(db: req.db).name(of: BodyKind(rawValue: c.assignedKind) ?? .workstation, id: c.assignedBodyID)
        let expected = CivilDate(iso: c.dueOn).map { "\($0.iso)T18:00:00+08:00" }
        return [("service_request_id", .s(c.number)), ("status", .s(openStatus(c.statusValue))),
                // A fixed word for how it ended: the last note may be a staff reason or a rating comment.
                ("status_notes", c.statusValue.isOpen ? .null : .s(c.statusValue.label[lang])),
                ("service_name", .s((lang == .zh ? item?.nameZh : item?.nameEn) ?? "")), ("service_code", .s(item?.code ?? "")),
                ("description", .s(c.description)), ("agency_responsible", agency.map { .s($0[lang]) } ?? .null),
                ("service_notice", .null), ("requested_datetime", .s(datetime(c.reportedAt))), ("updated_datetime", .s(datetime(c.updatedAt))),
                ("expected_datetime", expected.map { .s($0) } ?? .null), ("address", c.address.map { .s($0) } ?? .null),
                // A household id would point at a family: a public request names at most its compound.
                ("address_id", c.compoundID.map { .s($0.uuidString) } ?? .null),
                ("zipcode", .null), ("lat", c.lat.map { .d($0) } ?? .null), ("long", c.long.map { .d($0) } ?? .null),
                ("media_url", c.mediaURL.map { .s($0) } ?? .null)]
    }

    static func discovery(_ req: Request) throws -> Response {
        // The Host header is the client's to write: only a plain host[:port] goes into the document.
        let host = req.headers.first(name: .host).flatMap { h in
            h.count <= 255 && !h.isEmpty && h.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }) ? h : nil
        } ?? "127.0.0.1"
        let base = "\(req.url.scheme ?? "http")://\(host)/open311/v2/"
        let json = """
            {"changeset":"2026-11-27T00:00:00+08:00","contact":"The Zhanju workstation system","key_service":"API tokens are issued on the account page (/account)",\
            "endpoints":[{"specification":"http://wiki.open311.org/GeoReport_v2","url":"\(base)","changeset":"2026-11-27T00:00:00+08:00","type":"production","formats":["application/json","text/xml"]}]}
            """
        return jsonResponse(json, status: .ok)
    }

    // MARK: encoding

    indirect enum Value {
        case s(String), i(Int), d(Double), b(Bool), null
        case list(String, [[(String, Value)]])
    }

    static func render(_ rows: [[(String, Value)]], root: String, element: String, _ format: Format) -> Response {
        switch format {
        case .json: return jsonResponse("[" + rows.map(object).joined(separator: ",") + "]", status: .ok)
        case .xml: return xmlResponse("<\(root)>" + rows.map { "<\(element)>" + xml($0) + "</\(element)>" }.joined() + "</\(root)>", status: .ok)
        }
    }

    static func object(_ fields: [(String, Value)]) -> String {
        var w = JSONWriter()
        w.object { w in for (k, v) in fields { w.key(k); json(v, &w) } }
        return w.output
    }

    static func json(_ v: Value, _ w: inout JSONWriter) {
        switch v {
        case .s(let s): w.string(s)
        case .i(let i): w.raw(String(i))
        case .d(let d): w.raw(String(d))
        case .b(let b): w.raw(b ? "true" : "false")
        case .null: w.raw("null")
        case .list(_, let items): w.array(items) { w, fields in w.object { w in for (k, v) in fields { w.key(k); json(v, &w) } } }
        }
    }

    static func xml(_ fields: [(String, Value)]) -> String {
        fields.map { k, v in
            switch v {
            case .s(let s): return "<\(k)>\(attr(s))</\(k)>"
            case .i(let i): return "<\(k)>\(i)</\(k)>"
            case .d(let d): return "<\(k)>\(d)</\(k)>"
            case .b(let b): return "<\(k)>\(b)</\(k)>"
            case .null: return "<\(k)/>"
            case .list(let element, let items): return "<\(k)>" + items.map { "<\(element)>" + xml($0) + "</\(element)>" }.joined() + "</\(k)>"
            }
        }.joined()
    }

    static func errors(_ list: [(Int, String)], status: HTTPResponseStatus, _ format: Format) -> Response {
        let rows: [[(String, Value)]] = list.map { [("code", .i($0.0)), ("description", .s($0.1))] }
        let r = render(rows, root: "errors", element: "error", format)
        return Response(status: status, headers: r.headers, body: r.body)
    }

    static func jsonResponse(_ body: String, status: HTTPResponseStatus) -> Response {
        var h = HTTPHeaders()
        h.contentType = .json
        return Response(status: status, headers: h, body: .init(string: body))
    }

    static func xmlResponse(_ body: String, status: HTTPResponseStatus) -> Response {
        var h = HTTPHeaders()
        h.contentType = HTTPMediaType(type: "text", subType: "xml", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: h, body: .init(string: "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body))
    }

    static func datetime(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.string(from: d)
    }

    /// W3C datetimes as the standard's filters take them (a bare date is its midnight in Shanghai).
    static func w3c(_ raw: String, _ field: String) throws -> Date {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: raw) { return d }
        f.formatOptions = [.withFullDate]
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        if let d = f.date(from: raw) { return d }
        throw Failure(status: .badRequest, description: "\(field) must be a W3C datetime, e.g. 2026-11-27T09:00:00+08:00")
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
