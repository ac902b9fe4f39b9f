import Fluent
import SQLKit
import Vapor
import ZhanjuRules

/// A household as a clerk or grid worker reads it: where it is and who lives there, masked.
struct HouseholdDetail: Content {
    struct Place: Content {
        var compoundZh: String
        var compoundEn: String
        var zone: String?
        var building: String
        var entrance: String
    }
    var id: UUID
    var door: String
    var entranceId: UUID
    var buildingId: UUID
    var compoundId: UUID
    var gridId: UUID?
    var place: Place
    var residents: [ResidentResource]

    static let example = HouseholdDetail(id: UUID(), door: "1-101", entranceId: UUID(), buildingId: UUID(), compoundId: UUID(), gridId: UUID(),
                                         place: Place(compoundZh: "维多利亚", compoundEn: "Victoria", zone: "A", building: "3", entrance: "1"),
                                         residents: [ResidentResource.example])
}

/// The household read route is the registry's hottest read (every visit, every case opens it),
/// so it is one SQL statement over the household and its members; the names of its place come
/// from the territory map in memory, not from four more joins; and recently read households are
/// served from HouseholdCache without touching the database.
enum HouseholdRead {
    static let select = """
        SELECT h.door, h.entrance_id, h.building_id, h.compound_id, h.grid_id,
               r.id AS r_id, r.relation, r.name, r.sex, r.birth_date, r.hukou, r.political_rights, r.phone_masked, r.id_number_masked, r.tags
        FROM households h
        LEFT JOIN residents r ON r.household_id = h.id
        WHERE h.id =
        """
    static let order = "ORDER BY CASE WHEN r.relation = 'head' THEN 0 ELSE 1 END, r.birth_date"

    typealias Rows = (head: HouseholdJSON.Head, members: [HouseholdJSON.Member])

    /// The household's rows with its place named, through the SQLite reader when there is one.
    static func rows(_ id: UUID, for req: Request) async throws -> Rows? {
        let map = try await req.territoryMap()
        if let reader = req.application.householdReader { return try reader.rows(id).map { named($0, map) } }
        return try await rows(id, on: req.db).map { named($0, map) }
    }

    /// Fills in the names of the household's compound, zone, building and entrance.
    static func named(_ rows: Rows, _ map: TerritoryMap) -> Rows {
        var head = rows.head
        if let c = Hex.uuid(parsing: head.compoundId).flatMap({ map.compoundNames[$0] }) { (head.compoundZh, head.compoundEn) = (c.zh, c.en) }
        if let b = Hex.uuid(parsing: head.buildingId).flatMap({ map.buildingLabels[$0] }) {
            head.building = b.number
            head.zone = b.zone.flatMap { map.zoneCodes[$0] }
        }
        if let e = Hex.uuid(parsing: head.entranceId).flatMap({ map.entranceNumbers[$0] }) { head.entrance = e }
        return (head, rows.members)
    }

    static func place(of head: HouseholdJSON.Head, _ map: TerritoryMap) -> Place {
        guard let id = Hex.uuid(parsing: head.id), let compound = Hex.uuid(parsing: head.compoundId) else { return Place() }
        return map.place(household: id, compound: compound, grid: head.gridId.flatMap(Hex.uuid(parsing:)))
    }

    /// The household's JSON for this principal: 404 outside their reach, sensitive tags only for
    /// roles whose duty needs them.
    static func served(_ entry: HouseholdCache.Entry, _ req: Request) throws -> Response {
        try req.authorize(.householdsRead, at: entry.place, notFound: Strings.household)
        return HouseholdJSON.response(entry.body(sensitive: req.principal!.grants.allows(.sensitiveRead, at: entry.place)))
    }

