import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Residents' representatives (居民代表) over the Shenxianshu demo: a register per committee,
/// chosen per residents' group within the seats its households allow (one per 5–10 households,
/// RepresentativeRules), adults of the group's households, each with a term that may end early
/// with a public reason. The seats' arithmetic is ZhanjuRulesTests'; these hold the write path,
/// the refusals' fields and access to it.
@Suite("Council: residents' representatives per residents' group, with seats and terms")
struct CouncilRepresentativesTests {
    static func system(_ app: Application) async throws -> CouncilService {
        let today = app.clock.today
        return CouncilService(db: app.db, context: .system("test", app), calendar: try await app.access.calendar(on: app.db),
                              now: Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 7_200), today: today)
    }

    static func groups(_ app: Application, _ committee: UUID, as caller: Caller?) async throws -> [[String: Any]] {
        let read = try await app.json(.GET, "/api/v1/council/committees/\(committee)/representatives", as: caller)
        #expect(read.status == .ok, "\(read.text)")
        return try #require(read.object["groups"] as? [[String: Any]])
    }

    @Test("a group's seats come from its households: below the lower bound is a problem, at it none; at the upper bound the next is refused on group_id with the rule named")
    func seats() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let c = try await CouncilTests.callers(app, ["wr.chair"])
            let chair = try #require(c["wr.chair"])
            var groups = try await Self.groups(app, committee, as: chair)
            let smallest = try #require(groups.min { ($0["households"] as? Int ?? 0) < ($1["households"] as? Int ?? 0) })
            let group = try #require((smallest["group_id"] as? String).flatMap(UUID.init(uuidString:)))
            let households = try #require(smallest["households"] as? Int)
            let seatsMin = try #require(smallest["seats_min"] as? Int), seatsMax = try #require(smallest["seats_max"] as? Int)
            #expect(seatsMin == (households + 9) / 10 && seatsMax == households / 5, "one per 10 households at least, one per 5 at most")
            let candidates = try #require(smallest["candidates"] as? [[String: Any]]).compactMap { ($0["resident_id"] as? String).flatMap(UUID.init(uuidString:)) }
            let already = try #require(smallest["count"] as? Int)
            try #require(candidates.count > seatsMax - already)
            let service = try await Self.system(app)
            func current() async throws -> [String: Any] {
                groups = try await Self.groups(app, committee, as: chair)
                return try #require(groups.first { $0["group_id"] as? String == group.uuidString })
            }
            var next = candidates.makeIterator()
            var count = already
            // The demo fills each group to its lower bound: one leaving puts the group one below it.
            #expect(already == seatsMin, "the demo's groups hold the fewest representatives their households require")
            let serving = try await CouncilService.representatives(committee: committee, on: app.clock.today, db: app.db).filter { $0.groupID == group }
            let leaving = try #require(serving.first)
            _ = try await service.endTerm(leaving.id!, .init(endedOn: nil, reason: "迁出本居民小组。"))
            count -= 1
            // Up to one below the lower bound: the group is shown as a problem, the rule named.
            while count < seatsMin - 1 {
                _ = try await service.addRepresentative(committee: committee, .init(groupId: group, residentId: next.next(), startsOn: nil))
                count += 1
            }
            var g = try await current()
            #expect(g["count"] as? Int == seatsMin - 1)
            #expect((g["problems"] as? [[String: Any]])?.first?["rule"] as? String == "representatives_per_households", "one below the lower bound")
            _ = try await service.addRepresentative(committee: committee, .init(groupId: group, residentId: next.next(), startsOn: nil))
            count += 1
            g = try await current()
            #expect((g["problems"] as? [[String: Any]])?.isEmpty == true, "at the lower bound: no problem")
            while count < seatsMax - 1 {
                _ = try await service.addRepresentative(committee: committee, .init(groupId: group, residentId: next.next(), startsOn: nil))
                count += 1
            }
            // One below the upper bound: the chair adds the last seat from the API.
            let lastOne = next.next(); let last = try #require(lastOne)
            let added = try await app.json(.POST, "/api/v1/council/committees/\(committee)/representatives", ["group_id": group.uuidString, "resident_id": last.uuidString], as: chair)
            #expect(added.status == .created, "\(added.text)")
            #expect(added.object["starts_on"] as? String == "2026-11-27" && added.object["ends_on"] as? String == "2031-11-26", "a five-year term to the day before the anniversary")
            #expect(added.object["in_office"] as? Bool == true)
            // At the upper bound: the next one is refused, the rule named on the group's field.
            let overOne = next.next(); let over = try #require(overOne)
            let refused = try await app.json(.POST, "/api/v1/council/committees/\(committee)/representatives", ["group_id": group.uuidString, "resident_id": over.uuidString], as: chair)
            #expect(refused.status == .unprocessableEntity && refused.object["field"] as? String == "group_id"
                    && refused.object["code"] as? String == "council.representatives_per_households", "\(refused.text)")
            #expect(refused.headers.contentType?.description.contains("problem+json") == true)
            g = try await current()
            #expect(g["count"] as? Int == seatsMax && (g["problems"] as? [[String: Any]])?.isEmpty == true)
            // Twice the same person: a conflict.
            let twice = try await app.json(.POST, "/api/v1/council/committees/\(committee)/representatives", ["group_id": group.uuidString, "resident_id": last.uuidString], as: chair)
            #expect(twice.status == .conflict || twice.status == .unprocessableEntity, "\(twice.text)")

            // Ending a term early frees the seat: the reason is required and public.
            let id = try #require(added.object["id"] as? String)
            let silent = try await app.json(.POST, "/api/v1/council/representatives/\(id)/end", ["reason": ""], as: chair)
            #expect(silent.status == .unprocessableEntity && silent.object["field"] as? String == "reason", "\(silent.text)")
            let ended = try await app.json(.POST, "/api/v1/council/representatives/\(id)/end", ["reason": "迁出本居民小组。"], as: chair)
            #expect(ended.status == .ok && ended.object["in_office"] as? Bool == false && ended.object["ended_on"] as? String == "2026-11-27"
                    && ended.object["end_reason"] as? String == "迁出本居民小组。", "\(ended.text)")
            let again = try await app.json(.POST, "/api/v1/council/representatives/\(id)/end", ["reason": "重复"], as: chair)
            #expect(again.status == .conflict, "\(again.text)")
            let freed = try await app.json(.POST, "/api/v1/council/committees/\(committee)/representatives", ["group_id": group.uuidString, "resident_id": over.uuidString], as: chair)
            #expect(freed.status == .created, "the ended term's seat is free again: \(freed.text)")
            let audit = try await AuditRecord.query(on: app.db).filter(\.$targetType == "council_representatives").count()
            #expect(audit >= seatsMax + 2, "every add and the end are audited")
        }
    }

    @Test("a representative is an adult living in a household of the group: another group's resident, a child and a stranger are refused on resident_id; only the committee's executives write")
    func who() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let c = try await CouncilTests.callers(app, ["wr.chair", "resident", "wr.council"])
            let chair = try #require(c["wr.chair"])
            let groups = try await Self.groups(app, committee, as: chair)
            try #require(groups.count >= 2)
            let (a, b) = (groups[0], groups[1])
            let groupA = try #require(a["group_id"] as? String)
            let fromB = try #require((b["candidates"] as? [[String: Any]])?.first?["resident_id"] as? String)
            let path = "/api/v1/council/committees/\(committee)/representatives"
            let wrong = try await app.json(.POST, path, ["group_id": groupA, "resident_id": fromB], as: chair)
            #expect(wrong.status == .unprocessableEntity && wrong.object["field"] as? String == "resident_id"
                    && wrong.object["code"] as? String == "council.representative_not_in_group", "\(wrong.text)")
            // A child of a household in group A (born after 2008-11-27).
            let roll = try await RegistryDirectory(db: app.db).voterRoll(committee: committee)
            let groupOf = try await RegistryDirectory(db: app.db).residentsGroups(ofHouseholds: roll.map(\.householdID))
            let today = app.clock.today
            if let child = roll.first(where: { groupOf[$0.householdID]?.uuidString == groupA && $0.birthDate.age(on: today) < 18 }) {
                let young = try await app.json(.POST, path, ["group_id": groupA, "resident_id": child.id.uuidString], as: chair)
                #expect(young.status == .unprocessableEntity && young.object["field"] as? String == "resident_id"
                        && young.object["code"] as? String == "council.representative_under_age", "\(young.text)")
                let offered = try await Self.groups(app, committee, as: chair).first { $0["group_id"] as? String == groupA }?["candidates"] as? [[String: Any]] ?? []
                #expect(!offered.contains { $0["resident_id"] as? String == child.id.uuidString }, "a child is not offered")
            }
            let stranger = try await app.json(.POST, path, ["group_id": groupA, "resident_id": UUID().uuidString], as: chair)
            #expect(stranger.status == .unprocessableEntity && stranger.object["field"] as? String == "resident_id")
            let noGroup = try await app.json(.POST, path, ["group_id": UUID().uuidString, "resident_id": fromB], as: chair)
            #expect(noGroup.status == .unprocessableEntity && noGroup.object["field"] as? String == "group_id")
            let missing = try await app.json(.POST, path, ["group_id": groupA], as: chair)
            #expect(missing.status == .unprocessableEntity && missing.object["field"] as? String == "resident_id")
            let fromA = try #require((a["candidates"] as? [[String: Any]])?.first?["resident_id"] as? String)
            #expect(try await app.json(.POST, path, ["group_id": groupA, "resident_id": fromA], as: .anonymous).status == .unauthorized)
            #expect(try await app.json(.POST, path, ["group_id": groupA, "resident_id": fromA], as: c["resident"]).status == .forbidden)
            #expect(try await app.json(.POST, path, ["group_id": groupA, "resident_id": fromA], as: c["wr.council"]).status == .forbidden)
            #expect(try await app.json(.POST, path, ["group_id": groupA, "resident_id": fromA], as: chair).status == .created)
        }
    }

    @Test("the representatives' assembly meets: its members are the representatives in office, quorum two thirds (one below decides nothing, at it the item is decided) and the majority of those present; a reserved matter and another body are refused, the field named")
    func assembly() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let service = try await Self.system(app)
            let facts = try await CouncilService.groupFacts(committee: committee, on: app.db)
            let today = app.clock.today
            // Three new representatives in a group that has none yet, and an adult who is not one.
            let served = Set(try await CouncilService.representatives(committee: committee, on: today, db: app.db).map(\.residentID))
            let group = try #require(facts.households.keys.sorted { $0.uuidString < $1.uuidString }.first)
            let adults = facts.people.values.filter { facts.households[group]?.contains($0.householdID) == true && $0.birthDate.age(on: today) >= 18 && !served.contains($0.id) }
                .sorted { $0.id.uuidString < $1.id.uuidString }
            try #require(adults.count >= 4)
            for a in adults.prefix(3) { _ = try await service.addRepresentative(committee: committee, .init(groupId: group, residentId: a.id, startsOn: nil)) }
            let observer = adults[3]
            let members = served.count + 3

            let admitted = try await service.raiseTopic(.init(committeeId: committee, title: "小区增设快递柜", body: "在各小区门岗旁增设快递柜。", matter: "delegated", origin: "committee"))
            _ = try await service.review(admitted.id!, .init(decision: "admit", reason: "属于授权范围内的事项。", matter: nil))
            let compact = try await service.raiseTopic(.init(committeeId: committee, title: "修订居民公约", body: "增加文明养犬条款。", matter: "residents_compact", origin: "committee"))
            _ = try await service.review(compact.id!, .init(decision: "admit", reason: "居民公约由居民会议制定。", matter: nil))

            let c = try await CouncilTests.callers(app, ["wr.council", "wr.chair"])
            func call(_ body: String?, _ topics: [UUID]) async throws -> TestingHTTPResponse {
                var input: [String: Any] = ["committee_id": committee.uuidString, "title": "维融居民代表会议", "place": "社区活动中心",
                                            "starts_at": "2026-11-28T11:30:00Z", "topic_ids": topics.map(\.uuidString)]
                if let body { input["body"] = body }
                return try await app.json(.POST, "/api/v1/council/meetings", input, as: c["wr.chair"])
            }
            let owners = try await call("owners", [admitted.id!])
            #expect(owners.status == .unprocessableEntity && owners.object["field"] as? String == "body" && owners.object["code"] as? String == "council.not_a_deciding_body", "\(owners.text)")
            let unknown = try await call("parliament", [admitted.id!])
            #expect(unknown.status == .unprocessableEntity && unknown.object["field"] as? String == "body", "\(unknown.text)")
            let reserved = try await call("representatives_assembly", [compact.id!])
            #expect(reserved.status == .unprocessableEntity && reserved.object["field"] as? String == "topic_ids.0"
                    && reserved.object["code"] as? String == "council.reserved_to_residents_assembly", "\(reserved.text)")

            func meet(present: Int) async throws -> [String: Any] {
                let called = try await call("representatives_assembly", [admitted.id!])
                #expect(called.status == .created, "\(called.text)")
                #expect(called.object["body"] as? String == "representatives_assembly")
                let id = try #require((called.object["id"] as? String).flatMap(UUID.init(uuidString:)))
                let serving = try await CouncilService.representatives(committee: committee, on: CivilDate(year: 2026, month: 11, day: 28)!, db: app.db)
                #expect(serving.count == members)
                for r in serving.prefix(present) { _ = try await service.signIn(id, .init(residentId: r.residentID)) }
                let seen = try await service.signIn(id, .init(residentId: observer.id))
                #expect(!seen.member, "an adult who is no representative attends as an observer")
                let item = try #require(try await CouncilAgendaItem.query(on: app.db).filter(\.$meetingID == id).first())
                for r in serving.prefix(present) { _ = try await service.vote(id, item: item.id!, .init(residentId: r.residentID, choice: "for")) }
                _ = try await service.decide(id, item: item.id!, .init())
                let read = try await app.json(.GET, "/api/v1/council/meetings/\(id)", as: .anonymous)
                return read.object
            }
            // Two thirds of the members, rounded up, is the quorum: one below decides nothing.
            let quorum = (members * 2 + 2) / 3
            let below = try await meet(present: quorum - 1)
            let belowItem = try #require((below["items"] as? [[String: Any]])?.first)
            #expect(belowItem["outcome"] as? String == "no_quorum")
            #expect((belowItem["decided_by"] as? [String: Any])?["rule"] as? String == "representatives_assembly_quorum")
            #expect((below["quorum"] as? [String: Any])?["base"] as? Int == members, "the base is the representatives in office")
            let at = try await meet(present: quorum)
            let atItem = try #require((at["items"] as? [[String: Any]])?.first)
            #expect(atItem["outcome"] as? String == "adopted", "\(at)")
            #expect((atItem["decided_by"] as? [String: Any])?["rule"] as? String == "representatives_assembly_majority")
            #expect((at["quorum"] as? [String: Any])?["met"] as? Bool == true)
            let topic = try await app.json(.GET, "/api/v1/council/topics/\(admitted.id!)", as: .anonymous)
            #expect(topic.object["status"] as? String == "decided" && topic.object["deciding_body"] as? String == "representatives_assembly")
        }
    }
}

