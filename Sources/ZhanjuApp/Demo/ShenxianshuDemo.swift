import Fluent
import NIOConcurrencyHelpers
import Foundation
import Vapor
import ZhanjuRules

/// The Shenxianshu community of the seed case (BRIEF.md): Fangcao sub-district, one workstation,
/// three residents' committees over four gated compounds. Sizes are ours (the text gives none);
/// everything is written through RegistryService, so the demo obeys every rule a user meets.
public enum ShenxianshuDemo {
    public struct Report: Sendable {
        public var households = 0
        public var residents = 0
        public var appointments = 0
        public var seconds = 0.0
        public var subDistrictID = UUID()
        public var accounts: [(username: String, role: String)] = []
        public var cases = 0
        public var summary: String {
            "Shenxianshu demo: \(households) households, \(residents) residents, \(appointments) appointments, \(cases) cases in \(String(format: "%.1f", seconds)) s. Structure: /structure/\(subDistrictID)\n"
                + "Demo accounts (password: zhanju- followed by the username, e.g. zhanju-admin):\n"
                + accounts.map { "  \($0.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \($0.role)" }.joined(separator: "\n")
        }
    }

    /// One compound of the demo and how it is built.
    struct CompoundPlan {
        var code: String
        var zh: String
        var en: String
        var zones: [String]          // empty: no zones
        var buildingsPerZone: Int
        var entrances: Int
        var floors: Int
        var doorsPerFloor: Int
    }

    static let committees: [(code: String, zh: String, en: String, compounds: [CompoundPlan])] = [
        ("ZHMC", "中海名城居民委员会", "Zhonghai Mingcheng Residents' Committee",
         [CompoundPlan(code: "ZHMC", zh: "中海名城", en: "Zhonghai Mingcheng", zones: ["A", "B", "C", "D"], buildingsPerZone: 10, entrances: 2, floors: 15, doorsPerFloor: 1)]),
        ("SXSDY", "神仙树大院居民委员会", "Shenxianshu Dayuan Residents' Committee",
         [CompoundPlan(code: "SXSDY", zh: "神仙树大院", en: "Shenxianshu Dayuan", zones: [], buildingsPerZone: 25, entrances: 3, floors: 7, doorsPerFloor: 2)]),
        ("WR", "维融居民委员会", "Weirong Residents' Committee",
         [CompoundPlan(code: "VIC", zh: "维多利亚", en: "Victoria", zones: [], buildingsPerZone: 140, entrances: 1, floors: 3, doorsPerFloor: 1),
          CompoundPlan(code: "RCHJ", zh: "融城后街", en: "Rongcheng Houjie", zones: [], buildingsPerZone: 95, entrances: 1, floors: 4, doorsPerFloor: 1)]),
    ]

    /// The demo's password for an account: documented in the README, never for real use.
    public static func password(for username: String) -> String { "zhanju-" + username }

