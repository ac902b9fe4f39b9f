import Fluent
import Foundation
import SQLKit

/// 003: the service catalogue, cases and their timelines, visits, added holidays.
struct Migration003Services: AsyncMigration {
    var name: String { "003-services" }

    func prepare(on db: any Database) async throws {
        try await db.schema("service_items").id()
            .field("code", .string, .required).unique(on: "code")
            .field("family", .string, .required)
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("description_zh", .string, .required).field("description_en", .string, .required)
            .field("level", .string, .required)
            .field("materials", .string, .required)
            .field("sla_days", .int, .required)
            .field("attributes", .string, .required)
            .field("active", .bool, .required)
            .create()
        try await db.schema("cases").id()
            .field("number", .string, .required).unique(on: "number")
            .field("item_id", .uuid, .required, .references("service_items", "id"))
            .field("family", .string, .required)
            .field("status", .string, .required)
            .field("channel", .string, .required)
            .field("reporter_account_id", .uuid, .references("accounts", "id"))
            .field("resident_id", .uuid, .references("residents", "id"))
            .field("household_id", .uuid, .references("households", "id"))
            .field("compound_id", .uuid, .references("compounds", "id"))
            .field("grid_id", .uuid, .references("grids", "id"))
            .field("committee_id", .uuid, .references("residents_committees", "id"))
            .field("workstation_id", .uuid, .required, .references("workstations", "id"))
            .field("sub_district_id", .uuid, .required, .references("sub_districts", "id"))
            .field("assigned_kind", .string, .required)
            .field("assigned_body_id", .uuid, .required)
            .field("assignee_account_id", .uuid, .references("accounts", "id"))
            .field("description", .string, .required)
            .field("attributes", .string, .required)
            .field("address", .string)
            .field("lat", .double).field("long", .double)
            .field("media_url", .string)
            .field("public", .bool, .required)
            .field("sla_days", .int, .required)
            .field("reported_at", .datetime, .required)
            .field("reported_on", .string, .required)
            .field("dispatched_on", .string).field("resolved_on", .string).field("closed_on", .string)
            .field("due_on", .string, .required)
            .field("due_confirmed", .bool, .required)
            .field("paused_days", .int, .required)
            .field("paused_since", .string)
            .field("escalated", .bool, .required)
            .field("rating", .int).field("rating_comment", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("case_events").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("seq", .int, .required)
            .field("at", .datetime, .required)
            .field("actor_account_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("note", .string, .required)
            .create()
        try await db.schema("visits").id()
            .field("household_id", .uuid, .required, .references("households", "id"))
            .field("grid_id", .uuid)
            .field("compound_id", .uuid, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("visited_on", .string, .required)
            .field("purpose", .string, .required)
            .field("notes", .string, .required)
            .field("follow_up", .string)
            .field("case_id", .uuid, .references("cases", "id"))
            .create()
        try await db.schema("holidays").id()
            .field("date", .string, .required).unique(on: "date")
            .field("kind", .string, .required)
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .create()
        let sql = db as! any SQLDatabase
        for (table, column) in [("cases", "status"), ("cases", "workstation_id"), ("cases", "committee_id"), ("cases", "compound_id"),
                                ("cases", "grid_id"), ("cases", "household_id"), ("cases", "assignee_account_id"), ("cases", "reporter_account_id"),
                                ("cases", "reported_on"), ("case_events", "case_id"), ("visits", "household_id"), ("visits", "grid_id")] {
            try await sql.create(index: "idx_\(table)_\(column)").on(table).column(column).run()
        }
        // Queues are ordered by due date then number: one index serves the order and the overdue range.
        try await sql.create(index: "idx_cases_due_on_number").on("cases").column("due_on").column("number").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["holidays", "visits", "case_events", "cases", "service_items"] { try await db.schema(table).delete() }
    }
}