extension CouncilRepresentativesTests {
    @Test("the council is drawn from the representatives: the demo's council members all hold a seat; one whose term ends is named under the rule, on the bodies and the representatives' page")
    func councilFromRepresentatives() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let today = app.clock.today
            let bodies = try await CouncilRead.bodies(committee: committee, today: today, on: app.db)
            let council = try #require(bodies.bodies.first { $0.body == "residents_council" })
            #expect(!council.members.isEmpty && council.problems.isEmpty, "\(council.problems)")
            let member = try #require(council.members.first)
            let seat = try #require(try await CouncilService.representatives(committee: committee, on: today, db: app.db).first { $0.residentID == member.residentId })
            _ = try await Self.system(app).endTerm(seat.id!, .init(endedOn: nil, reason: "迁出本居民小组。"))
            let after = try await CouncilRead.bodies(committee: committee, today: today, on: app.db).bodies.first { $0.body == "residents_council" }
            #expect(after?.problems.map(\.rule) == ["council_member_not_representative"] && after?.problems.first?.subject == member.name, "\(String(describing: after?.problems))")
            let chair = try #require(try await CouncilTests.callers(app, ["wr.chair"])["wr.chair"])
            let page = try await app.page(SitePath.councilRepresentatives.link(committee), lang: "en", as: chair)
            #expect(page.status == .ok && page.text.contains("Council members are residents&#39; representatives") || page.text.contains("Council members are residents' representatives"), "\(page.text.prefix(300))")
            #expect(page.text.contains(member.name))
        }
    }

    @Test("on pages: the committee records a group's choice by name and ends a term with a public reason; a resident may not open the register")
    func pages() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let c = try await CouncilTests.callers(app, ["wr.chair", "resident"])
            let chair = try #require(c["wr.chair"])
            let list = try await app.page(SitePath.councilRepresentatives.link(committee), lang: "en", as: chair)
            #expect(list.status == .ok && list.text.contains("in office") && list.text.contains("Record a chosen representative"), "\(list.text.prefix(400))")
            // A resident of the committee reads who holds the seats, not the adults to choose from.
            let residentPage = try await app.page(SitePath.councilRepresentatives.link(committee), lang: "en", as: c["resident"])
            #expect(residentPage.status == .ok && !residentPage.text.contains("Record a chosen representative"))
            let residentRead = try await Self.groups(app, committee, as: c["resident"])
            #expect(residentRead.allSatisfy { ($0["candidates"] as? [Any])?.isEmpty == true } && residentRead.contains { ($0["representatives"] as? [Any])?.isEmpty == false })
            #expect(try await app.page(SitePath.councilNewRepresentative.link(committee), as: c["resident"]).status == .forbidden)
            let index = try await app.page(SitePath.councilIndex.link(committee), lang: "en", as: chair)
            #expect(index.text.contains("href=\"\(SitePath.councilRepresentatives.link(committee))\""))

            let groups = try await Self.groups(app, committee, as: chair)
            let g = try #require(groups.first)
            let group = try #require(g["group_id"] as? String)
            let candidate = try #require((g["candidates"] as? [[String: Any]])?.first)
            let form = try await app.page(SitePath.councilNewRepresentative.link(committee, query: [("group", group)]), lang: "en", as: chair)
            #expect(form.status == .ok && form.text.contains("<option value=\"\(candidate["resident_id"] as! String)\""), "people offered by name")
            #expect(!form.text.contains("name=\"resident_id\" value="), "nobody types an id")
            let bad = try await app.form(SitePath.councilNewRepresentative.link(committee), [("group_id", group), ("resident_id", candidate["resident_id"] as! String), ("starts_on", "not a day")], as: chair)
            #expect(bad.status == .unprocessableEntity, "\(bad.status)")
            let saved = try await app.form(SitePath.councilNewRepresentative.link(committee), [("group_id", group), ("resident_id", candidate["resident_id"] as! String), ("starts_on", app.clock.today.iso)], as: chair)
            #expect(saved.status == .seeOther, "\(saved.status) \(saved.text.prefix(600))")
            let added = try #require(try await CouncilRepresentative.query(on: app.db).filter(\.$residentID == UUID(uuidString: candidate["resident_id"] as! String)!).first())
            let noReason = try await app.form(SitePath.councilEndRepresentative.link(added.id!), [("ended_on", app.clock.today.iso), ("reason", "")], as: chair)
            #expect(noReason.status == .unprocessableEntity)
            let ended = try await app.form(SitePath.councilEndRepresentative.link(added.id!), [("ended_on", app.clock.today.iso), ("reason", "<script>alert(1)</script>迁出")], as: chair)
            #expect(ended.status == .seeOther, "\(ended.status) \(ended.text.prefix(600))")
            let again = try await app.page(SitePath.councilRepresentatives.link(committee), lang: "en", as: chair)
            #expect(again.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;迁出") && !again.text.contains("<script>alert(1)"))
        }
    }
}

