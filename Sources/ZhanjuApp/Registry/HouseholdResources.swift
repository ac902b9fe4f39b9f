import Fluent
import SQLKit
import Foundation
import ZhanjuRules

struct HouseholdResource: RegistryResource {
    var id: UUID?
    var entranceId: UUID?
    var gridId: UUID?
    var door: String?
    /// Derived from the entrance; ignored on input.
    var buildingId: UUID?
    var compoundId: UUID?

    static let path = "households"
    static let label = Strings.household
    static let filters = ["compound_id", "building_id", "entrance_id", "grid_id"]
    static var hasOwnReadRoute: Bool { true }
    static let example = HouseholdResource(id: UUID(), entranceId: UUID(), gridId: UUID(), door: "1-101", buildingId: UUID(), compoundId: UUID())

    func apply(to row: Household, on db: any Database, context: WriteContext) async throws {
        // The entrance's building and compound in one lookup: every household written asks it.
        var v = Validation()
        let place = try await v.field { () async throws -> (entrance: UUID, building: UUID, compound: UUID) in
            guard let entranceId else { throw ZhanjuError.required("entrance_id") }
            guard let place = try await (db as! any SQLDatabase).select().column(SQLColumn("building_id", table: "e")).column(SQLColumn("compound_id", table: "b"))
                .from(SQLAlias(SQLIdentifier(Entrance.schema), as: SQLIdentifier("e")))
                .join(SQLAlias(SQLIdentifier(Building.schema), as: SQLIdentifier("b")), on: SQLColumn("id", table: "b"), .equal, SQLColumn("building_id", table: "e"))
                .where(SQLColumn("id", table: "e"), .equal, SQLBind(entranceId)).first() else {
                throw ZhanjuError.invalid("entrance_id", "unknown_reference", Strings.errorUnknownRef("entrance_id"))
            }
            return (entranceId, try place.decode(column: "building_id", as: UUID.self), try place.decode(column: "compound_id", as: UUID.self))
        }
        let grid = try await v.field { try await Check.existing(Grid.self, gridId, "grid_id", on: db) } ?? nil
        let door = try v.field { try Check.text(self.door, "door", max: 32) }
        try v.finish()
        guard let place, let door else { return }   // nil only after finish threw
        row.$entrance.id = place.entrance
        row.$building.id = place.building
        row.$compound.id = place.compound
        row.$grid.id = grid
        row.door = door
        try await Check.unique(Household.self, "door", row.door, "door", within: ("entrance_id", row.$entrance.id), except: row.id, on: db)
    }
    static func filter(_ q: QueryBuilder<Household>, by p: [String: String]) throws -> QueryBuilder<Household> {
        if let id = try uuidParam(p, "compound_id") { q.filter(\.$compound.$id == id) }
        if let id = try uuidParam(p, "building_id") { q.filter(\.$building.$id == id) }
        if let id = try uuidParam(p, "entrance_id") { q.filter(\.$entrance.$id == id) }
        if let id = try uuidParam(p, "grid_id") { q.filter(\.$grid.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Household>) -> QueryBuilder<Household> { q.sort(\.$door) }
}

extension HouseholdResource {
    init(_ row: Household, on db: any Database) async throws {
        self.init(id: row.id, entranceId: row.$entrance.id, gridId: row.$grid.id, door: row.door,
                  buildingId: row.$building.id, compoundId: row.$compound.id)
    }
}

/// A resident as the API shows and accepts them. ID and phone numbers are write-only: responses
/// carry only their masked forms (RULES.md, PIPL).
struct ResidentResource: RegistryResource {
    var id: UUID?
    var householdId: UUID?
    var relation: String?
    var name: String?
    var sex: String?
    var birthDate: String?
    var hukou: String?
    var politicalRights: Bool?
    var phone: String?
    var idNumber: String?
    var tags: [String]?
    var phoneMasked: String?
    var idNumberMasked: String?

    static let path = "residents"
    static let label = Strings.resident
    static let filters = ["household_id", "name", "tag"]
    static let example = ResidentResource(id: UUID(), householdId: UUID(), relation: "head", name: "王芳", sex: "female", birthDate: "1949-12-31",
                                          hukou: "local", politicalRights: true, phone: "13812345678", idNumber: "11010519491231002X",
                                          tags: ["elderly"], phoneMasked: "138****5678", idNumberMasked: "1101**********002X")

    init(id: UUID?, householdId: UUID?, relation: String?, name: String?, sex: String?, birthDate: String?, hukou: String?,
         politicalRights: Bool?, phone: String?, idNumber: String?, tags: [String]?, phoneMasked: String? = nil, idNumberMasked: String? = nil) {
        self.id = id
        self.householdId = householdId
        self.relation = relation
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.hukou = hukou
        self.politicalRights = politicalRights
        self.phone = phone
        self.idNumber = idNumber
        self.tags = tags
        self.phoneMasked = phoneMasked
        self.idNumberMasked = idNumberMasked
    }

    init(_ row: Resident, on db: any Database) async throws {
        self.init(row)
    }

    init(_ row: Resident) {
        self.init(id: row.id, householdId: row.$household.id, relation: row.relation, name: row.name, sex: row.sex, birthDate: row.birthDate,
                  hukou: row.hukou, politicalRights: row.politicalRights, phone: nil, idNumber: nil, tags: row.tagList,
                  phoneMasked: row.phoneMasked, idNumberMasked: row.idNumberMasked)
    }

    func apply(to row: Resident, on db: any Database, context: WriteContext) async throws {
        // Every field is checked before any is refused, so a form shows all its errors at once.
        var v = Validation()
        let household = try await v.field { try await Check.existing(Household.self, householdId, "household_id", on: db) } ?? nil
        // A relation (to the household's head) only for someone registered in a household.
        let relation = try household == nil ? nil : v.field { try Check.choice(self.relation, "relation", as: Relation.self) }
        let name = try v.field { try Check.text(self.name, "name", max: 64) }
        let sex = try v.field { try Check.choice(self.sex, "sex", as: Sex.self) }
        let born = try v.field { () throws -> CivilDate in
            let born = try Check.date(birthDate, "birth_date")
            guard born.year >= 1890, born <= ZhanjuClock().today.adding(days: 1) else {
                throw ZhanjuError.invalid("birth_date", "range", Text("出生日期不能晚于今天或早于 1890 年。", "The birth date cannot be in the future or before 1890."))
            }
            return born
        }
        let hukou = try v.field { try Check.choice(self.hukou, "hukou", as: Hukou.self) }
        let phone = try v.field { try self.phone.map { try Check.phone($0, "phone") } ?? nil }
        var tagValues: [String] = []
        for tag in tags ?? [] { if let t = try v.field({ try Check.choice(tag, "tags", as: ServiceTag.self) }) { tagValues.append(t.rawValue) } }
        try v.finish()
        guard let name, let sex, let born, let hukou else { return }   // each is nil only after finish threw
        row.$household.id = household
        row.relation = relation?.rawValue
        row.name = name
        row.sex = sex.rawValue
        row.birthDate = born.iso
        row.hukou = hukou.rawValue
        row.politicalRights = politicalRights ?? true
        // A PUT that omits the secret numbers keeps them: clients never see them to send them back.
        let numbers = context.access.personalNumbers
        if let phone { numbers.store(phone, .phone, in: row) }
        if let raw = idNumber?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            let value: String
            do {
                value = try IDNumber(raw, birthDate: born, sex: sex).value
            } catch {
                throw ZhanjuError.invalid("id_number", "id_number.\(error.rawValue)", Strings.idProblem(error))
            }
            if try await numbers.holders(of: value, on: db).contains(where: { $0 != row.id }) {
                throw ZhanjuError(.conflict, code: "duplicate", field: "id_number", message: Strings.errorDuplicate("id_number"))
            }
            numbers.store(value, .idNumber, in: row)
        } else if let existing = try numbers.open(.idNumber, of: row) {
            // Birth date or sex changed under an ID number already held: they must still agree.
            do { _ = try IDNumber(existing, birthDate: born, sex: sex) } catch {
                throw ZhanjuError.invalid("id_number", "id_number.\(error.rawValue)", Strings.idProblem(error))
            }
        }
        // Someone who may not see sensitive tags can neither set them nor, by leaving them out
        // of a form they never saw them in, clear them.
        if let principal = context.principal {
            let place = try await Self.place(of: row, map: try await context.access.map(on: db), on: db)
            if !principal.grants.allows(.sensitiveRead, at: place) {
                let held = (row.$tags.value ?? "").split(separator: ",").map(String.init).filter { ServiceTag(rawValue: $0)?.isSensitive == true }
                if let added = tagValues.first(where: { ServiceTag(rawValue: $0)?.isSensitive == true && !held.contains($0) }) {
                    throw ZhanjuError.invalid("tags", "sensitive", Text("无权设置敏感标签:\(added)。", "You may not set the sensitive tag \(added)."))
                }
                tagValues = tagValues.filter { ServiceTag(rawValue: $0)?.isSensitive != true } + held
            }
        }
        row.tags = Resident.encodeTags(Array(Set(tagValues)).sorted())
    }

    static func filter(_ q: QueryBuilder<Resident>, by p: [String: String]) throws -> QueryBuilder<Resident> {
        if let id = try uuidParam(p, "household_id") { q.filter(\.$household.$id == id) }
        // A prefix search: LIKE's own wildcards in the input would turn it into a scan of everyone.
        if let name = p["name"]?.filter({ $0 != "%" && $0 != "_" }), !name.isEmpty { q.filter(\.$name, .custom("LIKE"), name + "%") }
        // An unknown tag is a malformed query (400), like every other filter value.
        if let t = try QueryParameters(p).choice("tag", as: ServiceTag.self) {
            q.filter(\.$tags, .custom("LIKE"), "%,\(t.rawValue),%")
        }
        return q
    }
    static func sort(_ q: QueryBuilder<Resident>) -> QueryBuilder<Resident> { q.sort(\.$name).sort(\.$id) }
}
