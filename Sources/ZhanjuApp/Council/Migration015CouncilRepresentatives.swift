import Fluent
import Foundation

/// 015: residents' representatives (居民代表), a register per committee, each chosen for a residents'
/// group with a term (start day, end day from the rule set's years, or ended early with a reason).
struct Migration015CouncilRepresentatives: AsyncMigration {
    var name: String { "015-council-representatives" }

    func prepare(on db: any Database) async throws {
        try await db.schema("council_representatives").id()
            .field("committee_id", .uuid, .required, .references("residents_committees", "id"))
            .field("group_id", .uuid, .required)
            .field("resident_id", .uuid, .required)
            .field("household_id", .uuid, .required)
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("ended_on", .string)
            .field("end_reason", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("council_representatives").delete()
    }
}
