import Fluent
import Foundation

/// 016: a step the supervisory committee takes as a body (a finding, a sign-off) keeps how it
/// decided: its members, who was present, who agreed (by name), under which rule set.
struct Migration016CouncilBodyDecisions: AsyncMigration {
    var name: String { "016-council-body-decisions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("council_execution_events").field("decision", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("council_execution_events").deleteField("decision").update()
    }
}
