import Fluent
import Foundation

/// 014: a committee's own rule set for one of its bodies (quorum, majority and its base, secret or
/// roll-call), versioned: each change is a new version, and a meeting keeps the rules it was
/// called under.
struct Migration014CouncilRuleSets: AsyncMigration {
    var name: String { "014-council-rule-sets" }

    func prepare(on db: any Database) async throws {
        try await db.schema("council_rule_sets").id()
            .field("committee_id", .uuid, .required, .references("residents_committees", "id"))
            .field("body", .string, .required)
            .field("version", .int, .required)
            .field("rules", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "committee_id", "body", "version")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("council_rule_sets").delete()
    }
}
