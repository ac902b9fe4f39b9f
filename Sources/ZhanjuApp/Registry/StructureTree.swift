import Fluent
import OpenAPIKit
import SQLKit
import Vapor
import ZhanjuRules

/// A sub-district's structure as a tree with counts, and the rules each part breaks.
struct StructureTree: Content {
    struct Named: Content {
        var id: UUID
        var code: String
        var nameZh: String
        var nameEn: String
    }
    struct RuleBreak: Content {
        var rule: String
        var actual: Int
        var lower: Int?
        var upper: Int?
        var messageZh: String
        var messageEn: String
        init(_ b: StructureRules.Break) {
            (rule, actual, lower, upper) = (b.rule.rawValue, b.actual, b.lower, b.upper)
            (messageZh, messageEn) = (b.label.zh, b.label.en)
        }
    }
    struct CompoundNode: Content {
        var compound: Named
        var households: Int
        var residents: Int
        var zones: Int
        var buildings: Int
        var servicePoint: String?
    }
    struct CommitteeNode: Content {
        var committee: Named
        var structureRules: String
        var households: Int
        var residents: Int
        var seatsHeld: Int
        var womenHolding: Int
        var breaks: [RuleBreak]
        var compounds: [CompoundNode]
    }
    struct GridNode: Content {
        var grid: Named
        var households: Int
        var residents: Int
        var breaks: [RuleBreak]
    }
    struct WorkstationNode: Content {
        var workstation: Named
        var households: Int
        var residents: Int
        var committees: [CommitteeNode]
        var grids: [GridNode]
    }
    var subDistrict: Named
    var policyName: String
    var policyExceptions: [String]
    var workstations: [WorkstationNode]

    var breakCount: Int { workstations.reduce(0) { $0 + $1.committees.reduce(0) { $0 + $1.breaks.count } + $1.grids.reduce(0) { $0 + $1.breaks.count } } }

