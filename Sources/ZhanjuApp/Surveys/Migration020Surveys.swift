import Fluent
import Foundation
import SQLKit

/// 020: needs surveys. Questionnaires and their frozen versions; distributions to a scope with
/// the sampling that drew them; one invitation code per household or resident; the "has
/// answered" mark kept apart from the responses (one per invitation, enforced by a unique key);
/// partial saves; responses, which in an anonymous distribution carry no invitation and only
/// coarse facts (compound, zone, grid, sex, age band, the day); links from results to the
/// service catalogue or a council topic.
struct Migration020Surveys: AsyncMigration {
    var name: String { "020-surveys" }

    func prepare(on db: any Database) async throws {
        try await db.schema("survey_questionnaires").id()
            // The body that owns it: a workstation or a residents' committee.
            .field("owner_kind", .string, .required)
            .field("owner_id", .uuid, .required)
            .field("title_zh", .string, .required).field("title_en", .string, .required)
            .field("current_version", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("survey_versions").id()
            .field("questionnaire_id", .uuid, .required, .references("survey_questionnaires", "id"))
            .field("version", .int, .required)
            // The questionnaire as ZhanjuRules stores it (SurveyCoding), JSON.
            .field("definition", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "questionnaire_id", "version")
            .create()
        try await db.schema("survey_distributions").id()
            .field("questionnaire_id", .uuid, .required, .references("survey_questionnaires", "id"))
            .field("version", .int, .required)
            .field("name_zh", .string, .required).field("name_en", .string, .required)
            .field("scope_kind", .string, .required)
            .field("scope_id", .uuid, .required)
            .field("sampling", .string, .required)
            .field("seed", .string, .required)
            .field("invitee", .string, .required)
            .field("anonymous", .bool, .required)
            .field("closes_on", .string, .required)
            .field("status", .string, .required)
            .field("invited", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("survey_invitations").id()
            .field("distribution_id", .uuid, .required, .references("survey_distributions", "id"))
            .field("code", .string, .required)
            .field("household_id", .uuid, .required)
            .field("resident_id", .uuid)
            .field("compound_id", .uuid, .required)
            .field("zone_id", .uuid)
            .field("grid_id", .uuid)
            .field("door", .string, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .create()
        // The mark that an invitation was used: apart from the response, with the day only.
        try await db.schema("survey_answered").id()
            .field("invitation_id", .uuid, .required, .references("survey_invitations", "id"))
            .field("distribution_id", .uuid, .required, .references("survey_distributions", "id"))
            .field("answered_on", .string, .required)
            .field("channel", .string, .required)
            .unique(on: "invitation_id")
            .create()
        try await db.schema("survey_drafts").id()
            .field("invitation_id", .uuid, .required, .references("survey_invitations", "id"))
            .field("answers", .string, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "invitation_id")
            .create()
        try await db.schema("survey_responses").id()
            .field("distribution_id", .uuid, .required, .references("survey_distributions", "id"))
            .field("version", .int, .required)
            .field("answers", .string, .required)
            .field("channel", .string, .required)
            .field("entered_by", .string)
            // Identified distributions only; null in anonymous ones.
            .field("invitation_id", .uuid, .references("survey_invitations", "id"))
            .field("compound_id", .uuid)
            .field("zone_id", .uuid)
            .field("grid_id", .uuid)
            .field("sex", .string)
            .field("age_band", .string)
            .field("submitted_on", .string, .required)
            .unique(on: "invitation_id")
            .create()
        try await db.schema("survey_links").id()
            .field("questionnaire_id", .uuid, .required, .references("survey_questionnaires", "id"))
            .field("question_key", .string)
            .field("kind", .string, .required)
            .field("target", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX survey_responses_distribution ON survey_responses (distribution_id)").run()
            try await sql.raw("CREATE INDEX survey_invitations_distribution ON survey_invitations (distribution_id, position)").run()
            try await sql.raw("CREATE INDEX survey_answered_distribution ON survey_answered (distribution_id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["survey_links", "survey_responses", "survey_drafts", "survey_answered", "survey_invitations", "survey_distributions", "survey_versions", "survey_questionnaires"] {
            try await db.schema(table).delete()
        }
    }
}
