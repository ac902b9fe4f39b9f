import Fluent
import SQLKit

/// What the one write path needs in the database: counters handed out inside writes (case
/// numbers), and the canonical form each audit entry's hash covers (1 for all entries so far).
/// Like every shipped migration, it stands alone: no service code is called from here.
struct Migration004WritePath: AsyncMigration {
    var name: String { "004-write-path" }

    func prepare(on db: any Database) async throws {
        try await db.schema("counters")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()
        try await db.schema("audit_records")
            .field("format", .int, .required, .sql(.default(1)))
            .update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_records").deleteField("format").update()
        try await db.schema("counters").delete()
    }
}
