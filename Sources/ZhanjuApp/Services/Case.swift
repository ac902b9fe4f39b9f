import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// 案件: one request or reported problem, from report to evaluation. Where it is (household,
/// compound, grid, committee, workstation) is copied in when it is opened, so queues and
/// dashboards filter on one table.
final class Case: Model, @unchecked Sendable {
    static let schema = "cases"
    @ID(key: .id) var id: UUID?
    /// What residents quote: `ZJ-20261127-000042`.
    @Field(key: "number") var number: String
    @Parent(key: "item_id") var item: ServiceItem
    @Field(key: "family") var family: String
    @Field(key: "status") var status: String
    @Field(key: "channel") var channel: String
    @OptionalField(key: "reporter_account_id") var reporterAccountID: UUID?
    @OptionalField(key: "resident_id") var residentID: UUID?
    @OptionalField(key: "household_id") var householdID: UUID?
    @OptionalField(key: "compound_id") var compoundID: UUID?
    @OptionalField(key: "grid_id") var gridID: UUID?
    @OptionalField(key: "committee_id") var committeeID: UUID?
    @Field(key: "workstation_id") var workstationID: UUID
    @Field(key: "sub_district_id") var subDistrictID: UUID
    @Field(key: "assigned_kind") var assignedKind: String
    @Field(key: "assigned_body_id") var assignedBodyID: UUID
    @OptionalField(key: "assignee_account_id") var assigneeAccountID: UUID?
    @Field(key: "description") var description: String
    /// JSON object: attribute code → answer.
    @Field(key: "attributes") var attributes: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "lat") var lat: Double?
    @OptionalField(key: "long") var long: Double?
    @OptionalField(key: "media_url") var mediaURL: String?
    /// Listed on the Open311 interface (cases filed through it are public by that channel's nature).
    @Field(key: "public") var isPublic: Bool
    @Field(key: "sla_days") var slaDays: Int
    @Field(key: "reported_at") var reportedAt: Date
    @Field(key: "reported_on") var reportedOn: String
    @OptionalField(key: "dispatched_on") var dispatchedOn: String?
    @OptionalField(key: "resolved_on") var resolvedOn: String?
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "due_on") var dueOn: String
    @Field(key: "due_confirmed") var dueConfirmed: Bool
    /// Working days the case has waited on the resident so far (closed pauses only).
    @Field(key: "paused_days") var pausedDays: Int
    @OptionalField(key: "paused_since") var pausedSince: String?
    @Field(key: "escalated") var escalated: Bool
    @OptionalField(key: "rating") var rating: Int?
    @OptionalField(key: "rating_comment") var ratingComment: String?
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var statusValue: CaseStatus { CaseStatus(rawValue: status) ?? .reported }
    var attributeValues: [String: String] { (try? JSONDecoder().decode([String: String].self, from: Data(attributes.utf8))) ?? [:] }
    var place: Place {
        Place(subDistrict: subDistrictID, workstation: workstationID, committee: committeeID, compound: compoundID, grid: gridID, household: householdID)
    }
}

/// One step of a case's timeline: who did what, when, from which state to which.
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"
    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var kase: Case
    /// Order within the case (several steps can share a timestamp).
    @Field(key: "seq") var seq: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_account_id") var actorAccountID: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @Field(key: "note") var note: String
    init() {}
}

/// 走访: a grid worker's home visit.
final class Visit: Model, @unchecked Sendable {
    static let schema = "visits"
    @ID(key: .id) var id: UUID?
    @Parent(key: "household_id") var household: Household
    @OptionalField(key: "grid_id") var gridID: UUID?
    @Field(key: "compound_id") var compoundID: UUID
    @Parent(key: "account_id") var account: Account
    @Field(key: "visited_on") var visitedOn: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "notes") var notes: String
    @OptionalField(key: "follow_up") var followUp: String?
    @OptionalField(key: "case_id") var caseID: UUID?
    init() {}
}

/// A public holiday or make-up workday added by an administrator (years beyond the bundled notice).
final class HolidayRow: Model, @unchecked Sendable {
    static let schema = "holidays"
    @ID(key: .id) var id: UUID?
    @Field(key: "date") var date: String
    @Field(key: "kind") var kind: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    init() {}
}

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
                                ("cases", "due_on"), ("cases", "reported_on"), ("case_events", "case_id"), ("visits", "household_id"), ("visits", "grid_id")] {
            try await sql.create(index: "idx_\(table)_\(column)").on(table).column(column).run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["holidays", "visits", "case_events", "cases", "service_items"] { try await db.schema(table).delete() }
    }
}
