import Foundation
internal import VaporCSQLite
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
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "SQLite: \(message)" }
    }

    init(path: String) throws {
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nil) == SQLITE_OK else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite_nio_sqlite3_close(db)
            throw Failure(message: message)
        }
        sqlite_nio_sqlite3_busy_timeout(db, 5_000)
    }

    func execute(_ sql: String) throws {
        guard sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// The first column of the first row, as text (a count, or a PRAGMA's answer).
    func value(_ sql: String) throws -> String? {
        var stmt: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK else { throw failure() }
        defer { sqlite_nio_sqlite3_finalize(stmt) }
        switch sqlite_nio_sqlite3_step(stmt) {
        case SQLITE_ROW: return sqlite_nio_sqlite3_column_text(stmt, 0).map { String(cString: $0) }
        case SQLITE_DONE: return nil
        default: throw failure()
        }
    }

    /// Inserts the rows, each through the table's prepared statement.
    func insert(into table: String, columns: [String], rows: [[BulkValue]]) throws {
        let stmt = try statement(table, columns)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for row in rows {
            for (i, value) in row.enumerated() {
                let n = Int32(i + 1)
                let rc: Int32
                switch value {
                case .uuid(let u): rc = sqlite_nio_sqlite3_bind_text(stmt, n, Hex.uuid(u), -1, transient)
                case .text(let t): rc = sqlite_nio_sqlite3_bind_text(stmt, n, t, -1, transient)
                case .int(let v): rc = sqlite_nio_sqlite3_bind_int64(stmt, n, Int64(v))
                case .bool(let b): rc = sqlite_nio_sqlite3_bind_int64(stmt, n, b ? 1 : 0)
                case .null: rc = sqlite_nio_sqlite3_bind_null(stmt, n)
                case .seal: throw Failure(message: "\(table): a personal number reached the database unsealed")
                }
                guard rc == SQLITE_OK else { throw failure() }
            }
            let rc = sqlite_nio_sqlite3_step(stmt)
            sqlite_nio_sqlite3_reset(stmt)
            guard rc == SQLITE_DONE else { throw failure("\(table): ") }
        }
    }

    private func statement(_ table: String, _ columns: [String]) throws -> OpaquePointer {
        if let s = statements[table] { return s }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))"
        var stmt: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil) == SQLITE_OK, let stmt else { throw failure() }
        statements[table] = stmt
        return stmt
    }

    func close() {
        for stmt in statements.values { sqlite_nio_sqlite3_finalize(stmt) }
        statements = [:]
        sqlite_nio_sqlite3_close(db)
        db = nil
    }

    private func failure(_ prefix: String = "") -> Failure {
        Failure(message: prefix + (db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "no connection"))
    }
}
