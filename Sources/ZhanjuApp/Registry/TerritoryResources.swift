import Fluent
import Foundation
import ZhanjuRules

struct SubDistrictResource: RegistryResource {
    var id: UUID?
    var code: String?
    var nameZh: String?
    var nameEn: String?
    /// The appointment policy's name and the exceptions it allows (AppointmentPolicy.Exception).
    var policyName: String?
    var policyExceptions: [String]?

    static let path = "sub-districts"
    static let label = Strings.subDistrict
    static let filters: [String] = []
    static let example = SubDistrictResource(id: UUID(), code: "FCJ", nameZh: "芳草街街道", nameEn: "Fangcao Street",
                                             policyName: "shenxianshu-2010", policyExceptions: ["chair_as_branch_secretary"])

    func apply(to row: SubDistrict, on db: any Database, context: WriteContext) async throws {
        row.code = try Check.text(code, "code", max: 32)
        try await Check.unique(SubDistrict.self, "code", row.code, "code", except: row.id, on: db)
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
        row.policyName = try Check.optionalText(policyName, "policy_name", max: 64) ?? AppointmentPolicy.stationCommitteeSeparation.name
        var exceptions: [String] = []
        for raw in policyExceptions ?? [] {
            exceptions.append(try Check.choice(raw, "policy_exceptions", as: AppointmentPolicy.Exception.self).rawValue)
        }
        row.policyExceptions = exceptions.sorted().joined(separator: ",")
    }

    static func filter(_ q: QueryBuilder<SubDistrict>, by params: [String: String]) throws -> QueryBuilder<SubDistrict> { q }
    static func sort(_ q: QueryBuilder<SubDistrict>) -> QueryBuilder<SubDistrict> { q.sort(\.$code) }
}

extension SubDistrictResource {
    init(_ row: SubDistrict, on db: any Database) async throws {
        self.init(id: row.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, policyName: row.policyName,
                  policyExceptions: row.policyExceptions.split(separator: ",").map(String.init))
    }
}

extension SubDistrict {
    var policy: AppointmentPolicy {
        AppointmentPolicy(name: policyName, exceptions: Set(policyExceptions.split(separator: ",").compactMap { AppointmentPolicy.Exception(rawValue: String($0)) }))
    }
}

struct WorkstationResource: RegistryResource {
    var id: UUID?
    var subDistrictId: UUID?
    var code: String?
    var nameZh: String?
    var nameEn: String?
    var address: String?

    static let path = "workstations"
    static let label = Strings.workstation
    static let filters = ["sub_district_id"]
    static let example = WorkstationResource(id: UUID(), subDistrictId: UUID(), code: "SXS", nameZh: "神仙树社区工作站", nameEn: "Shenxianshu Workstation", address: "神仙树南路")

