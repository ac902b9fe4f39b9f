import Fluent

/// 022: surveys: the day a distribution was closed by hand. A distribution closed before its
/// planned date told respondents it had "closed on" that (future) date; now it tells the day it
/// stopped taking answers. Distributions closed before this migration keep their planned date.
struct Migration022SurveyClosedOn: AsyncMigration {
    var name: String { "022-survey-closed-on" }

    func prepare(on db: any Database) async throws {
        try await db.schema("survey_distributions").field("closed_on", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("survey_distributions").deleteField("closed_on").update()
    }
}
