import Fluent
import Foundation

/// 街道办事处: the government level that funds workstations. Holds the rule sets its area follows.
final class SubDistrict: Model, @unchecked Sendable {
    static let schema = "sub_districts"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    /// The appointment policy: its name and the exceptions it switches on, comma-separated.
    @Field(key: "policy_name") var policyName: String
    @Field(key: "policy_exceptions") var policyExceptions: String
    init() {}
}

/// 社区工作站: administrative services for one or more residents' committees.
final class Workstation: Model, @unchecked Sendable {
    static let schema = "workstations"
    @ID(key: .id) var id: UUID?
    @Parent(key: "sub_district_id") var subDistrict: SubDistrict
    @Field(key: "code") var code: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @OptionalField(key: "address") var address: String?
    init() {}
}

/// 居民委员会: the elected self-governing body; covers one or more compounds.
final class ResidentsCommittee: Model, @unchecked Sendable {
    static let schema = "residents_committees"
    @ID(key: .id) var id: UUID?
    @Parent(key: "workstation_id") var workstation: Workstation
    @Field(key: "code") var code: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    /// Name of the StructureRules it is measured against (e.g. `urc-2025`).
    @Field(key: "structure_rules") var structureRules: String
    init() {}
}

/// 小区: a gated estate.
final class Compound: Model, @unchecked Sendable {
    static let schema = "compounds"
    @ID(key: .id) var id: UUID?
    @Parent(key: "committee_id") var committee: ResidentsCommittee
    @Field(key: "code") var code: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @OptionalField(key: "address") var address: String?
    init() {}
}

/// 片区: an area inside a compound with its own gate.
final class Zone: Model, @unchecked Sendable {
    static let schema = "zones"
    @ID(key: .id) var id: UUID?
    @Parent(key: "compound_id") var compound: Compound
    @Field(key: "code") var code: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    init() {}
}

/// 楼栋.
final class Building: Model, @unchecked Sendable {
    static let schema = "buildings"
    @ID(key: .id) var id: UUID?
    @Parent(key: "compound_id") var compound: Compound
    @OptionalParent(key: "zone_id") var zone: Zone?
    @Field(key: "number") var number: String
    @Field(key: "floors") var floors: Int
    init() {}
}

/// 单元.
final class Entrance: Model, @unchecked Sendable {
    static let schema = "entrances"
    @ID(key: .id) var id: UUID?
    @Parent(key: "building_id") var building: Building
    @Field(key: "number") var number: String
    init() {}
}

/// 网格: 300–500 households looked after by grid workers of one workstation.
final class Grid: Model, @unchecked Sendable {
    static let schema = "grids"
    @ID(key: .id) var id: UUID?
    @Parent(key: "workstation_id") var workstation: Workstation
    @Field(key: "code") var code: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    init() {}
}

/// 便民服务站: a workstation's outpost in one compound.
final class ServicePoint: Model, @unchecked Sendable {
    static let schema = "service_points"
    @ID(key: .id) var id: UUID?
    @Parent(key: "compound_id") var compound: Compound
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @OptionalField(key: "address") var address: String?
    init() {}
}
