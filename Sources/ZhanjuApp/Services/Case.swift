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
    // The registry's household by id: the table keeps the foreign key, the model no registry type.
    @Field(key: "household_id") var householdID: UUID
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



extension Case {
    /// A case from a plain SQL row, column by column. Fluent decodes a model by reflecting on
    /// every property for every row; for a queue of fifty 35-column cases that was 40 % of the
    /// request (BENCHMARKS.md).
    /// One case by id, read by SQL and decoded by hand (Fluent's decoding reflects on the
    /// model's thirty-odd fields, which the case service's every step paid).
    static func read(_ id: UUID?, on db: any Database) async throws -> Case? {
        guard let id else { return nil }
        return try await (db as! any SQLDatabase).select().column("*").from(schema).where("id", .equal, SQLBind(id)).first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Case {
        func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        func optionalText(_ c: String) throws -> String? { try row.decode(column: c, as: String?.self) }
        func id(_ c: String) throws -> UUID? { try row.decode(column: c, as: UUID?.self) }
        let c = Case()
        c.id = try row.decode(column: "id", as: UUID.self)
        c.number = try text("number")
        c.$item.id = try row.decode(column: "item_id", as: UUID.self)
        (c.family, c.status, c.channel) = (try text("family"), try text("status"), try text("channel"))
        (c.reporterAccountID, c.residentID, c.householdID) = (try id("reporter_account_id"), try id("resident_id"), try id("household_id"))
        (c.compoundID, c.gridID, c.committeeID) = (try id("compound_id"), try id("grid_id"), try id("committee_id"))
        c.workstationID = try row.decode(column: "workstation_id", as: UUID.self)
        c.subDistrictID = try row.decode(column: "sub_district_id", as: UUID.self)
        c.assignedKind = try text("assigned_kind")
        c.assignedBodyID = try row.decode(column: "assigned_body_id", as: UUID.self)
        c.assigneeAccountID = try id("assignee_account_id")
        (c.description, c.attributes) = (try text("description"), try text("attributes"))
        (c.address, c.mediaURL) = (try optionalText("address"), try optionalText("media_url"))
        c.lat = try row.decode(column: "lat", as: Double?.self)
        c.long = try row.decode(column: "long", as: Double?.self)
        c.isPublic = try row.decode(column: "public", as: Bool.self)
        c.slaDays = try row.decode(column: "sla_days", as: Int.self)
        c.reportedAt = try row.decode(column: "reported_at", as: Date.self)
        c.reportedOn = try text("reported_on")
        (c.dispatchedOn, c.resolvedOn, c.closedOn) = (try optionalText("dispatched_on"), try optionalText("resolved_on"), try optionalText("closed_on"))
        c.dueOn = try text("due_on")
        c.dueConfirmed = try row.decode(column: "due_confirmed", as: Bool.self)
        c.pausedDays = try row.decode(column: "paused_days", as: Int.self)
        c.pausedSince = try optionalText("paused_since")
        c.escalated = try row.decode(column: "escalated", as: Bool.self)
        c.rating = try row.decode(column: "rating", as: Int?.self)
        c.ratingComment = try optionalText("rating_comment")
        c.updatedAt = try row.decode(column: "updated_at", as: Date.self)
        c.$id.exists = true
        return c
    }
}
