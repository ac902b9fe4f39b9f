import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// A cross-tabulation of two single-answer questions (single choice or rating) counted by the
/// database over the stored answers, without reading them into the process: what a table over
/// a million responses needs. Each response's single answers are coded one character per
/// question (SurveyCodes), and the write that adds a response adds one to its code string's
/// count (`survey_code_counts`); the table is added up from those counts, on SQLite and
/// PostgreSQL alike.
/// The result is the same table `CrossTabulation(rows:columns:)` makes from the answers.
enum SurveyCrossTab {
    /// Whether the database can count this pair: both single-answer questions with categories.
    static func applies(_ q: Questionnaire, row: String, column: String) -> Bool {
        func single(_ key: String) -> Bool {
            guard let question = q.question(key) else { return false }
            switch question.kind {
            case .singleChoice, .ratingScale: return true
            default: return false
            }
        }
        return row != column && single(row) && single(column)
    }

    static func count(_ d: SurveyDistribution, questionnaire q: Questionnaire, row: String, column: String, on db: any Database) async throws -> CrossTabulation? {
        guard applies(q, row: row, column: column), let rq = q.question(row), let cq = q.question(column),
              let rows = CategoricalVariable.categories(of: rq), let columns = CategoricalVariable.categories(of: cq) else { return nil }
        guard let rp = SurveyCodes.position(of: row, in: q), let cp = SurveyCodes.position(of: column, in: q) else { return nil }
        let sql = db as! any SQLDatabase
        // The counts of each code string, kept in the write that adds a response
        // (SurveyService.count): a few hundred rows however many responses there are.
        let query: SQLQueryString = """
            SELECT codes AS k, n FROM survey_code_counts WHERE distribution_id = \(bind: d.id!)
            """
        let code = { (i: Int) in String(SurveyCodes.alphabet[i]) }
        let rowIndex = Dictionary(rows.indices.map { (code($0), $0) }, uniquingKeysWith: { a, _ in a })
        let columnIndex = Dictionary(columns.indices.map { (code($0), $0) }, uniquingKeysWith: { a, _ in a })
        var counts = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
        var excluded = 0
        for result in try await sql.raw(query).all() {
            let n = try result.decode(column: "n", as: Int.self)
            guard let k = try result.decode(column: "k", as: String?.self) else { excluded += n; continue }
            // Responses without codes (written before migration 021): the table comes from the answers.
            if k.isEmpty { return nil }
            let chars = Array(k)
            guard chars.count >= max(rp, cp), let i = rowIndex[String(chars[rp - 1])], let j = columnIndex[String(chars[cp - 1])] else { excluded += n; continue }
            counts[i][j] += n
        }
        return CrossTabulation(rowKey: row, rows: rows, columnKey: column, columns: columns, counts: counts, excluded: excluded)
    }
}
