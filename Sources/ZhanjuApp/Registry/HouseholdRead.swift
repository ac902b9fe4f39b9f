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
/// so it is one SQL statement joining the place and the members rather than a chain of lookups.
enum HouseholdRead {
    static func load(_ id: UUID, on db: any Database) async throws -> HouseholdDetail? {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT h.id, h.door, h.entrance_id, h.building_id, h.compound_id, h.grid_id,
                   e.number AS entrance_no, b.number AS building_no, z.code AS zone_code, c.name_zh AS compound_zh, c.name_en AS compound_en,
                   r.id AS r_id, r.relation, r.name, r.sex, r.birth_date, r.hukou, r.political_rights, r.phone, r.id_number, r.tags
            FROM households h
            JOIN entrances e ON e.id = h.entrance_id
            JOIN buildings b ON b.id = h.building_id
            JOIN compounds c ON c.id = h.compound_id
            LEFT JOIN zones z ON z.id = b.zone_id
            LEFT JOIN residents r ON r.household_id = h.id
            WHERE h.id = \(bind: id)
            ORDER BY CASE WHEN r.relation = 'head' THEN 0 ELSE 1 END, r.birth_date
            """).all()
        guard let first = rows.first else { return nil }
        var residents: [ResidentResource] = []
        for row in rows {
            guard let rid = try row.decodeNil(column: "r_id") ? nil : row.decode(column: "r_id", as: UUID.self) else { continue }
            let phone = try row.decode(column: "phone", as: String?.self)
            let idNumber = try row.decode(column: "id_number", as: String?.self)
            residents.append(ResidentResource(
                id: rid, householdId: id, relation: try row.decode(column: "relation", as: String?.self),
                name: try row.decode(column: "name", as: String.self), sex: try row.decode(column: "sex", as: String.self),
                birthDate: try row.decode(column: "birth_date", as: String.self), hukou: try row.decode(column: "hukou", as: String.self),
                politicalRights: try row.decode(column: "political_rights", as: Bool.self), phone: nil, idNumber: nil,
                tags: try row.decode(column: "tags", as: String.self).split(separator: ",").map(String.init),
                phoneMasked: phone.map(Masking.phone), idNumberMasked: idNumber.map(Masking.idNumber)))
        }
        return HouseholdDetail(
            id: id, door: try first.decode(column: "door", as: String.self),
            entranceId: try first.decode(column: "entrance_id", as: UUID.self), buildingId: try first.decode(column: "building_id", as: UUID.self),
            compoundId: try first.decode(column: "compound_id", as: UUID.self), gridId: try first.decode(column: "grid_id", as: UUID?.self),
            place: .init(compoundZh: try first.decode(column: "compound_zh", as: String.self), compoundEn: try first.decode(column: "compound_en", as: String.self),
                         zone: try first.decode(column: "zone_code", as: String?.self), building: try first.decode(column: "building_no", as: String.self),
                         entrance: try first.decode(column: "entrance_no", as: String.self)),
            residents: residents)
    }
}

enum HouseholdReadAPI {
    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        api.get("households", ":id") { req async throws -> HouseholdDetail in
            guard let detail = try await HouseholdRead.load(try req.uuidParameter("id"), on: req.db) else {
                throw ZhanjuError.notFound(Strings.household.en)
            }
            return detail
        }
        document.addSchema("HouseholdDetail", OpenAPIDocument.schema(describing: HouseholdDetail.example))
        document.add("GET", "/api/v1/households/{id}", .init(
            summary: "Read a household with its place and members (ID and phone numbers masked)", operationId: "readHousehold", tags: ["Household"],
            parameters: [.init(name: "id", in: "path", required: true, schema: .uuid)], requestBody: nil,
            responses: ["200": .init(description: "The household", content: ["application/json": .init(schema: .named("HouseholdDetail"))]),
                        "404": .init(description: "Not found", content: ["application/problem+json": OpenAPIDocument.problem])]))
    }
}