    /// One statement through SQLKit, on SQLite and PostgreSQL alike.
    static func rows(_ id: UUID, on db: any Database) async throws -> Rows? {
        let sql = db as! any SQLDatabase
        let result = try await sql.raw("\(unsafeRaw: select) \(bind: id) \(unsafeRaw: order)").all()
        guard let first = result.first else { return nil }
        func text(_ row: any SQLRow, _ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        // UUID columns are text on SQLite and uuid on PostgreSQL; decoding as UUID reads both.
        func uuid(_ row: any SQLRow, _ column: String) throws -> String? { try row.decode(column: column, as: UUID?.self)?.uuidString }
        let key = Hex.uuid(id)
        let head = HouseholdJSON.Head(
            id: key, door: try text(first, "door") ?? "", entranceId: try uuid(first, "entrance_id") ?? "", buildingId: try uuid(first, "building_id") ?? "",
            compoundId: try uuid(first, "compound_id") ?? "", gridId: try uuid(first, "grid_id"), compoundZh: "", compoundEn: "", zone: nil, building: "", entrance: "")
        var members: [HouseholdJSON.Member] = []
        for row in result {
            guard let residentID = try uuid(row, "r_id") else { continue }
            members.append(.init(id: residentID, householdId: key, relation: try text(row, "relation"), name: try text(row, "name") ?? "",
                                 sex: try text(row, "sex") ?? "", birthDate: try text(row, "birth_date") ?? "", hukou: try text(row, "hukou") ?? "",
                                 politicalRights: try row.decode(column: "political_rights", as: Bool.self), tags: try text(row, "tags") ?? "",
                                 phoneMasked: try text(row, "phone_masked"), idNumberMasked: try text(row, "id_number_masked")))
        }
        return (head, members)
    }
}

extension HouseholdDetail {
    /// Nil only if the database holds an id that is not a UUID.
    init?(_ rows: HouseholdRead.Rows) {
        let h = rows.head
        guard let id = Hex.uuid(parsing: h.id), let entranceId = Hex.uuid(parsing: h.entranceId),
              let buildingId = Hex.uuid(parsing: h.buildingId), let compoundId = Hex.uuid(parsing: h.compoundId) else { return nil }
        self.init(id: id, door: h.door, entranceId: entranceId, buildingId: buildingId, compoundId: compoundId,
                  gridId: h.gridId.flatMap(Hex.uuid(parsing:)),
                  place: .init(compoundZh: h.compoundZh, compoundEn: h.compoundEn, zone: h.zone, building: h.building, entrance: h.entrance),
                  residents: rows.members.map { m in
                      ResidentResource(id: Hex.uuid(parsing: m.id), householdId: Hex.uuid(parsing: m.householdId), relation: m.relation, name: m.name,
                                       sex: m.sex, birthDate: m.birthDate, hukou: m.hukou, politicalRights: m.politicalRights, phone: nil, idNumber: nil,
                                       tags: m.tags.split(separator: ",").map(String.init), phoneMasked: m.phoneMasked, idNumberMasked: m.idNumberMasked)
                  })
    }
}

/// The household JSON, written from plain strings so the SQLite reader can go from row text to
/// bytes without building UUIDs and structs on the way.
enum HouseholdJSON {
    struct Head {
        var id, door, entranceId, buildingId, compoundId: String
        var gridId: String?
        var compoundZh, compoundEn: String
        var zone: String?
        var building, entrance: String
    }
    struct Member {
        var id, householdId: String
        var relation: String?
        var name, sex, birthDate, hukou: String
        var politicalRights: Bool
        var tags: String        // stored form: ",a,b,"
        var phoneMasked, idNumberMasked: String?

        var withoutSensitiveTags: Member {
            var m = self
            m.tags = Resident.encodeTags(ServiceTag.visible(tags.split(separator: ",").map(String.init), sensitive: false))
            return m
        }
    }

    /// The same JSON the Codable encoder writes for HouseholdDetail (snake_case keys, nulls
    /// omitted); a test holds the two equal.
    static func write(_ h: Head, _ members: [Member]) -> String {
        var w = JSONWriter()
        w.object { w in
            w.field("id", h.id)
            w.field("door", h.door)
            w.field("entrance_id", h.entranceId)
            w.field("building_id", h.buildingId)
            w.field("compound_id", h.compoundId)
            w.field("grid_id", h.gridId)
            w.key("place")
            w.object { w in
                w.field("compound_zh", h.compoundZh)
                w.field("compound_en", h.compoundEn)
                w.field("zone", h.zone)
                w.field("building", h.building)
                w.field("entrance", h.entrance)
            }
            w.key("residents")
            w.array(members) { w, r in
                w.object { w in
                    w.field("id", r.id)
                    w.field("household_id", r.householdId)
                    w.field("relation", r.relation)
                    w.field("name", r.name)
                    w.field("sex", r.sex)
                    w.field("birth_date", r.birthDate)
                    w.field("hukou", r.hukou)
                    w.key("political_rights")
                    w.raw(r.politicalRights ? "true" : "false")
                    w.key("tags")
                    w.array(r.tags.split(separator: ",")) { w, tag in w.string(String(tag)) }
                    w.field("phone_masked", r.phoneMasked)
                    w.field("id_number_masked", r.idNumberMasked)
                }
            }
        }
        return w.output
    }