    /// Loads the demo in one write; `progress` hears a line as each stage ends (the CLI prints
    /// them, so that a first `serve --demo` is not a silent wait).
    public static func load(into app: Application, progress: (@Sendable (String) -> Void)? = nil) async throws -> Report {
        let started = Date()
        let context = WriteContext.system("demo loader", app)
        let stage = StageClock(progress: progress)
        progress?("Loading the Shenxianshu demo through the services (once, into an empty database)…")
        let hashing = Task { try await DemoAccounts.hashPasswords(app.access) }
        var report = try await app.access.write(on: app.db) { tx in
            var builder = Builder(service: RegistryService(db: tx, context: context), rng: SeededGenerator(seed: 2010))
            var report = try await builder.build()
            stage.done("structure, posts, \(report.households) households and \(report.residents) residents")
            let hashes = try await hashing.value
            report.accounts = try await DemoAccounts.create(on: tx, context: context, hashes: hashes)
            stage.done("\(report.accounts.count) accounts, one per role")
            let catalogue = CatalogueService(db: tx, context: context)
            for item in CatalogueService.seed { _ = try await catalogue.create(item) }
            stage.done("\(CatalogueService.seed.count) service items")
            report.cases = try await DemoCases.create(on: tx, app: app, count: 400, rng: &builder.rng)
            stage.done("\(report.cases) cases with their timelines")
            if let elections = try await DemoElections.create(on: tx, app: app, context: context, hashes: hashes, rng: &builder.rng) {
                report.accounts += elections.accounts
                stage.done("Weirong's 2026 election (\(elections.ballots) web ballots, result announced) and a new election at the roll stage")
            }
            let representatives = try await DemoRepresentatives.create(on: tx, app: app, context: context, rng: &builder.rng)
            stage.done("\(representatives) residents' representatives, every council member among them")
            if let council = try await DemoCouncil.create(on: tx, app: app, context: context, rng: &builder.rng) {
                stage.done("self-governance: \(council.resolutions) council resolutions carried out and supervised, a petition, \(council.dwellings) dwellings and \(council.ownersBallots) owners' ballots")
            }
            if let surveys = try await DemoSurveys.create(on: tx, app: app, context: context, rng: &builder.rng) {
                stage.done("the seed's needs survey and an autumn survey in progress (\(surveys.responses) responses)")
            }
            return report
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    struct Builder {
        let service: RegistryService
        var rng: SeededGenerator
        var report = Report()
        var idSequence = 0
        let termStart = "2021-07-01"
        let termEnd = "2026-06-30"
        let newTermStart = "2026-07-01"
        let newTermEnd = "2031-06-30"

        mutating func uuid() -> UUID {
            let a = rng.next(), b = rng.next()
            var bytes = withUnsafeBytes(of: a.bigEndian) { Array($0) } + withUnsafeBytes(of: b.bigEndian) { Array($0) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }

        mutating func build() async throws -> Report {
            let sd = try await service.create(SubDistrictResource(id: uuid(), code: "FCJ", nameZh: "芳草街街道办事处", nameEn: "Fangcao Street Office",
                                                                  policyName: AppointmentPolicy.shenxianshu.name,
                                                                  policyExceptions: AppointmentPolicy.Exception.allCases.map(\.rawValue)))
            report.subDistrictID = sd.id!
            let ws = try await service.create(WorkstationResource(id: uuid(), subDistrictId: sd.id, code: "SXS", nameZh: "神仙树社区工作站",
                                                                  nameEn: "Shenxianshu Community Workstation", address: "成都市高新区神仙树南路"))
            let wsID = ws.id!
            // The general branch leads; its secretary heads the workstation (Shenxianshu exception).
            let generalBranch = try await org(.partyGeneralBranch, "神仙树社区党总支", "Shenxianshu Community Party General Branch", workstation: wsID)
            let head = try await staff(name: "李建华", sex: .male, born: "1972-03-14")
            try await appoint(head, .generalBranchSecretary, generalBranch, start: "2021-07-01")
            try await appoint(head, .stationHead, wsID, start: "2021-07-01")
            try await appoint(try await staff(name: "周敏", sex: .female, born: "1980-09-02"), .deputyStationHead, wsID, start: "2021-07-01")
            for (i, person) in [("陈静", Sex.female, "1988-05-21"), ("刘洋", .male, "1990-11-08"), ("黄丽", .female, "1986-01-30"), ("王磊", .male, "1992-07-17")].enumerated() {
                let s = try await staff(name: person.0, sex: person.1, born: person.2)
                try await appoint(s, .stationStaff, wsID, start: "2022-0\(i + 1)-01")
            }
            let xiaolan = try await org(.volunteerOrganisation, "小兰志愿服务队", "Xiaolan Volunteer Club", workstation: wsID)

            var gridNumber = 0
            for plan in ShenxianshuDemo.committees {
                let rc = try await service.create(CommitteeResource(id: uuid(), workstationId: wsID, code: plan.code, nameZh: plan.zh, nameEn: plan.en,
                                                                    structureRules: StructureRules.organicLaw2025.name))
                let rcID = rc.id!
                var committeeResidents: [(UUID, Sex, Int)] = []   // id, sex, age: candidates for posts
                var compoundIDs: [UUID] = []
                for c in plan.compounds {
                    let compound = try await service.create(CompoundResource(id: uuid(), committeeId: rcID, code: c.code, nameZh: c.zh, nameEn: c.en,
                                                                             address: "成都市高新区芳草街\(c.zh)"))
                    compoundIDs.append(compound.id!)
                    let zoneCodes: [String?] = c.zones.isEmpty ? [nil] : c.zones
                    for zoneCode in zoneCodes {
                        var zoneID: UUID? = nil
                        if let zoneCode {
                            zoneID = try await service.create(ZoneResource(id: uuid(), compoundId: compound.id, code: zoneCode, nameZh: "\(zoneCode)区", nameEn: "Zone \(zoneCode)")).id
                        }
                        // One grid per zone, or per 350 households where a compound has no zones.
                        let perBuilding = c.entrances * c.floors * c.doorsPerFloor
                        let compoundHouseholds = perBuilding * c.buildingsPerZone
                        let gridsHere = zoneCode != nil ? 1 : max(1, Int((Double(compoundHouseholds) / 400).rounded()))
                        var gridIDs: [UUID] = []
                        for _ in 0..<gridsHere {
                            gridNumber += 1
                            let g = try await service.create(GridResource(id: uuid(), workstationId: wsID, code: String(format: "SXS-G%02d", gridNumber),
                                                                          nameZh: "第\(gridNumber)网格(\(c.zh)\(zoneCode.map { "\($0)区" } ?? ""))",
                                                                          nameEn: "Grid \(gridNumber) (\(c.en)\(zoneCode.map { " zone \($0)" } ?? ""))"))
                            gridIDs.append(g.id!)
                            let worker = try await staff(name: NamePool.name(using: &rng), sex: Bool.random(using: &rng) ? .female : .male, born: "19\(Int.random(in: 80...99, using: &rng))-0\(Int.random(in: 1...9, using: &rng))-15")
                            try await appoint(worker, .gridWorker, g.id!, start: "2023-01-01")
                        }
                        for b in 1...c.buildingsPerZone {
                            let number = zoneCode.map { "\($0)\(b)" } ?? "\(b)"
                            let building = try await service.create(BuildingResource(id: uuid(), compoundId: compound.id, zoneId: zoneID, number: number, floors: c.floors))
                            let grid = gridIDs[(b - 1) * gridIDs.count / c.buildingsPerZone]
                            for e in 1...c.entrances {
                                let entrance = try await service.create(EntranceResource(id: uuid(), buildingId: building.id, number: "\(e)"))
                                for floor in 1...c.floors {
                                    for door in 1...c.doorsPerFloor {
                                        let h = try await service.create(HouseholdResource(id: uuid(), entranceId: entrance.id, gridId: grid,
                                                                                           door: "\(e)-\(floor)\(String(format: "%02d", door))"))
                                        report.households += 1
                                        committeeResidents += try await family(in: h.id!)
                                    }
                                }
                            }
                        }
                    }
                    if c.code != "RCHJ" {
                        let sp = try await service.create(ServicePointResource(id: uuid(), compoundId: compound.id, nameZh: "\(c.zh)便民服务站",
                                                                               nameEn: "\(c.en) Service Point", address: "\(c.zh)会所一楼"))
                        _ = sp
                    }
                }
                try await governance(committee: rcID, compounds: compoundIDs, plan: plan, people: committeeResidents, generalBranch: generalBranch, xiaolan: xiaolan)
            }
            return report
        }

        /// A household of one to five: head, maybe a spouse, children, a parent; tags from age and chance.
        mutating func family(in household: UUID) async throws -> [(UUID, Sex, Int)] {
            var members: [(UUID, Sex, Int)] = []
            let headAge = Int.random(in: 28...86, using: &rng)
            let headSex: Sex = Bool.random(using: &rng) ? .male : .female
            let alone = headAge >= 70 && Int.random(in: 0..<5, using: &rng) == 0
            members.append(try await person(household, .head, headSex, headAge, alone: alone))
            if alone { return members }
            if Int.random(in: 0..<10, using: &rng) < 8 {
                members.append(try await person(household, .spouse, headSex == .male ? .female : .male, max(20, headAge + Int.random(in: -5...5, using: &rng)), alone: false))
            }
            if headAge < 65 {
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    members.append(try await person(household, .child, Bool.random(using: &rng) ? .male : .female, max(0, headAge - Int.random(in: 24...36, using: &rng)), alone: false))
                }
                if headAge < 50 && Int.random(in: 0..<4, using: &rng) == 0 {
                    members.append(try await person(household, .parent, Bool.random(using: &rng) ? .male : .female, headAge + Int.random(in: 24...32, using: &rng), alone: false))
                }
            }
            return members
        }

        mutating func person(_ household: UUID?, _ relation: Relation?, _ sex: Sex, _ age: Int, alone: Bool) async throws -> (UUID, Sex, Int) {
            let born = CivilDate(year: 2026 - age - 1, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
            idSequence += 1
            let id = IDNumber.make(region: ["510107", "510104", "510105", "510108", "510122"].randomElement(using: &rng)!, birthDate: born, sex: sex, sequence: idSequence)
            let local = Int.random(in: 0..<10, using: &rng) < 8
            var tags: [ServiceTag] = []
            if age >= 60 { tags.append(.elderly) }
            if alone { tags.append(.elderlyAlone) }
            if age < 14 { tags.append(.childUnderFourteen) }
            if !local { tags.append(.floating) }
            if age >= 18 && Int.random(in: 0..<100, using: &rng) < 9 { tags.append(.partyMember) }
            if Int.random(in: 0..<100, using: &rng) < 2 { tags.append(.disabled) }
            if Int.random(in: 0..<200, using: &rng) == 0 { tags.append(.minimumIncome) }
            if age >= 40 && Int.random(in: 0..<100, using: &rng) < 2 { tags.append(.veteran) }
            let phone = age >= 12 ? "1\([3, 5, 7, 8, 9].randomElement(using: &rng)!)\(String(format: "%09d", Int.random(in: 0..<1_000_000_000, using: &rng)))" : nil
            let r = try await service.create(ResidentResource(
                id: uuid(), householdId: household, relation: relation?.rawValue, name: NamePool.name(using: &rng), sex: sex.rawValue,
                birthDate: born.iso, hukou: local ? Hukou.local.rawValue : Hukou.longTermNonLocal.rawValue, politicalRights: true,
                phone: phone, idNumber: id.value, tags: tags.map(\.rawValue)))
            if household != nil { report.residents += 1 }
            return (r.id!, sex, age)
        }

        /// Workstation staff usually live elsewhere: a person with no household here.
        mutating func staff(name: String, sex: Sex, born: String) async throws -> UUID {
            idSequence += 1
            let date = CivilDate(iso: born)!
            let r = try await service.create(ResidentResource(
                id: uuid(), householdId: nil, relation: nil, name: name, sex: sex.rawValue, birthDate: born, hukou: Hukou.local.rawValue,
                politicalRights: true, phone: "028\(String(format: "%08d", Int.random(in: 80_000_000..<90_000_000, using: &rng)))",
                idNumber: IDNumber.make(region: "510107", birthDate: date, sex: sex, sequence: idSequence).value, tags: []))
            return r.id!
        }

        mutating func org(_ kind: BodyKind, _ zh: String, _ en: String, workstation: UUID? = nil, committee: UUID? = nil, compound: UUID? = nil, parent: UUID? = nil) async throws -> UUID {
            try await service.create(OrganisationResource(id: uuid(), kind: kind.rawValue, nameZh: zh, nameEn: en, workstationId: workstation,
                                                          committeeId: committee, compoundId: compound, parentId: parent)).id!
        }

        mutating func appoint(_ person: UUID, _ post: Post, _ body: UUID, start: String? = nil, end: String? = nil) async throws {
            _ = try await service.create(AppointmentResource(id: uuid(), residentId: person, post: post.rawValue, bodyKind: post.body.rawValue, bodyId: body,
                                                             startsOn: start ?? newTermStart, endsOn: end ?? (start == nil ? newTermEnd : nil)))
            report.appointments += 1
        }

        /// Posts around one committee: the elected committee (5–7, women among them), the party
        /// branch, owners' or property-management committee, property manager, council,
        /// supervisors, residents' groups and volunteers — with Shenxianshu's cross-appointments.
        mutating func governance(committee: UUID, compounds: [UUID], plan: (code: String, zh: String, en: String, compounds: [CompoundPlan]),
                                 people: [(UUID, Sex, Int)], generalBranch: UUID, xiaolan: UUID) async throws {
            var pool = people.filter { (25...70).contains($0.2) }.shuffled(using: &rng)
            func take(_ sex: Sex? = nil) -> UUID {
                let i = pool.firstIndex { sex == nil || $0.1 == sex }!
                return pool.remove(at: i).0
            }
            let seats = plan.code == "WR" ? 5 : 7
            let chair = take()
            try await appoint(chair, .chair, committee)
            try await appoint(take(.female), .deputyChair, committee)
            var members: [UUID] = []
            for i in 0..<(seats - 2) { let m = take(i == 0 ? .female : nil); members.append(m); try await appoint(m, .member, committee) }

            let branch = try await org(.partyBranch, "\(plan.compounds[0].zh)党支部", "\(plan.compounds[0].en) Party Branch", committee: committee, parent: generalBranch)
            // Shenxianshu's two patterns: in Dayuan a party member outside the committee is branch
            // secretary and heads the service point; elsewhere the elected chair is branch secretary.
            let secretary = plan.code == "SXSDY" ? take() : chair
            try await appoint(secretary, .branchSecretary, branch)
            try await appoint(take(), .branchMember, branch)

            for (i, compoundID) in compounds.enumerated() {
                let c = plan.compounds[i]
                if let sp = try await ServicePoint.query(on: service.db).filter(\.$compound.$id == compoundID).first() {
                    try await appoint(secretary != chair && i == 0 ? secretary : take(), .servicePointHead, sp.id!)
                    try await appoint(take(), .servicePointStaff, sp.id!)
                }
                let pm = try await org(.propertyManager, "\(c.zh)物业服务中心", "\(c.en) Property Services", committee: committee, compound: compoundID)
                try await appoint(take(), .propertyManagerHead, pm)
                if c.code == "RCHJ" {
                    // No owners' committee yet: a property-management committee chaired by the residents' committee (Beijing model).
                    let pmc = try await org(.propertyManagementCommittee, "\(c.zh)物业管理委员会", "\(c.en) Property-Management Committee", committee: committee, compound: compoundID)
                    try await appoint(chair, .managementCommitteeChair, pmc)
                    for _ in 0..<6 { try await appoint(take(), .managementCommitteeMember, pmc) }
                } else {
                    let oc = try await org(.ownersCommittee, "\(c.zh)业主委员会", "\(c.en) Owners' Committee", committee: committee, compound: compoundID)
                    try await appoint(take(), .ownersDirector, oc)
                    try await appoint(members[0], .ownersMember, oc)         // cross-appointment
                    for _ in 0..<3 { try await appoint(take(), .ownersMember, oc) }
                }
                let group = try await org(.residentsGroup, "\(c.zh)第一居民小组", "\(c.en) Residents' Group 1", committee: committee, compound: compoundID)
                try await appoint(take(), .groupLeader, group)
            }
            let council = try await org(.residentsCouncil, "\(plan.zh.replacingOccurrences(of: "居民委员会", with: ""))居民议事会", plan.en.replacingOccurrences(of: "Residents' Committee", with: "Residents' Council"), committee: committee)
            try await appoint(take(), .councilConvenor, council)
            for _ in 0..<(plan.code == "WR" ? 14 : 20) { try await appoint(take(), .councilMember, council) }
            let supervisors = try await org(.supervisoryCommittee, "\(plan.zh.replacingOccurrences(of: "居民委员会", with: ""))监事会", plan.en.replacingOccurrences(of: "Residents' Committee", with: "Supervisory Committee"), committee: committee)
            try await appoint(take(), .supervisorChair, supervisors)
            for _ in 0..<2 { try await appoint(take(), .supervisor, supervisors) }
            if plan.code == "WR" {
                // Weirong's committee term ended mid-2026: an election committee is preparing the vote.
                let election = try await org(.electionCommittee, "维融社区选举委员会", "Weirong Election Committee", committee: committee)
                try await appoint(take(), .electionCommitteeChair, election, start: "2026-09-01")
                for _ in 0..<4 { try await appoint(take(), .electionCommitteeMember, election, start: "2026-09-01") }
            }
            try await appoint(take(.female), .volunteerLead, xiaolan == committee ? committee : try await org(.volunteerOrganisation, "\(plan.compounds[0].zh)小兰志愿分队", "\(plan.compounds[0].en) Xiaolan Volunteers", committee: committee, parent: xiaolan))
        }
    }
}

/// Says how long each stage of a load took.
final class StageClock: Sendable {
    let progress: (@Sendable (String) -> Void)?
    private let last = NIOLockedValueBox(Date())

    init(progress: (@Sendable (String) -> Void)?) { self.progress = progress }

    func done(_ what: String) {
        guard let progress else { return }
        let now = Date()
        let seconds = last.withLockedValue { last in defer { last = now }; return now.timeIntervalSince(last) }
        progress(String(format: "  %@ (%.1f s)", what, seconds))
    }
}
