import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Two server processes on one database: what one writes, the other sees at its next look at
/// the generations (every 250 ms when serving; called directly here so the tests need not wait).
@Suite("Coherent nodes: a write on one is seen by the other")
struct CoherenceTests {
    @Test("a token revoked and an account disabled on one node stop working on the other")
    func revocation() async throws {
        try await withTwoApps { (one: Application, two: Application) async throws in
            let f = try await ServiceFixture.make(one)
            try await two.access.coherence.look(on: two.db, access: two.access)
            #expect(try await two.json(.GET, "/api/v1/me", as: f.clerk).status == .ok, "the clerk's principal is now cached on two")
            let tokens = try await one.json(.GET, "/api/v1/tokens", as: f.clerk)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(buffer: tokens.body)) as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await one.json(.DELETE, "/api/v1/tokens/\(id)", as: f.clerk).status == .noContent)
            #expect(try await two.access.coherence.look(on: two.db, access: two.access).contains(.access))
            #expect(try await two.json(.GET, "/api/v1/me", as: f.clerk).status == .unauthorized, "revoked on one, refused on two")

            #expect(try await two.page("/cases", as: f.worker).status == .ok)
            let worker = try #require(try await Account.query(on: one.db).filter(\.$username == "worker").first())
            #expect(try await one.json(.POST, "/api/v1/accounts/\(worker.id!)/disable").status == .ok)
            try await two.access.coherence.look(on: two.db, access: two.access)
            #expect(try await two.page("/cases", as: f.worker).status != .ok, "disabled on one, signed out on two")
        }
    }

    @Test("a compound and household added on one node are known to the other; a post ended there ends here")
    func registry() async throws {
        try await withTwoApps { (one: Application, two: Application) async throws in
            let f = try await ServiceFixture.make(one)
            try await two.access.coherence.look(on: two.db, access: two.access)
            let before = try await two.json(.GET, "/api/v1/structure/\(f.t.subDistrict)").text
            let compound = try await one.json(.POST, "/api/v1/compounds", ["committee_id": f.t.committee, "code": "NEW", "name_zh": "新苑", "name_en": "New Court"])
            #expect(compound.status == .created, "\(compound.text)")
            try await two.access.coherence.look(on: two.db, access: two.access)
            let after = try await two.json(.GET, "/api/v1/structure/\(f.t.subDistrict)").text
            #expect(!before.contains("New Court") && after.contains("New Court"), "the new compound is in two's structure")

            // The grid worker files on their grid on two; their post ends on one; two refuses them.
            let filing: [String: Any] = ["service_code": "SAF-HAZ", "description": "楼道堆物", "household_id": f.t.household, "channel": "patrol",
                                         "attributes": ["hazard": ["fire_exit"]]]
            #expect(try await two.json(.POST, "/api/v1/cases", filing, as: f.worker).status == .created)
            let posts = try await one.json(.GET, "/api/v1/appointments?post=grid_worker")
            let post = try #require((posts.object["items"] as? [[String: Any]])?.first)
            var ended = post
            ended["ends_on"] = "2026-11-01"
            for key in ["id", "resident_name", "body_name"] { ended[key] = nil }
            let end = try await one.json(.PUT, "/api/v1/appointments/\(post["id"] as! String)", ended)
            #expect(end.status == .ok, "\(end.text)")
            try await two.access.coherence.look(on: two.db, access: two.access)
            #expect(try await two.json(.POST, "/api/v1/cases", filing, as: f.worker).status == .forbidden, "the post ended on one, refused on two")
        }
    }

    @Test("failed sign-ins from one address spread over two nodes count as one run: the sixth waits on either")
    func addressThrottle() async throws {
        try await withTwoApps { (one: Application, two: Application) async throws in
            func attempt(_ app: Application, _ n: Int) async throws -> HTTPStatus {
                try await app.json(.POST, "/api/v1/auth/token", ["username": "nobody\(n)", "password": "wrong password \(n)", "name": "t"], as: .anonymous).status
            }
            for n in 0..<5 { #expect(try await attempt(n % 2 == 0 ? one : two, n) == .unauthorized) }
            #expect(try await attempt(two, 5) == .tooManyRequests, "five failures were spread over two nodes; the address waits on both")
            #expect(try await attempt(one, 6) == .tooManyRequests)
        }
    }

    @Test("a write's own node is not made to forget twice: its bump is acknowledged")
    func ownWrites() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            try await app.access.coherence.look(on: app.db, access: app.access)
            #expect(try await app.json(.POST, "/api/v1/households", ["entrance_id": t.entrance, "door": "909"]).status == .created)
            #expect(try await app.access.coherence.look(on: app.db, access: app.access).isEmpty)
        }
    }
}
