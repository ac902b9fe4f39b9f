import Fluent
import SQLKit

/// 001: the registry's tables. Shipped migrations are never edited; changes come as new ones.
struct Migration001CreateRegistry: AsyncMigration {
    var name: String { "001-create-registry" }

    func prepare(on db: any Database) async throws {
        try await db.schema("sub_districts").id()
            .field("code", .string, .required).unique(on: "code")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("policy_name", .string, .required).field("policy_exceptions", .string, .required)
            .create()
        try await db.schema("workstations").id()
            .field("sub_district_id", .uuid, .required, .references("sub_districts", "id"))
            .field("code", .string, .required).unique(on: "code")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("address", .string)
            .create()
        try await db.schema("residents_committees").id()
            .field("workstation_id", .uuid, .required, .references("workstations", "id"))
            .field("code", .string, .required).unique(on: "code")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("structure_rules", .string, .required)
            .create()
        try await db.schema("compounds").id()
            .field("committee_id", .uuid, .required, .references("residents_committees", "id"))
            .field("code", .string, .required).unique(on: "code")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("address", .string)
            .create()
        try await db.schema("zones").id()
            .field("compound_id", .uuid, .required, .references("compounds", "id"))
            .field("code", .string, .required).unique(on: "compound_id", "code")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .create()
        try await db.schema("buildings").id()
            .field("compound_id", .uuid, .required, .references("compounds", "id"))
            .field("zone_id", .uuid, .references("zones", "id"))
            .field("number", .string, .required).unique(on: "compound_id", "number")
            .field("floors", .int, .required)
            .create()
        try await db.schema("entrances").id()
            .field("building_id", .uuid, .required, .references("buildings", "id"))
            .field("number", .string, .required).unique(on: "building_id", "number")
            .create()
        try await db.schema("grids").id()
            .field("workstation_id", .uuid, .required, .references("workstations", "id"))
            .field("code", .string, .required).unique(on: "code")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .create()
        try await db.schema("service_points").id()
            .field("compound_id", .uuid, .required, .references("compounds", "id")).unique(on: "compound_id")
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("address", .string)
            .create()
        try await db.schema("households").id()
            .field("entrance_id", .uuid, .required, .references("entrances", "id"))
            .field("building_id", .uuid, .required, .references("buildings", "id"))
            .field("compound_id", .uuid, .required, .references("compounds", "id"))
            .field("grid_id", .uuid, .references("grids", "id"))
            .field("door", .string, .required).unique(on: "entrance_id", "door")
            .create()
        try await db.schema("residents").id()
            .field("household_id", .uuid, .references("households", "id"))
            .field("relation", .string)
            .field("name", .string, .required)
            .field("sex", .string, .required)
            .field("birth_date", .string, .required)
            .field("hukou", .string, .required)
            .field("political_rights", .bool, .required)
            .field("phone", .string)
            .field("id_number", .string).unique(on: "id_number")
            .field("tags", .string, .required)
            .create()
        try await db.schema("organisations").id()
            .field("kind", .string, .required)
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("workstation_id", .uuid, .references("workstations", "id"))
            .field("committee_id", .uuid, .references("residents_committees", "id"))
            .field("compound_id", .uuid, .references("compounds", "id"))
            .field("parent_id", .uuid, .references("organisations", "id"))
            .create()
        try await db.schema("appointments").id()
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("post", .string, .required)
            .field("body_kind", .string, .required)
            .field("body_id", .uuid, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .create()

        // Foreign keys are not indexed by either database on their own; these are the lookups
        // the pages and counts make.
        let sql = db as! any SQLDatabase
        for (table, column) in [("workstations", "sub_district_id"), ("residents_committees", "workstation_id"),
                                ("compounds", "committee_id"), ("zones", "compound_id"), ("buildings", "zone_id"),
                                ("households", "compound_id"), ("households", "building_id"), ("households", "grid_id"),
                                ("residents", "household_id"), ("residents", "name"), ("organisations", "committee_id"),
                                ("organisations", "compound_id"), ("appointments", "resident_id"), ("appointments", "body_id")] {
            try await sql.create(index: "idx_\(table)_\(column)").on(table).column(column).run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["appointments", "organisations", "residents", "households", "service_points", "grids",
                      "entrances", "buildings", "zones", "compounds", "residents_committees", "workstations", "sub_districts"] {
            try await db.schema(table).delete()
        }
    }
}
