import Fluent
import Foundation

/// 012: dwellings and their owners, apart from the households living in them (Civil Code arts.
/// 271–278; SPC interpretation 2009, arts. 8–9). An owner need not live in the area (a flat let
/// to tenants: the tenants are residents, not owners); the developer holds its unsold or
/// undelivered parts as one owner. Area in hundredths of a square metre, with its source.
struct Migration012Dwellings: AsyncMigration {
    var name: String { "012-dwellings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("property_owners").id()
            .field("compound_id", .uuid, .required, .references("compounds", "id"))
            .field("name", .string, .required)
            // The owner as a resident of the registry, when they are one.
            .field("resident_id", .uuid, .references("residents", "id"))
            .field("developer", .bool, .required)
            .create()
        try await db.schema("dwellings").id()
            .field("compound_id", .uuid, .required, .references("compounds", "id"))
            // The household living there, if any (owner-occupied or let).
            .field("household_id", .uuid, .references("households", "id"))
            .field("label", .string, .required)
            .field("area_hundredths", .int, .required)
            .field("area_source", .string, .required)
            .field("owner_id", .uuid, .required, .references("property_owners", "id"))
            .field("let", .bool, .required)
            .unique(on: "compound_id", "label")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("dwellings").delete()
        try await db.schema("property_owners").delete()
    }
}