    func apply(to row: Workstation, on db: any Database, context: WriteContext) async throws {
        row.$subDistrict.id = try await Check.ref(SubDistrict.self, subDistrictId, "sub_district_id", on: db).requireID()
        row.code = try Check.text(code, "code", max: 32)
        try await Check.unique(Workstation.self, "code", row.code, "code", except: row.id, on: db)
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
        row.address = try Check.optionalText(address, "address")
    }
    static func filter(_ q: QueryBuilder<Workstation>, by p: [String: String]) throws -> QueryBuilder<Workstation> {
        if let id = try uuidParam(p, "sub_district_id") { q.filter(\.$subDistrict.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Workstation>) -> QueryBuilder<Workstation> { q.sort(\.$code) }
}

extension WorkstationResource {
    init(_ row: Workstation, on db: any Database) async throws {
        self.init(id: row.id, subDistrictId: row.$subDistrict.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, address: row.address)
    }
}

struct CommitteeResource: RegistryResource {
    var id: UUID?
    var workstationId: UUID?
    var code: String?
    var nameZh: String?
    var nameEn: String?
    var structureRules: String?

    static let path = "committees"
    static let label = Strings.residentsCommittee
    static let filters = ["workstation_id"]
    static let example = CommitteeResource(id: UUID(), workstationId: UUID(), code: "WR", nameZh: "维融居委会", nameEn: "Weirong Residents' Committee", structureRules: "urc-2025")

    func apply(to row: ResidentsCommittee, on db: any Database, context: WriteContext) async throws {
        row.$workstation.id = try await Check.ref(Workstation.self, workstationId, "workstation_id", on: db).requireID()
        row.code = try Check.text(code, "code", max: 32)
        try await Check.unique(ResidentsCommittee.self, "code", row.code, "code", except: row.id, on: db)
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
        let rules = structureRules ?? StructureRules.organicLaw2025.name
        guard StructureRules.named(rules) != nil else {
            throw ZhanjuError.invalid("structure_rules", "choice", Strings.errorChoice("structure_rules", StructureRules.all.map(\.name)))
        }
        row.structureRules = rules
    }
    static func filter(_ q: QueryBuilder<ResidentsCommittee>, by p: [String: String]) throws -> QueryBuilder<ResidentsCommittee> {
        if let id = try uuidParam(p, "workstation_id") { q.filter(\.$workstation.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<ResidentsCommittee>) -> QueryBuilder<ResidentsCommittee> { q.sort(\.$code) }
}

extension CommitteeResource {
    init(_ row: ResidentsCommittee, on db: any Database) async throws {
        self.init(id: row.id, workstationId: row.$workstation.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, structureRules: row.structureRules)
    }
}

struct CompoundResource: RegistryResource {
    var id: UUID?
    var committeeId: UUID?
    var code: String?
    var nameZh: String?
    var nameEn: String?
    var address: String?

    static let path = "compounds"
    static let label = Strings.compound
    static let filters = ["committee_id"]
    static let example = CompoundResource(id: UUID(), committeeId: UUID(), code: "VIC", nameZh: "维多利亚", nameEn: "Victoria", address: "神仙树北路")

    func apply(to row: Compound, on db: any Database, context: WriteContext) async throws {
        row.$committee.id = try await Check.ref(ResidentsCommittee.self, committeeId, "committee_id", on: db).requireID()
        row.code = try Check.text(code, "code", max: 32)
        try await Check.unique(Compound.self, "code", row.code, "code", except: row.id, on: db)
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
        row.address = try Check.optionalText(address, "address")
    }
    static func filter(_ q: QueryBuilder<Compound>, by p: [String: String]) throws -> QueryBuilder<Compound> {
        if let id = try uuidParam(p, "committee_id") { q.filter(\.$committee.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Compound>) -> QueryBuilder<Compound> { q.sort(\.$code) }
}

extension CompoundResource {
    init(_ row: Compound, on db: any Database) async throws {
        self.init(id: row.id, committeeId: row.$committee.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, address: row.address)
    }
}

struct ZoneResource: RegistryResource {
    var id: UUID?
    var compoundId: UUID?
    var code: String?
    var nameZh: String?
    var nameEn: String?

    static let path = "zones"
    static let label = Strings.zone
    static let filters = ["compound_id"]
    static let example = ZoneResource(id: UUID(), compoundId: UUID(), code: "A", nameZh: "A区", nameEn: "Zone A")

    func apply(to row: Zone, on db: any Database, context: WriteContext) async throws {
        row.$compound.id = try await Check.ref(Compound.self, compoundId, "compound_id", on: db).requireID()
        row.code = try Check.text(code, "code", max: 16)
        try await Check.unique(Zone.self, "code", row.code, "code", within: ("compound_id", row.$compound.id), except: row.id, on: db)
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
    }
    static func filter(_ q: QueryBuilder<Zone>, by p: [String: String]) throws -> QueryBuilder<Zone> {
        if let id = try uuidParam(p, "compound_id") { q.filter(\.$compound.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Zone>) -> QueryBuilder<Zone> { q.sort(\.$code) }
}

extension ZoneResource {
    init(_ row: Zone, on db: any Database) async throws {
        self.init(id: row.id, compoundId: row.$compound.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn)
    }
}

struct BuildingResource: RegistryResource {
    var id: UUID?
    var compoundId: UUID?
    var zoneId: UUID?
    var number: String?
    var floors: Int?

    static let path = "buildings"
    static let label = Strings.building
    static let filters = ["compound_id", "zone_id"]
    static let example = BuildingResource(id: UUID(), compoundId: UUID(), zoneId: UUID(), number: "3", floors: 3)

    func apply(to row: Building, on db: any Database, context: WriteContext) async throws {
        let compoundID = try await Check.ref(Compound.self, compoundId, "compound_id", on: db).requireID()
        row.$compound.id = compoundID
        if let zone = try await Check.optionalRef(Zone.self, zoneId, "zone_id", on: db) {
            guard zone.$compound.id == compoundID else {
                throw ZhanjuError.invalid("zone_id", "mismatch", Strings.errorMismatch("zone_id", "compound_id"))
            }
            row.$zone.id = zone.id
        } else {
            row.$zone.id = nil
        }
        row.number = try Check.text(number, "number", max: 16)
        try await Check.unique(Building.self, "number", row.number, "number", within: ("compound_id", compoundID), except: row.id, on: db)
        row.floors = try Check.int(floors, "floors", in: 1...200)
    }
    static func filter(_ q: QueryBuilder<Building>, by p: [String: String]) throws -> QueryBuilder<Building> {
        if let id = try uuidParam(p, "compound_id") { q.filter(\.$compound.$id == id) }
        if let id = try uuidParam(p, "zone_id") { q.filter(\.$zone.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Building>) -> QueryBuilder<Building> { q.sort(\.$number) }
}

extension BuildingResource {
    init(_ row: Building, on db: any Database) async throws {
        self.init(id: row.id, compoundId: row.$compound.id, zoneId: row.$zone.id, number: row.number, floors: row.floors)
    }
}

struct EntranceResource: RegistryResource {
    var id: UUID?
    var buildingId: UUID?
    var number: String?

    static let path = "entrances"
    static let label = Strings.entrance
    static let filters = ["building_id"]
    static let example = EntranceResource(id: UUID(), buildingId: UUID(), number: "1")

    func apply(to row: Entrance, on db: any Database, context: WriteContext) async throws {
        row.$building.id = try await Check.ref(Building.self, buildingId, "building_id", on: db).requireID()
        row.number = try Check.text(number, "number", max: 16)
        try await Check.unique(Entrance.self, "number", row.number, "number", within: ("building_id", row.$building.id), except: row.id, on: db)
    }
    static func filter(_ q: QueryBuilder<Entrance>, by p: [String: String]) throws -> QueryBuilder<Entrance> {
        if let id = try uuidParam(p, "building_id") { q.filter(\.$building.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Entrance>) -> QueryBuilder<Entrance> { q.sort(\.$number) }
}

extension EntranceResource {
    init(_ row: Entrance, on db: any Database) async throws {
        self.init(id: row.id, buildingId: row.$building.id, number: row.number)
    }
}

struct GridResource: RegistryResource {
    var id: UUID?
    var workstationId: UUID?
    var code: String?
    var nameZh: String?
    var nameEn: String?

    static let path = "grids"
    static let label = Strings.grid
    static let filters = ["workstation_id"]
    static let example = GridResource(id: UUID(), workstationId: UUID(), code: "SXS-G01", nameZh: "第一网格", nameEn: "Grid 1")

    func apply(to row: Grid, on db: any Database, context: WriteContext) async throws {
        row.$workstation.id = try await Check.ref(Workstation.self, workstationId, "workstation_id", on: db).requireID()
        row.code = try Check.text(code, "code", max: 32)
        try await Check.unique(Grid.self, "code", row.code, "code", except: row.id, on: db)
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
    }
    static func filter(_ q: QueryBuilder<Grid>, by p: [String: String]) throws -> QueryBuilder<Grid> {
        if let id = try uuidParam(p, "workstation_id") { q.filter(\.$workstation.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Grid>) -> QueryBuilder<Grid> { q.sort(\.$code) }
}

extension GridResource {
    init(_ row: Grid, on db: any Database) async throws {
        self.init(id: row.id, workstationId: row.$workstation.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn)
    }
}

struct ServicePointResource: RegistryResource {
    var id: UUID?
    var compoundId: UUID?
    var nameZh: String?
    var nameEn: String?
    var address: String?

    static let path = "service-points"
    static let label = Strings.servicePoint
    static let filters = ["compound_id"]
    static let example = ServicePointResource(id: UUID(), compoundId: UUID(), nameZh: "中海名城便民服务站", nameEn: "Zhonghai Mingcheng Service Point", address: "会所一楼")

    func apply(to row: ServicePoint, on db: any Database, context: WriteContext) async throws {
        row.$compound.id = try await Check.ref(Compound.self, compoundId, "compound_id", on: db).requireID()
        if try await ServicePoint.query(on: db).filter(\.$compound.$id == row.$compound.id).filter(\.$id != (row.id ?? UUID())).count() > 0 {
            throw ZhanjuError(.conflict, code: "duplicate", field: "compound_id",
                              message: Text("该小区已有便民服务站。", "This compound already has a service point."))
        }
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
        row.address = try Check.optionalText(address, "address")
    }
    static func filter(_ q: QueryBuilder<ServicePoint>, by p: [String: String]) throws -> QueryBuilder<ServicePoint> {
        if let id = try uuidParam(p, "compound_id") { q.filter(\.$compound.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<ServicePoint>) -> QueryBuilder<ServicePoint> { q.sort(\.$nameEn) }
}

extension ServicePointResource {
    init(_ row: ServicePoint, on db: any Database) async throws {
        self.init(id: row.id, compoundId: row.$compound.id, nameZh: row.nameZh, nameEn: row.nameEn, address: row.address)
    }
}
