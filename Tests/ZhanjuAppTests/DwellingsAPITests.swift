import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// A compound's register of exclusive parts (专有部分) and owners, from the real-estate
/// register's extract, as the owners' votes count it (RULES.md, Owners).
@Suite("Registry: a compound's exclusive parts and owners, replaced whole from an extract")
struct DwellingsAPITests {
    static func extract(household: String?) -> [String: Any] {
        ["owners": [["key": "zhang", "name": "张建国"], ["key": "li", "name": "李秀英"], ["key": "dev", "name": "开发商", "developer": true]],
         "dwellings": [["label": "1-1-101", "area": "89.5", "owner": "zhang", "household_id": household as Any],
                       ["label": "1-1-102", "area": "120.25", "owner": "zhang", "let": true],
                       ["label": "1-1-201", "area": "89.50", "owner": "li", "area_source": "contract"],
                       ["label": "1-1-202", "area": "60", "owner": "dev"]]]
    }

    @Test("an extract is checked field by field (area, owner, household, source), then recorded whole: owners with their parts and area; anyone without the compound's structure is refused")
    func record() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let path = "/api/v1/compounds/\(t.compound)/dwellings"
            func bad(_ change: (inout [[String: Any]]) -> Void) async throws -> TestingHTTPResponse {
                var body = Self.extract(household: t.household)
                var parts = body["dwellings"] as! [[String: Any]]
                change(&parts)
                body["dwellings"] = parts
                return try await app.json(.PUT, path, body)
            }
            for (area, ok) in [("abc", false), ("-1", false), ("1e3", false), ("100000.01", false), ("89.505", false), ("0.01", true)] {
                let r = try await bad { $0[0]["area"] = area }
                #expect((r.status == .ok) == ok && (ok || r.object["field"] as? String == "dwellings.0.area"), "\(area): \(r.text)")
            }
            let noOwner = try await bad { $0[2]["owner"] = "nobody" }
            #expect(noOwner.status == .unprocessableEntity && noOwner.object["field"] as? String == "dwellings.2.owner")
            let elsewhere = try await bad { $0[1]["household_id"] = UUID().uuidString }
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.object["field"] as? String == "dwellings.1.household_id")
            let source = try await bad { $0[1]["area_source"] = "guess" }
            #expect(source.status == .unprocessableEntity && source.object["field"] as? String == "dwellings.1.area_source")
            let twice = try await bad { $0[1]["label"] = "1-1-101" }
            #expect(twice.status == .unprocessableEntity, "a part listed twice: \(twice.text)")

            let zero = try await bad { $0[3]["area"] = "0" }
            #expect(zero.status == .unprocessableEntity && zero.object["field"] as? String == "dwellings.3.area", "\(zero.text)")
            let again = try await bad { $0[2]["label"] = "1-1-101" }
            #expect(again.status == .unprocessableEntity && again.object["field"] as? String == "dwellings.2.label", "\(again.text)")
            // A large estate's extract in one request (some 150 KB).
            let many: [String: Any] = ["owners": [["key": "o", "name": "业主"]],
                                       "dwellings": (0..<2_000).map { ["label": "\($0 / 100 + 1)-1-\($0 % 100 + 101)", "area": "89.50", "owner": "o", "area_source": "registered", "let": false] }]
            let big = try await app.json(.PUT, path, many)
            #expect(big.status == .ok && big.object["total_area"] as? String == "179000.00", "\(big.status) \(big.text.prefix(300))")

            let saved = try await app.json(.PUT, path, Self.extract(household: t.household))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.object["total_area"] as? String == "359.25")
            let owners = try #require(saved.object["owners"] as? [[String: Any]])
            let zhang = try #require(owners.first { $0["name"] as? String == "张建国" })
            #expect(zhang["parts"] as? Int == 2 && zhang["area"] as? String == "209.75")
            let read = try await app.json(.GET, path)
            #expect(read.status == .ok && (read.object["dwellings"] as? [[String: Any]])?.count == 4)
            #expect((read.object["dwellings"] as? [[String: Any]])?.first { $0["label"] as? String == "1-1-102" }?["let"] as? Bool == true)
            #expect(try await app.json(.PUT, path, Self.extract(household: nil), as: .anonymous).status == .unauthorized)
        }
    }

    @Test("the register is not replaced while an owners' vote of the compound is open; after it closes a new extract replaces it, and the vote keeps its count")
    func notDuringAVote() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let path = "/api/v1/compounds/\(t.compound)/dwellings"
            #expect(try await app.json(.PUT, path, Self.extract(household: nil)).status == .ok)
            let vote = try await app.json(.POST, "/api/v1/council/owners-votes", ["compound_id": t.compound, "matter": "use_maintenance_fund", "title": "更换电梯"])
            try #require(vote.status == .created, "\(vote.text)")
            let id = vote.object["id"] as! String
            let owners = try #require(try await app.json(.GET, path).object["owners"] as? [[String: Any]])
            let ballots = owners.map { ["owner_id": $0["id"] as! String, "choice": "for"] }
            #expect(try await app.json(.POST, "/api/v1/council/owners-votes/\(id)/ballots", ["ballots": ballots]).status == .created)
            let refused = try await app.json(.PUT, path, Self.extract(household: nil))
            #expect(refused.status == .conflict && refused.object["code"] as? String == "registry.owners_vote_open" && refused.text.contains("更换电梯"), "\(refused.text)")
            let closed = try await app.json(.POST, "/api/v1/council/owners-votes/\(id)/close", [:])
            #expect(closed.status == .ok, "\(closed.text)")
            var next = Self.extract(household: nil)
            next["owners"] = [["key": "wang", "name": "王芳"]]
            next["dwellings"] = [["label": "1-1-101", "area": "89.5", "owner": "wang"]]
            let replaced = try await app.json(.PUT, path, next)
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect((replaced.object["owners"] as? [[String: Any]])?.map { $0["name"] as? String } == ["王芳"], "those who hold nothing now are owners no more")
            let after = try await app.json(.GET, "/api/v1/council/owners-votes/\(id)")
            #expect(after.status == .ok && after.text == closed.text, "the closed vote keeps its count")
        }
    }
}
