import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Demo data")
struct DemoTests {
    @Test("Shenxianshu: one workstation, three committees over four compounds, Weirong flagged for size, Shenxianshu's cross-appointments in place")
    func shenxianshu() async throws {
        try await withApp { (app: Application) async throws in
            let report = try await ShenxianshuDemo.load(into: app)
            #expect(report.households == 3_050)
            let tree = try #require(try await StructureTree.load(subDistrictID: report.subDistrictID, on: app.db, today: app.clock.today))
            #expect(tree.workstations.count == 1)
            let committees = tree.workstations[0].committees
            #expect(Set(committees.map(\.committee.code)) == ["ZHMC", "SXSDY", "WR"])
            let weirong = try #require(committees.first { $0.committee.code == "WR" })
            #expect(Set(weirong.compounds.map(\.compound.code)) == ["VIC", "RCHJ"])
            #expect(weirong.households == 800)
            #expect(weirong.breaks.map(\.rule) == ["committee_households"])
            for c in committees where c.committee.code != "WR" {
                #expect(c.breaks.isEmpty, "\(c.committee.code): \(c.breaks.map(\.messageEn))")
                #expect(c.seatsHeld == 7)
            }
            for grid in tree.workstations[0].grids { #expect(grid.breaks.isEmpty, "\(grid.grid.code) has \(grid.households)") }

            // The general branch secretary heads the workstation; a committee member sits on an owners' committee.
            let holdings = try await Appointment.query(on: app.db).all()
            let byPerson = Dictionary(grouping: holdings, by: { $0.$resident.id })
            #expect(byPerson.values.contains { Set($0.map(\.post)).isSuperset(of: ["general_branch_secretary", "station_head"]) })
            #expect(byPerson.values.contains { Set($0.map(\.post)).isSuperset(of: ["chair", "branch_secretary"]) })
            #expect(byPerson.values.contains { Set($0.map(\.post)).isSuperset(of: ["branch_secretary", "service_point_head"]) })
            #expect(byPerson.values.contains { Set($0.map(\.post)).isSuperset(of: ["member", "owners_member"]) })

            // Every generated ID number is valid and agrees with its holder.
            let numbers = app.access.personalNumbers
            for r in try await Resident.query(on: app.db).all() {
                let born = try #require(CivilDate(iso: r.birthDate))
                let id = try numbers.open(.idNumber, of: r)
                #expect(throws: Never.self) { try IDNumber(id ?? "", birthDate: born, sex: Sex(rawValue: r.sex)!) }
            }

            // One account per role, each able to sign in with the documented password.
            #expect(report.accounts.count == 16)
            for (username, _) in report.accounts {
                let caller = try await app.signIn(username, ShenxianshuDemo.password(for: username))
                #expect(try await app.json(.GET, "/api/v1/me", as: caller).status == .ok)
            }

            // Weirong's 2026 election: announced, its elected are the committee's post holders, its log verifies;
            // the new election is at the roll stage, run by `wr.election`, with a clerk and a scrutineer.
            let elections = try await Election.query(on: app.db).filter(\.$committeeID == weirong.committee.id).sort(\.$pollingDay).all()
            #expect(elections.map(\.stageValue) == [.announced, .roll])
            if elections.count == 2 {
                let result = try await app.json(.GET, "/api/v1/elections/\(elections[0].id!)/result", as: .anonymous)
                let elected = Set((result.object["elected"] as? [[String: Any]] ?? []).compactMap { ($0["resident_id"] as? String).flatMap(UUID.init(uuidString:)) })
                let holders = Set(try await Appointment.query(on: app.db).filter(\.$bodyID == weirong.committee.id).all().map { $0.$resident.id })
                #expect(!elected.isEmpty && elected == holders)
                #expect(result.object["term_ends"] as? String == "2031-06-30")
                let log = try await app.json(.GET, "/api/v1/elections/\(elections[0].id!)/log", as: .anonymous)
                #expect(try ElectionCommands.verify(data: Data(buffer: log.body)).contains("verifies"))
                let committee = try await app.signIn("wr.election", ShenxianshuDemo.password(for: "wr.election"))
                #expect(try await app.page("/elections/\(elections[1].id!)", as: committee).status == .ok)
                let clerk = try await app.signIn("wr.clerk", ShenxianshuDemo.password(for: "wr.clerk"))
                #expect(try await app.page("/elections/\(elections[1].id!)/booth", as: clerk).status == .ok)
                #expect(try await app.page("/elections/\(elections[1].id!)", as: clerk).status == .forbidden)
            }

            // The pages of the demo render in both languages.
            for lang in ["zh-Hans", "en"] {
                #expect(try await app.page("/structure/\(report.subDistrictID)", lang: lang).status == .ok)
                #expect(try await app.page("/committees/\(weirong.committee.id)", lang: lang).status == .ok)
            }
        }
    }

    @Test("a synthetic city follows the size rules and its ID numbers are valid and unique")
    func city() async throws {
        try await withApp { (app: Application) async throws in
            let report = try await CityGenerator(households: 6_000, seed: 7).generate(into: app)
            #expect(report.households == 6_000)
            #expect(try await Household.query(on: app.db).count() == 6_000)
            #expect(try await Resident.query(on: app.db).count() == report.residents)
            #expect(Double(report.residents) / 6_000 > 2.2)
            let committees = try await ResidentsCommittee.query(on: app.db).all()
            for rc in committees {
                let n = try await Household.query(on: app.db).join(Compound.self, on: \Household.$compound.$id == \Compound.$id)
                    .filter(Compound.self, \.$committee.$id == rc.id!).count()
                // The last committee takes whatever households remain.
                if rc.code != committees.map(\.code).max() { #expect((1_000...3_000).contains(n), "\(rc.code): \(n)") }
            }
            let sample = try await Resident.query(on: app.db).limit(500).all()
            for r in sample {
                let id = try app.access.personalNumbers.open(.idNumber, of: r)
                #expect(throws: Never.self) { try IDNumber(id ?? "", birthDate: CivilDate(iso: r.birthDate)!, sex: Sex(rawValue: r.sex)!) }
                #expect(r.idNumberMasked == id.map(Masking.idNumber))
            }
            // Unique across the whole city: the lookup hash of every ID number appears once.
            let sql = app.db as! any SQLDatabase
            let repeated = try await sql.raw("SELECT id_number_hash FROM residents WHERE id_number_hash IS NOT NULL GROUP BY id_number_hash HAVING COUNT(*) > 1 LIMIT 5").all()
            #expect(repeated.isEmpty, "\(repeated.count) ID numbers are held twice")
            let numbered = try await sql.raw("SELECT COUNT(*) AS n FROM residents WHERE id_number_hash IS NOT NULL").first()?.decode(column: "n", as: Int.self) ?? 0
            #expect(numbered == report.residents, "every generated resident has a number")
        }
    }

    @Test("a city loaded with the file to itself is written under a rollback journal, and the file is left in WAL mode")
    func cityUnderRollbackJournal() async throws {
        try await withApp { (app: Application) async throws in
            guard app.sqliteFile != nil else { return }   // PostgreSQL has no journal modes
            app.databases.reinitialize()   // as `zhanju demo --city` does: close the driver's connections
            let report = try await CityGenerator(households: 1_000, seed: 3).generate(into: app)
            #expect(report.journal == "delete")
            let mode = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            #expect(mode == "wal")
            #expect(try await Household.query(on: app.db).count() == 1_000)
        }
    }
}
