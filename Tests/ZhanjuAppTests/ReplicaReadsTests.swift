import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// Read-only pages may come from a streaming replica, but never one that is behind what this
/// process has seen, and never for someone who has just written.
@Suite("Pages from the replica, only when it cannot show the past")
struct ReplicaReadsTests {
    @Test("a replica is caught up when it has every generation seen, at least")
    func caughtUp() {
        #expect(ReplicaReads.caughtUp(replica: ["cases": 4, "registry": 2], seen: ["cases": 4, "registry": 1]))
        #expect(!ReplicaReads.caughtUp(replica: ["cases": 3, "registry": 2], seen: ["cases": 4, "registry": 2]))
        #expect(!ReplicaReads.caughtUp(replica: [:], seen: ["cases": 0]))
        #expect(ReplicaReads.caughtUp(replica: ["cases": 0], seen: [:]))
    }

    @Test("with a replica configured: caught up, it serves pages; behind, or just after one's own write, or for a POST, the primary does",
          .enabled(if: DatabaseCopyTests.postgres))
    func choice() async throws {
        try await withApp(backend: .postgres) { (primary: Application) async throws in
            let app = try await Application.make(.testing)
            do {
                let target = ZhanjuConfiguration.DatabaseTarget.postgresSchema(url: ProcessInfo.processInfo.environment["ZHANJU_TEST_DATABASE_URL"]!,
                                                                               schema: primary.storage[TestSchemaKey.self]!)
                var config = ZhanjuConfiguration(database: target, secretKey: testSecret, passwordCost: 4)
                config.replica = target
                try await configure(app, config)
                app.clock = primary.clock
                app.storage[AdminCallerKey.self] = primary.admin
                try await app.access.coherence.look(on: app.db, access: app.access)
                func fromReplica(_ method: HTTPMethod = .GET, cookie: String? = nil) async throws -> Bool {
                    let req = Request(application: app, method: method, url: "/structure", on: app.eventLoopGroup.next())
                    if let cookie { req.headers.add(name: .cookie, value: "\(ReplicaReads.cookie)=\(cookie)") }
                    return try await req.readingPage { ReplicaReads.pageDatabase != nil }
                }
                #expect(try await fromReplica(), "caught up: the replica serves the page")
                #expect(try await !fromReplica(.POST))
                #expect(try await !fromReplica(cookie: String(Int(app.access.now().timeIntervalSince1970) + 5)), "just wrote: the primary")
                #expect(try await fromReplica(cookie: String(Int(app.access.now().timeIntervalSince1970) - 5)), "the write was a while ago")
                // This process has seen a change the replica has not replayed (as after another node's write).
                let seen = app.access.coherence.seenGenerations()["cases"] ?? 0
                app.access.coherence.acknowledge([(.cases, seen + 1)])
                #expect(try await !fromReplica(), "behind: the primary")
                // A successful write through the pages sets the cookie.
                let t = try await Territory.make(app)
                let edit = try await app.form("/residents/new?household_id=\(t.household)", [("household_id", t.household), ("relation", "head"), ("name", "李强"),
                                                                                            ("sex", "male"), ("birth_date", "1950-03-01"), ("hukou", "local")])
                #expect(edit.headers.setCookie?[ReplicaReads.cookie] != nil, "\(edit.status) \(edit.text.prefix(1500))")
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}
