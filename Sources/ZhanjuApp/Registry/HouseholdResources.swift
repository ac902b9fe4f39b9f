import Fluent
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

    func apply(to row: Household, on db: any Database) async throws {
        let entrance = try await Check.ref(Entrance.self, entranceId, "entrance_id", on: db)
        guard let building = try await Building.find(entrance.$building.id, on: db) else { throw ZhanjuError.notFound("building") }
        row.$entrance.id = try entrance.requireID()
        row.$building.id = try building.requireID()
        row.$compound.id = building.$compound.id
        row.$grid.id = try await Check.optionalRef(Grid.self, gridId, "grid_id", on: db)?.requireID()
        row.door = try Check.text(door, "door", max: 32)
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
                  phoneMasked: row.phone.map(Masking.phone), idNumberMasked: row.idNumber.map(Masking.idNumber))
    }

    func apply(to row: Resident, on db: any Database) async throws {
        row.$household.id = try await Check.optionalRef(Household.self, householdId, "household_id", on: db)?.requireID()
        if row.$household.id != nil {
            row.relation = try Check.choice(relation, "relation", as: Relation.self).rawValue
        } else {
            row.relation = nil
        }
        row.name = try Check.text(name, "name", max: 64)
        let sex = try Check.choice(sex, "sex", as: Sex.self)
        row.sex = sex.rawValue
        let born = try Check.date(birthDate, "birth_date")
        guard born.year >= 1890, born <= ZhanjuClock().today.adding(days: 1) else {
            throw ZhanjuError.invalid("birth_date", "range", Text("出生日期不能晚于今天或早于 1890 年。", "The birth date cannot be in the future or before 1890."))
        }
        row.birthDate = born.iso
        row.hukou = try Check.choice(hukou, "hukou", as: Hukou.self).rawValue
        row.politicalRights = politicalRights ?? true
        // A PUT that omits the secret numbers keeps them: clients never see them to send them back.
        if let phone { row.phone = try Check.phone(phone, "phone") }
        if let raw = idNumber?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do {
                row.idNumber = try IDNumber(raw, birthDate: born, sex: sex).value
            } catch {
                throw ZhanjuError.invalid("id_number", "id_number.\(error.rawValue)", Strings.idProblem(error))
            }
            try await Check.unique(Resident.self, "id_number", row.idNumber!, "id_number", except: row.id, on: db)
        } else if let existing = row.idNumber {
            // Birth date or sex changed under an ID number already held: they must still agree.
            do { _ = try IDNumber(existing, birthDate: born, sex: sex) } catch {
                throw ZhanjuError.invalid("id_number", "id_number.\(error.rawValue)", Strings.idProblem(error))
            }
        }
        var tagValues: [String] = []
        for tag in tags ?? [] { tagValues.append(try Check.choice(tag, "tags", as: ServiceTag.self).rawValue) }
        row.tags = Resident.encodeTags(Array(Set(tagValues)).sorted())
    }

    static func filter(_ q: QueryBuilder<Resident>, by p: [String: String]) throws -> QueryBuilder<Resident> {
        if let id = try uuidParam(p, "household_id") { q.filter(\.$household.$id == id) }
        // A prefix search: LIKE's own wildcards in the input would turn it into a scan of everyone.
        if let name = p["name"]?.filter({ $0 != "%" && $0 != "_" }), !name.isEmpty { q.filter(\.$name, .custom("LIKE"), name + "%") }
        if let tag = p["tag"], !tag.isEmpty {
            let t = try Check.choice(tag, "tag", as: ServiceTag.self)
            q.filter(\.$tags, .custom("LIKE"), "%,\(t.rawValue),%")
        }
        return q
    }
    static func sort(_ q: QueryBuilder<Resident>) -> QueryBuilder<Resident> { q.sort(\.$name).sort(\.$id) }
}
