import Fluent
import Foundation

/// 009: written proxies (委托投票): who votes for whom, published with the roll before polling.
struct Migration009ElectionProxies: AsyncMigration {
    var name: String { "009-election-proxies" }

    func prepare(on db: any Database) async throws {
        try await db.schema("election_proxies").id()
            .field("election_id", .uuid, .required, .references("elections", "id"))
            .field("grantor_id", .uuid, .required, .references("residents", "id"))
            .field("grantor_name", .string, .required)
            .field("holder_id", .uuid, .required, .references("residents", "id"))
            .field("holder_name", .string, .required)
            .field("relation", .string, .required)
            .field("recorded_on", .string, .required)
            .unique(on: "election_id", "grantor_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("election_proxies").delete()
    }
}
