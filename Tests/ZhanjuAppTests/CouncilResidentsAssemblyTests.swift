import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// The residents' assembly (居民会议, 2018 art. 9): the adult residents of the committee, convened
/// and presided over by the committee; more than half attend, more than half of those present
/// agree. It alone decides the matters reserved to it, such as the residents' compact.
@Suite("Council: the residents' assembly decides the matters reserved to it, with its own quorum and majority")
struct CouncilResidentsAssemblyTests {
    @Test("the committee convenes it for a compact: one below more than half of the adults decides nothing, at it the compact is adopted by a majority of those present; the council may not call it, a child and an outsider attend only as observers")
    func compact() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            // The committee's chair, an account of their own.
            let born = "1972-05-01"
            let chairPerson = try await app.json(.POST, "/api/v1/residents", ["name": "主任", "sex": "female", "birth_date": born, "hukou": "local", "political_rights": true,
                                                                             "id_number": IDNumber.make(region: "510107", birthDate: CivilDate(iso: born)!, sex: .female, sequence: 911).value,
                                                                             "household_id": f.households[7], "relation": "child"]).object["id"] as! String
            #expect(try await app.json(.POST, "/api/v1/appointments", ["resident_id": chairPerson, "post": "chair", "body_id": f.t.committee, "starts_on": "2025-01-01"]).status == .created)
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "chair", "password": "quiet-river-chair", "resident": chairPerson])
            let chair = try await app.signIn("chair", "quiet-river-chair")
            let child = try await app.json(.POST, "/api/v1/residents", ["name": "孩子", "sex": "male", "birth_date": "2015-06-01", "hukou": "local", "political_rights": false,
                                                                       "id_number": IDNumber.make(region: "510107", birthDate: CivilDate(iso: "2015-06-01")!, sex: .male, sequence: 913).value,
                                                                       "household_id": f.households[0], "relation": "child"]).object["id"] as! String
            let adults = 17   // two in each of the eight households, and the chair

            let compact = try await app.json(.POST, "/api/v1/council/topics", ["committee_id": f.t.committee, "title": "制定居民公约", "body": "约定文明养犬与垃圾分类。",
                                                                               "matter": "residents_compact", "origin": "committee"], as: chair)
            try #require(compact.status == .created, "\(compact.text)")
            let topic = compact.object["id"] as! String
            #expect(try await app.json(.POST, "/api/v1/council/topics/\(topic)/review", ["decision": "admit", "reason": "居民公约由居民会议制定。"], as: chair).status == .ok)

            func call(_ body: String, as caller: Caller?) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/council/meetings", ["committee_id": f.t.committee, "title": "居民会议", "place": "社区活动中心",
                                                                       "starts_at": "2026-11-28T11:30:00Z", "topic_ids": [topic], "body": body], as: caller)
            }
            let byCouncil = try await call("residents_council", as: chair)
            #expect(byCouncil.status == .forbidden || byCouncil.status == .notFound, "the chair does not run the council's meetings: \(byCouncil.status)")
            #expect(try await call("residents_assembly", as: f.staff).status == .forbidden, "the workstation guides; the committee convenes")

            let roll = try await RegistryDirectory(db: app.db).voterRoll(committee: UUID(uuidString: f.t.committee)!)
            let grownUps = roll.filter { $0.birthDate.age(on: app.clock.today) >= 18 }.map(\.id).sorted { $0.uuidString < $1.uuidString }
            try #require(grownUps.count == adults, "\(grownUps.count)")
            func meet(present: Int, against: Int) async throws -> [String: Any] {
                let called = try await call("residents_assembly", as: chair)
                try #require(called.status == .created, "\(called.text)")
                let id = called.object["id"] as! String
                for p in grownUps.prefix(present) {
                    let s = try await app.json(.POST, "/api/v1/council/meetings/\(id)/attendance", ["resident_id": p.uuidString], as: chair)
                    let mine = (s.object["attendance"] as? [[String: Any]])?.first { $0["resident_id"] as? String == p.uuidString }
                    #expect(s.status == .created && mine?["member"] as? Bool == true, "\(s.text)")
                }
                let young = try await app.json(.POST, "/api/v1/council/meetings/\(id)/attendance", ["resident_id": child], as: chair)
                let seen = (young.object["attendance"] as? [[String: Any]])?.first { $0["resident_id"] as? String == child }
                #expect(seen?["member"] as? Bool == false, "a child attends, not as a member")
                let read = try await app.json(.GET, "/api/v1/council/meetings/\(id)", as: .anonymous).object
                let item = try #require((read["items"] as? [[String: Any]])?.first?["id"] as? String)
                for (i, p) in grownUps.prefix(present).enumerated() {
                    let v = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/votes", ["resident_id": p.uuidString, "choice": i < against ? "against" : "for"], as: chair)
                    #expect(v.status == .created, "\(v.text)")
                }
                let decided = try await app.json(.POST, "/api/v1/council/meetings/\(id)/items/\(item)/result", [:], as: chair)
                #expect(decided.status == .ok, "\(decided.text)")
                return try await app.json(.GET, "/api/v1/council/meetings/\(id)", as: .anonymous).object
            }
            // More than half of 17 is 9.
            let below = try await meet(present: 8, against: 0)
            let belowItem = try #require((below["items"] as? [[String: Any]])?.first)
            #expect(belowItem["outcome"] as? String == "no_quorum", "\(belowItem)")
            #expect((belowItem["decided_by"] as? [String: Any])?["rule"] as? String == "residents_assembly_quorum")
            #expect((below["quorum"] as? [String: Any])?["base"] as? Int == adults, "the base is the adult residents")
            // At the quorum, 5 of 9 present agree (more than half of those present): adopted.
            let at = try await meet(present: 9, against: 4)
            let atItem = try #require((at["items"] as? [[String: Any]])?.first)
            #expect(atItem["outcome"] as? String == "adopted", "\(atItem)")
            #expect((atItem["decided_by"] as? [String: Any])?["rule"] as? String == "residents_assembly_majority")
            let decided = try await app.json(.GET, "/api/v1/council/topics/\(topic)", as: .anonymous)
            #expect(decided.object["status"] as? String == "decided" && decided.object["deciding_body"] as? String == "residents_assembly", "\(decided.text)")
            let page = try await app.page("/council/committees/\(f.t.committee)/meetings/new", lang: "en", as: chair)
            #expect(page.status == .ok && page.text.contains("Residents&#39; assembly") || page.text.contains("Residents' assembly"), "the committee may call the assemblies")
        }
    }
}
