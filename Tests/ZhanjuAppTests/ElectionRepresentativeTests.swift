import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Election by one representative per household: the roll lists one voter per household, and every threshold counts representatives")
struct ElectionRepresentativeTests {
    @Test("the head represents the household unless it chooses another; a second one is refused; 11 of 21 representatives make the vote valid, 6 of 11 elect, 5 do not")
    func householdRepresentatives() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            // 选民9's spouse, an adult voter in the same household.
            let household = try #require(try await app.json(.GET, "/api/v1/residents/\(f.id("选民9"))").object["household_id"] as? String)
            let id = IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1972-04-01")!, sex: .female, sequence: 90).value
            let spouse = try await app.json(.POST, "/api/v1/residents", ["name": "选民9之妻", "sex": "female", "birth_date": "1972-04-01", "hukou": "local",
                                                                         "political_rights": true, "id_number": id, "household_id": household, "relation": "spouse"])
            #expect(spouse.status == .created, "\(spouse.text)")
            let wife = spouse.object["id"] as! String

            let groups = try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee, "name_zh": "小组代表选举", "name_en": "By groups",
                                                                         "polling_day": ElectionFixture.pollingDay, "method": "group_representatives",
                                                                         "posts": [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]])
            #expect(groups.status == .unprocessableEntity && groups.object["code"] as? String == "election.representation", "\(groups.text)")

            let form = try await app.page("/elections/new", lang: "en")
            #expect(form.text.contains("one representative per household") && form.text.contains("representatives of each residents"))

            // The roll: the 21 households' voters, one each; the spouse is not listed, with her household's representative named.
            let (e, c) = try await ElectionsTests.prepare(app, f, method: "household_representatives")
            let detail = try await app.json(.GET, "/api/v1/elections/\(e)")
            #expect(detail.object["method"] == nil || (detail.object["election"] as? [String: Any])?["method"] as? String == "household_representatives")
            let roll = (detail.object["roll"] as! [[String: Any]]).filter { !($0["removed"] as! Bool) }
            #expect(roll.count == 21 && !roll.contains { ($0["resident_id"] as? String)?.lowercased() == wife.lowercased() })

            // A second representative for the household is refused with the rule; the household chooses her instead of the head.
            let second = try await app.json(.POST, "/api/v1/elections/\(e)/roll/changes", ["resident_id": wife, "change": "add", "reason": "户内推选"])
            #expect(second.status == .unprocessableEntity && second.object["code"] as? String == "election.representation", "\(second.text)")
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/roll/changes", ["resident_id": f.id("选民9"), "change": "remove", "reason": "本户改派代表"]).status == .created)
            let chosen = try await app.json(.POST, "/api/v1/elections/\(e)/roll/changes", ["resident_id": wife, "change": "add", "reason": "本户推选"])
            #expect(chosen.status == .created, "\(chosen.text)")

            // 21 representatives: more than half (11) vote; more than half of 11 (6) elect.
            let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.map { $0["code"] as! String }
            #expect(codes.count == 21)
            ElectionsTests.day(app, ElectionFixture.pollingDay)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)
            for i in 0..<11 {
                let members = (i < 6 ? ["选民3", "选民4", "选民5", "选民6"] : ["选民3", "选民4", "选民5", "选民7"]).map { c[$0]! }
                let r = try await app.json(.POST, "/api/v1/ballots", ["code": codes[i], "marks": ["chair": [c[i < 6 ? "选民1" : "选民2"]!], "member": members]], as: .anonymous)
                #expect(r.status == .created, "\(r.text)")
            }
            let counted = try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]])
            #expect(counted.object["stage"] as? String == "counted", "\(counted.text)")
            let round = try #require((try await app.json(.GET, "/api/v1/elections/\(e)").object["rounds"] as? [[String: Any]])?.first)
            #expect(round["registered_voters"] as? Int == 21 && round["ballots_cast"] as? Int == 11 && round["valid"] as? Bool == true, "\(round)")
            let posts = round["posts"] as! [[String: Any]]
            func elected(_ post: String) -> Set<String> { Set(((posts.first { $0["post"] as? String == post }?["elected"]) as? [[String: Any]] ?? []).map { $0["name"] as! String }) }
            #expect(elected("chair") == ["选民1"], "6 of 11 elect; 5 do not")
            #expect(elected("member") == ["选民3", "选民4", "选民5", "选民6"], "选民6 with 6 is elected, 选民7 with 5 is not")
            #expect(posts.allSatisfy { $0["votes_needed"] as? Int == 6 })
        }
    }

    @Test("10 of 21 representatives voting is one too few: the round is void, though 22 adults live in the area")
    func turnoutOneBelow() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let household = try #require(try await app.json(.GET, "/api/v1/residents/\(f.id("选民9"))").object["household_id"] as? String)
            let id = IDNumber.make(region: "510107", birthDate: CivilDate(iso: "1972-04-01")!, sex: .female, sequence: 90).value
            #expect(try await app.json(.POST, "/api/v1/residents", ["name": "选民9之妻", "sex": "female", "birth_date": "1972-04-01", "hukou": "local",
                                                                    "political_rights": true, "id_number": id, "household_id": household, "relation": "spouse"]).status == .created)
            let (e, c) = try await ElectionsTests.prepare(app, f, method: "household_representatives")
            let codes = try await app.json(.POST, "/api/v1/elections/\(e)/codes").array.map { $0["code"] as! String }
            #expect(codes.count == 21)
            ElectionsTests.day(app, ElectionFixture.pollingDay)
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/polling").status == .ok)
            for code in codes.prefix(10) {
                let r = try await app.json(.POST, "/api/v1/ballots", ["code": code, "marks": ["chair": [c["选民1"]!], "member": ["选民3", "选民4", "选民5", "选民6"].map { c[$0]! }]],
                                           as: .anonymous)
                #expect(r.status == .created, "\(r.text)")
            }
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]]).status == .ok)
            let round = try #require((try await app.json(.GET, "/api/v1/elections/\(e)").object["rounds"] as? [[String: Any]])?.first)
            #expect(round["registered_voters"] as? Int == 21 && round["ballots_cast"] as? Int == 10 && round["valid"] as? Bool == false, "\(round)")
        }
    }
}

