import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// `zhanju db copy`: an installation moved from its SQLite file to PostgreSQL and back serves the
/// same records to the same credentials, with every table's rows and the audit chain intact.
/// Runs where PostgreSQL is (ZHANJU_TEST_DATABASE_URL, as in CI).
@Suite("Moving an installation between SQLite and PostgreSQL")
struct DatabaseCopyTests {
    static let postgres = ProcessInfo.processInfo.environment["ZHANJU_TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false

    @Test("SQLite to PostgreSQL and back: the same household to the same token, every count equal, the chain verifying",
          .enabled(if: postgres))
    func bothWays() async throws {
        try await withApp(backend: .sqlite) { (sqlite: Application) async throws in
            let f = try await ServiceFixture.make(sqlite)
            let filed = try await sqlite.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "夜间噪音", "household_id": f.t.household], as: f.resident)
            #expect(filed.status == .created)
            let household = try await sqlite.json(.GET, "/api/v1/households/\(f.t.household)").text
            try await withApp(backend: .postgres, empty: true) { (pg: Application) async throws in
                let report = try await DatabaseCopy.copy(from: sqlite.db, to: pg.db) { _ in }
                #expect(report.contains("audit chain verifies"), "\(report)")
                #expect(try await pg.json(.GET, "/api/v1/households/\(f.t.household)", as: sqlite.admin).text == household)
                #expect(try await pg.json(.GET, "/api/v1/cases/\(filed.object["id"] as! String)", as: f.resident).status == .ok)
                // Into a database that already holds data: refused, nothing written.
                await #expect(throws: DatabaseCopy.Failure.self) { _ = try await DatabaseCopy.copy(from: sqlite.db, to: pg.db) { _ in } }

                try await withApp(backend: .sqlite, empty: true) { (back: Application) async throws in
                    _ = try await DatabaseCopy.copy(from: pg.db, to: back.db) { _ in }
                    #expect(try await back.json(.GET, "/api/v1/households/\(f.t.household)", as: sqlite.admin).text == household)
                    for table in ["residents", "households", "cases", "case_events", "audit_records", "accounts", "api_tokens"] {
                        let a = try await DatabaseCopy.count(table, on: sqlite.db as! any SQLDatabase)
                        #expect(try await DatabaseCopy.count(table, on: back.db as! any SQLDatabase) == a, "\(table)")
                    }
                }
            }
        }
    }
}