    /// The whole sub-district, or with `committee` just that committee's branch (for its page).
    static func load(subDistrictID: UUID, committee only: UUID? = nil, on db: any Database, today: CivilDate,
                     counts cache: TimedCache<Counts>? = nil, now: Date = Date()) async throws -> StructureTree? {
        guard let sd = try await SubDistrict.find(subDistrictID, on: db) else { return nil }
        let workstations = try await Workstation.query(on: db).filter(\.$subDistrict.$id == subDistrictID).sort(\.$code).all()
        let wsIDs = try workstations.map { try $0.requireID() }
        var committeeQuery = ResidentsCommittee.query(on: db).filter(\.$workstation.$id ~~ wsIDs)
        if let only { committeeQuery = committeeQuery.filter(\.$id == only) }
        let committees = try await committeeQuery.sort(\.$code).all()
        let rcIDs = try committees.map { try $0.requireID() }
        let compounds = try await Compound.query(on: db).filter(\.$committee.$id ~~ rcIDs).sort(\.$code).all()
        let cIDs = try compounds.map { try $0.requireID() }
        let grids = only != nil ? [] : try await Grid.query(on: db).filter(\.$workstation.$id ~~ wsIDs).sort(\.$code).all()
        let gIDs = try grids.map { try $0.requireID() }
        let counts: Counts
        if let cache {
            let key = cIDs.map(\.uuidString).sorted().joined(separator: ",") + "|" + gIDs.map(\.uuidString).sorted().joined(separator: ",")
            counts = try await cache.value(key, now: now) { try await Counts.load(compounds: cIDs, grids: gIDs, on: db) }
        }
        else { counts = try await Counts.load(compounds: cIDs, grids: gIDs, on: db) }
        let zones = try await Zone.query(on: db).filter(\.$compound.$id ~~ cIDs).all()
        let servicePoints = try await ServicePoint.query(on: db).filter(\.$compound.$id ~~ cIDs).all()
        let seats = try await CommitteeSeats.load(committees: rcIDs, on: db, today: today)

        func named(_ id: UUID?, _ code: String, _ zh: String, _ en: String) -> Named { Named(id: id!, code: code, nameZh: zh, nameEn: en) }

        var wsNodes: [WorkstationNode] = []
        for ws in workstations {
            var rcNodes: [CommitteeNode] = []
            for rc in committees where rc.$workstation.id == ws.id {
                let cNodes = compounds.filter { $0.$committee.id == rc.id }.map { c in
                    CompoundNode(compound: named(c.id, c.code, c.nameZh, c.nameEn),
                                 households: counts.households[c.id!] ?? 0, residents: counts.residents[c.id!] ?? 0,
                                 zones: zones.filter { $0.$compound.id == c.id }.count, buildings: counts.buildings[c.id!] ?? 0,
                                 servicePoint: servicePoints.first { $0.$compound.id == c.id }.map { $0.nameZh })
                }
                let households = cNodes.reduce(0) { $0 + $1.households }
                let held = seats[rc.id!] ?? (0, 0)
                let rules = StructureRules.named(rc.structureRules) ?? .organicLaw2025
                rcNodes.append(CommitteeNode(
                    committee: named(rc.id, rc.code, rc.nameZh, rc.nameEn), structureRules: rules.name,
                    households: households, residents: cNodes.reduce(0) { $0 + $1.residents },
                    seatsHeld: held.seats, womenHolding: held.women,
                    breaks: rules.checkCommittee(households: households, seatsHeld: held.seats, womenHolding: held.women).map(RuleBreak.init),
                    compounds: cNodes))
            }
            let gridNodes = grids.filter { $0.$workstation.id == ws.id }.map { g in
                let h = counts.gridHouseholds[g.id!] ?? 0, p = counts.gridResidents[g.id!] ?? 0
                return GridNode(grid: named(g.id, g.code, g.nameZh, g.nameEn), households: h, residents: p,
                                breaks: StructureRules.organicLaw2025.checkGrid(households: h, people: p).map(RuleBreak.init))
            }
            wsNodes.append(WorkstationNode(workstation: named(ws.id, ws.code, ws.nameZh, ws.nameEn),
                                           households: rcNodes.reduce(0) { $0 + $1.households }, residents: rcNodes.reduce(0) { $0 + $1.residents },
                                           committees: rcNodes, grids: gridNodes))
        }
        return StructureTree(subDistrict: named(sd.id, sd.code, sd.nameZh, sd.nameEn), policyName: sd.policyName,
                             policyExceptions: sd.policy.exceptions.map(\.rawValue).sorted(), workstations: wsNodes)
    }
}

/// Household, resident and building counts per compound and per grid, in four grouped queries.
struct Counts: Sendable {
    var households: [UUID: Int] = [:]
    var residents: [UUID: Int] = [:]
    var buildings: [UUID: Int] = [:]
    var gridHouseholds: [UUID: Int] = [:]
    var gridResidents: [UUID: Int] = [:]

