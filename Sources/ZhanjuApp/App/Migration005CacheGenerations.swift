import Fluent
import SQLKit

/// One row per kind of cached data, its generation bumped by every write that changes that kind,
/// so that every process on the database (server nodes, a CLI command beside them) can tell
/// when its caches went stale (Coherence). Stands alone: no service code is called from here.
struct Migration005CacheGenerations: AsyncMigration {
    var name: String { "005-cache-generations" }

    func prepare(on db: any Database) async throws {
        try await db.schema("cache_generations")
            .field("domain", .string, .identifier(auto: false))
            .field("generation", .int64, .required)
            .create()
        let sql = db as! any SQLDatabase
        for domain in ["registry", "access", "cases", "calendar", "catalogue"] {
            try await sql.insert(into: "cache_generations").columns("domain", "generation").values(SQLBind(domain), SQLBind(0)).run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cache_generations").delete()
    }
}