extension CouncilRepresentativesTests {
    @Test("a term's dates are bounded: a start in year 9999 or before 2000 is refused on starts_on (never a crash), an early end after the planned end on ended_on")
    func dates() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let committee = try await CouncilTests.weirong(app)
            let chair = try #require(try await CouncilTests.callers(app, ["wr.chair"])["wr.chair"])
            let g = try #require(try await Self.groups(app, committee, as: chair).first)
            let person = try #require((g["candidates"] as? [[String: Any]])?.first?["resident_id"] as? String)
            let path = "/api/v1/council/committees/\(committee)/representatives"
            for day in ["9999-12-31", "9996-02-29", "1999-12-31"] {
                let r = try await app.json(.POST, path, ["group_id": g["group_id"] as! String, "resident_id": person, "starts_on": day], as: chair)
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "starts_on", "\(day): \(r.text)")
            }
            #expect(RepresentativeRules.standard.term(startingOn: CivilDate(year: 9999, month: 2, day: 28)!).ends == CivilDate(year: 9999, month: 12, day: 30)!,
                    "past the calendar's end a term runs to its last day")
            let seat = try #require(try await CouncilService.representatives(committee: committee, on: app.clock.today, db: app.db).first)
            let late = try await app.json(.POST, "/api/v1/council/representatives/\(seat.id!)/end", ["ended_on": "2035-01-01", "reason": "r"], as: chair)
            #expect(late.status == .unprocessableEntity && late.object["field"] as? String == "ended_on", "\(late.text)")
        }
    }
}
