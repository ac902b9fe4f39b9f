import Fluent
import Foundation

/// 户: a dwelling and the people registered in it; also a voting and counting unit.
/// `building` and `compound` repeat what the entrance implies so that counts per compound and
/// per building are single-index scans; the service keeps them consistent.
final class Household: Model, @unchecked Sendable {
    static let schema = "households"
    @ID(key: .id) var id: UUID?
    @Parent(key: "entrance_id") var entrance: Entrance
    @Parent(key: "building_id") var building: Building
    @Parent(key: "compound_id") var compound: Compound
    @OptionalParent(key: "grid_id") var grid: Grid?
    @Field(key: "door") var door: String
    init() {}
}

/// 居民: a person. Most live in a household of the area; workstation staff and others who hold
/// posts may not, so the household is optional.
final class Resident: Model, @unchecked Sendable {
    static let schema = "residents"
    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "household_id") var household: Household?
    @OptionalField(key: "relation") var relation: String?
    @Field(key: "name") var name: String
    @Field(key: "sex") var sex: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "hukou") var hukou: String
    @Field(key: "political_rights") var politicalRights: Bool
    /// Sealed with the personal-data cipher; see PersonalNumbers. (The plain `phone` and
    /// `id_number` columns of migration 001 stay empty from migration 002 on.)
    @OptionalField(key: "phone_sealed") var phoneSealed: String?
    @OptionalField(key: "id_number_sealed") var idNumberSealed: String?
    @OptionalField(key: "phone_hash") var phoneHash: String?
    @OptionalField(key: "id_number_hash") var idNumberHash: String?
    /// Masked at write time, so every read path shows the same mask without opening the seal.
    @OptionalField(key: "phone_masked") var phoneMasked: String?
    @OptionalField(key: "id_number_masked") var idNumberMasked: String?
    /// Service tags, comma-separated with leading and trailing commas (`,elderly,veteran,`) so a
    /// tag filter is one LIKE on both databases.
    @Field(key: "tags") var tags: String
    init() {}

    var tagList: [String] { tags.split(separator: ",").map(String.init) }
    static func encodeTags(_ tags: [String]) -> String { tags.isEmpty ? "" : "," + tags.joined(separator: ",") + "," }
}
