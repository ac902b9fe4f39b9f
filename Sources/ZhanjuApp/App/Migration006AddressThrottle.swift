import Fluent
import SQLKit

/// Failed sign-ins per network address, in the database so that every node counts the same
/// failures (in memory, two nodes gave a guesser twice the free tries). Stands alone.
struct Migration006AddressThrottle: AsyncMigration {
    var name: String { "006-address-throttle" }

    func prepare(on db: any Database) async throws {
        try await db.schema("sign_in_address_failures")
            .field("address", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("blocked_until", .double)
            .field("last_failure_at", .double, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("sign_in_address_failures").delete()
    }
}
