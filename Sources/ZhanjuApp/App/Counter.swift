import Fluent
import SQLKit

/// Numbers handed out in order, such as a day's case numbers: a row in `counters`, advanced in
/// the same write that uses the number, so two processes never hand out the same one and a
/// rolled-back write gives its number back.
enum Counter {
    /// The next value of the counter; a counter not yet in the table starts after `existing()`
    /// (what was handed out before counters were kept, e.g. the day's last case number).
    static func next(_ name: String, on tx: any Database, startingAfter existing: () async throws -> Int) async throws -> Int {
        try WritePath.requireWrite()
        let sql = tx as! any SQLDatabase
        if let row = try await sql.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value").first() {
            return try row.decode(column: "value", as: Int.self)
        }
        let first = try await existing() + 1
        try await sql.raw("INSERT INTO counters (name, value) VALUES (\(bind: name), \(bind: first))").run()
        return first
    }
}
