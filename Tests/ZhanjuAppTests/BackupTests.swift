import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// A backup taken while the installation serves, restored into a new database, holds the same
/// rows and the same audit chain, and serves the same records.
@Suite("Backup and restore")
struct BackupTests {
    @Test("a SQLite backup restored into a new file: the same rows per table, the same chain's end, the same household")
    func roundTrip() async throws {
        try await withApp(backend: .sqlite) { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            _ = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "夜间噪音", "household_id": f.t.household], as: f.resident)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zhanju-backup-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let report = try await Backup.backup(app, target: .sqliteFile(""), to: dir + "/backup.sqlite")
            #expect(throws: Backup.Failure.self) { try Backup.restore(from: dir + "/backup.sqlite", into: .sqliteFile(dir + "/backup.sqlite")) }
            try Backup.restore(from: dir + "/backup.sqlite", into: .sqliteFile(dir + "/restored.sqlite"))
            let restored = try await Application.make(.testing)
            do {
                try await configure(restored, ZhanjuConfiguration(database: .sqliteFile(dir + "/restored.sqlite"), secretKey: testSecret, passwordCost: 4))
                let summary = try await Backup.summary(restored)
                #expect(report.hasSuffix(summary), "backup: \(report)\nrestored: \(summary)")
                #expect(summary.contains("cases 1"))
                let original = try await app.json(.GET, "/api/v1/households/\(f.t.household)").text
                #expect(try await restored.json(.GET, "/api/v1/households/\(f.t.household)", as: app.admin).text == original)
            } catch {
                try? await restored.asyncShutdown()
                throw error
            }
            try await restored.asyncShutdown()
        }
    }
}