    static func response(_ json: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }
}

extension HouseholdDetail {
    func json() -> String {
        HouseholdJSON.write(
            .init(id: id.uuidString, door: door, entranceId: entranceId.uuidString, buildingId: buildingId.uuidString, compoundId: compoundId.uuidString,
                  gridId: gridId?.uuidString, compoundZh: place.compoundZh, compoundEn: place.compoundEn, zone: place.zone,
                  building: place.building, entrance: place.entrance),
            residents.map { r in
                .init(id: r.id?.uuidString ?? "", householdId: r.householdId?.uuidString ?? "", relation: r.relation, name: r.name ?? "", sex: r.sex ?? "",
                      birthDate: r.birthDate ?? "", hukou: r.hukou ?? "", politicalRights: r.politicalRights ?? false,
                      tags: Resident.encodeTags(r.tags ?? []), phoneMasked: r.phoneMasked, idNumberMasked: r.idNumberMasked)
            })
    }

}

/// A minimal JSON writer for hot routes: objects, arrays, strings escaped per RFC 8259.
struct JSONWriter {
    private(set) var output: String = {
        var s = ""
        s.reserveCapacity(2048)
        return s
    }()
    private var needsComma = false

    mutating func key(_ k: String) {
        string(k)
        output.append(":")
        needsComma = false
    }

    mutating func field(_ k: String, _ value: String?) {
        guard let value else { return }
        key(k)
        string(value)
    }

    mutating func raw(_ text: String) {
        if needsComma { output.append(",") }
        output.append(text)
        needsComma = true
    }

    mutating func string(_ s: String) {
        if needsComma { output.append(",") }
        output.append("\"")
        // Most values need no escaping: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output.append(s)
            output.append("\"")
            needsComma = true
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
        needsComma = true
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        if needsComma { output.append(",") }
        output.append("{")
        needsComma = false
        body(&self)
        output.append("}")
        needsComma = true
    }

    mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        if needsComma { output.append(",") }
        output.append("[")
        needsComma = false
        for item in items { body(&self, item) }
        output.append("]")
        needsComma = true
    }
}

enum HouseholdReadAPI {
    /// Served synchronously on the event loop: from the cache with no database at all, or on
    /// SQLite through the reader; no task hop, JSON written once by hand (Foundation's encoder
    /// was a fifth of this route's time).
    @Sendable static func respond(_ req: Request) throws -> EventLoopFuture<Response> {
        let id = try req.uuidParameter("id")
        let key = Hex.uuid(id)
        if let entry = req.access.households.get(key) { return req.eventLoop.makeSucceededFuture(try HouseholdRead.served(entry, req)) }
        let ticket = req.access.households.ticket()
        // A miss on SQLite is read in place when the territory map is already in memory.
        if let reader = req.application.householdReader, let map = req.access.cachedMap() {
            guard let rows = try reader.rows(id) else { throw ZhanjuError.notFound(Strings.household) }
            let entry = HouseholdCache.entry(HouseholdRead.named(rows, map), map)
            req.access.households.put(key, entry, ticket: ticket)
            return req.eventLoop.makeSucceededFuture(try HouseholdRead.served(entry, req))
        }
        return req.eventLoop.makeFutureWithTask {
            guard let rows = try await HouseholdRead.rows(id, for: req) else { throw ZhanjuError.notFound(Strings.household) }
            let entry = HouseholdCache.entry(rows, try await req.territoryMap())
            req.access.households.put(key, entry, ticket: ticket)
            return try HouseholdRead.served(entry, req)
        }
    }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        // Registered with its own responder rather than `api.get`: Vapor's wrapper collects the
        // body and re-wraps the response in two more futures, a visible share of a cache hit.
        let route = Route(method: .GET, path: ["households", ":id"], responder: BasicResponder(closure: respond),
                          requestType: Request.self, responseType: Response.self)
        api.add(route.access(.permission(.householdsRead)))
        document.addSchema("HouseholdDetail", OpenAPIDocument.schema(describing: HouseholdDetail.example))
        document.add("GET", "/api/v1/households/{id}", .init(
            summary: "Read a household with its place and members (ID and phone numbers masked)", operationId: "readHousehold", tags: ["Household"],
            parameters: [.init(name: "id", in: "path", required: true, schema: .uuid)], requestBody: nil,
            responses: ["200": .init(description: "The household", content: ["application/json": .init(schema: .named("HouseholdDetail"))]),
                        "404": .init(description: "Not found", content: ["application/problem+json": OpenAPIDocument.problem])]))
    }
}
