import Fluent
import Foundation
import SQLKit

/// 021: surveys: each response's single answers coded one character per question, and each
/// distribution's count of every code string, kept in the write that adds a response, so that
/// a cross-tabulation of two single answers over a million responses reads a few rows
/// (SurveyCrossTab). 020 shipped on main without them.
struct Migration021SurveyCodes: AsyncMigration {
    var name: String { "021-survey-codes" }

    func prepare(on db: any Database) async throws {
        try await db.schema("survey_responses").field("codes", .string).update()
        try await db.schema("survey_code_counts").id()
            .field("distribution_id", .uuid, .required, .references("survey_distributions", "id"))
            .field("codes", .string, .required)
            .field("n", .int, .required)
            .unique(on: "distribution_id", "codes")
            .create()
        // Responses written before have no codes: each distribution's count of them goes under
        // the empty code string, which tells SurveyCrossTab to make the table from the answers.
        guard let sql = db as? any SQLDatabase else { return }
        let rows = try await sql.raw("SELECT distribution_id, COUNT(*) AS n FROM survey_responses GROUP BY distribution_id").all()
        for row in rows {
            let distribution = try row.decode(column: "distribution_id", as: UUID.self)
            let n = try row.decode(column: "n", as: Int.self)
            try await sql.raw("INSERT INTO survey_code_counts (id, distribution_id, codes, n) VALUES (\(bind: UUID()), \(bind: distribution), '', \(bind: n))").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("survey_code_counts").delete()
        try await db.schema("survey_responses").deleteField("codes").update()
    }
}
