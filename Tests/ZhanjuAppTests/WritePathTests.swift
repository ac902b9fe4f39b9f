import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// The one write path holds across processes: two application instances on one database (a
/// SQLite file, or PostgreSQL with ZHANJU_TEST_DATABASE_URL), each with its own connections and
/// in-process lock, as two servers or a server and a CLI command would be.
@Suite("One write path: counters, the audit chain and checked states hold across instances")
struct WritePathTests {
    func file(_ app: Application, _ caller: Caller, _ n: Int, household: String) async throws -> TestingHTTPResponse {
        try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-HAZ", "description": "楼道堆物 \(n)", "household_id": household,
                                                    "attributes": ["hazard": ["fire_exit"]]], as: caller)
    }

    @Test("cases filed at once on two instances get distinct numbers and one unbroken audit chain")
    func concurrentFilings() async throws {
        try await withTwoApps { (one: Application, two: Application) async throws in
            let f = try await ServiceFixture.make(one)
            let results = try await withThrowingTaskGroup(of: (UInt, String?).self) { group in
                for n in 0..<40 {
                    group.addTask {
                        let r = try await file(n % 2 == 0 ? one : two, f.resident, n, household: f.t.household)
                        return (r.status.code, r.object["number"] as? String)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.0 == 201 }, "\(results.map(\.0))")
            let numbers = results.compactMap(\.1)
            #expect(numbers.count == 40 && Set(numbers).count == 40, "every case number is distinct")
            let check = try await AuditTrail.verify(on: two.db)
            #expect(check.firstBreak == nil)
            #expect(check.checked > 40)
        }
    }

    @Test("wrong passwords sent at once to two instances are all counted")
    func failuresCounted() async throws {
        try await withTwoApps { (one: Application, two: Application) async throws in
            _ = try await one.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"])
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for n in 0..<5 {
                    group.addTask {
                        try await (n % 2 == 0 ? one : two).testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json"],
                                                                               body: ByteBuffer(string: #"{"username":"clerk","password":"wrong one \#(n)"}"#)).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 401 })
            let account = try #require(try await Account.query(on: one.db).filter(\.$username == "clerk").first())
            #expect(account.failedSignIns == 5, "five failures, not the one a stale read would leave")
        }
    }

    @Test("two clerks taking the same step at once on two instances: one step, one 409")
    func oneStepOnce() async throws {
        try await withTwoApps { (one: Application, two: Application) async throws in
            let f = try await ServiceFixture.make(one)
            let id = try #require(try await file(one, f.resident, 0, household: f.t.household).object["id"] as? String)
            async let a = one.json(.POST, "/api/v1/cases/\(id)/actions", ["action": "accept"], as: f.clerk)
            async let b = two.json(.POST, "/api/v1/cases/\(id)/actions", ["action": "accept"], as: f.clerk)
            let codes = [try await a.status.code, try await b.status.code].sorted()
            #expect(codes == [200, 409])
            let steps = try await CaseEvent.query(on: one.db).filter(\.$action == "accept").count()
            #expect(steps == 1)
        }
    }

    @Test("audit links and counters are refused outside a write")
    func outsideAWrite() async throws {
        try await withApp { (app: Application) async throws in
            await #expect(throws: ZhanjuError.self) {
                try await AuditTrail.append("create", "x", nil, before: nil, after: nil, by: .system("test"), at: Date(), on: app.db)
            }
            await #expect(throws: ZhanjuError.self) { _ = try await Counter.next("x", on: app.db) { 0 } }
        }
    }
}
