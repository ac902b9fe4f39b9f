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
}
