import Foundation
import ZhanjuRules

/// A connection of its own to the SQLite file for loading a city: one transaction, one INSERT
/// statement per table prepared once and run for every row.
///
/// Why not the driver: a multi-row INSERT through SQLiteNIO is parsed afresh for each batch (tens
/// of thousands of placeholders), its values converted one by one, and each batch handed to the
/// driver's thread and back; together that was more than the inserting itself. This uses the
/// driver's own SQLite library (sqlite-nio's copy, never a second one: see SQLiteReadPool), and the
/// file stays in WAL mode, so the server's connections and this one follow the same rules.
final class SQLiteBulkWriter: @unchecked Sendable {
    // Used by one task at a time: CityGenerator runs its batches strictly in order.
    private let handle: SQLiteHandle
    private var statements: [String: SQLiteStatement] = [:]

    typealias Failure = SQLiteHandle.Failure

    init(path: String) throws {
        handle = try SQLiteHandle(path: path, mode: .readWrite)
    }

    func execute(_ sql: String) throws { try handle.execute(sql) }

    /// The first column of the first row, as text (a count, or a PRAGMA's answer).
    func value(_ sql: String) throws -> String? { try handle.value(sql) }

    /// Inserts the rows, each through the table's prepared statement.
    func insert(into table: String, columns: [String], rows: [[BulkValue]]) throws {
        let stmt = try statement(table, columns)
        for row in rows {
            for (i, value) in row.enumerated() {
                let n = Int32(i + 1)
                let bound: Bool
                switch value {
                case .uuid(let u): bound = stmt.bind(Hex.uuid(u), at: n)
                case .text(let t): bound = stmt.bind(t, at: n)
                case .int(let v): bound = stmt.bind(Int64(v), at: n)
                case .bool(let b): bound = stmt.bind(b ? 1 : 0, at: n)
                case .null: bound = stmt.bindNull(at: n)
                case .seal: throw Failure(message: "\(table): a personal number reached the database unsealed")
                }
                guard bound else { throw handle.failure() }
            }
            let step = stmt.step()
            stmt.reset()
            guard step == .done else { throw handle.failure("\(table): ") }
        }
    }

    private func statement(_ table: String, _ columns: [String]) throws -> SQLiteStatement {
        if let s = statements[table] { return s }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))"
        let stmt = try handle.prepare(sql, persistent: true)
        statements[table] = stmt
        return stmt
    }

    func close() {
        for stmt in statements.values { stmt.finalize() }
        statements = [:]
        handle.close()
    }
}