    /// Runs a `SELECT key AS k, COUNT(*) AS n ... GROUP BY key` and returns n by k.
    static func grouped(_ query: SQLQueryString, on db: any Database) async throws -> [UUID: Int] {
        var out: [UUID: Int] = [:]
        for row in try await (db as! any SQLDatabase).raw(query).all() {
            guard let key = try row.decode(column: "k", as: UUID?.self) else { continue }
            out[key] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }

    static func load(compounds: [UUID], grids: [UUID], on db: any Database) async throws -> Counts {
        var counts = Counts()
        guard !compounds.isEmpty else { return counts }
        func grouped(_ query: SQLQueryString) async throws -> [UUID: Int] { try await Counts.grouped(query, on: db) }
        let cList = SQLList(compounds.map { SQLBind($0) })
        counts.households = try await grouped("SELECT compound_id AS k, COUNT(*) AS n FROM households WHERE compound_id IN (\(cList)) GROUP BY compound_id")
        counts.residents = try await grouped("SELECT h.compound_id AS k, COUNT(*) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.compound_id IN (\(cList)) GROUP BY h.compound_id")
        counts.buildings = try await grouped("SELECT compound_id AS k, COUNT(*) AS n FROM buildings WHERE compound_id IN (\(cList)) GROUP BY compound_id")
        if !grids.isEmpty {
            let gList = SQLList(grids.map { SQLBind($0) })
            counts.gridHouseholds = try await grouped("SELECT grid_id AS k, COUNT(*) AS n FROM households WHERE grid_id IN (\(gList)) GROUP BY grid_id")
            counts.gridResidents = try await grouped("SELECT h.grid_id AS k, COUNT(*) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.grid_id IN (\(gList)) GROUP BY h.grid_id")
        }
        return counts
    }
}

/// Seats held today on each committee, and how many by women (RULES.md: 5–9, at least one woman).
enum CommitteeSeats {
    static func load(committees: [UUID], on db: any Database, today: CivilDate) async throws -> [UUID: (seats: Int, women: Int)] {
        guard !committees.isEmpty else { return [:] }
        let rows = try await Appointment.query(on: db)
            .filter(\.$bodyKind == BodyKind.residentsCommittee.rawValue)
            .filter(\.$bodyID ~~ committees)
            .with(\.$resident).all()
        var out: [UUID: (seats: Int, women: Int)] = [:]
        for row in rows where row.term?.contains(today) == true {
            var entry = out[row.bodyID] ?? (0, 0)
            entry.seats += 1
            if row.resident.sex == Sex.female.rawValue { entry.women += 1 }
            out[row.bodyID] = entry
        }
        return out
    }
}

extension StructureTree {
    /// The tree as far as the principal's reach goes: a committee member sees their committee
    /// (with the workstation and sub-district above it by name and total), not the others.
    static func visible(subDistrictID id: UUID, to req: Request) async throws -> StructureTree {
        let reach = try req.reach(.structureRead)
        guard reach.everywhere || reach.subDistricts.contains(id) || reach.containingSubDistricts.contains(id),
              var tree = try await load(subDistrictID: id, on: req.pageDB, today: req.today, counts: req.access.structureCounts, now: req.access.now()) else {
            throw ZhanjuError.notFound(Strings.subDistrict)
        }
        guard !reach.everywhere else { return tree }
        tree.workstations = tree.workstations.compactMap { ws in
            guard reach.workstations.contains(ws.workstation.id) || reach.containingWorkstations.contains(ws.workstation.id) else { return nil }
            var ws = ws
            ws.committees = ws.committees.compactMap { rc in
                guard reach.committees.contains(rc.committee.id) || reach.containingCommittees.contains(rc.committee.id) else { return nil }
                var rc = rc
                rc.compounds = rc.compounds.filter { reach.compounds.contains($0.compound.id) }
                return rc
            }
            ws.grids = ws.grids.filter { reach.grids.contains($0.grid.id) || reach.workstations.contains(ws.workstation.id) }
            return ws
        }
        return tree
    }
}

enum StructureAPI {
    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        api.get("structure", ":id") { req async throws -> StructureTree in
            try await StructureTree.visible(subDistrictID: try req.uuidParameter("id"), to: req)
        }.access(.permission(.structureRead))
        document.addSchema("StructureTree", .object)
        document.add("GET", "/api/v1/structure/{id}", OpenAPI.Operation(
            tags: ["Structure"], summary: "A sub-district's workstations, committees, compounds and grids with counts and rule breaks",
            operationId: "readStructure", parameters: [.path("id")],
            responses: [200: OpenAPIDocument.reply("The tree", OpenAPIDocument.content([OpenAPIDocument.json: .named("StructureTree")])),
                        404: OpenAPIDocument.reply("No such sub-district", OpenAPIDocument.content([OpenAPIDocument.problemJSON: .named("Problem")]))]))
    }
}
