import Fluent
import SQLKit

/// What every node must share rather than keep: failed sign-ins per network address (in memory,
/// two nodes gave a guesser twice the free tries), and who runs a periodic job. Stands alone.
struct Migration006SharedState: AsyncMigration {
    var name: String { "006-shared-state" }

    func prepare(on db: any Database) async throws {
        try await db.schema("sign_in_address_failures")
            .field("address", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("blocked_until", .double)
            .field("last_failure_at", .double, .required)
            .create()
        // Which process runs a periodic job (the SLA escalation) until when (JobLease).
        try await db.schema("job_leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("until", .double, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("job_leases").delete()
        try await db.schema("sign_in_address_failures").delete()
    }
}