@Suite("Election by representatives of residents' groups: each group sends two or three, added by the election committee")
struct ElectionGroupRepresentativeTests {
    @Test("the roll starts empty; a group's fourth representative is refused at once; publishing needs every group at two or three: one below, at, at the top")
    func groupRepresentatives() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let group = try await app.json(.POST, "/api/v1/organisations", ["kind": "residents_group", "name_zh": "第一居民小组", "name_en": "Residents' Group 1",
                                                                            "committee_id": f.t.committee, "compound_id": f.t.compound])
            #expect(group.status == .created, "\(group.text)")
            let created = try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee, "name_zh": "小组代表选举", "name_en": "By groups",
                                                                          "polling_day": ElectionFixture.pollingDay, "method": "group_representatives",
                                                                          "posts": [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]])
            #expect(created.status == .created, "\(created.text)")
            let e = created.object["id"] as! String
            for i in 11...17 {
                #expect(try await app.json(.POST, "/api/v1/elections/\(e)/staff", ["resident_id": f.id("选民\(i)"), "role": "election_committee"]).status == .created)
            }
            let built = try await app.json(.POST, "/api/v1/elections/\(e)/roll/build")
            #expect(built.status == .ok && built.object["listed"] as? Int == 0, "\(built.text)")
            let reasons = (built.object["not_listed"] as? [[String: Any]] ?? []).flatMap { ($0["reasons"] as! [[String: Any]]).map { $0["rule"] as! String } }
            #expect(reasons.contains("representation"))
            func add(_ name: String) async throws -> TestingHTTPResponse {
                try await app.json(.POST, "/api/v1/elections/\(e)/roll/changes", ["resident_id": f.id(name), "change": "add", "reason": "第一居民小组会议推选"])
            }
            #expect(try await add("选民1").status == .created)
            let one = try await app.json(.POST, "/api/v1/elections/\(e)/roll/publish")
            #expect(one.status == .unprocessableEntity && one.object["code"] as? String == "election.representation", "one representative is one too few: \(one.text)")
            #expect(try await add("选民2").status == .created)
            #expect(try await add("选民3").status == .created)
            let fourth = try await add("选民4")
            #expect(fourth.status == .unprocessableEntity && fourth.object["code"] as? String == "election.representation", "a fourth is one too many: \(fourth.text)")
            let published = try await app.json(.POST, "/api/v1/elections/\(e)/roll/publish")
            #expect(published.status == .ok, "three representatives publish: \(published.text)")
            let roll = (try await app.json(.GET, "/api/v1/elections/\(e)").object["roll"] as! [[String: Any]]).filter { !($0["removed"] as! Bool) }
            #expect(roll.count == 3)
        }
    }
}
