import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// A synthetic city for scale work: sub-districts of workstations serving committees of
/// compounds, with buildings, entrances, grids, service points, households and residents.
/// Rows go in with multi-row INSERTs inside one transaction: Fluent's per-row path would take
/// hours for a million households. The shapes obey the size rules (committees of 1,000–3,000
/// households, grids of 300–500), and every ID number is valid.
public struct CityGenerator: Sendable {
    public var households: Int
    public var seed: UInt64

    public init(households: Int, seed: UInt64 = 2010) {
        self.households = households
        self.seed = seed
    }

    public struct Report: Sendable {
        public var households = 0
        public var residents = 0
        public var rows = 0
        public var seconds = 0.0
        public var summary: String {
            let rate = seconds > 0 ? Int(Double(rows) / seconds) : 0
            return "City: \(households) households, \(residents) residents, \(rows) rows in \(String(format: "%.1f", seconds)) s (\(rate) rows/s, \(seconds > 0 ? Int(Double(households) / seconds) : 0) households/s)"
        }
    }

    public func generate(on db: any Database, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) async throws -> Report {
        let started = Date()
        let offset = try await SubDistrict.query(on: db).count()
        var report = try await db.transaction { tx in
            var report = Report()
            let sql = tx as! any SQLDatabase
            var rng = SeededGenerator(seed: seed)
            var w = Writers(sql: sql)
            var remaining = households
            var sdIndex = offset
            var idSequence = 0
            var ids = UniqueIDNumbers(run: offset)
            while remaining > 0 {
                sdIndex += 1
                let sdID = UUID()
                try await w.add(\.subDistricts, [SQLBind(sdID), SQLBind("CITY-SD\(sdIndex)"), SQLBind("第\(sdIndex)街道办事处"), SQLBind("Street Office \(sdIndex)"),
                                              SQLBind(AppointmentPolicy.stationCommitteeSeparation.name), SQLBind("")])
                for wsIndex in 1...6 where remaining > 0 {
                    let wsID = UUID()
                    let wsCode = "CITY-SD\(sdIndex)-WS\(wsIndex)"
                    try await w.add(\.workstations, [SQLBind(wsID), SQLBind(sdID), SQLBind(wsCode), SQLBind("第\(sdIndex)街道第\(wsIndex)社区工作站"),
                                                  SQLBind("Workstation \(sdIndex)-\(wsIndex)"), SQLBind(Optional<String>.none)])
                    var gridID = UUID(), gridFill = 0, gridSize = 0, gridIndex = 0
                    for rcIndex in 1...Int.random(in: 2...4, using: &rng) where remaining > 0 {
                        let rcID = UUID()
                        let rcCode = "\(wsCode)-RC\(rcIndex)"
                        try await w.add(\.committees, [SQLBind(rcID), SQLBind(wsID), SQLBind(rcCode), SQLBind("第\(rcIndex)居民委员会"), SQLBind("Residents' Committee \(rcIndex)"),
                                                    SQLBind(StructureRules.organicLaw2025.name)])
                        var rcHouseholds = min(remaining, Int.random(in: 1_000...3_000, using: &rng))
                        var compoundIndex = 0
                        while rcHouseholds > 0 {
                            compoundIndex += 1
                            let size = min(rcHouseholds, Int.random(in: 400...1_600, using: &rng))
                            rcHouseholds -= size
                            remaining -= size
                            let compoundID = UUID()
                            try await w.add(\.compounds, [SQLBind(compoundID), SQLBind(rcID), SQLBind("\(rcCode)-C\(compoundIndex)"), SQLBind("第\(compoundIndex)小区"),
                                                       SQLBind("Compound \(compoundIndex)"), SQLBind(Optional<String>.none)])
                            try await w.add(\.servicePoints, [SQLBind(UUID()), SQLBind(compoundID), SQLBind("第\(compoundIndex)小区便民服务站"), SQLBind("Compound \(compoundIndex) Service Point"), SQLBind(Optional<String>.none)])
                            var placed = 0, buildingNo = 0
                            while placed < size {
                                buildingNo += 1
                                let buildingID = UUID()
                                let floors = Int.random(in: 6...33, using: &rng)
                                try await w.add(\.buildings, [SQLBind(buildingID), SQLBind(compoundID), SQLBind(Optional<UUID>.none), SQLBind("\(buildingNo)"), SQLBind(floors)])
                                for entranceNo in 1...2 where placed < size {
                                    let entranceID = UUID()
                                    try await w.add(\.entrances, [SQLBind(entranceID), SQLBind(buildingID), SQLBind("\(entranceNo)")])
                                    for floor in 1...floors where placed < size {
                                        for door in 1...2 where placed < size {
                                            if gridFill == gridSize {
                                                gridIndex += 1
                                                gridID = UUID()
                                                gridFill = 0
                                                gridSize = Int.random(in: 300...500, using: &rng)
                                                try await w.add(\.grids, [SQLBind(gridID), SQLBind(wsID), SQLBind("\(wsCode)-G\(gridIndex)"), SQLBind("第\(gridIndex)网格"), SQLBind("Grid \(gridIndex)")])
                                            }
                                            gridFill += 1
                                            placed += 1
                                            let householdID = UUID()
                                            try await w.add(\.households, [SQLBind(householdID), SQLBind(entranceID), SQLBind(buildingID), SQLBind(compoundID), SQLBind(gridID),
                                                                        SQLBind("\(floor)\(door < 10 ? "0" : "")\(door)")])
                                            report.households += 1
                                            for member in 0..<Self.familySize(&rng) {
                                                idSequence += 1
                                                let age = member == 0 ? Int.random(in: 25...85, using: &rng) : Int.random(in: 0...90, using: &rng)
                                                let sex: Sex = Bool.random(using: &rng) ? .male : .female
                                                let born = CivilDate(year: 2025 - age, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
                                                let unique = ids.next(birthDate: born, sex: sex)
                                                try await w.add(\.residents, [
                                                    SQLBind(UUID()), SQLBind(householdID), SQLBind(member == 0 ? Relation.head.rawValue : (member == 1 ? Relation.spouse.rawValue : Relation.child.rawValue)),
                                                    SQLBind(NamePool.name(using: &rng)), SQLBind(sex.rawValue), SQLBind(born.iso), SQLBind(Hukou.local.rawValue), SQLBind(true),
                                                    SQLBind(age >= 12 ? "13\(String(format: "%09d", idSequence % 1_000_000_000))" : nil), SQLBind(unique.value),
                                                    SQLBind(age >= 60 ? ",elderly," : "")])
                                                report.residents += 1
                                            }
                                            if report.households % 10_000 == 0 {
                                                progress?(report.households, households, w.rows)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            try await w.flush()
            report.rows = w.rows
            progress?(report.households, households, w.rows)
            return report
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Valid ID numbers that never repeat: for each birth date and sex, the n-th person gets
    /// sequence n mod 500 in district n / 500 of a city chosen by the run (so a second city
    /// added to the same database, or the Shenxianshu demo's Chengdu numbers, never collide).
    struct UniqueIDNumbers {
        static let cities = ["4403", "3301", "3201", "4201", "6101", "5000", "1201", "3702", "2102", "3502", "4101", "4301", "3401", "3601", "4501", "5201", "5301", "6201", "1401", "2201"]
        let city: String
        var issued: [Int: Int] = [:]
        init(run: Int) { city = Self.cities[run % Self.cities.count] }

        mutating func next(birthDate: CivilDate, sex: Sex) -> IDNumber {
            let key = birthDate.dayNumber * 2 + (sex == .male ? 1 : 0)
            let n = issued[key, default: 0]
            issued[key] = n + 1
            let district = n / 500 + 1
            precondition(district < 100, "more than 49,500 people of one sex born on one day")
            return IDNumber.make(region: city + (district < 10 ? "0" : "") + String(district), birthDate: birthDate, sex: sex, sequence: n % 500)
        }
    }

    static func familySize(_ rng: inout SeededGenerator) -> Int {
        // Mean about 2.6, the size of an urban household in the 2020 census.
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<22: return 1
        case 22..<52: return 2
        case 52..<77: return 3
        case 77..<92: return 4
        default: return 5
        }
    }

    /// One buffered multi-row INSERT per table.
    struct Writers {
        var subDistricts, workstations, committees, compounds, servicePoints, buildings, entrances, grids, households, residents: BulkInsert
        init(sql: any SQLDatabase) {
            subDistricts = BulkInsert(sql, "sub_districts", ["id", "code", "name_zh", "name_en", "policy_name", "policy_exceptions"])
            workstations = BulkInsert(sql, "workstations", ["id", "sub_district_id", "code", "name_zh", "name_en", "address"])
            committees = BulkInsert(sql, "residents_committees", ["id", "workstation_id", "code", "name_zh", "name_en", "structure_rules"])
            compounds = BulkInsert(sql, "compounds", ["id", "committee_id", "code", "name_zh", "name_en", "address"])
            servicePoints = BulkInsert(sql, "service_points", ["id", "compound_id", "name_zh", "name_en", "address"])
            buildings = BulkInsert(sql, "buildings", ["id", "compound_id", "zone_id", "number", "floors"])
            entrances = BulkInsert(sql, "entrances", ["id", "building_id", "number"])
            grids = BulkInsert(sql, "grids", ["id", "workstation_id", "code", "name_zh", "name_en"])
            households = BulkInsert(sql, "households", ["id", "entrance_id", "building_id", "compound_id", "grid_id", "door"])
            residents = BulkInsert(sql, "residents", ["id", "household_id", "relation", "name", "sex", "birth_date", "hukou", "political_rights", "phone", "id_number", "tags"])
        }
        var rows: Int {
            [subDistricts, workstations, committees, compounds, servicePoints, buildings, entrances, grids, households, residents].reduce(0) { $0 + $1.written + $1.pending.count }
        }
        /// Buffers a row; when any table's batch is full, every table is written, parents first.
        mutating func add(_ table: WritableKeyPath<Writers, BulkInsert>, _ row: [any SQLExpression]) async throws {
            self[keyPath: table].pending.append(row)
            if self[keyPath: table].pending.count >= self[keyPath: table].batch { try await flush() }
        }

        /// Parents before children, so foreign keys hold at every statement.
        mutating func flush() async throws {
            try await subDistricts.flush(); try await workstations.flush(); try await committees.flush(); try await compounds.flush()
            try await servicePoints.flush(); try await buildings.flush(); try await entrances.flush(); try await grids.flush()
            try await households.flush(); try await residents.flush()
        }
    }
}

/// Collects rows for one table and writes them as multi-row INSERTs under the bind limit of
/// both databases (SQLite 32,766; PostgreSQL 65,535).
struct BulkInsert {
    let sql: any SQLDatabase
    let table: String
    let columns: [String]
    var pending: [[any SQLExpression]] = []
    var written = 0
    let batch: Int

    init(_ sql: any SQLDatabase, _ table: String, _ columns: [String]) {
        self.sql = sql
        self.table = table
        self.columns = columns
        batch = 30_000 / columns.count
    }

    mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        var insert = sql.insert(into: table).columns(columns)
        for row in pending { insert = insert.values(row) }
        try await insert.run()
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}

/// A one-line progress bar on standard error.
public enum ProgressBar {
    public static let stderr: @Sendable (Int, Int, Int) -> Void = { done, total, rows in
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        let line = "\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total) households, \(rows) rows"
        FileHandle.standardError.write(line.data(using: .utf8)!)
        if done >= total { FileHandle.standardError.write("\n".data(using: .utf8)!) }
    }
}
