import Fluent
import Vapor
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
        /// How the load was journaled: "delete" (a rollback journal, when it had the file to
        /// itself), else "wal".
        public var journal = "wal"
        public var summary: String {
            let rate = seconds > 0 ? Int(Double(rows) / seconds) : 0
            return "City: \(households) households, \(residents) residents, \(rows) rows in \(String(format: "%.1f", seconds)) s (\(rate) rows/s, \(seconds > 0 ? Int(Double(households) / seconds) : 0) households/s)"
        }
    }

    public func generate(into app: Application, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) async throws -> Report {
        try await generate(on: app.db, cipher: app.access.cipher, sqliteFile: app.sqliteFile, progress: progress)
    }

    /// On a SQLite file the city is written through a connection of its own (SQLiteBulkWriter);
    /// elsewhere through the driver. Either way in one transaction: a failed load leaves nothing.
    func generate(on db: any Database, cipher: PersonalDataCipher, sqliteFile: String? = nil,
                  progress: (@Sendable (Int, Int, Int) -> Void)? = nil) async throws -> Report {
        let started = Date()
        var report: Report
        if let sqliteFile {
            let writer = try SQLiteBulkWriter(path: sqliteFile)
            defer { writer.close() }
            // Secondary indexes on names and ID numbers take random inserts; a 256 MiB page
            // cache for this one connection keeps them in memory while the city is written.
            try writer.execute("PRAGMA cache_size=-262144")
            try writer.execute("PRAGMA foreign_keys=ON")
            // With no other connection open (the `demo` command closes the driver's first), the
            // load runs under a rollback journal: every page is written once, where WAL writes it
            // to the log and copies it again at the checkpoint. A rollback journal is as safe
            // against a crash. Otherwise (a server has the file open) it stays in WAL mode.
            // SQLite answers "locked" when another connection holds the WAL open.
            let journal = try? writer.value("PRAGMA journal_mode=DELETE")
            defer { if journal == "delete" { try? writer.execute("PRAGMA journal_mode=WAL") } }
            let offset = Int(try writer.value("SELECT COUNT(*) FROM sub_districts") ?? "0") ?? 0
            try writer.execute("BEGIN IMMEDIATE")
            do {
                report = try await write(to: .direct(writer), offset: offset, cipher: cipher, progress: progress)
                try writer.execute("COMMIT")
                report.journal = journal ?? "wal"
            } catch {
                try? writer.execute("ROLLBACK")
                throw error
            }
        } else {
            let offset = try await SubDistrict.query(on: db).count()
            // Through the one write path, so a server on the same database waits rather than
            // interleaving its writes (and audit links) with the load.
            report = try await WritePath.run(on: db, lock: WriteLock()) { tx in
                try await write(to: .portable(tx as! any SQLDatabase), offset: offset, cipher: cipher, progress: progress)
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private func write(to sink: Sink, offset: Int, cipher: PersonalDataCipher, progress: (@Sendable (Int, Int, Int) -> Void)?) async throws -> Report {
        var report = Report()
        var uuids = SequentialUUIDs(seed: seed &+ UInt64(offset))
        // Building a secondary index once, sorted, beats millions of random inserts into it.
        for index in Self.deferredIndexes { try await sink.execute("DROP INDEX \"\(index.name)\"") }
        var rng = SeededGenerator(seed: seed)
        var w = Writers(sink: sink, cipher: cipher)
        var remaining = households
        var sdIndex = offset
        var idSequence = 0
        var ids = UniqueIDNumbers(run: offset)
        while remaining > 0 {
            sdIndex += 1
            let sdID = uuids.next()
            try await w.add(\.subDistricts, [BulkValue(sdID), BulkValue("CITY-SD\(sdIndex)"), BulkValue("第\(sdIndex)街道办事处"), BulkValue("Street Office \(sdIndex)"),
                                          BulkValue(AppointmentPolicy.stationCommitteeSeparation.name), BulkValue("")])
            for wsIndex in 1...6 where remaining > 0 {
                let wsID = uuids.next()
                let wsCode = "CITY-SD\(sdIndex)-WS\(wsIndex)"
                try await w.add(\.workstations, [BulkValue(wsID), BulkValue(sdID), BulkValue(wsCode), BulkValue("第\(sdIndex)街道第\(wsIndex)社区工作站"),
                                              BulkValue("Workstation \(sdIndex)-\(wsIndex)"), BulkValue(Optional<String>.none)])
                var gridID = uuids.next(), gridFill = 0, gridSize = 0, gridIndex = 0
                for rcIndex in 1...Int.random(in: 2...4, using: &rng) where remaining > 0 {
                    let rcID = uuids.next()
                    let rcCode = "\(wsCode)-RC\(rcIndex)"
                    try await w.add(\.committees, [BulkValue(rcID), BulkValue(wsID), BulkValue(rcCode), BulkValue("第\(rcIndex)居民委员会"), BulkValue("Residents' Committee \(rcIndex)"),
                                                BulkValue(StructureRules.organicLaw2025.name)])
                    var rcHouseholds = min(remaining, Int.random(in: 1_000...3_000, using: &rng))
                    var compoundIndex = 0
                    while rcHouseholds > 0 {
                        compoundIndex += 1
                        let size = min(rcHouseholds, Int.random(in: 400...1_600, using: &rng))
                        rcHouseholds -= size
                        remaining -= size
                        let compoundID = uuids.next()
                        try await w.add(\.compounds, [BulkValue(compoundID), BulkValue(rcID), BulkValue("\(rcCode)-C\(compoundIndex)"), BulkValue("第\(compoundIndex)小区"),
                                                   BulkValue("Compound \(compoundIndex)"), BulkValue(Optional<String>.none)])
                        try await w.add(\.servicePoints, [BulkValue(uuids.next()), BulkValue(compoundID), BulkValue("第\(compoundIndex)小区便民服务站"), BulkValue("Compound \(compoundIndex) Service Point"), BulkValue(Optional<String>.none)])
                        var placed = 0, buildingNo = 0
                        while placed < size {
                            buildingNo += 1
                            let buildingID = uuids.next()
                            let floors = Int.random(in: 6...33, using: &rng)
                            try await w.add(\.buildings, [BulkValue(buildingID), BulkValue(compoundID), BulkValue(Optional<UUID>.none), BulkValue("\(buildingNo)"), BulkValue(floors)])
                            for entranceNo in 1...2 where placed < size {
                                let entranceID = uuids.next()
                                try await w.add(\.entrances, [BulkValue(entranceID), BulkValue(buildingID), BulkValue("\(entranceNo)")])
                                for floor in 1...floors where placed < size {
                                    for door in 1...2 where placed < size {
                                        if gridFill == gridSize {
                                            gridIndex += 1
                                            gridID = uuids.next()
                                            gridFill = 0
                                            gridSize = Int.random(in: 300...500, using: &rng)
                                            try await w.add(\.grids, [BulkValue(gridID), BulkValue(wsID), BulkValue("\(wsCode)-G\(gridIndex)"), BulkValue("第\(gridIndex)网格"), BulkValue("Grid \(gridIndex)")])
                                        }
                                        gridFill += 1
                                        placed += 1
                                        let householdID = uuids.next()
                                        try await w.add(\.households, [BulkValue(householdID), BulkValue(entranceID), BulkValue(buildingID), BulkValue(compoundID), BulkValue(gridID),
                                                                    BulkValue("\(floor)\(door < 10 ? "0" : "")\(door)")])
                                        report.households += 1
                                        for member in 0..<Self.familySize(&rng) {
                                            idSequence += 1
                                            let age = member == 0 ? Int.random(in: 25...85, using: &rng) : Int.random(in: 0...90, using: &rng)
                                            let sex: Sex = Bool.random(using: &rng) ? .male : .female
                                            let born = CivilDate(year: 2025 - age, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
                                            let unique = ids.next(birthDate: born, sex: sex).value
                                            let phone: String? = age >= 12 ? Self.mobile(idSequence) : nil
                                            // Sealed, hashed and masked as PersonalNumbers does it for every other write.
                                            try await w.add(\.residents, [
                                                BulkValue(uuids.next()), BulkValue(householdID), BulkValue(member == 0 ? Relation.head.rawValue : (member == 1 ? Relation.spouse.rawValue : Relation.child.rawValue)),
                                                BulkValue(NamePool.name(using: &rng)), BulkValue(sex.rawValue), BulkValue(born.iso), BulkValue(Hukou.local.rawValue), BulkValue(true),
                                                phone.map(BulkValue.seal) ?? .null, .seal(unique),
                                                BulkValue(age >= 60 ? ",elderly," : ""), BulkValue(cipher.lookupHash(unique)), BulkValue(phone.map(cipher.lookupHash)),
                                                BulkValue(Masking.idNumber(unique)), BulkValue(phone.map(Masking.phone))])
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
        try await w.flush(wait: true)
        for index in Self.deferredIndexes {
            try await sink.execute("CREATE \(index.unique ? "UNIQUE " : "")INDEX \"\(index.name)\" ON \"\(index.table)\" (\"\(index.column)\")")
        }
        report.rows = w.rows
        progress?(report.households, households, w.rows)
        return report
    }

    /// Where the rows go: the city's own SQLite connection, or the driver's transaction.
    enum Sink: Sendable {
        case direct(SQLiteBulkWriter)
        case portable(any SQLDatabase)

        func execute(_ statement: String) async throws {
            switch self {
            case .direct(let writer): try writer.execute(statement)
            case .portable(let sql): try await sql.raw("\(unsafeRaw: statement)").run()
            }
        }
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

    /// Indexes of Migration001 that the load drops and rebuilds (same names, same columns): those
    /// on columns whose values arrive in random order (names, hashes). Indexes on parent ids stay:
    /// the ids are time-ordered, so each insert appends at the index's right edge, which is cheaper
    /// than scanning and sorting the table again afterwards.
    static let deferredIndexes: [(name: String, table: String, column: String, unique: Bool)] = [
        ("idx_residents_name", "residents", "name", false), ("idx_residents_phone_hash", "residents", "phone_hash", false),
        ("idx_residents_id_number_hash", "residents", "id_number_hash", true),
    ]

    /// `13` and nine digits, zero-padded (String(format:) costs a microsecond a call here).
    static func mobile(_ n: Int) -> String {
        let digits = String(n % 1_000_000_000)
        return "13" + String(repeating: "0", count: 9 - digits.count) + digits
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

    /// Time-ordered ids (the layout of UUIDv7): rows written in a run get increasing keys, so the
/// primary-key and foreign-key indexes grow at their right edge instead of splitting pages at
/// random, which is what made a million households slow with random UUIDs.
struct SequentialUUIDs {
    var rng: SeededGenerator
    var counter: UInt64
    let millis: UInt64

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
        counter = 0
        millis = UInt64(Date().timeIntervalSince1970 * 1000)
    }

    mutating func next() -> UUID {
        counter += 1
        let high = (millis << 16) | 0x7000 | (counter >> 46 & 0x0FFF)       // 48-bit time, version 7, counter bits
        let low = (0x8000_0000_0000_0000 as UInt64) | ((counter & 0x3FFF_FFFF_FFFF) << 16) | (rng.next() & 0xFFFF)
        let h = withUnsafeBytes(of: high.bigEndian) { Array($0) }, l = withUnsafeBytes(of: low.bigEndian) { Array($0) }
        return UUID(uuid: (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]))
    }
}

/// One buffer of rows per table.
    struct Writers {
        var subDistricts, workstations, committees, compounds, servicePoints, buildings, entrances, grids, households, residents: BulkInsert
        init(sink: CityGenerator.Sink, cipher: PersonalDataCipher) {
            subDistricts = BulkInsert(sink, "sub_districts", ["id", "code", "name_zh", "name_en", "policy_name", "policy_exceptions"])
            workstations = BulkInsert(sink, "workstations", ["id", "sub_district_id", "code", "name_zh", "name_en", "address"])
            committees = BulkInsert(sink, "residents_committees", ["id", "workstation_id", "code", "name_zh", "name_en", "structure_rules"])
            compounds = BulkInsert(sink, "compounds", ["id", "committee_id", "code", "name_zh", "name_en", "address"])
            servicePoints = BulkInsert(sink, "service_points", ["id", "compound_id", "name_zh", "name_en", "address"])
            buildings = BulkInsert(sink, "buildings", ["id", "compound_id", "zone_id", "number", "floors"])
            entrances = BulkInsert(sink, "entrances", ["id", "building_id", "number"])
            grids = BulkInsert(sink, "grids", ["id", "workstation_id", "code", "name_zh", "name_en"])
            households = BulkInsert(sink, "households", ["id", "entrance_id", "building_id", "compound_id", "grid_id", "door"])
            residents = BulkInsert(sink, "residents", ["id", "household_id", "relation", "name", "sex", "birth_date", "hukou", "political_rights", "phone_sealed", "id_number_sealed", "tags",
                                                      "id_number_hash", "phone_hash", "id_number_masked", "phone_masked"], cipher: cipher)
        }
        var rows: Int {
            [subDistricts, workstations, committees, compounds, servicePoints, buildings, entrances, grids, households, residents].reduce(0) { $0 + $1.written + $1.pending.count }
        }
        /// Buffers a row; when any table's batch is full, every table is written, parents first.
        mutating func add(_ table: WritableKeyPath<Writers, BulkInsert>, _ row: [BulkValue]) async throws {
            self[keyPath: table].pending.append(row)
            if self[keyPath: table].pending.count >= self[keyPath: table].batch { try await flush() }
        }

        /// Batches in flight, newest last: while the generator makes the next batch, the newest
        /// is being sealed and bound and the one before it inserted, so generation, sealing and
        /// SQLite keep both cores busy. At most two, so memory stays flat however large the city.
        var inFlight: [Task<Void, any Error>] = []

        /// Parents before children, so foreign keys hold at every statement.
        mutating func flush(wait: Bool = false) async throws {
            var statements: [BulkInsert.Statement] = []
            for table in [\Writers.subDistricts, \.workstations, \.committees, \.compounds, \.servicePoints, \.buildings, \.entrances, \.grids, \.households, \.residents] {
                if let statement = self[keyPath: table].take() { statements.append(statement) }
            }
            if inFlight.count == 2 { try await inFlight.removeFirst().value }
            let previous = inFlight.last
            inFlight.append(Task {
                let prepared = statements.map { $0.prepared() }
                // Batches reach the connection in order, one statement at a time.
                try await previous?.value
                for statement in prepared { try await statement.run() }
            })
            if wait { for task in inFlight { try await task.value } }
        }
    }
}

/// Collects rows for one table and writes them: row by row through the city's own SQLite
/// connection, or as multi-row INSERTs under the bind limit of PostgreSQL (65,535).
struct BulkInsert {
    let sink: CityGenerator.Sink
    let table: String
    let columns: [String]
    var pending: [[BulkValue]] = []
    var written = 0
    let batch: Int
    /// Seals `.seal` values (residents' numbers) when the batch is prepared.
    let cipher: PersonalDataCipher?

    init(_ sink: CityGenerator.Sink, _ table: String, _ columns: [String], cipher: PersonalDataCipher? = nil) {
        self.sink = sink
        self.table = table
        self.columns = columns
        self.cipher = cipher
        batch = 30_000 / columns.count
    }

    /// A batch on its way to the database.
    struct Statement: Sendable {
        let sink: CityGenerator.Sink
        let table: String
        let columns: [String]
        var rows: [[BulkValue]]
        let cipher: PersonalDataCipher?

        /// The personal numbers sealed, split over the cores (AES-GCM is most of a resident's
        /// cost), off the generator's thread and while the batch before is being inserted.
        func prepared() -> Statement {
            guard let cipher else { return self }
            let positions: [(row: Int, column: Int, value: String)] = rows.enumerated().flatMap { r, row in
                row.enumerated().compactMap { c, v in if case .seal(let text) = v { (r, c, text) } else { nil } }
            }
            // Each part writes its own slots (every other one), so the shared buffer needs no lock.
            struct Slots: @unchecked Sendable { let buffer: UnsafeMutableBufferPointer<String> }
            let slots = Slots(buffer: .allocate(capacity: positions.count))
            slots.buffer.initialize(repeating: "")
            defer { slots.buffer.deinitialize(); slots.buffer.deallocate() }
            let parts = 2
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var i = part
                while i < positions.count {
                    slots.buffer[i] = cipher.seal(positions[i].value)
                    i += parts
                }
            }
            var sealed = self
            for (n, p) in positions.enumerated() { sealed.rows[p.row][p.column] = .text(slots.buffer[n]) }
            return Statement(sink: sink, table: table, columns: columns, rows: sealed.rows, cipher: nil)
        }

        func run() async throws {
            let ready = cipher == nil ? self : prepared()
            switch sink {
            case .direct(let writer):
                try writer.insert(into: table, columns: columns, rows: ready.rows)
            case .portable(let sql):
                var insert = sql.insert(into: table).columns(columns)
                for row in ready.rows { insert = insert.values(row.map(\.bind)) }
                try await insert.run()
            }
        }
    }

    /// The pending rows as one statement, leaving the buffer empty.
    mutating func take() -> Statement? {
        guard !pending.isEmpty else { return nil }
        defer {
            written += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        return Statement(sink: sink, table: table, columns: columns, rows: pending, cipher: cipher)
    }
}

/// A value in a generated row, typed so each database gets it in its own encoding
/// (UUIDs as upper-case text on SQLite, as Fluent stores them; native uuid on PostgreSQL).
enum BulkValue: Sendable {
    case uuid(UUID), text(String), int(Int), bool(Bool), null
    /// A personal number, sealed when its batch is written.
    case seal(String)

    init(_ v: UUID) { self = .uuid(v) }
    init(_ v: UUID?) { self = v.map(BulkValue.uuid) ?? .null }
    init(_ v: String) { self = .text(v) }
    init(_ v: String?) { self = v.map(BulkValue.text) ?? .null }
    init(_ v: Int) { self = .int(v) }
    init(_ v: Bool) { self = .bool(v) }

    var bind: any SQLExpression {
        switch self {
        case .uuid(let u): return SQLBind(u)
        case .text(let t): return SQLBind(t)
        case .int(let i): return SQLBind(i)
        case .bool(let b): return SQLBind(b)
        case .null, .seal: return SQLLiteral.null
        }
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
